# SPDX-License-Identifier: Apache-2.0
"""Formatters for `show`, `licenses` and `lint`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from licensecheck import model as m
from licensecheck.catalog import Catalog, License
from licensecheck.check.facts import describe
from licensecheck.lint import Finding
from licensecheck.vocabulary import Vocabulary


def _targets(targets: Sequence[m.Target], vocab: Vocabulary) -> str:
    parts = []
    for target in targets:
        if isinstance(target, m.TargetSelf):
            parts.append("this licence" + (" or a later version" if target.or_later else ""))
        elif isinstance(target, m.TargetId):
            parts.append(target.id)
        else:
            parts.append(f"any licence that requires: {_duty(target.duty, vocab)}")
    return ", ".join(parts)


def _duty(name: str, vocab: Vocabulary) -> str:
    definition = vocab.duties.get(name)
    return definition.text if definition is not None else name


def _acts(acts: Sequence[str], vocab: Vocabulary) -> str:
    return ", ".join(vocab.acts[a].text if a in vocab.acts else a for a in acts)


def statement_text(statement: m.Statement, vocab: Vocabulary) -> str:
    """A statement in plain words."""
    def _when(cond: m.Cond | None) -> str:
        return f", if {describe(cond, vocab)}" if cond is not None else ""

    if isinstance(statement, m.Permission):
        return "may " + _acts(statement.acts, vocab) + _when(statement.condition)
    if isinstance(statement, m.Prohibition):
        return "must not " + _acts(statement.acts, vocab) + _when(statement.condition)
    if isinstance(statement, m.Duty):
        trig = f" when they {', '.join(statement.triggers)}" if statement.triggers else ""
        return f"must {_duty(statement.duty, vocab)}{trig}{_when(statement.condition)}"
    if isinstance(statement, m.ShareAlike):
        works = f" (for {', '.join(statement.works)})" if statement.works else ""
        scope = vocab.scopes[statement.scope].text if statement.scope in vocab.scopes else statement.scope
        return f"share-alike: {scope} under {_targets(statement.targets, vocab)}{works}"
    if isinstance(statement, m.ShareAlikeExcludes):
        return "share-alike does not reach: " + ", ".join(statement.uses)
    if isinstance(statement, m.Edge):
        kind = "compatible with" if statement.kind == "compatible" else "may be converted to"
        combined = " when combined with material under it" if statement.combined else ""
        adapted = " for adaptations only" if statement.adapted else ""
        keeps = ", its own terms continuing to apply to it" if statement.keeps else ""
        works = f" (for {', '.join(statement.works)})" if statement.works else ""
        return f"{kind} {_targets(statement.targets, vocab)}{combined}{adapted}{keeps}{works}"
    if isinstance(statement, m.NoFurtherRestrictions):
        allowed = f" except: {', '.join(statement.allowed)}" if statement.allowed else ""
        return f"no further restrictions{allowed}"
    if isinstance(statement, m.Removable):
        return "restrictions added to this licence may be removed by recipients"
    if isinstance(statement, m.Tier):
        return f"grants the rights of {statement.target}{_when(statement.condition)}"
    if isinstance(statement, m.Waiver):
        return f"lifts the duty: {_duty(statement.duty, vocab)}"
    if isinstance(statement, m.Change):
        def val(ref: m.ValueRef) -> str:
            return f"the parameter `{ref.value}`" if ref.parameter else ref.value
        return f"changes to {val(statement.to)} on {val(statement.on)}"
    if isinstance(statement, m.PolicyRule):
        sel = ", ".join(s.value if s.kind == "id" else (f"category {s.value}" if s.kind == "category" else "any licence")
                        for s in statement.selectors)
        uses = f" for {', '.join(statement.uses)}" if statement.uses else ""
        because = f": {statement.because}" if statement.because else ""
        return f"{statement.effect} {sel}{uses}{_when(statement.condition)}{because}"
    if isinstance(statement, m.Termination):
        cure = f" unless cured within {statement.cure_days} days" if statement.cure_days is not None else ""
        event = vocab.events[statement.event].text if statement.event in vocab.events else statement.event
        return f"the rights to {_acts(statement.acts, vocab)} end on {event}{cure}"
    if isinstance(statement, m.Reservation):
        return "reserves every right it does not grant"
    if isinstance(statement, m.Definition):
        return f"defines `{statement.name}`: {describe(statement.condition, vocab)}"
    if isinstance(statement, m.Declares):
        entry = statement.entry
        return f"declares the {type(entry).__name__.removesuffix('Def').lower()} `{getattr(entry, 'name', '')}`"
    return repr(statement)


def show_text(license: License) -> str:
    """A licence's rules as readable text, each with its citation and place."""
    doc = license.document
    lines = [f"{license.id}: {doc.field('name') or license.id}  ({doc.kind})"]
    for key in ("aliases", "family", "version", "later", "steward", "url", "works", "osi", "fsf", "categories"):
        values = doc.fields(key)
        if values:
            lines.append(f"  {key}: {', '.join(values)}")
    lines.append(f"  defined in: {doc.span.path}")
    secondary = _secondary(doc)
    if secondary:
        lines.append(f"  sources: {secondary}")
    lines.append("")
    for clause in license.clauses:
        cites = " ".join(clause.citations)
        module = f" (module {clause.module})" if clause.module else ""
        lines.append(f"[{clause.id}] {cites}{module}  {clause.span}")
        lines.append(f"    {statement_text(clause.statement, license.vocabulary)}")
        if secondary:
            lines.append("    rests on secondary sources, not on the licence text (its note names them)")
        if clause.quote:
            lines.append(f"    quote: \"{clause.quote}\"")
        if clause.note:
            lines.append(f"    note: {clause.note}")
        if clause.unclear:
            lines.append(f"    UNCLEAR: {clause.unclear}")
    return "\n".join(lines) + "\n"


