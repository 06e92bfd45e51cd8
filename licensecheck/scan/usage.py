# SPDX-License-Identifier: Apache-2.0
"""How each component is used: the project's usage rules first, then defaults per kind and ecosystem.

Defaults, and why:
- files of the project's own tree that are source code: `static-link` (compiled or loaded into one
  program with the rest of the project); other files (documentation, data, media): `aggregate`
  (separate works shipped side by side);
- anything under a vendored folder (`vendor/`, `third_party/`, `3rdparty/`, `external/`, ...):
  `modify` (copied into the tree, where it can be and usually is changed);
- licence texts: `aggregate`;
- dependencies that only development needs (dev/test/doc groups, devDependencies, require-dev,
  dev-/build-dependencies, Maven `test` scope, CycloneDX `excluded`, SPDX `*_DEPENDENCY_OF` build and
  test relationships, installed packages no runtime dependency needs): `build-tool`;
- runtime dependencies: `dynamic-link` for ecosystems that load them at run time as separate
  packages (Python, npm, Composer, Maven, NuGet, gems), `static-link` for ecosystems that compile
  them into the program (Cargo, Go). An application that bundles its npm dependencies into one
  file should say `{ecosystem: npm, use: static-link}`;
- packages of sub-folders that have their own manifest: `aggregate` (distributed beside the project).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass

from licensecheck.scan.config import Config, UsageRule
from licensecheck.scan.globs import compile_globs

_VENDORED = re.compile(r"(?:^|/)(?:vendor|vendored|third[_-]?party|3rd[_-]?party|external|extern)/", re.IGNORECASE)
_CODE = frozenset((
    "c", "h", "cc", "cpp", "cxx", "hh", "hpp", "hxx", "m", "mm", "s", "asm", "rs", "go", "py", "pyx", "pxd", "js",
    "mjs", "cjs", "ts", "tsx", "jsx", "java", "kt", "kts", "scala", "groovy", "cs", "fs", "vb", "rb", "php", "pl",
    "pm", "lua", "swift", "dart", "ex", "exs", "erl", "hrl", "hs", "ml", "mli", "clj", "cljs", "el", "lisp", "scm",
    "r", "jl", "zig", "nim", "d", "v", "sv", "vhd", "vhdl", "sh", "bash", "zsh", "fish", "ps1", "bat", "cmd", "awk",
    "sed", "tcl", "cmake", "mk", "make", "gradle", "sql", "proto", "vue", "svelte", "wat", "wasm"))
_CODE_NAMES = frozenset({"Makefile", "Kconfig", "Kbuild", "CMakeLists.txt", "Dockerfile", "meson.build",
                         "build.rs", "SConstruct", "Rakefile", "Gemfile"})

RUNTIME_DEFAULT = {"cargo": "static-link", "golang": "static-link"}


@dataclass(frozen=True, slots=True)
class Use:
    """A use of spec section 2, and whether the material is modified (None: not stated)."""

    use: str
    modified: bool | None = None


_MODIFY, _STATIC, _AGGREGATE = Use("modify"), Use("static-link"), Use("aggregate")


def is_vendored(path: str) -> bool:
    """Whether a path lies in a vendored folder."""
    return _VENDORED.search(path) is not None


def is_code(path: str) -> bool:
    """Whether a file is source code, by its extension or well-known name."""
    name = path.rpartition("/")[2]
    if name in _CODE_NAMES:
        return True
    dot = name.rfind(".")
    return dot > 0 and name[dot + 1:].lower() in _CODE


def _name_test(glob: str) -> Callable[[str], bool]:
    pattern = re.compile(fnmatch.translate(glob.lower()))
    return lambda name: pattern.match(name.lower()) is not None


def _equals(value: str) -> Callable[[str], bool]:
    return lambda other: other == value


class Usage:
    """Resolves the use of each component from the project's rules and the defaults."""

    def __init__(self, config: Config) -> None:
        self._files: dict[tuple[str, str], Use] = {}
        self.rules: list[tuple[UsageRule, Callable[[str], bool]]] = []
        for rule in config.usage:
            if rule.path is not None:
                self.rules.append((rule, compile_globs([rule.path])))
            elif rule.package is not None:
                self.rules.append((rule, _name_test(rule.package)))
            else:
                self.rules.append((rule, _equals(rule.ecosystem or "")))

    def _ruled(self, path: str | None, name: str | None, ecosystem: str | None) -> Use | None:
        for rule, test in self.rules:
            if rule.path is not None:
                hit = path is not None and test(path)
            elif rule.package is not None:
                hit = name is not None and test(name)
            else:
                hit = ecosystem is not None and test(ecosystem)
            if hit:
                return Use(rule.use, rule.modified)
        return None

    def for_file(self, path: str) -> Use:
        """A file of the project's tree (or a licence text)."""
        if self.rules:
            ruled = self._ruled(path, None, "files")
            if ruled is not None:
                return ruled
        folder, _, name = path.rpartition("/")
        dot = name.rfind(".")
        key = (folder, name if name in _CODE_NAMES or dot <= 0 else name[dot:].lower())
        cached = self._files.get(key)
        if cached is None:
            cached = _MODIFY if is_vendored(path) else _STATIC if is_code(path) else _AGGREGATE
            self._files[key] = cached
        return cached

    def for_license_file(self, path: str) -> Use:
        """A licence text found in the tree."""
        ruled = self._ruled(path, None, "files")
        if ruled is not None:
            return ruled
        return Use("modify" if is_vendored(path) else "aggregate")

    def for_subpackage(self, path: str, name: str | None, ecosystem: str) -> Use:
        """A package of a sub-folder with its own manifest."""
        ruled = self._ruled(path, name, ecosystem)
        if ruled is not None:
            return ruled
        return Use("modify" if is_vendored(path) else "aggregate")

    def for_dependency(self, path: str, name: str, ecosystem: str | None, dev: bool, hint: str | None) -> Use:
        """A dependency: installed, or listed in an SBOM (`hint` is the use the SBOM states)."""
        ruled = self._ruled(path, name, ecosystem)
        if ruled is not None:
            return ruled
        if dev:
            return Use("build-tool")
        if hint is not None:
            return Use(hint)
        return Use(RUNTIME_DEFAULT.get(ecosystem or "", "dynamic-link"))
