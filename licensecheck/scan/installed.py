# SPDX-License-Identifier: Apache-2.0
"""Where installed dependencies lie: node_modules trees, Python environments, composer's vendor folder.

Symbolic links are never followed (pnpm links each package from its `.pnpm` store, where it is found
as a real folder; npm links workspace folders, which are read as the project's own sub-packages); each
package folder is visited once.

- `node_modules`: hoisted packages, scoped ones (`@scope/name`), nested ones
  (`a/node_modules/b/...`, at any depth), and pnpm's store (`.pnpm/<name>@<version>/node_modules/...`).
- Python: the `*.dist-info` (and `*.egg-info`) folders of each `site-packages` of a virtual
  environment (`lib/pythonX.Y/site-packages`, `Lib/site-packages` on Windows; a `lib64` link is skipped).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

_MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class Found:
    """An installed package's metadata file: its path relative to the scanned root and its absolute path."""

    path: str
    abspath: str


def _dirs(abspath: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(abspath) as entries:
            return sorted((e for e in entries if e.is_dir(follow_symlinks=False)), key=lambda e: e.name)
    except OSError:
        return []


def _is_file(abspath: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(abspath).st_mode)
    except OSError:
        return False


def _present(abspath: str) -> bool:
    """A file that is there and not a folder or a link: a regular file, or a pipe or device the reader reports."""
    try:
        mode = os.lstat(abspath).st_mode
    except OSError:
        return False
    return not stat.S_ISDIR(mode) and not stat.S_ISLNK(mode)


def _is_dir(abspath: str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(abspath).st_mode)
    except OSError:
        return False


def node_packages(root: str, folder: str) -> Iterator[Found]:
    """Every `package.json` of the packages installed in `folder` (a node_modules folder, relative to root)."""
    stack: list[tuple[str, int]] = [(folder, 0)]
    while stack:
        relative, depth = stack.pop()
        if depth > _MAX_DEPTH:
            continue
        absolute = os.path.join(root, relative)
        packages: list[str] = []
        for entry in _dirs(absolute):
            name = entry.name
            if name == ".pnpm":
                for store in _dirs(entry.path):
                    inner = f"{relative}/.pnpm/{store.name}/node_modules"
                    if _is_dir(os.path.join(root, inner)):
                        stack.append((inner, depth + 1))
            elif name.startswith("@"):
                packages += [f"{relative}/{name}/{p.name}" for p in _dirs(entry.path)]
            elif not name.startswith("."):
                packages.append(f"{relative}/{name}")
        nested: list[tuple[str, int]] = []
        for package in packages:
            manifest = f"{package}/package.json"
            if _present(os.path.join(root, manifest)):
                yield Found(manifest, os.path.join(root, manifest))
            if _is_dir(os.path.join(root, package, "node_modules")):
                nested.append((f"{package}/node_modules", depth + 1))
        stack.extend(reversed(nested))


def site_packages(root: str, venv: str) -> list[str]:
    """The site-packages folders of a virtual environment (relative to root; `venv` may be '' for the root)."""
    base = os.path.join(root, venv) if venv else root
    out: list[str] = []
    for lib in ("lib", "Lib"):
        if not _is_dir(os.path.join(base, lib)):
            continue
        if _is_dir(os.path.join(base, lib, "site-packages")):
            out.append(os.path.join(venv, lib, "site-packages") if venv else f"{lib}/site-packages")
        for python in _dirs(os.path.join(base, lib)):
            if python.name.startswith("python") and _is_dir(os.path.join(python.path, "site-packages")):
                relative = f"{lib}/{python.name}/site-packages"
                out.append(f"{venv}/{relative}" if venv else relative)
    return out


def distributions(root: str, folder: str) -> Iterator[tuple[str, str]]:
    """(relative folder, metadata file name) of every `*.dist-info` / `*.egg-info` folder in `folder`."""
    for entry in _dirs(os.path.join(root, folder) if folder else root):
        if entry.name.endswith(".dist-info"):
            name = "METADATA"
        elif entry.name.endswith(".egg-info"):
            name = "PKG-INFO"
        else:
            continue
        relative = f"{folder}/{entry.name}" if folder else entry.name
        if _present(os.path.join(root, relative, name)):
            yield relative, name


def licence_files(root: str, dist: str, declared: list[str]) -> list[str]:
    """The licence files of a distribution folder: its `License-File` entries and `licenses/` folder (PEP 639),
    and the LICENSE/COPYING/NOTICE files older wheels put at its top; relative to root, each once."""
    from licensecheck.scan.identify import is_license_file

    found: list[str] = []
    base = os.path.join(root, dist)
    for name in declared:
        for candidate in (f"licenses/{name}", name):
            if ".." not in candidate.split("/") and _is_file(os.path.join(base, candidate)):
                found.append(f"{dist}/{candidate}")
                break
    stack = [("licenses", 0)] if _is_dir(os.path.join(base, "licenses")) else []
    while stack:
        relative, depth = stack.pop()
        try:
            with os.scandir(os.path.join(base, relative)) as entries:
                items = sorted(entries, key=lambda e: e.name)
        except OSError:
            continue
        for entry in items:
            if entry.is_dir(follow_symlinks=False) and depth < 8:
                stack.append((f"{relative}/{entry.name}", depth + 1))
            elif entry.is_file(follow_symlinks=False):
                found.append(f"{dist}/{relative}/{entry.name}")
    try:
        with os.scandir(base) as entries:
            found += [f"{dist}/{e.name}" for e in sorted(entries, key=lambda e: e.name)
                      if e.is_file(follow_symlinks=False) and is_license_file(e.name)]
    except OSError:
        pass
    return list(dict.fromkeys(found))


def sboms(root: str, dist: str) -> list[str]:
    """The SBOMs a wheel carries in `<name>.dist-info/sboms/` (PEP 770), relative to root."""
    base = os.path.join(root, dist, "sboms")
    if not _is_dir(base):
        return []
    try:
        with os.scandir(base) as entries:
            return [f"{dist}/sboms/{e.name}" for e in sorted(entries, key=lambda e: e.name)
                    if e.is_file(follow_symlinks=False) and e.name.endswith(".json")]
    except OSError:
        return []
