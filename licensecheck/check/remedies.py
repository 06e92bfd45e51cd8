# SPDX-License-Identifier: Apache-2.0
"""What would make it allowed: the smallest changes to a question that give a better verdict (spec §8, `remedies`).

Remedies are found by asking the checker neighbouring questions, never written by hand. The neighbours come
from the clauses: each branch of a grant's condition that covers the use's acts (the licensee attributes,
kind and purposes it needs), the way out of each refusal that applies, the uses the vocabulary lists as
neighbours of the question's use, and the outbound licences the inbound licences name (their share-alike
targets and compatibility edges, and themselves). Each candidate is asked as a whole question; the ones
whose answer is `compatible` or `conditional` and better than the result's own are kept, smallest change
first. The number of questions asked is bounded (`MAX_TRIES`), so that `check` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from licensecheck import model as m
from licensecheck.catalog import Catalog
from licensecheck.check.compiled import compile_license
from licensecheck.check.context import ExpressionParser
from licensecheck.check.engine import Remedy, Result
from licensecheck.check.facts import describe
from licensecheck.check.verdict import BETTER, Verdict
from licensecheck.expr import leaves
from licensecheck.question import Licensee, Question
from licensecheck.vocabulary import ACTIVITIES, ANY_KIND, MEMBER_OF, MODIFY, Vocabulary

#: the most neighbouring questions asked for one result, and the most remedies kept
MAX_TRIES = 24
MAX_REMEDIES = 5
#: the most branches taken from one condition
_MAX_BRANCHES = 6

Change = dict[str, Any]
Literal = tuple[m.Cond, bool]


def find_remedies(question: Question, result: Result, catalog: Catalog, parse: ExpressionParser,
                  ask: Callable[[Question], Result]) -> tuple[Remedy, ...]:
    """The remedies of a result: `()` for a compatible one, or when nothing nearby is better."""
    if result.verdict is Verdict.COMPATIBLE:
        return ()
    vocab = catalog.vocabulary
    found: list[tuple[int, int, Remedy]] = []
    seen: set[str] = set()
    for order, change in enumerate(_candidates(question, catalog, parse, vocab)):
        if order >= MAX_TRIES:
            break
        key = repr(sorted(change.items()))
        if key in seen:
            continue
        seen.add(key)
        candidate = _apply(question, change)
        if candidate is None or candidate == question:
            continue
        answer = ask(candidate)
        if answer.verdict not in (Verdict.COMPATIBLE, Verdict.CONDITIONAL):
            continue
        if BETTER[answer.verdict] <= BETTER[result.verdict]:
            continue
        note = f"{'allowed' if answer.verdict is Verdict.COMPATIBLE else 'allowed under conditions'} " \
               f"{_words(change, question, vocab)}"
        found.append((-BETTER[answer.verdict], _size(change, question), Remedy(
            tuple(sorted(change.items())), answer.verdict, note, answer.reasons[:3])))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(remedy for _rank, _size_, remedy in found[:MAX_REMEDIES])


# -- candidates ----------------------------------------------------------------------------------

def _candidates(question: Question, catalog: Catalog, parse: ExpressionParser, vocab: Vocabulary) -> Iterator[Change]:
    use = vocab.uses.get(question.use)
    if use is None:
        return
    yield from _from_clauses(question, catalog, parse, vocab)
    for neighbour in use.neighbours:
        yield {"use": neighbour}
    if question.modified is not False and not use.has("modifies") and not use.has("never-modifies"):
        yield {"modified": False}
    if use.has("distributes") and question.inbound is not None:
        yield from ({"outbound": target} for target in _outbound_shortlist(question, catalog, parse))


def _inbound_licences(question: Question, catalog: Catalog, parse: ExpressionParser) -> list[Any]:
    if question.inbound is None:
        return []
    try:
        expr = parse(question.inbound)
    except Exception:  # the question was validated; a failure here leaves no remedy to find
        return []
    out = []
    for leaf in leaves(expr):
        license = catalog.resolve(leaf.id) if leaf.known else None
        if license is None:
            continue
        addition = catalog.resolve(leaf.exception) if leaf.exception and leaf.exception_known else None
        out.append(compile_license(license, addition))
    return out


def _from_clauses(question: Question, catalog: Catalog, parse: ExpressionParser, vocab: Vocabulary) -> Iterator[Change]:
    """Licensee and purpose changes that meet a grant covering the use, or escape a refusal."""
    use = vocab.uses[question.use]
    acts = set(use.acts) | ({MODIFY} if question.modified else set())
    for compiled in _inbound_licences(question, catalog, parse):
        for source in compiled.grants:
            statement = source.clause.statement
            assert isinstance(statement, m.Permission)
            if statement.condition is None or not any(vocab.act_covers(statement.acts, act) for act in acts):
                continue
            for branch in _branches(statement.condition, True):
                change = _meet(question, branch, vocab)
                if change:
                    yield change
        for source in compiled.prohibitions:
            statement = source.clause.statement
            assert isinstance(statement, m.Prohibition)
            if statement.condition is None or not any(vocab.act_covers(statement.acts, act) for act in acts):
                continue
            for branch in _branches(statement.condition, False):
                change = _meet(question, branch, vocab)
                if change:
                    yield change


def _branches(cond: m.Cond, positive: bool) -> list[list[Literal]]:
    """The condition (or its negation) as a few alternatives, each a list of atoms that must hold or fail."""
    if isinstance(cond, m.Term):
        return _branches(cond.condition, positive)
    if isinstance(cond, m.Not):
        return _branches(cond.item, not positive)
    if isinstance(cond, (m.All, m.Any)):
        disjunction = isinstance(cond, m.Any) == positive
        parts = [_branches(item, positive) for item in cond.items]
        if disjunction:
            return [branch for part in parts for branch in part][:_MAX_BRANCHES]
        combined: list[list[Literal]] = [[]]
        for part in parts:
            combined = [left + right for left in combined for right in part][:_MAX_BRANCHES]
        return combined
    return [[(cond, positive)]]


def _meet(question: Question, branch: list[Literal], vocab: Vocabulary) -> Change | None:
    """The question fields that make every atom of a branch come out as it must; None if it needs a fact no
    question can state (a trial, a separate agreement, a licence parameter)."""
    kind = question.licensee.kind
    attributes = dict(question.licensee.attributes)
    purposes = set(question.purposes) if question.purposes is not None else None
    licensee_changed = purpose_changed = False
    for atom, holds in branch:
        if isinstance(atom, m.LicenseeKind):
            inside = atom.kind in vocab.kind_ancestors(kind)
            if holds and not inside:
                kind, licensee_changed = atom.kind, True
            elif not holds and inside:
                return None  # leaving a kind is not a change a licensee makes for a licence
        elif isinstance(atom, m.LicenseeFlag):
            if attributes.get(atom.attribute) != holds:
                attributes[atom.attribute], licensee_changed = holds, True
        elif isinstance(atom, m.LicenseeCompare):
            value = _meeting(atom, holds)
            if value is None:
                return None
            attributes[atom.attribute], licensee_changed = value, True
        elif isinstance(atom, m.LicenseeMember):
            members = set(attributes.get(MEMBER_OF) or ())
            members = members | {atom.organisation} if holds else members - {atom.organisation}
            attributes[MEMBER_OF], licensee_changed = tuple(sorted(members)), True
        elif isinstance(atom, m.LicenseeActivity):
            activities = set(attributes.get(ACTIVITIES) or ())
            activities = activities | {atom.activity} if holds else activities - {atom.activity}
            attributes[ACTIVITIES], licensee_changed = tuple(sorted(activities)), True
        elif isinstance(atom, m.Purpose):
            current = set(purposes or ())
            wanted = current | {atom.purpose} if holds else current - {atom.purpose}
            for other in vocab.exclusions.get(atom.purpose, ()) if holds else ():
                wanted.discard(other)
            if purposes is None or wanted != purposes:
                purposes, purpose_changed = wanted, True
        elif isinstance(atom, (m.UseIs, m.WorkIs, m.Modified)):
            continue  # facts of the use itself: the use and `modified` neighbours cover them
        else:
            return None
    kind = _settling_kind(kind, attributes, vocab) if licensee_changed else kind
    change: Change = {}
    if licensee_changed:
        change["licensee"] = {"kind": kind, **{k: list(v) if isinstance(v, tuple) else v
                                             for k, v in sorted(attributes.items())}}
    if purpose_changed:
        change["purpose"] = sorted(purposes or ())
    return change or None


def _meeting(atom: m.LicenseeCompare, holds: bool) -> Any:
    """A value of the attribute for which the comparison comes out as it must."""
    op = atom.op if holds else {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}[atom.op]
    if isinstance(atom.value, float):
        return {"<": atom.value - 1, "<=": atom.value, ">": atom.value + 1, ">=": atom.value,
                "=": atom.value, "!=": atom.value + 1}[op]
    return atom.value if op == "=" else None


def _settling_kind(kind: str, attributes: dict[str, Any], vocab: Vocabulary) -> str:
    """The question's kind, or the first kind of the vocabulary for which the attributes are settled and none
    contradicts a value the kind fixes (a licence speaking of worker-owned businesses does not place an
    individual; it does place an organisation)."""
    def fits(candidate: str) -> bool:
        for name, value in attributes.items():
            fixed = vocab.fixed(candidate, name)
            if (fixed is not None and fixed != value) or vocab.unsettled(candidate, name):
                return False
        return True

    if fits(kind):
        return kind
    for candidate in vocab.kinds:
        if candidate != ANY_KIND and candidate not in vocab.kind_ancestors(kind) and fits(candidate):
            return candidate
    return kind


def _outbound_shortlist(question: Question, catalog: Catalog, parse: ExpressionParser) -> list[str]:
    """Outbound licences the inbound licences name: themselves, their share-alike targets and edge targets."""
    out: list[str] = []
    for compiled in _inbound_licences(question, catalog, parse):
        out.append(compiled.license.id)
        for source in (*compiled.sharealikes, *compiled.edges):
            statement = source.clause.statement
            for target in getattr(statement, "targets", ()):
                if isinstance(target, m.TargetId):
                    resolved = catalog.resolve(target.id)
                    if resolved is not None:
                        out.append(resolved.id)
    if question.outbound is not None:  # the versions and conversions the named outbound licence offers itself
        try:
            named = leaves(parse(question.outbound))
        except Exception:  # validated already; nothing to add
            named = []
        for leaf in named:
            license = catalog.resolve(leaf.id) if leaf.known else None
            if license is None:
                continue
            for doc_id in catalog.later_versions(license):
                version = catalog.resolve(doc_id)
                if version is not None:
                    out.append(version.document.field("later") or version.id)
            for source in compile_license(license).edges:
                for target in source.clause.statement.targets:  # type: ignore[union-attr]
                    if isinstance(target, m.TargetId) and catalog.resolve(target.id) is not None:
                        out.append(target.id)
    current = (question.outbound or "").lower()
    return [lid for lid in dict.fromkeys(out) if lid.lower() != current]


# -- applying and describing a change -----------------------------------------------------------------

def _apply(question: Question, change: Change) -> Question | None:
    """The question with the fields of a change replaced."""
    fields: dict[str, Any] = {}
    for name, value in change.items():
        if name == "licensee":
            attributes = tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                      for k, v in value.items() if k != "kind"))
            fields["licensee"] = Licensee(value.get("kind", ANY_KIND), attributes)
        elif name == "purpose":
            fields["purposes"] = tuple(value)
        elif name in ("use", "outbound", "modified"):
            fields[name] = value
        else:
            return None
    return replace(question, **fields)


def _size(change: Change, question: Question) -> int:
    size = len(change)
    licensee = change.get("licensee")
    if licensee is not None:
        before = dict(question.licensee.attributes)
        size += sum(1 for k, v in licensee.items() if k != "kind" and before.get(k) != v)
        size += licensee.get("kind") != question.licensee.kind
    return size


def _words(change: Change, question: Question, vocab: Vocabulary) -> str:
    """A change in plain words: "if the licensee is owned by its workers", "as dynamic-link"."""
    parts: list[str] = []
    for name, value in sorted(change.items()):
        if name == "licensee":
            before = dict(question.licensee.attributes)
            kind = value.get("kind", ANY_KIND)
            said = [_attribute(k, v, vocab) for k, v in value.items() if k != "kind" and before.get(k) != v]
            if kind != question.licensee.kind:
                said.insert(0, f"the licensee is {vocab.kind_text(kind)}")
            parts.append("if " + " and ".join(said))
        elif name == "purpose":
            stated = set(question.purposes or ())
            added = [vocab.purpose_text(p) for p in value if p not in stated]
            dropped = [vocab.purpose_text(p) for p in sorted(stated) if p not in value]
            said = ([f"for {', '.join(added)} purposes"] if added else []) + \
                   ([f"not for {', '.join(dropped)} purposes"] if dropped else [])
            parts.append("if the use is " + (" and ".join(said) if said else
                                              "for " + (", ".join(vocab.purpose_text(p) for p in value) or "no stated")
                                              + " purposes"))
        elif name == "use":
            parts.append(f"as {value}")
        elif name == "outbound":
            parts.append(f"with the result under {value}")
        elif name == "modified":
            parts.append("if the material is " + ("modified" if value else "not modified"))
    return "; ".join(parts)


def _attribute(name: str, value: Any, vocab: Vocabulary) -> str:
    if isinstance(value, bool):
        flag = m.LicenseeFlag(name)
        return describe(flag if value else m.Not(flag), vocab)
    return f"the licensee's `{name}` is {_shown(value)}"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)
