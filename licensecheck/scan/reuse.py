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

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from licensecheck.scan.globs import compile_globs
from licensecheck.scan.manifests import ManifestError, line_of, load_toml

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
    data = load_toml(text)
    if data.get("version") != 1:
        raise ManifestError(f"unsupported REUSE.toml version {repr(data.get('version'))[:40]} (expected 1)")
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
            raise ManifestError(f"annotation at line {line}: unknown precedence `{str(precedence)[:40]}`")
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


# -- DEP-5 (debian/copyright, .reuse/dep5) -------------------------------------------------------------

_DEBIAN_FAMILIES = ("GPL", "LGPL", "AGPL", "GFDL")
_DEBIAN_NAMES = {"expat": "MIT", "public-domain": "LicenseRef-public-domain", "bsd-2-clause": "BSD-2-Clause",
                 "bsd-3-clause": "BSD-3-Clause", "bsd-4-clause": "BSD-4-Clause", "zlib": "Zlib",
                 "apache-2.0": "Apache-2.0", "mpl-2.0": "MPL-2.0", "isc": "ISC", "cc0-1.0": "CC0-1.0",
                 "artistic": "Artistic-1.0-Perl", "psf-2": "PSF-2.0", "python": "PSF-2.0"}
_DEBIAN_ID = re.compile(r"^([A-Za-z]+)-(\d+(?:\.\d+)*)(\+?)$")


def debian_expression(text: str) -> str:
    """A DEP-5 `License:` short name or expression as SPDX: `GPL-2+` -> `GPL-2.0-or-later`, `Expat` -> `MIT`.

    Names the table does not know are kept as written (the checker reports them as unknown).
    """
    out: list[str] = []
    for token in re.split(r"(\s+|\(|\)|,)", text.strip()):
        lowered = token.lower()
        if not token.strip() or token in "(),":
            out.append("" if token == "," else token)
            continue
        if lowered in ("or", "and", "with"):
            out.append(lowered.upper())
            continue
        match = _DEBIAN_ID.match(token)
        if match and match.group(1).upper() in _DEBIAN_FAMILIES:
            family, version, plus = match.group(1).upper(), match.group(2), match.group(3)
            version = version if "." in version else f"{version}.0"
            out.append(f"{family}-{version}-{'or-later' if plus else 'only'}")
        else:
            out.append(_DEBIAN_NAMES.get(lowered, token))
    return " ".join("".join(out).split())


def _dep5_paragraphs(text: str) -> list[tuple[int, dict[str, str]]]:
    paragraphs: list[tuple[int, dict[str, str]]] = []
    current: dict[str, str] = {}
    start = 1
    key = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            if current:
                paragraphs.append((start, current))
            current, key = {}, None
            continue
        if line.startswith("#"):
            continue
        if line[0] in " \t" and key is not None:
            current[key] += "\n" + line.strip()
            continue
        name, colon, value = line.partition(":")
        if not colon:
            raise ManifestError(f"line {number}: expected `Field: value`")
        if not current:
            start = number
        key = name.strip().lower()
        current[key] = value.strip()
    if current:
        paragraphs.append((start, current))
    return paragraphs


def read_dep5(path: str, text: str, directory: str, precedence: str) -> ReuseToml:
    """A DEP-5 file as annotations: each `Files:` paragraph's globs, its licence and copyright.

    In DEP-5 the last paragraph that matches a file applies, as the last REUSE.toml annotation does.
    """
    paragraphs = _dep5_paragraphs(text)
    if not paragraphs or "format" not in paragraphs[0][1]:
        raise ManifestError("not a DEP-5 file (no `Format:` header paragraph)")
    annotations: list[Annotation] = []
    for line, fields in paragraphs[1:]:
        if "files" not in fields:
            continue  # a stand-alone License paragraph (the full text of a licence)
        globs = fields["files"].split()
        licence = fields.get("license", "").split("\n", 1)[0].strip()
        copyrights = tuple(c.strip() for c in fields.get("copyright", "").split("\n") if c.strip())
        annotations.append(Annotation(compile_globs(globs, debian=True), precedence,
                                      (debian_expression(licence),) if licence else (), copyrights, line))
    return ReuseToml(path, directory, tuple(annotations))
