# SPDX-License-Identifier: Apache-2.0
"""The library's public functions: load the licence library, answer questions, suggest outbound licences."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from licensecheck.cases import Case
from licensecheck.catalog import Catalog
from licensecheck.check.engine import Result, check
from licensecheck.check.remedies import find_remedies
from licensecheck.check.verdict import Verdict
from licensecheck.errors import InputError
from licensecheck.expr import And, Expr
from licensecheck.library import load_library
from licensecheck.question import Question
from licensecheck.syntax.expression import parse_expression


def validate_question(question: Question, catalog: Catalog) -> None:
    """Raise `InputError` for a malformed expression or an unknown policy in a question."""
    for text in (question.inbound, question.outbound):
        if text is not None:
            parse_expression(text, catalog)
    if question.policy is not None and catalog.policy(question.policy) is None:
        known = ", ".join(sorted(catalog.policies)) or "none"
        raise InputError(f"unknown policy `{question.policy}` (known: {known})")


def check_question(question: Question, catalog: Catalog | None = None, today: dt.date | None = None,
                   elect: bool = True, remedies: bool = False) -> Result:
    """Answer one question with the shipped library (or the catalog given).

    With `remedies`, the result also says what would make the answer better (spec §8): neighbouring questions
    asked of the same checker.
    """
    library = catalog if catalog is not None else load_library()

    def parse(text: str) -> Expr:
        return parse_expression(text, library)

    result = check(question, library, parse, today, elect=elect)
    if not remedies:
        return result
    found = find_remedies(question, result, library, parse, lambda other: check(other, library, parse, today, elect=elect))
    return replace(result, remedies=found)


def answer_case(case: Case, catalog: Catalog, remedies: bool = False) -> tuple[Result, bool]:
    """The answer to one case of a case file, and whether the case could not be evaluated (input error)."""
    if case.question is None:
        return Result(Verdict.UNKNOWN, errors=(case.error or "error",)), True
    try:
        validate_question(case.question, catalog)
    except InputError as exc:
        return Result(Verdict.UNKNOWN, errors=(f"{case.span}: {exc.one_line()}",)), True
    return check_question(case.question, catalog, remedies=remedies), False


_WORKER_CATALOG: list[Catalog] = []
#: from this many cases on, `answer_cases` spreads them over the machine's cores
PARALLEL_FROM = 2000


_WORKER_REMEDIES: list[bool] = [False]


def _init_worker(catalog: Catalog, remedies: bool) -> None:
    _WORKER_CATALOG[:] = [catalog]
    _WORKER_REMEDIES[:] = [remedies]


def _answer_in_worker(case: Case) -> tuple[Result, bool]:
    return answer_case(case, _WORKER_CATALOG[0], _WORKER_REMEDIES[0])


def answer_cases(cases: Sequence[Case], catalog: Catalog, remedies: bool = False) -> list[tuple[Result, bool]]:
    """Answers to every case, in order; large files are answered on every core (answers do not depend on it).

    Each worker gets the cases that share facts (use, licensee, purposes, outbound licence), so that the
    sub-questions one worker answers are not answered again by the other: its memo serves its whole share.
    """
    workers = min(4, os.cpu_count() or 1)
    if len(cases) < PARALLEL_FROM or workers < 2:
        return [answer_case(case, catalog, remedies) for case in cases]
    from concurrent.futures import ProcessPoolExecutor

    order = sorted(range(len(cases)), key=lambda i: _affinity(cases[i]))
    shares = [order[w * len(order) // workers:(w + 1) * len(order) // workers]
              for w in range(workers)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(catalog, remedies)) as pool:
        answered = list(pool.map(_answer_share, [[cases[i] for i in share] for share in shares]))
    out: list[tuple[Result, bool] | None] = [None] * len(cases)
    for share, answers in zip(shares, answered, strict=True):
        for index, answer in zip(share, answers, strict=True):
            out[index] = answer
    return [answer for answer in out if answer is not None]


def _affinity(case: Case) -> tuple[str, ...]:
    """Cases with equal keys share most sub-questions."""
    question = case.question
    if question is None:
        return ("",)
    return (question.use, question.licensee.kind, repr(question.licensee.attributes), repr(question.purposes),
            question.outbound or "", question.inbound or "")


def _answer_share(cases: list[Case]) -> list[tuple[Result, bool]]:
    return [_answer_in_worker(case) for case in cases]


@dataclass(frozen=True)
class Candidate:
    """An outbound licence the result could be distributed under, with its verdict."""

    license: str
    result: Result


_RANK = {Verdict.COMPATIBLE: 0, Verdict.CONDITIONAL: 1}


def outbound_candidates(question: Question, catalog: Catalog | None = None,
                        today: dt.date | None = None) -> list[Candidate]:
    """Every licence of the library the result could go out under, best first (compatible, then conditional)."""
    library = catalog if catalog is not None else load_library()
    out: list[Candidate] = []
    for license_id in _possible_outbounds(question, library, today):
        result = check_question(replace(question, outbound=license_id), library, today, elect=False)
        if result.verdict in _RANK:
            out.append(Candidate(license_id, result))
    out.sort(key=lambda c: (_RANK[c.result.verdict], len(c.result.conditions), c.license.lower()))
    return out


_ALLOWED_FOR: dict[tuple[object, ...], frozenset[str]] = {}


def _possible_outbounds(question: Question, catalog: Catalog, today: dt.date | None) -> list[str]:
    """The outbound licences worth asking: for `A AND B`, only those under which each operand alone may go out.

    Exact, by the law every answer obeys (`A AND B` is never better than `A`, spec §5, tested with Hypothesis),
    and much cheaper when many combinations share operands (a federation's pairs of commons): the licences
    each operand may go out under are computed once per operand and question.
    """
    ids = list(_outbound_ids(catalog))
    if question.inbound is None:
        return ids
    try:
        expr = parse_expression(question.inbound, catalog)
    except InputError:
        return ids
    if not isinstance(expr, And):
        return ids
    allowed: frozenset[str] | None = None
    for item in expr.items:
        operand = str(item)
        key = (catalog.token, operand, replace(question, inbound=None), today)
        found = _ALLOWED_FOR.get(key)
        if found is None:
            found = frozenset(c.license for c in outbound_candidates(replace(question, inbound=operand), catalog, today))
            if len(_ALLOWED_FOR) > 10_000:
                _ALLOWED_FOR.clear()
            _ALLOWED_FOR[key] = found
        allowed = found if allowed is None else allowed & found
    return [license_id for license_id in ids if allowed is None or license_id in allowed]


def _outbound_ids(catalog: Catalog) -> Iterable[str]:
    for doc in catalog.licenses():
        if doc.kind != "license":
            continue
        if any(getattr(c.statement, "target", None) for c in doc.clauses):
            continue  # rights policies (tiers) are not outbound licences
        yield doc.id
        later = doc.field("later")
        if later:
            yield later


__all__ = ["Candidate", "answer_case", "answer_cases", "check_question", "load_library", "outbound_candidates", "parse_expression",
           "validate_question"]
