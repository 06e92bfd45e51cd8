# SPDX-License-Identifier: Apache-2.0
# REUSE-IgnoreStart: this module quotes tags; scanners must not take them for its own licence.
"""SPDX-License-Identifier and SPDX-FileCopyrightText tags in file contents, read the way REUSE reads them.

Rules (those of the REUSE tool, so that per-file ids agree with `reuse spdx`): a tag is a line
`<prefix>SPDX-License-Identifier: <expression><closer>`; the comment prefix mirrored at the end of
the line (`/*` ... `*/`) and known comment closers (`*/`, `-->`, `*)`, `"/>`, ...) are stripped;
text between REUSE's ignore-start and ignore-end markers is ignored; every distinct expression of a
file counts (several tags all apply). Only the head of a file is read (`HEAD_BYTES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: bytes of each file searched for tags. In Linux 6.12 the last tag of every file lies within its
#: first 103 KiB (scripts/checkpatch.pl); 64 KiB would miss 2 files (tags inside code strings of
#: generators), 8 KiB 13. A larger file is searched in its head only, and reported as such.
HEAD_BYTES = 128 * 1024
#: bytes looked at to decide that a file is binary (a NUL byte), as `grep` and `git` do
BINARY_PROBE = 8 * 1024

_CLOSERS = ("*/", "-->", "*)", "*#", "=#", ":)", "'/", "-/", "--%>", "}", "#}", "--}}", "]]", '"""', "'''")
#: closers with white space inside, as REUSE writes them (`"\s*/*>`, `'\s*/*>`, `]\s*::`, `"\s*)`):
#: (opener, a character repeated before the closer, closer)
_SPECIAL = (('"', "/", ">"), ("'", "/", ">"), ("]", "", "::"), ('"', "", ")"))
#: a bound on the cut points examined when stripping closers
_MAX_CUTS = 1 << 20  # every cut point is visited once: linear in the line
_RUN = re.compile(r"\S*")
#: the last character of every closer: a value that ends with anything else has no closer to strip
_CLOSER_ENDS = frozenset(c[-1] for c in _CLOSERS) | {">", ":", ")"}
_CLOSERS_BY_END = {end: tuple(c for c in _CLOSERS if c.endswith(end)) for end in _CLOSER_ENDS}
_LICENSE_TAG = "SPDX-License-Identifier:"
_COPYRIGHT_TAG = "SPDX-FileCopyrightText:"
_START, _STOP = "REUSE-Ignore" + "Start", "REUSE-Ignore" + "End"  # split so that this file is not read as markers
_START_BYTES = _START.encode()
_IGNORE = re.compile(_START + r".*?(?:" + _STOP + r"|\Z)", re.DOTALL)
_MARKER = b"SPDX-"
_NEEDLES = (b"SPDX-License-Identifier:", b"SPDX-FileCopyrightText:")


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag: the expression or copyright text as written, and its line (from 1)."""

    value: str
    line: int


@dataclass(frozen=True, slots=True)
class FileTags:
    """The tags of one file, and whether a line that carries one was not valid UTF-8."""

    licenses: tuple[Tag, ...] = ()
    copyrights: tuple[Tag, ...] = ()
    invalid_utf8: bool = False


NO_TAGS = FileTags()


def is_binary(head: bytes) -> bool:
    """Whether a file's head marks it as binary (a NUL byte in the first 8 KiB)."""
    return b"\0" in head[:BINARY_PROBE]




def _decode(line: bytes) -> tuple[str, bool]:
    try:
        return line.decode("utf-8"), False
    except UnicodeDecodeError:
        return line.decode("utf-8", errors="replace"), True


def extract_tags(data: bytes) -> FileTags:
    """The tags in the bytes of a file's head; a tag line that is not UTF-8 is decoded with replacements."""
    if _MARKER not in data:
        return NO_TAGS
    # long needles make the search skip ahead quickly (a 5-byte one is 4x slower on the Linux tree)
    positions = []
    for needle in _NEEDLES:
        index = data.find(needle)
        while index >= 0:
            positions.append(index)
            index = data.find(needle, index + len(needle))
    if not positions:
        return NO_TAGS
    positions.sort()
    if data.find(_START_BYTES, 0, positions[-1]) >= 0:  # an ignore block matters only before a tag
        text, invalid = _decode(data)
        return _tags_in(text, invalid)
    # the common case: decode only the lines that carry a tag
    licenses: list[Tag] = []
    found_copyrights: list[Tag] = []
    seen: set[str] = set()
    line = 1
    counted = 0
    invalid = False
    done = -1
    for index in positions:
        if index <= done:
            continue  # a second tag on a line already read
        start = data.rfind(b"\n", 0, index) + 1
        end = data.find(b"\n", index)
        end = len(data) if end < 0 else end
        line += data.count(b"\n", counted, start)
        counted = start
        text, bad = _decode(data[start:end])
        invalid = invalid or bad
        _line_tags(text.rstrip("\r"), line, licenses, found_copyrights, seen)
        done = end
    return FileTags(tuple(licenses), tuple(found_copyrights), invalid)


