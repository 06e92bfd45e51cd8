# SPDX-License-Identifier: Apache-2.0
"""Licence strings as packages write them, turned into SPDX expressions where that is certain.

A string that already reads as an SPDX expression is kept as written (the checker reports unknown
ids). Common licence names (`MIT License`, `Apache 2.0`) and trove classifiers are mapped to
their SPDX id. Anything else is not guessed: it stays as written and its finding is `unknown`.
Ambiguous names (`BSD License`, `GPL`) are not mapped.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+:-]*$")
_OPERATORS = frozenset({"and", "or", "with"})

_NAMES: dict[str, str] = {
    "mit": "MIT", "mit license": "MIT", "the mit license": "MIT", "mit licence": "MIT", "expat": "MIT",
    "expat license": "MIT",
    "apache 2": "Apache-2.0", "apache 2.0": "Apache-2.0", "apache2": "Apache-2.0", "apache-2": "Apache-2.0",
    "apache license 2.0": "Apache-2.0", "apache license version 2.0": "Apache-2.0",
    "apache license, version 2.0": "Apache-2.0", "the apache license, version 2.0": "Apache-2.0",
    "the apache software license, version 2.0": "Apache-2.0", "peer production license": "PPL", "apache software license 2.0": "Apache-2.0",
    "apache software license, version 2.0": "Apache-2.0", "asl 2.0": "Apache-2.0", "apache license v2.0": "Apache-2.0",
    "isc license": "ISC", "isc licence": "ISC", "bsd-2": "BSD-2-Clause", "bsd 2-clause": "BSD-2-Clause",
    "bsd 2-clause license": "BSD-2-Clause", "simplified bsd": "BSD-2-Clause", "bsd-3": "BSD-3-Clause",
    "bsd 3-clause": "BSD-3-Clause", "bsd 3-clause license": "BSD-3-Clause", "new bsd": "BSD-3-Clause",
    "new bsd license": "BSD-3-Clause", "modified bsd license": "BSD-3-Clause",
    "gplv2": "GPL-2.0-only", "gpl v2": "GPL-2.0-only", "gpl-2": "GPL-2.0-only", "gnu gpl v2": "GPL-2.0-only",
    "gplv2+": "GPL-2.0-or-later", "gplv3": "GPL-3.0-only", "gpl v3": "GPL-3.0-only", "gpl-3": "GPL-3.0-only",
    "gnu gpl v3": "GPL-3.0-only", "gplv3+": "GPL-3.0-or-later", "lgplv3": "LGPL-3.0-only",
    "lgplv3+": "LGPL-3.0-or-later", "lgplv2.1": "LGPL-2.1-only", "lgplv2.1+": "LGPL-2.1-or-later",
    "agplv3": "AGPL-3.0-only", "agplv3+": "AGPL-3.0-or-later",
    "mpl 2.0": "MPL-2.0", "mpl-2": "MPL-2.0", "mozilla public license 2.0": "MPL-2.0",
    "mozilla public license, version 2.0": "MPL-2.0",
    "eclipse public license 2.0": "EPL-2.0", "eclipse public license - v 2.0": "EPL-2.0",
    "psf": "PSF-2.0", "psf license": "PSF-2.0", "python software foundation license": "PSF-2.0",
    "the unlicense": "Unlicense", "unlicense": "Unlicense", "cc0": "CC0-1.0", "cc0 1.0": "CC0-1.0",
    "zlib license": "Zlib", "zlib/libpng": "Zlib", "0bsd": "0BSD", "eupl 1.2": "EUPL-1.2",
    "boost software license 1.0": "BSL-1.0", "blue oak model license 1.0.0": "BlueOak-1.0.0",
    "cecill-2.1": "CECILL-2.1", "cecill 2.1": "CECILL-2.1",
}

#: every `License ::` classifier of the trove-classifiers list (tests/scan/test_names.py checks that none
#: is missing): its SPDX id, or None where the classifier names a family or no licence in particular
CLASSIFIERS: dict[str, str | None] = {
    "Aladdin Free Public License (AFPL)": "Aladdin", "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
    "CeCILL-B Free Software License Agreement (CECILL-B)": "CECILL-B",
    "CeCILL-C Free Software License Agreement (CECILL-C)": "CECILL-C", "DFSG approved": None,
    "Eiffel Forum License (EFL)": None, "Free For Educational Use": None, "Free For Home Use": None,
    "Free To Use But Restricted": None, "Free for non-commercial use": None, "Freely Distributable": None,
    "Freeware": None, "GUST Font License 1.0": None, "GUST Font License 2006-09-30": None,
    "Netscape Public License (NPL)": None, "Nokia Open Source License (NOKOS)": "Nokia", "OSI Approved": None,
    "Academic Free License (AFL)": None, "Apache Software License": "Apache-2.0",
    "Apple Public Source License": None, "Artistic License": None, "Attribution Assurance License": "AAL",
    "BSD License": None, "Blue Oak Model License (BlueOak-1.0.0)": "BlueOak-1.0.0",
    "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
    "CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)": "CECILL-2.1",
    "CMU License (MIT-CMU)": "MIT-CMU", "Common Development and Distribution License 1.0 (CDDL-1.0)": "CDDL-1.0",
    "Common Public License": "CPL-1.0", "Eclipse Public License 1.0 (EPL-1.0)": "EPL-1.0",
    "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
    "Educational Community License, Version 2.0 (ECL-2.0)": "ECL-2.0", "Eiffel Forum License": None,
    "European Union Public Licence 1.0 (EUPL 1.0)": "EUPL-1.0",
    "European Union Public Licence 1.1 (EUPL 1.1)": "EUPL-1.1",
    "European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
    "GNU Affero General Public License v3": "AGPL-3.0-only",
    "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "GNU Free Documentation License (FDL)": None, "GNU General Public License (GPL)": None,
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
    "GNU Library or Lesser General Public License (LGPL)": None,
    "Historical Permission Notice and Disclaimer (HPND)": "HPND", "IBM Public License": "IPL-1.0",
    "ISC License (ISCL)": "ISC", "MIT License": "MIT", "MIT No Attribution License (MIT-0)": "MIT-0",
    "MirOS License (MirOS)": "MirOS", "Motosoto License": "Motosoto", "Mozilla Public License 1.0 (MPL)": "MPL-1.0",
    "Mozilla Public License 1.1 (MPL 1.1)": "MPL-1.1", "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "Mulan Permissive Software License v2 (MulanPSL-2.0)": "MulanPSL-2.0",
    "NASA Open Source Agreement v1.3 (NASA-1.3)": "NASA-1.3", "Nethack General Public License": "NGPL",
    "Nokia Open Source License": "Nokia", "Open Group Test Suite License": "OGTSL",
    "Open Software License 3.0 (OSL-3.0)": "OSL-3.0", "PostgreSQL License": "PostgreSQL",
    "Python License (CNRI Python License)": "CNRI-Python", "Python Software Foundation License": "PSF-2.0",
    "Qt Public License (QPL)": "QPL-1.0", "Ricoh Source Code Public License": "RSCPL",
    "SIL Open Font License 1.1 (OFL-1.1)": "OFL-1.1", "Sleepycat License": "Sleepycat",
    "Sun Public License": None, "The Unlicense (Unlicense)": "Unlicense",
    "Universal Permissive License (UPL)": "UPL-1.0", "University of Illinois/NCSA Open Source License": "NCSA",
    "Vovida Software License 1.0": "VSL-1.0", "W3C License": None, "Zero-Clause BSD (0BSD)": "0BSD",
    "BSD Zero Clause License (0BSD)": "0BSD", "Zope Public License": None, "zlib/libpng License": "Zlib",
    "Other/Proprietary License": None, "Public Domain": None, "Repoze Public License": None,
}
_EXCEPTION_WORDS = ("exception", "note")


def _is_exception_id(token: str) -> bool:
    """Whether a WITH operand reads as an exception id (`Classpath-exception-2.0`, `Linux-syscall-note`)."""
    lowered = token.lower()
    return token == "LLGPL" or lowered.startswith(("licenseref-", "documentref-")) or (
        "-" in token and any(word in lowered for word in _EXCEPTION_WORDS))


def looks_like_expression(text: str) -> bool:
    """Whether a string reads as an SPDX expression: ids joined by AND, OR, WITH and parentheses."""
    tokens = _TOKEN.findall(text)
    expect_id = True
    after_with = False
    depth = 0
    for token in tokens:
        lowered = token.lower()
        if token == "(":
            if not expect_id:
                return False
            depth += 1
        elif token == ")":
            if expect_id or depth == 0:
                return False
            depth -= 1
        elif lowered in _OPERATORS:
            if expect_id:
                return False
            expect_id = True
            after_with = lowered == "with"
        else:
            if not expect_id or not _ID.match(token) or (after_with and not _is_exception_id(token)):
                return False
            expect_id = False
            after_with = False
    return bool(tokens) and not expect_id and depth == 0


def to_expression(text: str) -> str | None:
    """The SPDX expression a licence string stands for, or None when it cannot be told for certain."""
    text = " ".join(text.split())
    if not text or len(text) > 2000:
        return None
    if text == "UNLICENSED":  # npm: the package grants no licence to others (a private package)
        return "LicenseRef-Proprietary"
    if text.startswith("License ::"):
        return from_classifiers([text])
    if looks_like_expression(text):
        return text
    key = text.lower().rstrip(".")
    if key in _NAMES:
        return _NAMES[key]
    if "/" in text:  # Cargo's legacy `MIT/Apache-2.0` means a choice
        parts = [p.strip() for p in text.split("/")]
        if all(_ID.match(p) for p in parts):
            return " OR ".join(parts)
    return None


def from_classifiers(classifiers: list[str]) -> str | None:
    """The expression trove classifiers give (several mean a choice), or None when one is not certain."""
    ids: list[str] = []
    for classifier in classifiers:
        parts = [p.strip() for p in classifier.split("::")]
        if len(parts) < 2 or parts[0] != "License":
            continue
        mapped = CLASSIFIERS.get(parts[-1])
        if mapped is None:
            if len(parts) == 2 and parts[1] == "OSI Approved":
                continue  # says nothing about which licence
            return None
        if mapped not in ids:
            ids.append(mapped)
    if not ids:
        return None
    return " OR ".join(ids)


def is_ambiguous_classifier(text: str) -> bool:
    """Whether a string is a licence classifier that names no licence in particular (`BSD License`)."""
    parts = [p.strip() for p in text.split("::")]
    return len(parts) >= 2 and parts[0] == "License" and CLASSIFIERS.get(parts[-1], "") is None


def license_of_entries(entries: list[tuple[str, str]]) -> tuple[str | None, str | None, str | None]:
    """Several licence entries of one package (CycloneDX `licenses`): (as written, SPDX expression, note).

    Ids, expressions, licence names and classifiers are mapped by the same table as package metadata;
    entries that name the same licence count once, and an entry that names no licence in particular
    (`License :: OSI Approved :: BSD License`) is dropped when another entry is precise. Different
    licences that remain all apply (AND), with a note.
    """
    if not entries:
        return None, None, None
    raw = " AND ".join(dict.fromkeys(text for _, text in entries))
    mapped: list[str] = []
    vague: list[str] = []
    unmapped: list[str] = []
    for _kind, text in entries:
        expression = to_expression(text)
        if expression is None:
            (vague if is_ambiguous_classifier(text) else unmapped).append(text)
        elif expression not in mapped:
            mapped.append(expression)
    if unmapped or not mapped:
        first = (unmapped or vague)[0]
        return raw if len(entries) > 1 else first, None, None
    expression = mapped[0] if len(mapped) == 1 else " AND ".join(f"({e})" if " " in e else e for e in mapped)
    note = "several licences listed; all are taken to apply" if len(mapped) > 1 else None
    if vague:
        shown = ", ".join(f"`{v}`" for v in vague)
        note = (note + "; " if note else "") + f"also listed: {shown} (names no licence in particular)"
    return raw, expression, note
