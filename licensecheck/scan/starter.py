# SPDX-License-Identifier: Apache-2.0
"""The commented starter configuration `licensecheck init` writes."""

from __future__ import annotations

from pathlib import Path

from licensecheck.errors import LicenseCheckError
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
# Or a policy written here (licence ids or categories such as permissive, copyleft, non-commercial):
# allow: [MIT, Apache-2.0, permissive]
# deny: [non-commercial]

# The project's own terms files or folders (relative to this file), as --terms.
# terms: [legal/]

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
#     license: MIT          # pinned: if the package changes licence, the exception no longer applies
#     expires: 2027-06-30

# Packages whose declared licence is wrong: the licence to use instead, and why.
# overrides:
#   - package: "some-package"
#     license: MIT
#     reason: "the package.json says ISC but its LICENSE file is the MIT licence"

# Unknown findings that need not fail the scan (they stay in the report, as accepted):
# unknown:
#   build-only: accept        # build tools and development dependencies
#   lockfile-only: accept     # packages a lockfile lists without their licence
"""


def declared_license(root: Path) -> str | None:
    """The licence the root manifests declare, if any (read, never executed)."""
    for name, reader in READERS.items():
        path = root / name
        if not path.is_file() or path.is_symlink():
            continue
        try:
            from licensecheck.files import read_text

            manifest = reader(name, read_text(path, name, max_bytes=16 * 1024 * 1024))
        except (ManifestError, LicenseCheckError, ValueError, TypeError):
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
