# SPDX-License-Identifier: Apache-2.0
"""Path globs matched in linear time: the configuration's `exclude`/`usage`/`exceptions` and REUSE.toml `path`.

A glob compiled to a backtracking regular expression takes exponential time on patterns such as
`*a*a*a*a*a*a*b` against a long name (over 90 s for a 250-character name). Here a glob is a list of
tokens (literal text, `?`, `*` within one folder, `**` across folders, `**/` any folders or none), and
a path is matched by carrying the set of positions the tokens so far can end at: at most
len(path) + 1 positions per token, so time is O(tokens x length) whatever the pattern.

Dialects: configuration globs (`?`, `**/`, a leading `/` ignored, a trailing `/` means the folder's
content, and a glob also matches everything inside a folder it matches) and REUSE.toml globs (`\\`
escapes the next character, only `*` and `**` are special, the whole path must match).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

_LITERAL, _ONE, _STAR, _STARS, _FOLDERS = range(5)


@dataclass(frozen=True, slots=True)
class Glob:
    """A compiled glob: its tokens, and whether a match may end at a folder boundary (`x` matches `x/y`)."""

    pattern: str
    tokens: tuple[tuple[int, str], ...]
    folder_prefix: bool

    def matches(self, path: str) -> bool:
        """Whether `path` (relative, with `/`) matches."""
        tokens = self.tokens
        if tokens and tokens[0][0] == _LITERAL and not path.startswith(tokens[0][1]):
            return False  # the common fast rejection: a literal first folder
        size = len(path)
        positions = [0]
        for kind, text in tokens:
            if not positions:
                return False
            if kind == _LITERAL:
                positions = [p + len(text) for p in positions if path.startswith(text, p)]
            elif kind == _ONE:
                positions = [p + 1 for p in positions if p < size and path[p] != "/"]
            elif kind == _STARS:
                positions = list(range(positions[0], size + 1))
            elif kind == _FOLDERS:  # nothing, or any run of folders ending with `/`
                first = positions[0]
                extra = [i + 1 for i in range(first, size) if path[i] == "/"]
                positions = sorted(set(positions).union(extra))
            else:  # `*`: from each position up to the next `/`
                reach: list[int] = []
                last = -1
                for p in positions:
                    if p <= last:
                        continue
                    stop = path.find("/", p)
                    stop = size if stop < 0 else stop
                    reach.extend(range(max(p, last + 1), stop + 1))
                    last = stop
                positions = reach
        if not positions:
            return False
        if positions[-1] == size:
            return True
        return self.folder_prefix and any(p < size and path[p] == "/" for p in positions)


def compile_glob(pattern: str, reuse: bool = False, debian: bool = False) -> Glob:
    """Tokens of a glob in the configuration dialect, the REUSE.toml one with `reuse`, or DEP-5's with `debian`.

    DEP-5 (`debian/copyright`, `.reuse/dep5`): `*` matches any run, `/` included, `?` one character,
    `\\` escapes; the whole path must match.
    """
    if debian:
        tokens: list[tuple[int, str]] = []
        text: list[str] = []
        index = 0
        while index < len(pattern):
            char = pattern[index]
            if char == "\\" and index + 1 < len(pattern):
                text.append(pattern[index + 1])
                index += 2
                continue
            if char in "*?":
                if text:
                    tokens.append((_LITERAL, "".join(text)))
                    text.clear()
                if char == "?":
                    tokens.append((_ONE, ""))
                elif not tokens or tokens[-1][0] != _STARS:
                    tokens.append((_STARS, ""))
            else:
                text.append(char)
            index += 1
        if text:
            tokens.append((_LITERAL, "".join(text)))
        return Glob(pattern, tuple(tokens), False)
    if not reuse:
        pattern = pattern.strip().lstrip("/")
        if pattern.endswith("/"):
            pattern += "**"
    tokens = []
    literal: list[str] = []

    def flush() -> None:
        if literal:
            tokens.append((_LITERAL, "".join(literal)))
            literal.clear()

    index = 0
    while index < len(pattern):
        char = pattern[index]
        if reuse and char == "\\" and index + 1 < len(pattern):
            literal.append(pattern[index + 1])
            index += 2
            continue
        if not reuse and pattern.startswith("**/", index):
            flush()
            if not tokens or tokens[-1][0] not in (_FOLDERS, _STARS):
                tokens.append((_FOLDERS, ""))
            index += 3
            continue
        if pattern.startswith("**", index):
            flush()
            if tokens and tokens[-1][0] in (_STARS, _STAR, _FOLDERS):
                tokens[-1] = (_STARS, "")
            else:
                tokens.append((_STARS, ""))
            index += 2
            continue
        if char == "*":
            flush()
            if not tokens or tokens[-1][0] not in (_STAR, _STARS):
                tokens.append((_STAR, ""))
        elif char == "?" and not reuse:
            flush()
            tokens.append((_ONE, ""))
        else:
            literal.append(char)
        index += 1
    flush()
    return Glob(pattern, tuple(tokens), not reuse)


def compile_globs(patterns: list[str] | tuple[str, ...], reuse: bool = False,
                  debian: bool = False) -> Callable[[str], bool]:
    """A test of relative paths against several globs (any may match)."""
    globs = [compile_glob(p, reuse, debian) for p in patterns]
    if not globs:
        return lambda path: False
    if len(globs) == 1:
        return globs[0].matches
    return lambda path: any(g.matches(path) for g in globs)
