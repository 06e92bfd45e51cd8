# SPDX-License-Identifier: Apache-2.0
"""The library knows the licences real installed trees declare (tests/data/real-world-ids.txt).

Each declaration is mapped to an SPDX expression by the scanner's own readers (METADATA, package.json,
DEP-5 short names), as `licensecheck scan` would map it; the ids of the mapped expressions are then looked
up in the licence library. Declarations the scanner cannot map (free-text names such as `BSD`, licence
texts, DEP-5 names local to one copyright file) are not ids and are counted apart.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from licensecheck import spdx_meta
from licensecheck.catalog import Catalog
from licensecheck.library import load_library
from licensecheck.scan import manifests, names

SAMPLE = Path(__file__).parent / "data" / "real-world-ids.txt"
_TOKEN = re.compile(r"[^\s()]+")
_OPERATORS = frozenset({"and", "or", "with"})


@dataclass
class Share:
    """Occurrences of ids in the sample: all of them, the known ones, and what could not be mapped."""

    ids: Counter[str]
    unknown: Counter[str]
    unmapped: Counter[str]

    @property
    def known_share(self) -> float:
        total = sum(self.ids.values())
        return 1.0 - sum(self.unknown.values()) / total if total else 1.0


def _debian(text: str) -> str | None:
    """A DEP-5 `License:` field as the scanner reads it (its DEP-5 table where it has one)."""
    from licensecheck.scan import reuse

    reader = getattr(reuse, "debian_expression", None)
    return reader(text) if reader is not None else names.to_expression(text)


def _pypi(declaration: str) -> str | None:
    """The expression the scanner takes from METADATA with these licence fields."""
    fields = ["Metadata-Version: 2.4", "Name: sample"]
    for part in declaration.split(" | "):
        key, _, value = part.partition(": ")
        fields += [f"License: {value}", "  (licence text)"] if key == "License-Text" else [f"{key}: {value}"]
    manifest = manifests.read_metadata("METADATA", "\n".join(fields) + "\n")
    return manifest.licenses[0].expression if manifest is not None and manifest.licenses else None


def _npm(declaration: str) -> str | None:
    """The expression the scanner takes from a package.json with this `license` value."""
    value = json.loads(declaration)
    data: dict[str, object] = {"name": "sample", "version": "1.0.0"}
    if isinstance(value, dict) and "licenses" in value:
        data["licenses"] = value["licenses"]
    elif value is not None:
        data["license"] = value
    manifest = manifests.read_package_json("package.json", json.dumps(data))
    return manifest.licenses[0].expression if manifest is not None and manifest.licenses else None


MAPPERS = {"pypi": _pypi, "npm": _npm, "debian": _debian}


def is_licence_id(token: str, catalog: Catalog) -> bool:
    """An SPDX licence or exception id (any case, `+` allowed), a LicenseRef id, or an id the library resolves."""
    return (token.lower().startswith("licenseref-") or spdx_meta.lookup(token) is not None
            or catalog.resolve(token) is not None)


def measure(source: str | None = None) -> Share:
    """The sample's id occurrences, weighted by how many packages declared them."""
    catalog = load_library()
    share = Share(Counter(), Counter(), Counter())
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        origin, count, declaration = line.split("\t", 2)
        if source is not None and origin != source:
            continue
        expression = MAPPERS[origin](declaration)
        tokens = [t for t in _TOKEN.findall(expression or "") if t.lower() not in _OPERATORS]
        if not tokens or not all(is_licence_id(t, catalog) for t in tokens):
            share.unmapped[f"{origin}: {declaration}"] += int(count)
            continue
        for token in tokens:
            share.ids[token] += int(count)
            if catalog.resolve(token) is None:
                share.unknown[token] += int(count)
    return share


#: ids of the sample that other breadth batches of issue 10 are still writing (their brief lists them): until
#: they land in the library, the 99% test is an expected failure naming what is missing. Empty now that batch B
#: (breadth-b: LGPL-2.0, MPL-1.1, EPL-1.0, MS-PL, Sleepycat, Artistic, GPL-1.0) has landed.
OTHER_BATCHES: dict[str, str] = {}


def test_the_library_knows_99_percent_of_the_ids_real_trees_declare() -> None:
    """At least 99% of the licence ids declared in the sample (weighted by packages) are in the library."""
    share = measure()
    missing = ", ".join(f"{i} ({n})" for i, n in share.unknown.most_common())
    if share.known_share < 0.99 and all(i.lower() in OTHER_BATCHES for i in share.unknown):
        pytest.xfail(f"{share.known_share:.2%} known; missing, all from other batches: {missing}")
    assert share.known_share >= 0.99, f"{share.known_share:.2%} known; missing: {missing}"


def test_the_ids_no_other_batch_writes_are_known() -> None:
    """Leaving aside the ids other batches are writing, 99% of the sample's ids are in the library now."""
    share = measure()
    for name in [i for i in share.ids if i.lower() in OTHER_BATCHES]:
        del share.ids[name]
        share.unknown.pop(name, None)
    missing = ", ".join(f"{i} ({n})" for i, n in share.unknown.most_common())
    assert share.known_share >= 0.99, f"{share.known_share:.2%} known; missing: {missing}"


def test_the_sample_covers_three_ecosystems() -> None:
    """The sample has ids from each source, most of its declarations map to ids, and all of it parses."""
    for origin in MAPPERS:
        assert sum(measure(origin).ids.values()) > 100, origin
    share = measure()
    assert sum(share.ids.values()) > sum(share.unmapped.values())
