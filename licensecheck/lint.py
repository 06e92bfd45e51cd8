# SPDX-License-Identifier: Apache-2.0
"""`lint`: errors and warnings about terms and policy files, each with its place."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from licensecheck import model as m
from licensecheck.catalog import Catalog
from licensecheck.errors import LicenseCheckError, TermsSyntaxError
from licensecheck.files import read_text
from licensecheck.library import expand_paths, with_documents
from licensecheck.resources import cache_dir, data_path
from licensecheck.source import Span
from licensecheck.syntax.parser import check_document, shipped_vocabulary
from licensecheck.texts import LicenseText, TextShelf
from licensecheck.vocabulary import Vocabulary, entries_of


@dataclass(frozen=True)
class Finding:
    """One lint message."""

    severity: str  # error | warning
    message: str
    span: Span
    context: str | None = None
    hint: str | None = None

    def line(self) -> str:
        """`path:line:column: severity: message`."""
        return f"{self.span}: {self.severity}: {self.message}"


def lint_paths(paths: Iterable[Path]) -> tuple[list[Finding], int]:
    """Lint files and folders; returns the findings and the number of files read."""
    files = expand_paths(paths)
    findings: list[Finding] = []
    documents: list[m.Document] = []
    vocabulary = shipped_vocabulary()
    for path in sorted(files, key=lambda p: p.suffix != ".vocab"):  # vocabularies first: the rest use their words
        shown = str(path)
        try:
            text = read_text(path, shown, TermsSyntaxError)
        except TermsSyntaxError as exc:
            findings.append(Finding("error", exc.message, Span(shown, 1, 1)))
            continue
        document, errors = check_document(text, shown, vocabulary)
        if document is not None and document.kind == "vocabulary":
            vocabulary = vocabulary.merged(entries_of([document]))
        findings.extend(Finding("error", e.message, e.span or Span(shown, 1, 1), e.context, e.hint) for e in errors)
        if document is not None:
            documents.append(document)
    catalog = with_documents(documents)
    shelf = text_shelf()
    for document in documents:
        findings.extend(lint_document(document, catalog))
        findings.extend(lint_fidelity(document, catalog, shelf))
    findings.sort(key=lambda f: (f.span.path, f.span.line, f.span.column))
    return findings, len(files)


def lint_document(document: m.Document, catalog: Catalog) -> list[Finding]:
    """Library-level checks of one parsed document: references, dead clauses, contradictions."""
    out: list[Finding] = []
    clauses = [*document.clauses, *(c for mod in document.modules for c in mod.clauses)]
    ids = {c.id for c in clauses}
    for field_name in ("extends",):
        for value in document.fields(field_name):
            if catalog.resolve(value) is None:
                out.append(Finding("error", f"reference to an unknown licence `{value}`",
                                   document.meta_spans.get(field_name, document.span)))
    base = catalog.resolve(document.field("extends")) if document.field("extends") else None
    base_ids = {c.id for c in base.clauses} if base is not None else set()
    for dropped in document.fields("drops"):
        if dropped not in base_ids:
            out.append(Finding("warning", f"dangling clause reference: `{dropped}` is not a clause of the base licence",
                               document.meta_spans.get("drops", document.span)))
    if not document.fields("works") and document.kind == "license":
        out.append(Finding("warning", "no `works:` field: say which kinds of work the licence is for",
                           document.span))
    out.extend(_modules(document))
    for clause in clauses:
        out.extend(_references(clause, catalog))
        out.extend(_dead(clause, catalog.vocabulary))
        for ref in re.findall(r"\[([a-z0-9][a-z0-9-]*)\]", " ".join(filter(None, (clause.note, clause.unclear)))):
            if ref not in ids and ref not in base_ids:
                out.append(Finding("warning", f"dangling clause reference `[{ref}]`", clause.span))
    out.extend(_contradictions(clauses))
    return out


def _modules(document: m.Document) -> list[Finding]:
    """The `modules:` field and the `module` blocks name the same modules (ids `<stem><CODE>` resolve from the blocks)."""
    listed = document.fields("modules")
    blocks = {mod.code: mod for mod in document.modules}
    where = document.meta_spans.get("modules", document.span)
    out = [Finding("warning", f"module `{code}` is listed in `modules:` but has no `module {code}` block", where)
           for code in listed if code not in blocks]
    out += [Finding("warning", f"module `{code}` is not listed in `modules:`", mod.span)
            for code, mod in blocks.items() if listed and code not in listed]
    if document.fields("all-modules") and not blocks:
        out.append(Finding("error", "`all-modules:` names the licence with every module, but it declares none",
                           document.meta_spans.get("all-modules", document.span)))
    return out


def _references(clause: m.Clause, catalog: Catalog) -> list[Finding]:
    statement = clause.statement
    names: list[tuple[str, Span]] = []
    if isinstance(statement, (m.ShareAlike, m.Edge)):
        names.extend((t.id, t.span) for t in statement.targets if isinstance(t, m.TargetId))
    elif isinstance(statement, m.Tier) and statement.target.lower() != "agreement":
        names.append((statement.target, statement.span))
    elif isinstance(statement, m.PolicyRule):
        names.extend((s.value, clause.span) for s in statement.selectors if s.kind == "id")
    out = []
    for name, span in names:
        if catalog.resolve(name) is None:
            hint = catalog.suggest(name)
            out.append(Finding("error", f"reference to an unknown licence `{name}`", span,
                               hint=f"did you mean `{hint}`?" if hint else None))
    return out


def _literals(cond: m.Cond, positive: bool = True) -> list[tuple[bool, m.Cond]]:
    if isinstance(cond, m.All) and positive:
        return [lit for item in cond.items for lit in _literals(item, True)]
    if isinstance(cond, m.Not):
        inner = cond.item
        if not isinstance(inner, (m.All, m.Any, m.Not)):
            return [(not positive, inner)]
        if isinstance(inner, m.Any) and positive:
            return [lit for item in inner.items for lit in _literals(item, False)]
        return []
    if isinstance(cond, (m.All, m.Any)):
        return []
    return [(positive, cond)]


def _never(cond: m.Cond | None, vocab: Vocabulary) -> str | None:
    if cond is None:
        return None
    literals = _literals(cond)
    for value, atom in literals:
        if (not value, atom) in literals:
            return "it requires a condition and its negation"
    kinds = [a.kind for v, a in literals if v and isinstance(a, m.LicenseeKind)]
    for i, first in enumerate(kinds):
        for second in kinds[i + 1:]:
            if first not in vocab.kind_ancestors(second) and second not in vocab.kind_ancestors(first):
                return f"the licensee cannot be both `{first}` and `{second}`"
    return None


def _dead(clause: m.Clause, vocab: Vocabulary) -> list[Finding]:
    cond = getattr(clause.statement, "condition", None)
    why = _never(cond, vocab)
    if why:
        return [Finding("warning", f"clause `{clause.id}` can never apply: {why}", clause.span)]
    return []


def _contradictions(clauses: list[m.Clause]) -> list[Finding]:
    out = []
    grants: dict[tuple[str, object], m.Clause] = {}
    for clause in clauses:
        if isinstance(clause.statement, m.Permission) and clause.module is None:
            for act in clause.statement.acts:
                grants.setdefault((act, clause.statement.condition), clause)
    for clause in clauses:
        statement = clause.statement
        if isinstance(statement, m.Prohibition) and not clause.unclear:
            for act in statement.acts:
                other = grants.get((act, statement.condition))
                if other is not None:
                    out.append(Finding(
                        "warning",
                        f"clause `{clause.id}` forbids `{act}` that clause `{other.id}` (line {other.span.line}) "
                        "permits for the same licensee", clause.span))
    return out


# -- quotes and citations against the licence texts ------------------------------------------------

#: the documents whose quotes and citations are checked (policies and vocabularies cite documentation)
_TEXTUAL_KINDS = frozenset({"license", "exception", "addendum"})
_CROSS = re.compile(r"^§(\S+)\s+(§.+)$")


def text_shelf() -> TextShelf:
    """The texts lint reads: beside each terms file in `texts/`, else the shipped `licenses/texts/`."""
    shipped = data_path("licenses").joinpath("texts")
    return TextShelf(Path(str(shipped)) if Path(str(shipped)).is_dir() else None, cache_dir())


def _text_name(document: m.Document) -> str:
    return document.field("text") or document.id


def lint_fidelity(document: m.Document, catalog: Catalog, shelf: TextShelf) -> list[Finding]:
    """Every quote occurs in the licence text and every `§` citation names one of its sections.

    A document with `sources: secondary` has no text to check against: its clauses must say in their note
    which source they rest on.
    """
    if document.kind not in _TEXTUAL_KINDS:
        return []
    clauses = [*document.clauses, *(c for mod in document.modules for c in mod.clauses)]
    where = document.span.path
    if document.field("sources") == "none":
        return []
    if document.field("sources") == "secondary":
        out = []
        shipped = shelf.locate(_text_name(document), where)
        if shipped is not None and shelf.has_folder(where) and shipped.parent == Path(where).parent / "texts":
            out.append(Finding("warning", f"`sources: secondary`, but a text is shipped ({shipped}): "
                                          "check the clauses against it instead", document.meta_spans.get("sources",
                                                                                                       document.span)))
        for clause in clauses:
            if not (clause.note or "").lower().startswith("secondary source"):
                out.append(Finding("error", f"clause `{clause.id}` rests on secondary sources: its note must start "
                                            "with `secondary source` and name the source", clause.span))
        return out
    text, problem = _own_text(document, shelf)
    if problem is not None:
        return [problem]
    out = []
    for clause in clauses:
        out.extend(_clause_fidelity(clause, text, catalog, shelf, where))
    return out


def _own_text(document: m.Document, shelf: TextShelf) -> tuple[LicenseText | None, Finding | None]:
    where = document.span.path
    name = _text_name(document)
    path = shelf.locate(name, where)
    if path is None:
        if document.field("text"):
            return None, Finding("error", f"no licence text `{name}` in texts/ beside the file or among the shipped "
                                          "texts", document.meta_spans.get("text", document.span))
        if shelf.has_folder(where):
            return None, Finding("error", f"no licence text for `{document.id}`: ship `texts/{name}.txt`, name "
                                          "another text with `text:`, or declare `sources: secondary`", document.span)
        return None, None  # a draft outside a library with texts: nothing to check against
    try:
        return shelf.read(path), None
    except LicenseCheckError as exc:
        return None, Finding("error", exc.message, document.span)


def _clause_fidelity(clause: m.Clause, text: LicenseText | None, catalog: Catalog, shelf: TextShelf,
                     where: str) -> list[Finding]:
    out: list[Finding] = []
    cited: list[LicenseText] = []
    local = not clause.citations
    for citation in clause.citations:
        cross = _CROSS.match(citation)
        other = catalog.resolve(cross.group(1)) if cross else None
        if cross is None or other is None:
            local = True
            if text is not None and not text.has_section(citation):
                out.append(_section_miss(clause, citation, text))
            continue
        assert cross is not None
        path = shelf.locate(_text_name(other.document), where)
        if path is None:
            out.append(Finding("error", f"citation {citation}: no licence text for `{other.base_id}`", clause.span))
            continue
        try:
            other_text = shelf.read(path)
        except LicenseCheckError as exc:
            out.append(Finding("error", exc.message, clause.span))
            continue
        cited.append(other_text)
        if not other_text.has_section(cross.group(2)):
            out.append(_section_miss(clause, citation, other_text, cross.group(2)))
    if local and text is not None:
        cited.insert(0, text)
    if clause.quote and cited:
        misses = [(t, t.find_quote(clause.quote)) for t in cited]
        if all(miss is not None for _, miss in misses):
            first, miss = misses[0]
            assert miss is not None
            shown = miss.segment if len(miss.segment) <= 60 else miss.segment[:57] + "..."
            hint = None
            if miss.matched:
                tail = " ".join(miss.matched.split()[-6:])
                hint = f"the text follows the quote up to \"...{tail}\", then reads \"{miss.text_has.strip()}...\""
            out.append(Finding("error", f"quote of clause `{clause.id}` not found in {first.path}: \"{shown}\"",
                               clause.span, hint=hint))
    return out


def _section_miss(clause: m.Clause, citation: str, text: LicenseText, inner: str | None = None) -> Finding:
    close = text.sections.suggest(inner or citation)
    hint = f"sections of the text include `§{close}`" if close else None
    return Finding("error", f"{citation} of clause `{clause.id}` names no section of {text.path}", clause.span,
                   hint=hint)
