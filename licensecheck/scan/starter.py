# SPDX-License-Identifier: Apache-2.0
"""The commented starter configuration `licensecheck init` writes."""

from __future__ import annotations

from pathlib import Path

from licensecheck.scan.manifests import READERS, ManifestError

STARTER = """\
# licensecheck configuration: how `licensecheck scan` judges this project's components.
# Every key is optional. Reference: docs/scanning.md.

# The licence this project is distributed under (an SPDX expression).
# Default: what the project declares (pyproject.toml, package.json, Cargo.toml, composer.json,
# pom.xml, setup.cfg, or a single licence file at the root).
{outbound}

# Who the project (the licensee of its dependencies) is: a kind of spec section 3 and attributes.
# Absent: anyone, and verdicts that depend on who the licensee is become `conditional`.
# licensee:
#   kind: worker-cooperative
#   worker_owned: true
#   member_of: [la-coop-des-communs]

# What the project is used for (purpose tags); absent = not stated.
# purpose: [commercial]

# An organisation's licence policy applied on top of the licences, e.g. asf-3rd-party.
# policy: asf-3rd-party

# How components are used, first matching rule wins (by `path` glob, `package` name glob or
# `ecosystem`: pypi, npm, cargo, composer, maven, golang, gem, nuget, files).
# Defaults: source files static-link, other files aggregate, vendored folders modify,
# development dependencies build-tool, runtime dependencies dynamic-link (cargo, golang: static-link).
# usage:
#   - path: "vendor/**"
#     use: modify
#   - package: "pytest*"
#     use: build-tool
#   - ecosystem: npm          # a bundled web application
#     use: static-link

# Paths not scanned at all (globs; `**` crosses folders).
# exclude:
#   - "tests/fixtures/**"

# Findings the project accepts, with the reason and an optional expiry date (an expired one fails).
# exceptions:
#   - component: "some-package"
#     reason: "used only by the optional export plugin; replacement tracked in #123"
#     expires: 2027-06-30
"""


def declared_license(root: Path) -> str | None:
    """The licence the root manifests declare, if any (read, never executed)."""
    for name, reader in READERS.items():
        path = root / name
        if not path.is_file():
            continue
        try:
            manifest = reader(name, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ManifestError):
            continue
        if manifest is not None and manifest.licenses:
            declared = manifest.licenses[0]
            return declared.expression or declared.raw
    return None


def starter(root: Path) -> str:
    """The starter text, with the declared outbound licence filled in when there is one."""
    declared = declared_license(root)
    outbound = f"outbound: {declared}" if declared else "# outbound: MIT"
    return STARTER.format(outbound=outbound)
