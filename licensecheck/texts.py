# SPDX-License-Identifier: Apache-2.0
"""Licence texts as `lint` reads them: folded words to find quotes in, and an index of the sections citations name.

A quote is found when every segment of it (segments are separated by `...` or `…`) occurs in the text, in
order, after both have been *folded*: case, whitespace, typographic quotes, apostrophes and dashes, Markdown
emphasis, links and heading marks, and list markers do not count. A citation (`§4(c)`, `§5.3.4`, `§"Article 5"`,
`§Copyleft`, `§"Additional Use Grant"`, `§"para 3"`) is found when the section index built from the text's
numbering and headings holds it. Both are built once per text and then answered by a dictionary look-up and
`str.find`.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import pickle
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

# -- folding -----------------------------------------------------------------------------------

_QUOTES = str.maketrans({c: None for c in "\"'`\\\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u00b4"})
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_ANGLE_URL = re.compile(r"<((?:https?|mailto):[^>\s]*)>")
_EMPHASIS = re.compile(r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_LINE_MARK = re.compile(r"^[ \t]*(?:#+[ \t]*|>[ \t]?)+", re.MULTILINE)
_ROMAN = r"[ivxlc]{1,6}"
#: a list marker anywhere: `(a)`, `(iv)`, `(12)`
_PAREN_MARKER = re.compile(rf"(?<!\S)\((?:[a-z]|{_ROMAN}|\d{{1,3}})\)(?!\S)")
#: a list marker that only counts at the start of a line of the text: `a.`, `iv)`, `3.`, `5.3.1.`, `-`, `*`, `•`
_LEAD_MARKER = re.compile(rf"^[ \t]*(?:(?:[a-z]|{_ROMAN}|\d{{1,3}}(?:\.\d{{1,3}})*)[.)]|\d{{1,3}}(?:\.\d{{1,3}})+|[-*\u2022\u00b7\u25aa\u25e6])(?=[ \t]|$)",
                          re.MULTILINE)
#: the same marker, as a word of a quote
_WORD_MARKER = re.compile(rf"(?<!\S)(?:(?:[a-z]|{_ROMAN}|\d{{1,3}}(?:\.\d{{1,3}})*)[.)]|\d{{1,3}}(?:\.\d{{1,3}})+|[\u2022\u00b7])(?!\S)")
_ELISION = re.compile(r"\s*(?:\.\.\.+|\u2026)\s*")
_SPACE = re.compile(r"\s+")


def _fold_chars(text: str) -> str:
    """Characters that do not count: compatibility forms, typographic quotes and dashes, Markdown marks, case."""
    text = unicodedata.normalize("NFKC", text)
    text = _LINK.sub(r"\1", text)
    text = _ANGLE_URL.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _DASHES.sub("-", text).translate(_QUOTES)
    return text.casefold()


def _squeeze(text: str) -> str:
    text = re.sub(r"(?<=[a-z])-\s+(?=[a-z])", "-", text)  # a word hyphenated across a line break
    text = re.sub(r"-{2,}", "-", text)
    return _SPACE.sub(" ", text).strip()


def fold_text(text: str) -> str:
    """A licence text as quotes are looked up in: folded, without heading marks or list markers, one space apart."""
    text = _LINE_MARK.sub("", _fold_chars(text))
    text = _LEAD_MARKER.sub(" ", text)
    return _squeeze(_PAREN_MARKER.sub(" ", text))


def fold_quote(segment: str, drop_markers: bool = False) -> str:
    """One segment of a quote, folded like the text (`drop_markers`: also drop `a.`, `3.` markers inside it)."""
    text = _PAREN_MARKER.sub(" ", _fold_chars(segment))
    if drop_markers:
        text = _WORD_MARKER.sub(" ", text)
    return _squeeze(text)


def quote_segments(quote: str) -> list[str]:
    """The parts of a quote between its elisions (`...`, `…`)."""
    return [part for part in _ELISION.split(quote) if part.strip()]


# -- the section index ---------------------------------------------------------------------------

_KEYWORD = r"(?:section|article|art\.|§|clause|chapter|part)"
_NUMBERED = re.compile(
    rf"^(?:(?P<kw>{_KEYWORD})[ \t]*)?(?P<num>\d{{1,3}}(?:\.\d{{1,3}})*)(?P<end>\.|\)|(?=[ \t])|(?=[A-Za-z])|$)",
    re.IGNORECASE)
_ITEM = re.compile(rf"^(?:\((?P<paren>[a-z]{{1,2}}|{_ROMAN}|\d{{1,3}})\)|(?P<bare>[a-z]|{_ROMAN})[.)](?=[ \t]|$)"
                   rf"|(?P<tight>[ivx]{{2,6}})\.(?=[A-Z]))",  # `ii.You` (a space lost in a text)
                   re.IGNORECASE)
_TITLE_WORDS = 10
#: a line that names a part of the text by a word and a label: `Exhibit A - ...`, `Exception 2:`, `Schedule 1`
_LABELLED = re.compile(r"^(?:exhibit|appendix|annex|schedule|attachment|exception)\s+[A-Za-z0-9]{1,3}\b(?:[\s:.\-\u2013\u2014].{0,80})?$",
                       re.IGNORECASE)
_PART = re.compile(r"^(?:exhibit|appendix|annex|schedule|attachment|exception)(?: [a-z0-9]{1,3}\b)?")
_BULLET = re.compile(r"^[ \t]*[*\u2022-][ \t]+")
_INLINE_ITEM = re.compile(rf"(?<=[\s:;,])\(([a-z]|{_ROMAN}|\d{{1,2}})\)(?=\s)", re.IGNORECASE)
_SECTION_TEXT = re.compile(rf"^(?:{_KEYWORD}[ \t]*)?", re.IGNORECASE)


def _roman_value(label: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for index, char in enumerate(label):
        value = values[char]
        following = values[label[index + 1]] if index + 1 < len(label) else 0
        total += -value if value < following else value
    return total


def _is_roman(label: str) -> bool:
    return bool(re.fullmatch(_ROMAN, label)) and _to_roman(_roman_value(label)) == label


def _to_roman(value: int) -> str:
    out = ""
    for number, letters in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"),
                            (1, "i")):
        while value >= number:
            out += letters
            value -= number
    return out


_QUOTES_TO_SPACE = str.maketrans({c: " " for c in "\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb\u2039\u203a"})


def heading_key(text: str) -> str:
    """A heading or a cited heading as the index keeps it: folded, quotes as spaces, no punctuation at its ends."""
    folded = _squeeze(_fold_chars(text.translate(_QUOTES_TO_SPACE)))
    return folded.strip(" .:;,-")


def _title_of(rest: str) -> str | None:
    """The title after a section number (`Definitions.` in `1. Definitions.`), when it is a short one."""
    rest = rest.strip()
    match = re.match(r"^[-\u2013\u2014:. \t]*([^.:]{1,120}?)(?:[.:](?:\s|$)|$)", rest)
    if not match:
        return None
    title = match.group(1).strip()
    if not title or len(title.split()) > _TITLE_WORDS:
        return None
    return title


@dataclass
class _Open:
    """A numbered or lettered item still open while the lines are read."""

    style: str  # section | num | pnum (`(1)`) | lower | upper | roman | ROMAN
    label: str
    indent: int
    path: str


def _style(label: str, siblings: list[_Open]) -> str:
    if label.isdigit():
        return "num"
    lower = label.lower()
    upper = label.isupper()
    letters = "upper" if upper else "lower"
    romans = "ROMAN" if upper else "roman"
    if _is_roman(lower):
        for item in siblings:
            if item.style == letters and len(item.label) == 1 and len(lower) == 1 \
                    and ord(lower) == ord(item.label.lower()) + 1:
                return letters  # `i` after `h`, `v` after `u`
        if lower == "i" or any(s.style == romans for s in siblings) or len(lower) > 1:
            return romans
    return letters


class SectionIndex:
    """The sections of one licence text, as canonical labels (`4(c)`, `5.3.4`, `2(a)(5)(c)`) and headings."""

    def __init__(self, text: str) -> None:
        self.labels: set[str] = set()
        self.headings: set[str] = set()
        self.paragraphs = 0
        self.under: dict[str, int] = {}  # paragraphs under each heading without a number
        self._read(text)

    # -- building ------------------------------------------------------------------------------
    def _add(self, path: str, heading: str | None) -> None:
        self.labels.add(path)
        if re.fullmatch(r"\d+\.0", path.split("(")[0]):  # `1.0 Definitions` (ODbL) is also section 1
            self.labels.add(path.replace(".0", "", 1))
        if heading:
            self.labels.add(f"{heading} {path}")
            first, _, rest = path.partition("(")
            self.labels.add(f"{heading} ({first}){'(' + rest if rest else ''}")

    def _read(self, text: str) -> None:
        stack: list[_Open] = []
        self._open: list[tuple[int, str | None]] = []  # the headings a paragraph is under, outermost first
        text = re.sub(r"(?m)^([ \t]*\d{1,3})\\\.", r"\1.", text.replace("\r\n", "\n"))  # `1\.`: Markdown's escape
        blocks = [b.strip("\n") for b in re.split(r"\n(?:[ \t]*\n)+", text) if b.strip()]
        if blocks and _is_title(blocks[0]):
            blocks = blocks[1:]  # the title is not a paragraph
        self.paragraphs = len(blocks)
        numbered_yet = False
        for block in blocks:
            lines = block.split("\n")
            bulleted = bool(_BULLET.match(lines[0]))
            first = _BULLET.sub("", lines[0])
            inline = re.match(r"^[ \t]*(?:\*\*|__)?([A-Z][^.:*\n]{0,80}?)(?:\*\*|__)?[.:](?:\*\*|__)?[ \t]+\S", first)
            if inline and len(inline.group(1).split()) <= 6 and not _NUMBERED.match(first.strip()) \
                    and not _ITEM.match(first.strip()):
                self.headings.add(heading_key(inline.group(1)))  # `Additional Use Grant: You may ...`
            marks = re.match(r"^[ \t]*(#+)[ \t]*$", first)
            if marks and len(lines) == 1:  # `## ` with its title lost: a section without a name
                self._enter(len(marks.group(1)), None)
                stack = []
                continue
            if len(lines) > 1 and (_line_heading(first, ".", lines[1]) or (
                    _heading_block([first]) and (len(first.split()) <= 8 or first.lstrip().startswith("#"))
                    and _capital(lines[1])
                    and not first.rstrip().endswith(".") and not _NUMBERED.match(first.strip()))):
                self._enter(1, self._heading(first))  # a heading on the first line of its paragraph (OGL)
                stack = []
                lines = ["", *lines[1:]]
            elif _heading_block([first, *lines[1:]], bulleted):
                level = len(re.match(r"^[ \t]*(#*)", first).group(1)) or 1  # type: ignore[union-attr]
                words = re.sub(r"^[ \t]*#+[ \t]*", "", first).strip()
                numbered = _NUMBERED.match(words)
                if not (numbered and (numbered.group("kw") or "." in numbered.group("num")
                                      or numbered.group("end") in (".", ")"))):
                    self._enter(level, self._heading(words))
                    stack = []
                    continue
            for _, key in self._open:
                if key is not None:
                    self.under[key] = self.under.get(key, 0) + 1
            heading = self._open[-1][1] if self._open else None
            before = len(self.labels)
            runs: list[tuple[str, list[str]]] = []  # the lines that follow each item, for items inside them
            for index, line in enumerate(lines):
                if index and _line_heading(line, lines[index - 1], lines[index + 1] if index + 1 < len(lines) else ""):
                    heading = self._heading(line)
                    self._enter(1, heading)
                    stack = []
                    continue
                path = stack[-1].path if stack else None
                self._lead_in(line)
                self._line(line, stack, heading)
                self._run_in_siblings(line, stack, heading)
                if stack and (not runs or stack[-1].path != path):
                    runs.append((stack[-1].path, []))
                if runs:
                    runs[-1][1].append(line)
            if len(self.labels) > before:
                numbered_yet = True
            elif not numbered_yet:
                self.headings.add("preamble")  # text before the first numbered section
            for path, run in runs:
                self._inline("\n".join(run), path, heading)

    def _enter(self, level: int, key: str | None) -> None:
        """A heading opens: it closes the headings at its level or deeper, and stays open under shallower ones."""
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        self._open.append((level, key))
        if key is not None:
            self.under.setdefault(key, 0)

    def _lead_in(self, line: str) -> None:
        """A short line that introduces a list is a part of the text too: `You are free to:`, `You must, where ...:`."""
        stripped = line.strip()
        if not stripped.endswith(":") or len(stripped.split()) > _TITLE_WORDS or not _capital(stripped) \
                or _NUMBERED.match(stripped) or _ITEM.match(stripped):
            return
        self.headings.add(heading_key(stripped.rstrip(":")))
        self.headings.add(heading_key(stripped.rstrip(":").split(",")[0]))

    def _run_in_siblings(self, line: str, stack: list[_Open], heading: str | None) -> None:
        """Lettered items run into the line of the one before: `G. Preserve ... notice. H. Include ...` (GFDL 1.3)."""
        while stack and len(stack[-1].label) == 1 and stack[-1].label.isalpha() and stack[-1].style in ("lower", "upper"):
            top = stack[-1]
            following = chr(ord(top.label) + 1)
            if not re.search(rf"[.;]\s+{following}\.\s+[A-Z]", line, re.IGNORECASE):
                return
            parent = top.path[: -len(f"({top.label.lower()})")] if top.path.endswith(")") else ""
            path = f"{parent}({following.lower()})" if parent else following.lower()
            stack[-1] = _Open(top.style, following, top.indent, path)
            self._add(path, heading)

    def _heading(self, text: str) -> str:
        """Register a heading without a number; `Exhibit B - Notice` is also `Exhibit B`."""
        key = heading_key(re.sub(r"^[ \t]*#+[ \t]*", "", text))
        self.headings.add(key)
        part = _PART.match(key)
        if part:
            self.headings.add(part.group(0))
        return key

    def _inline(self, block: str, path: str, heading: str | None) -> None:
        """Items enumerated inside a paragraph (`... if You (i) ... or (ii) ...`), under the section it is in."""
        found = {m.group(1).lower() for m in _INLINE_ITEM.finditer(block)}
        for start in ("a", "i", "1"):
            label = start
            while label in found:  # a run from the first item on: `(a) (b) (c)`, `(i) (ii)`, `(1) (2)`
                self._add(f"{path}({label})", heading)
                label = _next_label(label, start)

    def _line(self, line: str, stack: list[_Open], heading: str | None) -> None:
        stripped = re.sub(r"^[ \t]*(?:#+[ \t]*|\*\*|__|[*\u2022-][ \t]+)?", "", line)
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        article = re.match(r"^第\s*(\d{1,3})\s*条", stripped)  # `第5条` (Japanese texts)
        if article:
            stack.clear()
            stack.append(_Open("section", article.group(1), indent, article.group(1)))
            self._add(article.group(1), heading)
            return
        numbered = _NUMBERED.match(stripped)
        if numbered and numbered.group("kw") and not re.match(r"[ \t]*(?:[-\u2013\u2014.:)]|[A-Z]|$)",
                                                              stripped[numbered.end():]):
            numbered = None  # `Article 1 of the French law ...` in a sentence
        if numbered and (numbered.group("kw") or numbered.group("end") in (".", ")") or "." in numbered.group("num")):
            number = numbered.group("num")
            top = stack[0] if stack else None
            absolute = bool(numbered.group("kw")) or "." in number or top is None or (
                top.style == "section" and "." in top.label and indent <= top.indent
                and int(number) == int(top.label.split(".")[0]) + 1)  # `2.` after `1.14.` (MPL)
            rest = stripped[numbered.end():].strip()
            if not absolute:
                whole_title = bool(rest) and len(rest.split()) <= _TITLE_WORDS and not rest.rstrip(".").count(". ")
                self._push("num", number, indent, stack, heading, prefer_top=whole_title)
            else:
                stack.clear()
                stack.append(_Open("section" if "." in number or numbered.group("kw") else "num", number, indent,
                                   number))
                self._add(number, heading)
            title = _title_of(stripped[numbered.end():])
            if title and numbered.group("end") != ")":
                self.headings.add(heading_key(title))
            return
        item = _ITEM.match(stripped)
        if item:
            label = item.group("paren") or item.group("bare") or item.group("tight")
            style = "pnum" if label.isdigit() else _style(label, stack)  # `(1)` is not a list of `1.`
            self._push(style, label, indent, stack, heading)

    def _push(self, style: str, label: str, indent: int, stack: list[_Open], heading: str | None,
              prefer_top: bool = False) -> None:
        same = [position for position, item in enumerate(stack) if item.style == style and item.indent >= indent - 1]
        if style == "num" and label.isdigit() and same:  # `1.` after `5.` starts a list inside section 5
            following = [p for p in same if stack[p].label.isdigit() and int(stack[p].label) + 1 == int(label)]
            if following:  # the list it continues; a title line (`6. Submission`) continues the outer one
                del stack[following[0] if prefer_top else following[-1]:]
            elif int(label) > int(stack[same[0]].label):
                del stack[same[0]:]
        elif same:  # a sibling, not a list nested deeper
            del stack[same[0]:]
        while stack and stack[-1].indent > indent and stack[-1].style not in ("section", "num"):
            stack.pop()
        parent = stack[-1].path if stack else ""
        piece = label.lower()
        path = f"{parent}({piece})" if parent else piece
        stack.append(_Open(style, label, indent, path))
        self._add(path, heading)

    # -- looking up ------------------------------------------------------------------------------
    def has(self, citation: str) -> bool:
        """Whether a citation (without its `§`) names a section, heading or paragraph of the text."""
        key = canonical_citation(citation)
        paragraph = re.fullmatch(r"(?:(.+?),? )?(?:para|paragraph) (\d+)", key)
        if paragraph:
            under, number = paragraph.group(1), int(paragraph.group(2))
            return 1 <= number <= (self.under.get(under, 0) if under else self.paragraphs)
        if key in self.labels or key in self.headings:
            return True
        bare = re.fullmatch(r"\(([a-z0-9]{1,6})\)", key)
        if bare and bare.group(1) in self.labels:  # `(iii)` for an item the text starts a line with
            return True
        spans = re.fullmatch(r"(.*?)(\([a-z0-9]+\)|\d+)-(\([a-z0-9]+\)|\d+)", key)
        if spans:  # a range: `(i)-(iii)`, `7(a)-(f)`, `Commercial Restrictions (i)-(iii)`
            stem, first, last = spans.groups()
            stem = stem.strip()
            joiner = " " if stem and stem[-1].isalpha() else ""
            return self.has(stem + joiner + first) and self.has(stem + joiner + last)
        return False

    def suggest(self, citation: str) -> str | None:
        """The closest section or heading the text has, for `did you mean`."""
        key = canonical_citation(citation)
        close = difflib.get_close_matches(key, sorted(self.labels | self.headings), n=1, cutoff=0.6)
        return close[0] if close else None


def _next_label(label: str, kind: str) -> str:
    """The item after `label` in a run of numbers (`1`), letters (`a`) or roman numerals (`i`)."""
    if kind == "1":
        return str(int(label) + 1)
    if kind == "i":
        return _to_roman(_roman_value(label) + 1)
    return chr(ord(label) + 1)


def _line_heading(line: str, before: str, after: str) -> bool:
    """A heading inside a paragraph: a short title line between sentences, a line in capitals, a labelled part
    (`Exhibit A`), or a Markdown setext heading."""
    if re.fullmatch(r"[ \t]*(?:=+|-{3,})[ \t]*", after) and line.strip() and not before.strip("."):
        return True
    stripped = line.strip()
    if _LABELLED.match(stripped):
        return True
    if not stripped or not after.strip() or _ITEM.match(stripped) or _NUMBERED.match(stripped):
        return False
    words = stripped.split()
    sentence_before = before.rstrip().endswith((".", ";", ":", "!")) or not before.strip()
    if stripped.isupper() and len(words) <= 8 and not stripped.endswith((",", ";", ":")):
        return sentence_before and _capital(after)  # `TERM AND TERMINATION.`
    return len(words) <= 4 and _capital(stripped) and not stripped.endswith((".", ",", ";", ":")) \
        and _capital(after) and (sentence_before or len(words) == 1)


def _capital(line: str) -> bool:
    """Whether the first letter of the line is a capital."""
    letter = next((c for c in line if c.isalpha()), "")
    return letter.isupper()


def _is_title(block: str) -> bool:
    """The first block is a title (not counted as a paragraph): one short line, not a copyright line or a sentence."""
    line = block.strip()
    if "\n" in line or line.lower().startswith(("copyright", "(c)", "\u00a9")):
        return False
    return line.startswith("#") or (len(line.split()) <= _TITLE_WORDS and not line.endswith((".", ";", ",")))


def _heading_block(lines: list[str], bulleted: bool = False) -> bool:
    """A block that is a heading: one short line without a full stop (or a Markdown heading, or a bulleted title)."""
    if len(lines) != 1:
        return False
    line = lines[0].strip()
    if _ITEM.match(line):
        return False
    if line.startswith("#"):
        return bool(line.strip("# "))
    if _LABELLED.match(line):
        return True
    words = line.split()
    return 0 < len(words) <= _TITLE_WORDS and _capital(line) and not line.endswith((",", ";", ":")) \
        and (not line.endswith(".") or line.isupper() or len(words) <= 3 or bulleted)


def canonical_citation(citation: str) -> str:
    """A citation as the index compares it: `Section 4 (c).` -> `4(c)`, `Art. 5.3.4` -> `5.3.4`."""
    key = heading_key(citation.lstrip("§"))
    key = _SECTION_TEXT.sub("", key, count=1).strip() if re.match(rf"{_KEYWORD}[ \t]*\d", key) else key
    key = re.sub(r"(?<=[0-9)])\s+(?=\()", "", key)
    return key


# -- one text, ready for lint ------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteMiss:
    """Why a quote was not found: the segment that was not, and how far the text follows it."""

    segment: str
    matched: str  # the longest start of the segment that the text has (after the previous segments)
    text_has: str  # what the text reads at that point instead


class LicenseText:
    """One licence text, folded for quotes and indexed for citations."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.folded = fold_text(text)
        self.sections = SectionIndex(text)

    def find_quote(self, quote: str) -> QuoteMiss | None:
        """None when every segment of the quote occurs in the text in order, else where it stops matching."""
        miss = self._find(quote, drop_markers=False)
        if miss is None:
            return None
        return miss if self._find(quote, drop_markers=True) is not None else None

    def _find(self, quote: str, drop_markers: bool) -> QuoteMiss | None:
        position = 0
        for raw in quote_segments(quote):
            segment = fold_quote(raw, drop_markers)
            if not segment:
                continue
            found = self.folded.find(segment, position)
            if found < 0:
                return self._miss(segment, position)
            position = found + len(segment)
        return None

    def _miss(self, segment: str, position: int) -> QuoteMiss:
        low, high = 0, len(segment)  # the longest prefix that occurs: a prefix of a prefix that occurs occurs
        while low < high:
            middle = (low + high + 1) // 2
            if self.folded.find(segment[:middle], position) >= 0:
                low = middle
            else:
                high = middle - 1
        matched = segment[:low]
        if len(matched.split()) < 3:
            return QuoteMiss(segment, "", "")
        at = self.folded.find(matched, position) + len(matched)
        return QuoteMiss(segment, matched, self.folded[at:at + 40])

    def has_section(self, citation: str) -> bool:
        """Whether the citation (with or without `§`) names a section of the text."""
        return self.sections.has(citation)


