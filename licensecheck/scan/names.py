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
    "the apache software license, version 2.0": "Apache-2.0", "apache software license 2.0": "Apache-2.0",
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

_CLASSIFIERS: dict[str, str] = {
    "MIT License": "MIT", "MIT No Attribution License (MIT-0)": "MIT-0",
    "Apache Software License": "Apache-2.0",
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
    "GNU Affero General Public License v3": "AGPL-3.0-only",
    "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0", "ISC License (ISCL)": "ISC",
    "Python Software Foundation License": "PSF-2.0", "The Unlicense (Unlicense)": "Unlicense",
    "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0", "zlib/libpng License": "Zlib",
    "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0", "European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
    "CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)": "CECILL-2.1",
    "CeCILL-B Free Software License Agreement (CECILL-B)": "CECILL-B",
    "CeCILL-C Free Software License Agreement (CECILL-C)": "CECILL-C",
    "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0", "BSD Zero Clause License (0BSD)": "0BSD",
    "Blue Oak Model License (BlueOak-1.0.0)": "BlueOak-1.0.0",
}


def looks_like_expression(text: str) -> bool:
    """Whether a string reads as an SPDX expression: ids joined by AND, OR, WITH and parentheses."""
    tokens = _TOKEN.findall(text)
    expect_id = True
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
        else:
            if not expect_id or not _ID.match(token):
                return False
            expect_id = False
    return bool(tokens) and not expect_id and depth == 0


def to_expression(text: str) -> str | None:
    """The SPDX expression a licence string stands for, or None when it cannot be told for certain."""
    text = " ".join(text.split())
    if not text:
        return None
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
        mapped = _CLASSIFIERS.get(parts[-1])
        if mapped is None:
            return None
        if mapped not in ids:
            ids.append(mapped)
    if not ids:
        return None
    return " OR ".join(ids)
