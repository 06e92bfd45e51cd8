# SPDX-License-Identifier: Apache-2.0
"""Walking the scanned tree: regular files only, links never followed, every obstacle reported.

Symbolic links are not followed: a link to something inside the root adds nothing (its target is
scanned where it is), a link out of the root, a dangling link and a link loop are reported and
skipped. Unreadable directories and files are reported as errors and the walk goes on. Nothing
is ever written into the tree.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field

from licensecheck.scan.model import Problem, Severity

#: directories never entered: version control and tool caches
SKIP_DIRS = frozenset({".git", ".hg", ".sl", ".svn", ".bzr", "_darcs", ".reuse", "__pycache__", ".mypy_cache",
                       ".pytest_cache", ".ruff_cache", ".tox", ".nox", ".hypothesis"})


@dataclass(frozen=True, slots=True)
class Entry:
    """A regular file of the tree: its path relative to the root (with `/`) and its absolute path."""

    path: str
    abspath: str


@dataclass
class Tree:
    """What the walk found: files, virtual environments, node_modules folders, problems."""

    files: list[Entry] = field(default_factory=list)
    venvs: list[str] = field(default_factory=list)  # relative paths of folders with a pyvenv.cfg ('' for the root)
    dist_infos: list[str] = field(default_factory=list)  # *.dist-info / *.egg-info folders outside any venv
    node_modules: list[str] = field(default_factory=list)  # relative paths of node_modules folders
    problems: list[Problem] = field(default_factory=list)


def walk(root: str, excluded: Callable[[str], bool]) -> Tree:
    """Every regular file under `root` (an absolute path), in a stable order."""
    tree = Tree()
    real_root = os.path.realpath(root)
    if os.path.isfile(os.path.join(root, "pyvenv.cfg")):
        tree.venvs.append("")  # a virtual environment scanned as the root: its packages are what it holds
        return tree
    stack: list[tuple[str, str]] = [(root, "")]
    while stack:
        directory, relative = stack.pop()
        try:
            with os.scandir(directory) as iterator:
                entries = sorted(iterator, key=lambda e: e.name)
        except OSError as exc:
            tree.problems.append(Problem(relative or ".", f"cannot read directory: {_why(exc)}", Severity.ERROR))
            continue
        subdirs: list[tuple[str, str]] = []
        for entry in entries:
            path = f"{relative}/{entry.name}" if relative else entry.name
            if excluded(path):
                continue
            try:
                if entry.is_symlink():
                    _symlink(entry.path, path, real_root, tree)
                elif entry.is_dir(follow_symlinks=False):
                    if entry.name == ".reuse" and not relative:
                        dep5 = os.path.join(entry.path, "dep5")
                        if os.path.isfile(dep5) and not os.path.islink(dep5):
                            tree.files.append(Entry(".reuse/dep5", dep5))
                    if entry.name in SKIP_DIRS:
                        continue
                    if entry.name.endswith((".dist-info", ".egg-info")):
                        tree.dist_infos.append(path)
                        continue
                    if entry.name == "node_modules":
                        tree.node_modules.append(path)
                    elif os.path.exists(os.path.join(entry.path, "pyvenv.cfg")):
                        tree.venvs.append(path)
                    else:
                        subdirs.append((entry.path, path))
                elif entry.is_file(follow_symlinks=False):
                    tree.files.append(Entry(path, entry.path))
                else:
                    tree.problems.append(Problem(path, "not a regular file; skipped", Severity.SKIPPED))
            except OSError as exc:
                tree.problems.append(Problem(path, f"cannot read: {_why(exc)}", Severity.ERROR))
        stack.extend(reversed(subdirs))
    return tree


def _symlink(abspath: str, path: str, real_root: str, tree: Tree) -> None:
    try:
        os.stat(abspath)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            tree.problems.append(Problem(path, "symbolic link loop; not followed", Severity.WARNING))
        else:
            tree.problems.append(Problem(path, "dangling symbolic link; skipped", Severity.WARNING))
        return
    target = os.path.realpath(abspath)
    if target != real_root and not target.startswith(real_root + os.sep):
        tree.problems.append(Problem(path, "symbolic link points out of the scanned root; not followed",
                                     Severity.SKIPPED))


def _why(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or exc.__class__.__name__).lower()


_FIRST_READ = 64 * 1024


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


class NotRegularFile(OSError):
    """A path that is a named pipe, a device, a socket or a folder where a file was expected."""


def read_head(abspath: str, limit: int) -> bytes:
    """The first `limit` bytes of a regular file (raises OSError; NotRegularFile for anything else).

    The file is opened without following a final link and without blocking (a named pipe put where
    a METADATA or package.json is expected would otherwise block the scan forever), then checked.
    """
    fd = os.open(abspath, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file")
        first = os.read(fd, min(limit, _FIRST_READ))  # small reads avoid a large allocation per file
        if len(first) < min(limit, _FIRST_READ):
            return first
        size = info.st_size
        if size <= len(first) and size > 0:
            return first
        rest = os.read(fd, (min(limit, size) if size > 0 else limit) - len(first))
        return first + rest if rest else first
    finally:
        os.close(fd)

