# SPDX-License-Identifier: Apache-2.0
"""Loading the licence library from the shipped terms files, with an on-disk cache."""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from licensecheck import __version__
from licensecheck.catalog import Catalog, LazyDocuments
from licensecheck.errors import TermsSyntaxError
from licensecheck.model import Document
from licensecheck.resources import cache_dir, data_path
from licensecheck.vocabulary import Vocabulary, entries_of

if TYPE_CHECKING:
    from importlib.abc import Traversable

_SUFFIXES = (".terms", ".policy", ".vocab")
_MODEL_SOURCES = ("model.py", "catalog.py", "vocabulary.py", "source.py", "syntax/transform.py", "syntax/parser.py")


def _shipped_files() -> list[tuple[str, Traversable]]:
    files: list[tuple[str, Traversable]] = []
    for folder in ("licenses", "policies"):
        root = data_path(folder)
        if not root.is_dir():
            continue
        for entry in root.iterdir():
            if entry.name.endswith(_SUFFIXES):
                files.append((f"{folder}/{entry.name}", entry))
    files.sort(key=lambda item: item[0])
    return files


def _parse_all(files: Iterable[tuple[str, bytes]]) -> list[Document]:
    """The shipped documents: the vocabulary first, then every licence and policy checked against it."""
    from licensecheck.syntax.parser import parse_document, shipped_vocabulary, shipped_vocabulary_documents

    documents = list(shipped_vocabulary_documents())
    vocabulary = shipped_vocabulary()
    for display, data in files:
        if display.endswith(".vocab"):
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise TermsSyntaxError(f"cannot read `{display}`: not UTF-8") from None
        documents.append(parse_document(text, display, vocabulary))
    return documents


def _load_cached(key: str) -> Catalog | None:
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / f"library-{key}.pickle"
    try:
        with path.open("rb") as handle:
            catalog = pickle.load(handle)
    except Exception:  # missing, unreadable or corrupt: rebuild
        return None
    return catalog if isinstance(catalog, Catalog) else None


def _store_cached(key: str, catalog: Catalog) -> None:
    directory = cache_dir()
    if directory is None:
        return
    path = directory / f"library-{key}.pickle"
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            pickle.dump(catalog, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


@functools.cache
def load_library() -> Catalog:
    """The shipped library, from the cache when its content hash matches."""
    files = [(display, entry.read_bytes()) for display, entry in _shipped_files()]
    grammar = data_path("grammars").joinpath("terms.lark").read_bytes()
    # a content hash (CRC-32 over every byte and the total length: zlib is built in, hashlib costs start-up time)
    parts = [__version__.encode(), grammar]
    package = Path(__file__).resolve().parent
    for module in _MODEL_SOURCES:  # the code that builds the cached objects is part of the key
        try:
            parts.append((package / module).read_bytes())
        except OSError:
            parts.append(module.encode())
    for display, data in files:
        parts.append(display.encode() + b"\0" + data + b"\0")
    blob = b"\1".join(parts)
    key = f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}{len(blob):x}"
    cached = _load_cached(key)
    if cached is not None:
        return cached
    catalog = Catalog.build(_parse_all(files))
    _store_cached(key, Catalog(LazyDocuments(catalog.documents), catalog.policies, catalog.index, catalog.spelling,
                               catalog.families, modular=catalog.modular, all_modules=catalog.all_modules,
                               vocabularies=catalog.vocabularies, vocabulary=catalog.vocabulary))
    return catalog


def load_catalog(paths: Iterable[Path], with_shipped: bool = True) -> Catalog:
    """A catalog of the shipped library plus terms files given by the user (files or folders).

    Vocabulary files (`.vocab`) are read first: the other files may use the words they declare.
    """
    documents = read_documents(expand_paths(paths), load_library().vocabulary if with_shipped else None)
    return with_documents(documents) if with_shipped else Catalog.build(documents)


def read_documents(paths: Iterable[Path], vocabulary: Vocabulary | None) -> list[Document]:
    """User files parsed in order: vocabulary files first, each extending the vocabulary the rest is checked against."""
    from licensecheck.syntax.parser import read_document, shipped_vocabulary

    ordered = sorted(paths, key=lambda p: p.suffix != ".vocab")
    base = vocabulary if vocabulary is not None else shipped_vocabulary()
    documents: list[Document] = []
    for path in ordered:
        document = read_document(path, vocabulary=base)
        documents.append(document)
        if document.kind == "vocabulary":
            base = base.merged(entries_of([document]))
    return documents


def with_documents(documents: Iterable[Document]) -> Catalog:
    """The shipped library with more documents; one with the id of a shipped document replaces it."""
    shipped = load_library()
    by_id: dict[tuple[bool, str], Document] = {}
    for doc in [*shipped.vocabularies, *shipped.documents.values(), *shipped.policies.values(), *documents]:
        by_id[(doc.kind in ("policy", "vocabulary"), f"{doc.kind}:{doc.id.lower()}")] = doc
    return Catalog.build(by_id.values())


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the terms and policy files inside given folders, sorted."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in _SUFFIXES and p.is_file()))
        else:
            out.append(path)
    return out
