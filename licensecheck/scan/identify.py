# SPDX-License-Identifier: Apache-2.0
"""Licence files identified by their words, against the licence texts shipped in `licenses/texts/`.

Both texts are normalised the way the SPDX matching guidelines allow (case, punctuation, white
space, copyright lines, `licence`/`license`), cut into overlapping runs of three words, and
compared with the Dice coefficient: 1.0 is the same text, 0 shares no run. A file scoring at
least `THRESHOLD` against its closest text is identified; below it the file is reported as an
unidentified licence text with its closest match, never guessed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from licensecheck.resources import data_path

THRESHOLD = 0.90
#: bytes of a licence file read (the longest shipped licence text is under 64 KiB)
LICENSE_FILE_BYTES = 512 * 1024

_NAME = re.compile(r"^(?:un)?licen[cs]es?(?:[-._].*)?$|^copying(?:[-._].*)?$|^notice(?:[-._].*)?$|"
                   r"^copyright(?:[-._].*)?$|^.+[-_.]licen[cs]e(?:\.(?:txt|md|rst))?$", re.IGNORECASE)
_BASE = re.compile(r"^(?:(?:un)?licen[cs]es?|copying|notice|copyright)", re.IGNORECASE)
_TEXT_SUFFIXES = frozenset({"", ".txt", ".md", ".rst", ".markdown", ".text", ".html", ".htm"})
_CODE_SUFFIXES = frozenset({".py", ".pyc", ".js", ".ts", ".go", ".rs", ".c", ".h", ".java", ".rb", ".php",
                            ".json", ".toml", ".yaml", ".yml", ".xml", ".cfg", ".ini", ".sh", ".license",
                            ".svg", ".png", ".jpg", ".gif", ".css", ".scss", ".tsx", ".jsx", ".kt", ".swift",
                            ".cs", ".cpp", ".hpp", ".cc", ".m", ".pl", ".pm", ".lua", ".ex", ".exs", ".erl"})
_COPYRIGHT_LINE = re.compile(r"^\s*(?:copyright\b|\(c\)|©|all rights reserved).*$", re.IGNORECASE | re.MULTILINE)
_WORD = re.compile(r"[a-z0-9]+")
_VARIANTS = (("licence", "license"), ("licences", "licenses"), ("licensor", "licensor"), ("&", " and "),
             ("sub-license", "sublicense"), ("non-commercial", "noncommercial"))


@dataclass(frozen=True, slots=True)
class Match:
    """The closest licence text to a file, its score, and whether the score reaches the threshold."""

    license: str
    score: float
    identified: bool


def is_license_file(name: str) -> bool:
    """Whether a file name is one of LICENSE, LICENCE, COPYING, NOTICE and their variants."""
    if not _NAME.match(name):
        return False
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    if suffix in _CODE_SUFFIXES:
        return False
    base = _BASE.match(name)
    if base is None:  # MIT-LICENSE, third-party.licence.txt
        return True
    middle = name[base.end():]
    if suffix in _TEXT_SUFFIXES and suffix:
        middle = middle[: -len(suffix)]
    # LICENSE, LICENSE.txt, LICENSE-MIT, COPYING.LESSER, LICENSE.APACHE2; not license-rules.rst, licence.terms
    return not middle or any(c.isupper() or c.isdigit() for c in middle)


def is_notice(name: str) -> bool:
    """Whether a licence-file name is a NOTICE or COPYRIGHT file (attributions rather than a licence)."""
    lowered = name.lower()
    return lowered.startswith(("notice", "copyright"))


def normalise(text: str) -> list[str]:
    """The words of a text after the normalisations the SPDX matching guidelines allow."""
    text = _COPYRIGHT_LINE.sub(" ", text.lower())
    for old, new in _VARIANTS:
        text = text.replace(old, new)
    return _WORD.findall(text)


def shingles(words: list[str]) -> frozenset[tuple[str, str, str]]:
    """Overlapping runs of three words."""
    return frozenset(zip(words, words[1:], words[2:], strict=False))


@functools.cache
def reference_texts() -> dict[str, frozenset[tuple[str, str, str]]]:
    """Shingles of every shipped licence text, by licence id."""
    folder = data_path("licenses").joinpath("texts")
    out: dict[str, frozenset[tuple[str, str, str]]] = {}
    if not folder.is_dir():
        return out
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            out[entry.name[: -len(".txt")]] = shingles(normalise(entry.read_text(encoding="utf-8")))
    return out


def identify(text: str) -> Match | None:
    """The closest shipped licence text to `text`; None when nothing is shipped or the text is empty."""
    own = shingles(normalise(text))
    if not own:
        return None
    best: tuple[float, str] | None = None
    for license_id, ref in reference_texts().items():
        if not ref:
            continue
        common = len(own & ref)
        if not common:
            continue
        score = 2 * common / (len(own) + len(ref))
        if best is None or score > best[0]:
            best = (score, license_id)
    if best is None:
        return None
    score = round(best[0], 2)
    return Match(best[1], score, best[0] >= THRESHOLD)