# -- finding and caching texts -------------------------------------------------------------------

_CODE_KEY: str | None = None


def _code_key() -> str:
    """Identifies this module's code in cache keys: a changed index or folding rule rebuilds the cache."""
    global _CODE_KEY
    if _CODE_KEY is None:
        try:
            _CODE_KEY = f"{zlib.crc32(Path(__file__).read_bytes()):08x}"
        except OSError:
            _CODE_KEY = "0"
    return _CODE_KEY


def _shown(path: Path) -> str:
    """A text's path as messages show it: relative to the current directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if relative.startswith("..") else relative


class TextShelf:
    """The licence texts a lint run reads: found beside the terms files or among the shipped ones, read once.

    Indexes are kept in the user cache directory, keyed by the text's bytes and this module's code.
    """

    def __init__(self, shipped: Path | None, cache: Path | None) -> None:
        self.shipped = shipped
        self.cache = cache
        self._texts: dict[Path, LicenseText] = {}

    def locate(self, name: str, terms_path: str) -> Path | None:
        """The text file `name` (`ID` or `ID.txt`) in `texts/` beside the terms file, else among the shipped texts."""
        file_name = name if name.endswith(".txt") else f"{name}.txt"
        if "/" in file_name or "\\" in file_name or file_name.startswith("."):
            return None
        for folder in (Path(terms_path).parent / "texts", self.shipped):
            if folder is not None and (folder / file_name).is_file():
                return folder / file_name
        return None

    def has_folder(self, terms_path: str) -> bool:
        """Whether the terms file sits in a library that ships texts (a `texts/` folder beside it)."""
        return (Path(terms_path).parent / "texts").is_dir()

    def read(self, path: Path) -> LicenseText:
        """The indexed text of a file (raises `error` types of `licensecheck.files` when it cannot be read)."""
        found = self._texts.get(path)
        if found is not None:
            return found
        from licensecheck.files import read_bytes

        shown = _shown(path)
        data = read_bytes(path, shown)
        key = f"text-{zlib.crc32(data):08x}{len(data):x}-{_code_key()}.pickle"
        found = self._cached(key, shown)
        if found is None:
            found = LicenseText(shown, data.decode("utf-8", errors="replace"))
            self._store(key, found)
        self._texts[path] = found
        return found

    def _cached(self, key: str, shown: str) -> LicenseText | None:
        if self.cache is None:
            return None
        try:
            with (self.cache / key).open("rb") as handle:
                found = pickle.load(handle)
        except Exception:  # missing or corrupt: index again
            return None
        if not isinstance(found, LicenseText):
            return None
        found.path = shown
        return found

    def _store(self, key: str, text: LicenseText) -> None:
        if self.cache is None:
            return
        target = self.cache / key
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as handle:
                pickle.dump(text, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
