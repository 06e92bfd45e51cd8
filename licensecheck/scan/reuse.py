# SPDX-License-Identifier: Apache-2.0
"""REUSE.toml annotations and their precedence (REUSE specification 3.3).

For a file, each REUSE.toml between the root and the file contributes the *last* of its
annotations whose `path` matches (paths are relative to the REUSE.toml; `*` stays within a
folder, `**` crosses folders). Outer files come first; an `override` annotation ends the search
and replaces what the file says (the file is then not read). `aggregate` adds to the file's own
information. `closest` (the default) applies only when the file says nothing: the innermost
annotation with licensing information wins.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from licensecheck.scan.globs import compile_globs
from licensecheck.scan.manifests import ManifestError, line_of

PRECEDENCES = ("closest", "aggregate", "override")


@dataclass(frozen=True, slots=True)
class Annotation:
    """One `[[annotations]]` table: which paths, which precedence, which licences and copyrights."""

    pattern: Callable[[str], bool]  # matches a path relative to the REUSE.toml's folder
    precedence: str
    licenses: tuple[str, ...]
    copyrights: tuple[str, ...]
    line: int | None


@dataclass(frozen=True, slots=True)
class ReuseToml:
    """A parsed REUSE.toml and the folder (relative to the root, '' for the root) it governs."""

    path: str
    directory: str
    annotations: tuple[Annotation, ...]

    def match(self, relative: str) -> Annotation | None:
        """The last annotation matching a path relative to this file's folder."""
        for annotation in reversed(self.annotations):
            if annotation.pattern(relative):
                return annotation
        return None


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ManifestError(f"`{what}` must be a string or a list of strings")


def read_reuse_toml(path: str, text: str) -> ReuseToml:
    """Parse a REUSE.toml; raises ManifestError with one line on malformed content."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"malformed TOML: {exc}") from None
    if data.get("version") != 1:
        raise ManifestError(f"unsupported REUSE.toml version {data.get('version')!r} (expected 1)")
    annotations: list[Annotation] = []
    tables = data.get("annotations", [])
    if not isinstance(tables, list):
        raise ManifestError("`annotations` must be an array of tables ([[annotations]])")
    position = 0
    for table in tables:
        if not isinstance(table, dict):
            raise ManifestError("`annotations` must be an array of tables ([[annotations]])")
        line = line_of(text, r"^[ \t]*\[\[[ \t]*annotations[ \t]*\]\]", position)
        if line is not None:
            position = _offset_of_line(text, line) + 1
        paths = _strings(table.get("path"), "path")
        if not paths:
            raise ManifestError(f"annotation at line {line} has no `path`")
        precedence = table.get("precedence", "closest")
        if precedence not in PRECEDENCES:
            raise ManifestError(f"annotation at line {line}: unknown precedence `{precedence}`")
        pattern = compile_globs(paths, reuse=True)
        annotations.append(Annotation(pattern, str(precedence),
                                      _strings(table.get("SPDX-License-Identifier"), "SPDX-License-Identifier"),
                                      _strings(table.get("SPDX-FileCopyrightText"), "SPDX-FileCopyrightText"),
                                      line))
    directory = path.rpartition("/")[0]
    return ReuseToml(path, directory, tuple(annotations))


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset


@dataclass(frozen=True, slots=True)
class Applied:
    """The annotations that apply to one file, by precedence."""

    override: tuple[tuple[ReuseToml, Annotation], ...] = ()
    aggregate: tuple[tuple[ReuseToml, Annotation], ...] = ()
    closest: tuple[tuple[ReuseToml, Annotation], ...] = ()

    @property
    def overridden(self) -> bool:
        """Whether an override annotation covers the file (its own contents are then not read)."""
        return bool(self.override)


NOTHING = Applied()


def applicable(tomls: dict[str, ReuseToml], path: str) -> Applied:
    """The annotations of the REUSE.toml files (keyed by folder) that cover a file, outer first."""
    if not tomls:
        return NOTHING
    folders = [""]
    parts = path.split("/")[:-1]
    for index in range(1, len(parts) + 1):
        folders.append("/".join(parts[:index]))
    override: list[tuple[ReuseToml, Annotation]] = []
    aggregate: list[tuple[ReuseToml, Annotation]] = []
    closest: list[tuple[ReuseToml, Annotation]] = []
    for folder in folders:
        toml = tomls.get(folder)
        if toml is None:
            continue
        relative = path[len(folder) + 1:] if folder else path
        annotation = toml.match(relative)
        if annotation is None:
            continue
        {"override": override, "aggregate": aggregate, "closest": closest}[annotation.precedence].append(
            (toml, annotation))
        if annotation.precedence == "override":
            break
    if not (override or aggregate or closest):
        return NOTHING
    return Applied(tuple(override), tuple(aggregate), tuple(closest))