def _secondary(doc: m.Document) -> str:
    """What a document resting on secondary sources says of its clauses, or "" for one read from its text."""
    if doc.field("sources") != "secondary":
        return ""
    return "secondary sources only (the instrument could not be read): quotes and citations are not checked"


def show_dict(license: License) -> dict[str, Any]:
    """A licence's rules as a JSON-ready mapping (`sources`: what the clauses rest on; `secondary` per clause)."""
    doc = license.document
    secondary = bool(_secondary(doc))
    return {
        "format_version": 1,
        "license": {
            "id": license.id,
            "kind": doc.kind,
            "name": doc.field("name") or None,
            "aliases": list(doc.fields("aliases")),
            "work": list(doc.fields("works")),
            "family": doc.field("family") or None,
            "location": doc.span.path,
            "sources": doc.field("sources") or "text",
            "clauses": [
                {"id": c.id, "module": c.module, "citations": list(c.citations), "location": str(c.span),
                 "text": c.text, "statement": statement_text(c.statement, license.vocabulary), "unclear": c.unclear,
                 "secondary": secondary}
                for c in license.clauses
            ],
        },
    }


def licenses_dict(catalog: Catalog) -> dict[str, Any]:
    """The library as `{"format_version": 1, "licenses": [...]}`."""
    return {
        "format_version": 1,
        "licenses": [
            {"id": doc.id, "name": doc.field("name") or doc.id,
             "aliases": [*doc.fields("aliases"), *((doc.field("later"),) if doc.field("later") else ()),
                         *doc.fields("deprecated")],
             "work": list(doc.fields("works")), "family": doc.field("family") or None,
             "location": doc.span.path}
            for doc in catalog.licenses()
        ],
    }


def licenses_text(catalog: Catalog) -> str:
    """One line per licence of the library."""
    lines = []
    for doc in catalog.licenses():
        extra = [*doc.fields("aliases"), *((doc.field("later"),) if doc.field("later") else ())]
        alias = f"  (also {', '.join(extra)})" if extra else ""
        lines.append(f"{doc.id:45} {doc.kind:9} {','.join(doc.fields('works')):22} {doc.field('name')}{alias}")
    lines.append(f"{len(lines)} licences, exceptions and addenda; policies: {', '.join(sorted(catalog.policies))}")
    return "\n".join(lines) + "\n"


def lint_text(findings: Sequence[Finding], files: int) -> str:
    """Findings with their source lines, then a count."""
    lines = []
    for finding in findings:
        lines.append(finding.line())
        if finding.context:
            lines.append(finding.context)
        if finding.hint:
            lines.append(f"  = hint: {finding.hint}")
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    lines.append(f"{files} files: {errors} errors, {warnings} warnings")
    return "\n".join(lines) + "\n"


