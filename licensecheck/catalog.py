# SPDX-License-Identifier: Apache-2.0
"""The licence library as data: documents indexed by id and alias, versions, modules, layering.

`Catalog` holds parsed documents only; reading files and caching live in `licensecheck.library`.
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from licensecheck import model as m
from licensecheck.vocabulary import Vocabulary


@dataclass(frozen=True, eq=False)
class License:
    """A licence as the checker sees it: one document (with its modules and base) and a variant.

    Compared and hashed by identity: the catalog resolves each id to one object, and the checker caches
    per licence.
    """

    id: str  # canonical spelling of the id asked for (GPL-2.0-or-later, LicenseRef-HL3-MIL, ...)
    document: m.Document
    clauses: tuple[m.Clause, ...]
    or_later: bool = False
    family: str = ""
    version: tuple[int, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    @property
    def base_id(self) -> str:
        """The id of the document (the `-only` form for versioned families)."""
        return self.document.id

    @property
    def kind(self) -> str:
        """license, exception, addendum or policy."""
        return self.document.kind

    @property
    def works(self) -> tuple[str, ...]:
        """Kinds of work the licence is written for."""
        return self.document.fields("works")

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories named in the metadata (for policies)."""
        return self.document.fields("categories")

    @property
    def path(self) -> str:
        """The terms file it comes from."""
        return self.document.span.path


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = re.findall(r"\d+", text)
    return tuple(int(p) for p in parts)


class LazyDocuments(Mapping[str, "m.Document"]):
    """Documents kept pickled one by one and unpickled on first use (a check needs a handful of them)."""

    def __init__(self, documents: Mapping[str, m.Document]) -> None:
        self._blobs = {key: pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL) for key, doc in documents.items()}
        self._loaded: dict[str, m.Document] = {}

    def __getitem__(self, key: str) -> m.Document:
        found = self._loaded.get(key)
        if found is None:
            found = self._loaded[key] = pickle.loads(self._blobs[key])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def __getstate__(self) -> dict[str, object]:
        return {"_blobs": self._blobs}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._blobs = state["_blobs"]  # type: ignore[assignment]
        self._loaded = {}


_CODES = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def module_prefix(spelling: str) -> str:
    """The stem of a modular licence's ids: `LicenseRef-HL3-CORE` -> `LicenseRef-HL3-`, `LicenseRef-AAA` -> `LicenseRef-AAA-`."""
    return spelling[: -len("CORE")] if spelling.lower().endswith("-core") else f"{spelling}-"


