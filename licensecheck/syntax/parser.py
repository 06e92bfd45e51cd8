# SPDX-License-Identifier: Apache-2.0
"""Terms text to model: the one place where licence text becomes a `Document`."""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from licensecheck.errors import TermsSyntaxError
from licensecheck.files import read_text
from licensecheck.model import Document
from licensecheck.resources import cache_dir, data_path
from licensecheck.source import Span
from licensecheck.vocabulary import Vocabulary

if TYPE_CHECKING:
    from lark import Lark
    from lark.exceptions import UnexpectedInput

#: malformed samples for each error label (lark's `match_examples`): a new label needs samples only
MALFORMED: dict[str, list[str]] = {
    "a clause must end with a full stop": [
        "license X\n[a] §1: may use\n[b] §2: may use.",
        "license X\n[a] §1: may use, run\n",
        "license X\n[a] §1: must keep-notices\n[b] §1: may use.",
        "license X\n[a] §1: may use if purpose commercial\n[b] §1: may use.",
    ],
    "a clause starts with its id in brackets, e.g. `[grant] §2: may use.`": [
        "license X\n§1: may use.",
        "license X\nmay use.",
    ],
    "the citations of a clause end with a colon, e.g. `[grant] §2: may use.`": [
        "license X\n[a] §1 may use.",
        "license X\n[a] may use.",
    ],
    "a statement starts with may, must, share-alike, compatible, convertible, no further restrictions, grants, waives, changes, ends, reserves, define, allow, deny or conditional": [
        "license X\n[a] §1: can use.",
        "license X\n[a] §1: shall use.",
        "license X\n[a] §1: use.",
    ],
    "a terms file starts with `license`, `exception`, `addendum` or `policy` and an id": [
        "licence X\n[a] §1: may use.",
        "[a] §1: may use.",
        "license\n[a] §1: may use.",
    ],
    "a metadata line is `field: value`": [
        "license X\nname \"x\"\n",
        "license X\nname: \n[a] §1: may use.",
    ],
    "a condition is `licensee ...`, `purpose ...`, `modified`, `use is ...`, `work is ...`, `trial N days`, `parameter ...`, `agreement` or a defined term, joined by and/or/not": [
        "license X\n[a] §1: may use if licensee.",
        "license X\n[a] §1: may use if (.",
        "license X\n[a] §1: may use if purpose commercial and.",
    ],
}


def grammar_text() -> str:
    """The grammar of the terms language, as shipped."""
    return data_path("grammars").joinpath("terms.lark").read_text(encoding="utf-8")


@functools.cache
def get_parser() -> Lark:
    """The LALR parser, cached on disk in the user cache directory (keyed by the grammar's hash)."""
    from lark import Lark

    text = grammar_text()
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    cache_file: str | bool = False
    directory = cache_dir()
    if directory is not None:
        cache_file = os.fspath(directory / f"terms-parser-{digest}.lark")
    try:
        return Lark(text, parser="lalr", propagate_positions=True, cache=cache_file)
    except Exception:  # a corrupt or unreadable cache: build without it
        return Lark(text, parser="lalr", propagate_positions=True)


def _caret_context(text: str, line: int, column: int) -> str:
    lines = text.splitlines() or [""]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    number = f"{line} | "
    return f"{number}{source}\n{' ' * (len(number) + column - 1)}^"


def _syntax_error(exc: UnexpectedInput, text: str, path: str) -> TermsSyntaxError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    line, column = exc.line, exc.column
    lines = text.splitlines() or [""]
    if isinstance(exc, UnexpectedEOF) or line is None or line < 1:
        line = len(lines)
        column = len(lines[-1]) + 1
    label = None
    try:
        label = exc.match_examples(get_parser().parse, MALFORMED, use_accepts=True)
    except Exception:  # match_examples must never turn an error into a crash
        label = None
    position = exc.pos_in_stream if exc.pos_in_stream is not None else len(text)
    if isinstance(exc, UnexpectedCharacters) and position < len(text) and text[position] == '"':
        return TermsSyntaxError("unterminated string: a quote opened here is not closed on its line",
                                Span(path, line, column), context=_caret_context(text, line, column))
    if label == "a clause must end with a full stop" and isinstance(exc, UnexpectedToken) \
            and exc.token.type != "$END" and exc.token.start_pos is not None:
        end = exc.token.start_pos
        while end > 0 and text[end - 1].isspace():
            end -= 1
        line = text.count("\n", 0, end) + 1
        column = end - (text.rfind("\n", 0, end) + 1) + 1
        return TermsSyntaxError(f"missing full stop: {label}", Span(path, line, column),
                                context=_caret_context(text, line, column))
    if isinstance(exc, UnexpectedToken) and exc.token.type == "$END":
        found = "the end of the file"
        line, column = len(lines), len(lines[-1]) + 1
    elif isinstance(exc, UnexpectedToken):
        found = f"`{exc.token}`"
    elif isinstance(exc, UnexpectedCharacters):
        found = f"`{text[position]}`" if position < len(text) else "a character"
    else:
        found = "the end of the file"
    message = f"unexpected {found}"
    if label:
        message = f"{message}: {label}"
    return TermsSyntaxError(message, Span(path, line, column), context=_caret_context(text, line, column))


def parse_document(text: str, path: str = "<string>", vocabulary: Vocabulary | None = None) -> Document:
    """Parse one terms, policy or vocabulary file into a `Document`; raise `TermsSyntaxError` on the first error.

    Words are checked against `vocabulary` (default: the shipped vocabulary).
    """
    document, errors = check_document(text, path, vocabulary)
    if errors:
        raise errors[0]
    assert document is not None
    return document


def check_document(text: str, path: str = "<string>",
                   vocabulary: Vocabulary | None = None) -> tuple[Document | None, list[TermsSyntaxError]]:
    """Parse a terms file and report every vocabulary error, not only the first."""
    from lark.exceptions import UnexpectedInput

    from licensecheck.syntax.transform import build_document

    try:
        tree = get_parser().parse(text)
    except UnexpectedInput as exc:
        return None, [_syntax_error(exc, text, path)]
    errors: list[TermsSyntaxError] = []
    if vocabulary is None:
        vocabulary = shipped_vocabulary()
    document = build_document(tree, text, path, errors, vocabulary)
    for error in errors:
        if error.span is not None and error.context is None:
            error.context = _caret_context(text, error.span.line, error.span.column)
    return document, errors


def read_document(path: Path, display: str | None = None, vocabulary: Vocabulary | None = None) -> Document:
    """Read and parse a terms file; an unreadable file is a one-line `TermsSyntaxError`."""
    shown = display or os.fspath(path)
    return parse_document(read_text(path, shown, TermsSyntaxError), shown, vocabulary)


#: the shipped vocabulary documents, in the order they are read
VOCABULARY_FILES = ("vocabulary.vocab",)


@functools.cache
def shipped_vocabulary() -> Vocabulary:
    """The vocabulary of the shipped vocabulary documents (`licenses/vocabulary.vocab`)."""
    return Vocabulary.from_documents(shipped_vocabulary_documents())


@functools.cache
def shipped_vocabulary_documents() -> tuple[Document, ...]:
    """The shipped vocabulary documents, parsed (each against the ones before it)."""
    root = data_path("licenses")
    documents: list[Document] = []
    vocabulary = Vocabulary()
    for name in VOCABULARY_FILES:
        text = root.joinpath(name).read_text(encoding="utf-8")
        document = parse_document(text, f"licenses/{name}", vocabulary)
        documents.append(document)
        vocabulary = Vocabulary.from_documents(documents)
    return tuple(documents)