def lint_dict(findings: Sequence[Finding], files: int) -> dict[str, Any]:
    """Findings as JSON."""
    return {
        "format_version": 1,
        "findings": [{"severity": f.severity, "message": f.message, "location": str(f.span), "hint": f.hint}
                     for f in findings],
        "summary": {"files": files, "errors": sum(f.severity == "error" for f in findings),
                    "warnings": sum(f.severity == "warning" for f in findings)},
    }


def vocabulary_dict(vocab: Vocabulary) -> dict[str, Any]:
    """The vocabulary as JSON: every word with what it means to the checker."""
    return {
        "format_version": 1,
        "uses": [{"name": u.name, "text": u.text, "acts": list(u.acts), "flags": sorted(u.flags),
                  "neighbours": list(u.neighbours)} for u in vocab.uses.values()],
        "kinds": [{"name": k.name, "text": k.text, "parent": k.parent, "fixes": dict(k.fixes),
                   "unsettled": sorted(k.unsettled), "implies_activity": k.activity} for k in vocab.kinds.values()],
        "attributes": [{"name": a.name, "type": a.type, "phrase": a.phrase} for a in vocab.attributes.values()],
        "purposes": [{"name": name, "text": text, "excludes": list(vocab.exclusions.get(name, ()))}
                     for name, text in vocab.purposes.items()],
        "activities": [{"name": name, "text": text} for name, text in vocab.activities.items()],
        "works": [{"name": name, "text": text} for name, text in vocab.works.items()],
        "acts": [{"name": a.name, "text": a.text, "covered_by": list(a.covered_by)} for a in vocab.acts.values()],
        "duties": [{"name": d.name, "text": d.text, "active": d.active, "works": list(d.works),
                    "covered_by": list(d.covered_by), "requires": list(d.requires)} for d in vocab.duties.values()],
        "scopes": [{"name": s.name, "text": s.text, "reach": dict(s.reach)} for s in vocab.scopes.values()],
        "events": [{"name": e.name, "text": e.text, "attribute": e.attribute, "further_restriction": e.restricts}
                   for e in vocab.events.values()],
        "classes": [{"name": c.name, "text": c.text, "members": list(c.members)} for c in vocab.classes.values()],
    }


def vocabulary_text(vocab: Vocabulary) -> str:
    """The vocabulary as readable text."""
    lines = ["uses (acts performed; flags):"]
    lines += [f"  {u.name:22} {', '.join(u.acts) or '-'}{'; ' + ', '.join(sorted(u.flags)) if u.flags else ''}"
              for u in vocab.uses.values()]
    lines.append("licensee kinds (parent; fixed values; unsettled attributes):")
    for kind in vocab.kinds.values():
        fixes = ", ".join(f"{k}={str(v).lower()}" for k, v in kind.fixes)
        unsettled = ", ".join(sorted(kind.unsettled))
        lines.append(f"  {kind.name:36} {kind.parent or '-'}{'; fixes ' + fixes if fixes else ''}"
                     f"{'; unsettled ' + unsettled if unsettled else ''}")
    lines.append("attributes:")
    lines += [f"  {a.name:28} {a.type:7} {a.phrase}" for a in vocab.attributes.values()]
    lines.append("purposes:")
    lines += [f"  {name:28} {text}" for name, text in vocab.purposes.items()]
    lines.append("duty kinds (active ones make a verdict conditional unless the outbound licence covers them):")
    lines += [f"  {d.name:32} {'active ' if d.active else 'passive'} {d.text}" for d in vocab.duties.values()]
    lines.append("share-alike scopes (how far each reaches, by use):")
    for scope in vocab.scopes.values():
        reach: dict[str, list[str]] = {}
        for use, how in scope.reach:
            reach.setdefault(how, []).append(use)
        lines.append(f"  {scope.name:20} " + "; ".join(f"{how}: {', '.join(uses)}" for how, uses in reach.items()))
    lines.append("events that end rights:")
    lines += [f"  {e.name:20} stated by `{e.attribute}`" for e in vocab.events.values()]
    return "\n".join(lines) + "\n"