@dataclass
class Catalog:
    """Documents of the library indexed for resolution; built once, then only read."""

    documents: dict[str, m.Document] | LazyDocuments = field(default_factory=dict)  # by document id
    policies: dict[str, m.Document] = field(default_factory=dict)  # by policy name (lower case)
    index: dict[str, tuple[str, bool]] = field(default_factory=dict)  # lower id -> (doc id, or_later)
    spelling: dict[str, str] = field(default_factory=dict)  # lower id -> canonical id
    families: dict[str, list[tuple[tuple[int, ...], str]]] = field(default_factory=dict)
    #: stems of modular licences' ids (lower case, ending in `-`) -> document id: `<stem><CODE>[-<CODE>...]`
    modular: dict[str, str] = field(default_factory=dict)
    #: ids that name a modular licence with every module (its full text) -> document id
    all_modules: dict[str, str] = field(default_factory=dict)
    #: identifies this catalog in process-wide memos (an object id may be reused once a catalog is freed)
    token: str = field(default_factory=lambda: os.urandom(8).hex())
    #: the vocabulary documents, and the vocabulary they and the licences' own entries declare
    vocabularies: tuple[m.Document, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    _cache: dict[str, License | None] = field(default_factory=dict, repr=False)

    # -- building --------------------------------------------------------------------------
    @classmethod
    def build(cls, documents: Iterable[m.Document]) -> Catalog:
        """Index licences, exceptions, addenda and policies by every id and alias they declare."""
        catalog = cls()
        documents = list(documents)
        catalog.vocabularies = tuple(doc for doc in documents if doc.kind == "vocabulary")
        catalog.vocabulary = Vocabulary.from_documents(documents)
        for doc in documents:
            if doc.kind == "policy":
                catalog.policies[doc.id.lower()] = doc
                continue
            if doc.kind == "vocabulary":
                continue
            catalog.documents[doc.id] = doc  # type: ignore[index]
            included = doc.field("later-versions") == "included"  # the id itself reaches later versions
            catalog._register(doc.id, doc.id, included)
            only = doc.field("only")
            if only:  # an id for this version alone (`EUPL-1.2 only`)
                catalog._register(only, doc.id, False)
            for alias in doc.fields("aliases"):
                catalog._register(alias, doc.id, included, canonical=doc.id)
            later = doc.field("later")
            if later:
                catalog._register(later, doc.id, True)
                for alias in doc.fields("deprecated"):
                    if alias.endswith("+"):
                        catalog._register(alias, doc.id, True, canonical=later)
            for alias in doc.fields("deprecated"):
                if not alias.endswith("+"):
                    catalog._register(alias, doc.id, included, canonical=doc.id)
            family = doc.field("family")
            if family:
                catalog.families.setdefault(family, []).append((_version_tuple(doc.field("version")), doc.id))
            if doc.modules:
                for name in (doc.id, *doc.fields("aliases")):
                    if name.lower().endswith("-core") or name == doc.id:
                        catalog.modular.setdefault(module_prefix(name).lower(), doc.id)
                for name in doc.fields("all-modules"):
                    catalog.all_modules.setdefault(name.lower(), doc.id)
        for versions in catalog.families.values():
            versions.sort()
        return catalog

    def _register(self, name: str, doc_id: str, or_later: bool, canonical: str | None = None) -> None:
        key = name.lower()
        self.index.setdefault(key, (doc_id, or_later))
        self.spelling.setdefault(key, canonical or name)

    # -- lookup ----------------------------------------------------------------------------
    def canonical(self, name: str) -> str | None:
        """The canonical spelling of a known id or alias."""
        license = self.resolve(name)
        return license.id if license else None

    def resolve(self, name: str) -> License | None:
        """The licence, exception or addendum an id or alias names, or None."""
        key = name.lower()
        if key in self._cache:
            return self._cache[key]
        result = self._resolve(name, key)
        self._cache[key] = result
        return result

    def _resolve(self, name: str, key: str) -> License | None:
        if key in self.index:
            doc_id, or_later = self.index[key]
            canonical = self.spelling[key]
            if canonical.endswith("+"):
                canonical = self.documents[doc_id].field("later") or canonical
            return self._license(canonical, self.documents[doc_id], or_later, None)
        if key.endswith("+") and len(key) > 1:
            base = self.resolve(name[:-1])
            if base is not None and not base.or_later:
                later = base.document.field("later") or f"{base.id}+"
                return self._license(later, base.document, True, None)
            return None
        if key in self.all_modules:
            doc = self.documents[self.all_modules[key]]
            return self._license(f"{module_prefix(doc.id)}FULL", doc, False, doc.modules)
        return self._modular(key)

    def _modular(self, key: str) -> License | None:
        """`<stem><CODE>[-<CODE>...]` or `<stem>FULL` for a licence that declares modules (any licence, not one family)."""
        for position in range(len(key) - 1, 0, -1):
            if key[position - 1] != "-" or key[:position] not in self.modular:
                continue
            suffix = key[position:]
            if not _CODES.match(suffix):
                continue
            doc = self.documents[self.modular[key[:position]]]
            prefix = module_prefix(doc.id)
            if suffix == "full":
                return self._license(f"{prefix}FULL", doc, False, doc.modules)
            codes = {mod.code.lower(): mod for mod in doc.modules}
            wanted = list(dict.fromkeys(suffix.split("-")))
            if any(code not in codes for code in wanted):
                continue
            chosen = tuple(codes[code] for code in wanted)
            return self._license(prefix + "-".join(mod.code for mod in chosen), doc, False, chosen)
        return None

    def _license(self, spelled: str, doc: m.Document, or_later: bool,
                 modules: tuple[m.Module, ...] | None) -> License:
        clauses = self.effective_clauses(doc)
        if modules:
            clauses = clauses + tuple(c for mod in modules for c in mod.clauses)
        return License(id=spelled, document=doc, clauses=clauses, or_later=or_later,
                       family=doc.field("family"), version=_version_tuple(doc.field("version")),
                       vocabulary=self.vocabulary)

    def effective_clauses(self, doc: m.Document) -> tuple[m.Clause, ...]:
        """A document's clauses, after those of the licence it extends (minus the ones it drops)."""
        base_id = doc.field("extends")
        if not base_id:
            return doc.clauses
        base_key = base_id.lower()
        if base_key not in self.index:
            return doc.clauses
        base = self.documents[self.index[base_key][0]]
        if base is doc:
            return doc.clauses
        dropped = set(doc.fields("drops"))
        own = {c.id for c in doc.clauses}
        inherited = tuple(c for c in self.effective_clauses(base) if c.id not in dropped and c.id not in own)
        return inherited + doc.clauses

    def later_versions(self, license: License) -> tuple[str, ...]:
        """Document ids of the same family from this version on (the versions `or later` reaches)."""
        if not license.family:
            return (license.base_id,)
        return tuple(doc_id for version, doc_id in self.families.get(license.family, [])
                     if version >= license.version)

    def policy(self, name: str) -> m.Document | None:
        """A policy by name."""
        return self.policies.get(name.lower())

    def suggest(self, name: str) -> str | None:
        """The closest known id, for `did you mean` hints; never a licence of another family."""
        key = (self.token, name.lower())
        if key not in _SUGGESTIONS:
            _SUGGESTIONS[key] = rank_suggestion(self, name)
        return _SUGGESTIONS[key]

    def licenses(self) -> list[m.Document]:
        """Every licence, exception and addendum document, sorted by id."""
        return sorted(self.documents.values(), key=lambda d: d.id.lower())

    def known_ids(self) -> Mapping[str, str]:
        """Lower-case id or alias -> canonical id, for expression parsing."""
        out: dict[str, str] = {}
        for key in self.index:
            lic = self.resolve(key)
            if lic is not None:
                out[key] = lic.id
        return out


#: (catalog token, lower-case name) -> suggestion
_SUGGESTIONS: dict[tuple[str, str], str | None] = {}
#: catalog token -> (lower-case id or alias, spelling to propose, family keys of its document)
_CANDIDATES: dict[str, list[tuple[str, str, frozenset[str]]]] = {}


def _candidates(catalog: Catalog) -> list[tuple[str, str, frozenset[str]]]:
    """Every id and alias with the family of its document (from ids and SPDX names: nothing is unpickled)."""
    found = _CANDIDATES.get(catalog.token)
    if found is None:
        from licensecheck import spdx_meta

        families: dict[str, frozenset[str]] = {}
        for doc_id, _or_later in catalog.index.values():
            if doc_id not in families:
                entry = spdx_meta.lookup(doc_id)
                families[doc_id] = spdx_meta.family_keys(doc_id, entry.name if entry else "")
        found = []
        for key, (doc_id, _or_later) in catalog.index.items():
            spelled = catalog.spelling[key]
            fam = families[doc_id] | spdx_meta.family_keys(spelled)
            found.append((key, key if spelled.endswith("+") else spelled, fam))
        _CANDIDATES[catalog.token] = found
    return found


def rank_suggestion(catalog: Catalog, name: str) -> str | None:
    """The hint for an unknown id: ranked by the SPDX/ScanCode name and family where the lists know the id.

    An id of the SPDX list or of ScanCode (`BSL-1.0`, "Boost Software License 1.0") is only matched with
    licences of its own family (the leading word of the id or of the name: `boost`, `bsl`), closest name,
    ScanCode category and spelling first; none is proposed when the library has no licence of that family.
    Any other string is taken as a misspelling and matched by spelling (without `LicenseRef-` prefixes).
    """
    import difflib

    from licensecheck import spdx_meta

    lowered = name.lower()
    entry = spdx_meta.lookup(name)
    if entry is not None and entry.spdx_id and catalog.resolve(entry.spdx_id) is not None:
        return catalog.canonical(entry.spdx_id)
    if entry is None:
        bare = _PREFIX.sub("", lowered)
        lead = _LEAD.match(bare)
        scored = []
        for key in catalog.index:
            other = _PREFIX.sub("", key)
            score = difflib.SequenceMatcher(None, other, bare).ratio()
            score += _shared_start(bare, other) / 1000  # ties: `Apache-2.1` is nearer `Apache-2.0` than `Apache-1.1`
            if score < 0.6 and lead and other.startswith(lead.group(0)):
                score += 0.3  # same leading word: `mit-license` is closer to `MIT` than to `Unlicense`
            scored.append((score, key))
        score, close = max(scored, default=(0.0, ""))
        if score < 0.6:
            return None
        spelled = catalog.spelling[close]
        return close if spelled.endswith("+") else spelled
    family = spdx_meta.family_keys(name, entry.name)
    best: tuple[float, str] | None = None
    for key, spelled, fam in _candidates(catalog):
        if not family & fam:
            continue
        listed = spdx_meta.lookup(spelled)
        score = difflib.SequenceMatcher(None, lowered, key).ratio()
        if listed is not None:
            score += difflib.SequenceMatcher(None, entry.name.lower(), listed.name.lower()).ratio()
            if entry.category and entry.category == listed.category:
                score += 0.5
        if best is None or score > best[0]:
            best = (score, spelled)
    return best[1] if best else None


def _shared_start(a: str, b: str) -> int:
    """How many leading characters two strings share."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


_PREFIX = re.compile(r"^licenseref-(scancode-)?")
_LEAD = re.compile(r"[a-z]+")
