# SPDX-License-Identifier: Apache-2.0
"""Case files (spec section 7): YAML read once into questions, each with its own errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from licensecheck.errors import InputError
from licensecheck.question import CASE_KEYS, VERDICTS, Question, question_from
from licensecheck.source import Span
from licensecheck.vocabulary import Vocabulary
from licensecheck.yamlio import Node, read_yaml, short


@dataclass(frozen=True)
class Case:
    """One case: its id, where it is written, its question (or the error that stops it) and expectation."""

    id: str
    span: Span
    question: Question | None
    expect: str | None = None
    error: str | None = None


#: fields of a case whose value is one line of text
_TEXT_FIELDS = ("id", "inbound", "outbound", "use", "policy", "expect", "work")
#: the most cases one file may hold (docs/limits.md)
MAX_CASES = 200_000


def read_cases(path: Path, vocabulary: Vocabulary | None = None) -> list[Case]:
    """Read a case file; a file that is not YAML or has no `cases:` list raises `InputError`.

    Questions are checked against `vocabulary` (default: the shipped library's).
    """
    shown = str(path)
    root = read_yaml(path, shown, what="case file")
    listed = root.get("cases") if root is not None else None
    if root is None or not root.is_mapping or listed is None or not listed.is_sequence:
        raise InputError("a case file is a mapping with a `cases:` list", root.span if root is not None else Span(shown, 1, 1))
    if len(listed.elements()) > MAX_CASES:
        raise InputError(f"too many cases ({len(listed.elements()):,}; the limit is {MAX_CASES:,})", listed.span)
    cases: list[Case] = []
    seen: set[str] = set()
    for index, node in enumerate(listed.elements()):
        cases.append(_case(node, index, seen, vocabulary))
    return cases


def _case(node: Node, index: int, seen: set[str], vocabulary: Vocabulary | None) -> Case:
    span = node.span
    if not node.is_mapping:
        return Case(f"#{index + 1}", span, None, error=f"{span}: error: a case is a mapping, not {node.what()}")
    id_node = node.get("id")
    case_id = str(id_node.value) if id_node is not None and id_node.is_scalar else f"#{index + 1}"
    expect_node = node.get("expect")
    expect = expect_node.value if expect_node is not None and expect_node.is_scalar else None
    try:
        if id_node is None:
            raise InputError("a case needs an `id`", span)
        if case_id in seen:
            raise InputError(f"duplicate case id `{short(case_id)}`", id_node.span)
        for name, key, value in node.items():
            if name not in CASE_KEYS:
                raise InputError(f"unknown key `{short(name)}` in case `{short(case_id)}`", key.span)
            if name in _TEXT_FIELDS and not (value.is_scalar and isinstance(value.scalar(), (str, int, float))
                                              and not isinstance(value.value, bool)):
                raise InputError(f"`{name}` must be text, not {value.what()}", value.span)
        if expect is not None and expect not in VERDICTS:
            raise InputError(f"`expect` must be one of {', '.join(VERDICTS)}, not `{short(expect)}`",
                             expect_node.span if expect_node is not None else span)
        question = question_from(node.plain(), span, vocabulary)
    except InputError as exc:
        seen.add(case_id)
        return Case(case_id, span, None, None if expect is None else str(expect), exc.one_line())
    seen.add(case_id)
    return Case(case_id, span, question, None if expect is None else str(expect))
