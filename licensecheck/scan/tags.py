"""SPDX-License-Identifier and SPDX-FileCopyrightText tags in file contents, read the way REUSE reads them.

Rules (those of the REUSE tool, so that per-file ids agree with `reuse spdx`): a tag is a line
`<prefix>SPDX-License-Identifier: <expression><closer>`; the comment prefix mirrored at the end of
the line (`/*` ... `*/`) and known comment closers (`*/`, `-->`, `*)`, `"/>`, ...) are stripped;
text between `REUSE-IgnoreStart` and `REUSE-IgnoreEnd` is ignored; every distinct expression of a
file counts (several tags all apply). Only the head of a file is read (`HEAD_BYTES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: bytes of each file searched for tags: every tag of the Linux tree is within its first 64 KiB
#: except a few in large documents; a file larger than this is searched in its head only.
HEAD_BYTES = 256 * 1024
#: bytes looked at to decide that a file is binary (a NUL byte), as `grep` and `git` do
BINARY_PROBE = 8 * 1024

_CLOSERS = ("*/", "-->", "*)", "*#", "=#", ":)", "'/", "-/", "--%>", "}", "#}", "--}}", "]]", '"""', "'''")
_SPECIAL = (r'"\s*/*>', r"'\s*/*>", r"\]\s*::", r'"\s*\)')
_END = r"\s*(?:{})*\s*$".format("|".join([re.escape(c) for c in _CLOSERS] + list(_SPECIAL)))
_PREFIX = re.compile(r"^(?P<prefix>.*?)(?:SPDX-\S+:|Copyright|©)")
_LICENSE = re.compile(r"^.*?SPDX-License-Identifier:\s*(?P<value>.*?)" + _END)
_COPYRIGHT = re.compile(r"^.*?SPDX-FileCopyrightText:\s*(?P<value>.*?)" + _END)
_IGNORE = re.compile(r"REUSE-IgnoreStart.*?(?:REUSE-IgnoreEnd|\Z)", re.DOTALL)
_MARKERS = (b"SPDX-License-Identifier", b"SPDX-FileCopyrightText")


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag: the expression or copyright text as written, and its line (from 1)."""

    value: str
    line: int


@dataclass(frozen=True, slots=True)
class FileTags:
    """The tags of one file, and whether its text was not valid UTF-8."""

    licenses: tuple[Tag, ...] = ()
    copyrights: tuple[Tag, ...] = ()
    invalid_utf8: bool = False


NO_TAGS = FileTags()


def is_binary(head: bytes) -> bool:
    """Whether a file's head marks it as binary (a NUL byte in the first 8 KiB)."""
    return b"\0" in head[:BINARY_PROBE]


def has_tags(data: bytes) -> bool:
    """Whether bytes may carry a tag (cheap test before decoding)."""
    return any(marker in data for marker in _MARKERS)


def extract_tags(data: bytes) -> FileTags:
    """The tags in the bytes of a file's head; text that is not UTF-8 is decoded with replacements."""
    if not has_tags(data):
        return NO_TAGS
    invalid = False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the head limit is not an encoding error
        invalid = exc.start < len(data) - 4
        text = data.decode("utf-8", errors="replace")
    return _tags_in(text, invalid)


def _strip_ignored(text: str) -> str:
    if "REUSE-IgnoreStart" not in text:
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


def _line_tags(line: str, number: int, licenses: list[Tag], copyrights: list[Tag], seen: set[str]) -> None:
    prefix_match = _PREFIX.match(line)
    if prefix_match is None:
        return
    prefix = prefix_match.group("prefix").strip()
    if prefix:
        line = line.removesuffix(prefix[::-1])
    if "SPDX-License-Identifier:" in line:
        match = _LICENSE.match(line)
        if match is not None and match.group("value") and match.group("value") not in seen:
            seen.add(match.group("value"))
            licenses.append(Tag(match.group("value"), number))
    elif "SPDX-FileCopyrightText:" in line:
        match = _COPYRIGHT.match(line)
        if match is not None and match.group("value"):
            copyrights.append(Tag(match.group("value"), number))
