# SPDX-License-Identifier: Apache-2.0
"""Renderings of a draft diff: text, Markdown (a pull-request comment), JSON (docs/spec/diff.md §2) and HTML.

Each is a pure function of a `DiffReport`; nothing here prints, exits or decides a verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from licensecheck.check.engine import Result
from licensecheck.check.verdict import ALLOWING
from licensecheck.diff.verdicts import LOOSER, SAME, STRICTER, VerdictChange
from licensecheck.question import Question


@dataclass(frozen=True)
class Movement:
    """Verdict changes that move alike: the same verdicts before and after, the same conditions and duties
    dropped and added. Each is shown once, with the questions it happens to."""

    old_verdict: str
    new_verdict: str
    direction: str
    conditions_removed: tuple[str, ...]
    conditions_added: tuple[str, ...]
    duties_removed: tuple[str, ...]
    duties_added: tuple[str, ...]
    changes: tuple[VerdictChange, ...]


def movements(changes: Sequence[VerdictChange]) -> list[Movement]:
    """Changes gathered by how they move (see `Movement`): stricter ones first, then looser ones, then those whose
    conditions or duties alone differ, each in the order of its first change. When the verdict moves, the duties
    are not compared (the verdict says more; both answers have them in full), nor what an answer that does not
    allow the use no longer asks."""
    found: dict[tuple[object, ...], Movement] = {}
    changes_of: dict[tuple[object, ...], list[VerdictChange]] = {}
    for change in changes:
        old, new = change.old, change.new
        allowed = new.verdict in ALLOWING
        same = change.direction == SAME
        parts = (change.conditions_removed if allowed else (), change.conditions_added,
                 change.duties_removed if same else (), change.duties_added if same else ())
        key = (old.verdict, new.verdict, *parts)
        if key not in found:
            found[key] = Movement(old.verdict.value, new.verdict.value, change.direction, *parts, ())
            changes_of[key] = []
        changes_of[key].append(change)
    rank = {STRICTER: 0, LOOSER: 1}
    out = [replace(movement, changes=tuple(changes_of[key])) for key, movement in found.items()]
    return sorted(out, key=lambda movement: rank.get(movement.direction, 2))  # stable: first seen first


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def question_dict(question: Question, case_id: str | None = None) -> dict[str, Any]:
    """A question in the form of questions §1 (a case of a case file when it has an id), fields in spec order."""
    out: dict[str, Any] = {}
    if case_id is not None:
        out["id"] = case_id
    if question.inbound is not None:
        out["inbound"] = question.inbound
    out["use"] = question.use
    if question.outbound is not None:
        out["outbound"] = question.outbound
    licensee = question.licensee
    if licensee.kind != "any" or licensee.attributes:
        out["licensee"] = {"kind": licensee.kind,
                           **{name: list(value) if isinstance(value, tuple) else _number(value)
                              for name, value in licensee.attributes}}
    if question.purposes is not None:
        out["purpose"] = list(question.purposes)
    if question.modified is not None:
        out["modified"] = question.modified
    if question.work is not None:
        out["work"] = question.work
    if question.policy is not None:
        out["policy"] = question.policy
    if question.parameters:
        out["parameters"] = {lid: dict(values) for lid, values in question.parameters}
    if question.date is not None:
        out["date"] = question.date.isoformat()
    return out


def answer_dict(result: Result) -> dict[str, Any]:
    """What diff.md §2 compares of a result: verdict, conditions, duties."""
    return {"verdict": result.verdict.value, "conditions": list(result.conditions), "duties": list(result.duties)}


def licensee_text(question: Question) -> str:
    """Who asks, in short: `worker-cooperative, worker_owned=true` or `anyone`."""
    licensee = question.licensee
    parts = [licensee.kind if licensee.kind != "any" else "anyone"]
    for name, value in licensee.attributes:
        if isinstance(value, tuple):
            shown = "[" + ", ".join(value) + "]"
        elif isinstance(value, bool):
            shown = "true" if value else "false"
        else:
            shown = str(_number(value))
        parts.append(f"{name}={shown}")
    return ", ".join(parts)


def facts_text(question: Question) -> str:
    """The facts a question states besides the licensee's kind: attributes, purposes, modification."""
    parts = licensee_text(question).split(", ")[1:]
    if question.purposes is not None:
        parts.append("purpose " + ", ".join(question.purposes) if question.purposes else "purposes: none")
    if question.modified is not None:
        parts.append("modified" if question.modified else "unmodified")
    return ", ".join(parts)


