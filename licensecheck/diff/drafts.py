# SPDX-License-Identifier: Apache-2.0
"""The two sides of a diff: a terms file, a terms file at a git revision (`PATH@REV`), or a library licence.

Each side is parsed by the same parser as `licensecheck test --terms` and loaded into its own catalog beside the
shipped library (`licensecheck.library.with_documents`): two drafts that declare the same licence id never see
each other. A library id is compared with the shipped licence (its catalog is the shipped library).

Every error is one line with the place the user named (`draft.terms:1:1: error: ...` for a file that cannot be
read, `draft.terms@v9:1:1: error: ...` for an unknown revision) and the parser's own positions inside a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from licensecheck.catalog import Catalog
from licensecheck.errors import InputError, LicenseCheckError, TermsSyntaxError
from licensecheck.files import DEFAULT_MAX_BYTES, read_text
from licensecheck.library import load_library, with_documents
from licensecheck.model import Document
from licensecheck.source import Span

#: document kinds a draft may be (a licence, or terms added to one with WITH)
DRAFT_KINDS = ("license", "exception", "addendum")
#: suffixes that make an argument a path even when no such file exists (so the error says "no such file")
_PATH_SUFFIXES = (".terms", ".policy", ".vocab", ".txt")
#: how long `git` may take to answer
GIT_TIMEOUT = 30


@dataclass(frozen=True, eq=False)
class Draft:
    """One side of a diff: its document, where it comes from, and the catalog its questions are asked in."""

    argument: str  # as the user wrote it
    source: str  # the display name used in locations: `drafts/x.terms`, `drafts/x.terms@v1`, `licenses/PPL.terms`
    document: Document
    catalog: Catalog
    shipped: bool = False  # a licence of the shipped library, named by its id

    @property
    def id(self) -> str:
        """The licence id the draft declares."""
        return self.document.id

    @property
    def path(self) -> str:
        """The path the draft's clauses are located in (reasons and clause locations start with it)."""
        return self.document.span.path


def _at_start(argument: str, message: str) -> InputError:
    """An error about a whole argument: placed at its first line, as the diff contract asks of every bad input."""
    return InputError(message, Span(argument, 1, 1))


def _placed(exc: LicenseCheckError, argument: str) -> LicenseCheckError:
    """The error as one line with a position: the one it has, or the start of the argument; a hint is kept in
    the line, the quoted source line is left out."""
    if exc.span is None:
        exc.span = Span(argument, 1, 1)
    if exc.hint:
        exc.message = f"{exc.message} ({exc.hint})"
        exc.hint = None
    exc.context = None
    return exc


def read_draft(argument: str) -> Draft:
    """The draft an argument names: an existing file, `PATH@REV`, or the id of a licence of the library."""
    library = load_library()
    path = Path(argument)
    if path.is_file():
        try:
            text = read_text(path, argument, TermsSyntaxError)
        except LicenseCheckError as exc:
            raise _placed(exc, argument) from None
        return _from_text(argument, argument, text, library)
    if "@" in argument:
        where, _, revision = argument.rpartition("@")
        if where and revision:
            return _from_text(argument, argument, git_show(where, revision, argument), library)
    if path.exists():
        raise _at_start(argument, f"`{argument}` is not a regular file")
    looks_like_path = os.sep in argument or "/" in argument or argument.endswith(_PATH_SUFFIXES)
    license = None if looks_like_path else library.resolve(argument)
    if license is None:
        if looks_like_path:
            raise _at_start(argument, f"no such file: `{argument}`")
        hint = library.suggest(argument)
        suggestion = f" (did you mean `{hint}`?)" if hint else ""
        raise _at_start(argument, f"`{argument}` is neither a terms file nor the id of a licence of the library{suggestion}")
    document = license.document
    if document.kind not in DRAFT_KINDS:
        raise _at_start(argument, f"`{argument}` is a {document.kind}, not a licence")
    return Draft(argument, document.span.path, document, library, shipped=True)


def _from_text(argument: str, shown: str, text: str, library: Catalog) -> Draft:
    from licensecheck.syntax.parser import parse_document

    try:
        document = parse_document(text, shown, library.vocabulary)
    except LicenseCheckError as exc:
        raise _placed(exc, argument) from None
    if document.kind not in DRAFT_KINDS:
        raise InputError(f"a draft is a licence terms file (`license ID`), not a {document.kind} file", document.span)
    return Draft(argument, shown, document, with_documents([document]))


def git_show(path: str, revision: str, argument: str) -> str:
    """The text of `path` at `revision`, from the git repository holding it (`git show`; nothing is checked out)."""
    git = shutil.which("git")
    if git is None:
        raise _at_start(argument, "cannot read a revision: `git` is not installed")
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise _at_start(argument, f"cannot read `{path}` at a revision: no such folder `{folder}`")

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run([git, "-C", str(folder), *args], capture_output=True, timeout=GIT_TIMEOUT,
                                  check=False, env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise _at_start(argument, f"cannot run git: {exc}") from None

    if run("rev-parse", "--git-dir").returncode != 0:
        raise _at_start(argument, f"`{path}` is not in a git repository")
    if run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise _at_start(argument, f"unknown revision `{revision}` in the git repository holding `{path}`")
    shown = run("show", f"{revision}:./{target.name}")
    if shown.returncode != 0:
        raise _at_start(argument, f"`{path}` does not exist at revision `{revision}`")
    data = shown.stdout
    if len(data) > DEFAULT_MAX_BYTES:
        raise _at_start(argument, f"`{argument}` is too large ({len(data):,} bytes; the limit is {DEFAULT_MAX_BYTES:,})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"cannot read `{argument}`: not UTF-8", Span(argument, line, 1)) from None


__all__ = ["Draft", "git_show", "read_draft"]
