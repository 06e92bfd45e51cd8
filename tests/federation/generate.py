# SPDX-License-Identifier: Apache-2.0
"""Generated federation registries: many platforms with a few licensee profiles, many commons with a few
licences (reciprocity licences among them). Used by the tests and by `bench/federation.py`."""

from __future__ import annotations

import itertools
import json
import random
from typing import Any

#: licence expressions by kind of work, reciprocity licences included (the benchmark uses the first 40)
LICENCES: tuple[tuple[str, str], ...] = (
    ("software", "MIT"), ("software", "Apache-2.0"), ("software", "AGPL-3.0-only"), ("software", "GPL-3.0-or-later"),
    ("software", "LicenseRef-CoopCycle"), ("software", "PPL"), ("content", "CC-BY-SA-4.0"), ("data", "ODbL-1.0"),
    ("software", "BSD-3-Clause"), ("software", "GPL-2.0-only"), ("software", "LGPL-3.0-only"), ("software", "MPL-2.0"),
    ("software", "EUPL-1.2"), ("software", "CECILL-2.1"), ("software", "LicenseRef-scancode-cooperative-non-violent-7.0"),
    ("software", "LicenseRef-scancode-anti-capitalist-1.4"), ("software", "Parity-7.0.0"),
    ("software", "PolyForm-Noncommercial-1.0.0"), ("software", "Hippocratic-2.1"), ("software", "MIT OR Apache-2.0"),
    ("software", "GPL-2.0-or-later WITH Classpath-exception-2.0"), ("software", "Apache-2.0 AND MIT"),
    ("software", "AGPL-3.0-or-later"), ("software", "LGPL-2.1-or-later"),
    ("data", "CC-BY-4.0"), ("data", "CC0-1.0"), ("data", "etalab-2.0"), ("data", "ODC-By-1.0"), ("data", "PDDL-1.0"),
    ("data", "CC-BY-NC-4.0"), ("content", "LicenseRef-Coopyright-1.1"), ("content", "CC-BY-NC-SA-4.0"),
    ("content", "CC-BY-ND-4.0"), ("content", "LAL-1.3"), ("content", "CC-BY-4.0"), ("content", "CC-BY-NC-ND-4.0"),
    ("content", "CC0-1.0"), ("content", "PPL"), ("software", "ISC"), ("software", "BUSL-1.1"),
    # beyond the first 40: an id the library does not know (its cells are `unknown`)
    ("software", "LicenseRef-Unknown-Reciprocity-1.0"),
)

USES = {
    "software": ["internal-use", "network-service", "modify", "static-link", "dynamic-link", "distribute"],
    "data": ["include-data", "produced-work", "distribute", "internal-use", "aggregate", "modify"],
    "content": ["distribute", "relicense-adaptation", "modify", "aggregate", "internal-use", "include-data"],
}
PRODUCT_LICENCES = ("AGPL-3.0-only", "GPL-3.0-or-later", "MIT", "Apache-2.0", "LicenseRef-CoopCycle", "EUPL-1.2")
_KINDS = ("association", "multi-stakeholder-cooperative", "worker-cooperative", "business-and-employment-cooperative",
          "cooperative", "for-profit-company", "small-business", "municipality", "foundation", "individual")
_ATTRIBUTES: tuple[dict[str, Any], ...] = (
    {"ess_entity": True}, {"ess_entity": True, "workers_are_employees": True},
    {"worker_owned": True, "surplus_to_workers": True}, {"privately_owned": True, "waged_employees": True},
    {"member_of": ["la-coop-des-communs"], "active_contributor": True}, {},
)
_PURPOSES: tuple[list[str] | None, ...] = (["commercial"], None, ["non-commercial"])


def profiles(count: int) -> list[dict[str, Any]]:
    """`count` distinct licensee profiles: {licensee, purpose}."""
    out = []
    for kind, attributes, purpose in itertools.product(_KINDS, _ATTRIBUTES, _PURPOSES):
        out.append({"licensee": {"kind": kind, **attributes}, "purpose": purpose})
    random.Random(30).shuffle(out)
    return out[:count]


def registry(platforms: int, commons: int, profile_count: int = 30, licence_count: int = 40, seed: int = 1,
             outsiders: int = 3, products: bool = True) -> dict[str, Any]:
    """A registry as plain data (write it with `registry_text`)."""
    rnd = random.Random(seed)
    licences = LICENCES[:licence_count]
    listed_commons = []
    for i in range(commons):
        work, license = licences[i % len(licences)]
        owner = f"p{rnd.randrange(platforms):04d}" if i % 2 == 0 else f"steward-{i % 17}"
        listed_commons.append({"id": f"c{i:05d}", "name": f"Commons {i}", "owner": owner, "work": work,
                               "license": license})
    software = [c["id"] for c in listed_commons if c["work"] == "software"]
    shapes = profiles(profile_count)
    listed_platforms = []
    for i in range(platforms):
        shape = shapes[i % len(shapes)]
        platform: dict[str, Any] = {"id": f"p{i:04d}", "name": f"Platform {i}", "licensee": shape["licensee"]}
        if shape["purpose"] is not None:
            platform["purpose"] = shape["purpose"]
        if products and i % 2 == 0 and software:
            platform["products"] = [{"id": f"p{i:04d}-app", "license": PRODUCT_LICENCES[i % len(PRODUCT_LICENCES)],
                                     "work": "software", "reuses": rnd.sample(software, min(5, len(software)))}]
        listed_platforms.append(platform)
    listed_outsiders = [{"id": f"outsider-{i}", "licensee": shape["licensee"],
                         **({"purpose": shape["purpose"]} if shape["purpose"] is not None else {})}
                        for i, shape in enumerate(profiles(max(outsiders, 1))[:outsiders])]
    return {"format_version": 1, "federation": {"id": "generated", "name": "Generated federation"},
            "platforms": listed_platforms, "commons": listed_commons,
            "uses": {kind: uses for kind, uses in USES.items()}, "outsiders": listed_outsiders}


def registry_text(data: dict[str, Any]) -> str:
    """YAML text of a registry (JSON is YAML; one entry per line keeps large files quick to read)."""
    lines = ["format_version: 1", f"federation: {json.dumps(data['federation'])}", f"uses: {json.dumps(data['uses'])}"]
    for key in ("platforms", "commons", "outsiders"):
        lines.append(f"{key}:")
        lines += [f"  - {json.dumps(item, ensure_ascii=False)}" for item in data[key]]
    return "\n".join(lines) + "\n"