def by_facts(changes: Sequence[VerdictChange]) -> list[tuple[str, list[str], list[str]]]:
    """The questions of some changes as (facts, kinds of licensee, uses): questions that state the same facts and
    are asked for the same uses are one line, with the kinds they are asked for (reading order kept). Questions
    about the library are shown by use with the licences they name (`static-link into: GPL-3.0-only, MIT`)."""
    uses: dict[tuple[str, str], list[str]] = {}
    library: dict[tuple[str, str], dict[str, list[str]]] = {}
    for change in changes:
        q = change.question
        kind = q.licensee.kind if q.licensee.kind != "any" else "anyone"
        key = (facts_text(q), kind)
        uses.setdefault(key, [])
        named = library_use(q, change.grid.question)
        if named is None:
            uses[key].append(use_text(q, change.grid.question))
        else:
            library.setdefault(key, {}).setdefault(named[0], []).append(named[1])
    lines: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for (facts, kind), listed in uses.items():
        if listed:
            lines.setdefault((facts, tuple(listed)), []).append(kind)
    for (facts, kind), patterns in library.items():  # one line per set of licences
        merged: dict[tuple[str, ...], list[str]] = {}
        for pattern, ids in patterns.items():
            merged.setdefault(tuple(ids), []).append(pattern)
        for named_ids, shapes in merged.items():
            lines.setdefault((facts, (f"{_joined_uses(shapes)}: {', '.join(named_ids)}",)), []).append(kind)
    return [(facts, kinds, list(listed)) for (facts, listed), kinds in lines.items()]


#: how a question about the library reads after its uses: the draft into the library, the library into the draft
INTO_EACH, EACH_INTO = "into each of", "of each into the draft"


def library_use(question: Question, template: Question) -> tuple[str, str] | None:
    """For a question between the draft and a licence of the library: (`static-link into each of`, licence id) or
    (`static-link of each into the draft`, licence id); None for the draft's own questions."""
    from licensecheck.diff.grid import DRAFT

    use = question.use + (f" ({question.work})" if question.work is not None else "")
    if template.inbound == DRAFT and template.outbound not in (None, DRAFT) and question.outbound is not None:
        return f"{use} {INTO_EACH}", question.outbound
    if template.outbound == DRAFT and template.inbound not in (None, DRAFT) and question.inbound is not None:
        return f"{use} {EACH_INTO}", question.inbound
    return None


def _joined_uses(shapes: Sequence[str]) -> str:
    """`static-link into each of` and `modify (software) into each of` as `static-link, modify (software) into each of`."""
    for tail in (INTO_EACH, EACH_INTO):
        if all(shape.endswith(" " + tail) for shape in shapes):
            return ", ".join(shape[: -len(tail) - 1] for shape in shapes) + " " + tail
    return " and ".join(shapes)


def profile_text(question: Question) -> str:
    """Who asks and with which facts: `worker-cooperative, worker_owned=true, purpose commercial`."""
    parts = [licensee_text(question)]
    if question.purposes is not None:
        parts.append("purpose " + ", ".join(question.purposes) if question.purposes else "purposes: none")
    if question.modified is not None:
        parts.append("modified" if question.modified else "unmodified")
    return ", ".join(parts)


def use_text(question: Question, template: Question | None = None) -> str:
    """The use and the licences, with the draft named as such: `static-link into itself`, `modify of MIT into the
    draft`, `static-link into GPL-3.0-only` (the draft's own questions need not name it)."""
    from licensecheck.diff.grid import DRAFT

    shape = template if template is not None else question
    what = question.use
    if shape.inbound is not None and shape.inbound != DRAFT:
        what += f" of {question.inbound}"
    if shape.outbound is not None:
        if shape.outbound == DRAFT:
            what += " into itself" if shape.inbound == DRAFT else " into the draft"
        else:
            what += f" into {question.outbound}"
    if question.work is not None:
        what += f" ({question.work})"
    return what


def question_text(question: Question, template: Question | None = None) -> str:
    """A question in one line: `static-link into GPL-3.0-only, by anyone`."""
    return f"{use_text(question, template)}, by {profile_text(question)}"


__all__ = ["Movement", "answer_dict", "by_facts", "facts_text", "licensee_text", "movements", "profile_text", "question_dict", "question_text",
           "use_text"]