def _strip_ignored(text: str) -> str:
    if _START not in text:
        return text
    # keep the newlines so that line numbers stay right
    return _IGNORE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _tags_in(text: str, invalid: bool) -> FileTags:
    text = _strip_ignored(text)
    licenses: list[Tag] = []
    copyrights: list[Tag] = []
    seen: set[str] = set()
    position = 0
    while True:
        index = text.find("SPDX-", position)
        if index < 0:
            break
        start = text.rfind("\n", 0, index) + 1
        end = text.find("\n", index)
        end = len(text) if end < 0 else end
        position = end + 1
        line_text = text[start:end].rstrip("\r")
        number = text.count("\n", 0, start) + 1
        _line_tags(line_text, number, licenses, copyrights, seen)
        if end >= len(text):
            break
    return FileTags(tuple(licenses), tuple(copyrights), invalid)


def _prefix_end(line: str) -> int:
    r"""Where the comment prefix of a tag line ends: at the first `SPDX-<x>:`, `Copyright` or `©`; -1 if none.

    One pass over the line (a hostile line of 20,000 characters costs microseconds), where the lazy
    regex `^(.*?)(?:SPDX-\S+:|Copyright|©)` that REUSE uses can take quadratic time.
    """
    found = [i for i in (line.find("Copyright"), line.find("©")) if i >= 0]
    index = line.find("SPDX-")
    while index >= 0:
        run_end = _RUN.match(line, index + 5).end()  # type: ignore[union-attr] # `\S*` always matches
        if line.find(":", index + 6, run_end) >= 0:
            found.append(index)
            break
        index = line.find("SPDX-", run_end)  # a later start inside this run has no colon either
    return min(found) if found else -1


def _special_start(line: str, end: int, opener: str, repeat: str, closer: str) -> int:
    r"""Where `<opener>\s*<repeat>*<closer>` ending at `end` starts, or -1."""
    if not line.endswith(closer, 0, end):
        return -1
    at = end - len(closer)
    if repeat:
        while at > 0 and line[at - 1] == repeat:
            at -= 1
    while at > 0 and line[at - 1].isspace():
        at -= 1
    return at - 1 if at > 0 and line[at - 1] == opener else -1


def strip_closers(line: str, start: int) -> str:
    r"""A tag's value: `line[start:]` without surrounding white space and without trailing comment closers.

    The longest run of closers at the end (no white space between them) is removed, as REUSE's
    `(?P<value>.*?)\s*(?:closers)*\s*$` does, but in time linear in the line: that regex is cubic in a
    run of spaces (4,000 spaces took 55 s).
    """
    end = len(line.rstrip())
    while start < end and line[start].isspace():
        start += 1
    if end <= start or line[end - 1] not in _CLOSER_ENDS:
        return line[start:end]  # the common case: nothing to strip
    reachable = [end]
    seen = {end}
    lowest = end
    index = 0
    while index < len(reachable) and index < _MAX_CUTS:
        at = reachable[index]
        index += 1
        if at <= start:
            continue
        last = line[at - 1]
        cuts = [at - len(c) for c in _CLOSERS_BY_END.get(last, ()) if line.endswith(c, start, at)]
        if last in ">:)":
            cuts += [_special_start(line, at, *special) for special in _SPECIAL]
        for cut in cuts:
            if cut >= start and cut not in seen:
                seen.add(cut)
                reachable.append(cut)
                lowest = min(lowest, cut)
    return line[start:lowest].rstrip()


def _line_tags(line: str, number: int, licenses: list[Tag], copyrights: list[Tag], seen: set[str]) -> None:
    cut = _prefix_end(line)
    if cut < 0:
        return
    prefix = line[:cut].strip()
    if prefix:
        line = line.removesuffix(prefix[::-1])
    index = line.find(_LICENSE_TAG)
    if index >= 0:
        value = strip_closers(line, index + len(_LICENSE_TAG))
        if value and value not in seen:
            seen.add(value)
            licenses.append(Tag(value, number))
        return
    index = line.find(_COPYRIGHT_TAG)
    if index >= 0:
        value = strip_closers(line, index + len(_COPYRIGHT_TAG))
        if value:
            copyrights.append(Tag(value, number))

# REUSE-IgnoreEnd
