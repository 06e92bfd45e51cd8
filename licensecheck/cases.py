# SPDX-License-Identifier: Apache-2.0
"""Case files (spec section 7): YAML read once into questions, each with its own errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensecheck.errors import InputError, read_text
from licensecheck.question import CASE_KEYS, VERDICTS, Question, question_from
from licensecheck.source import Span


@dataclass(frozen=True)
class Case:
    """One case: its id, where it is written, its question (or the error that stops it) and expectation."""

    id: str
    span: Span
    question: Question | None
    expect: str | None = None
    error: str | None = None


def read_cases(path: Path) -> list[Case]:
    """Read a case file; a file that is not YAML or has no `cases:` list raises `InputError`."""
    import yaml

    shown = str(path)
    text = read_text(path, shown, InputError)
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: about 10 times faster
    try:
        loader = loader_class(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        span = Span(shown, mark.line + 1, mark.column + 1) if mark is not None else Span(shown, 1, 1)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError(f"malformed case file: {problem}", span) from None
    if not isinstance(data, Mapping) or not isinstance(data.get("cases"), list):
        raise InputError("a case file is a mapping with a `cases:` list", Span(shown, 1, 1))
    nodes = _case_nodes(root)
    cases: list[Case] = []
    seen: set[str] = set()
    for index, item in enumerate(data["cases"]):
        node = nodes[index] if index < len(nodes) else None
        span = Span(shown, node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else Span(shown, 1, 1)
        cases.append(_case(item, index, span, seen))
    return cases


def _case_nodes(root: Any) -> list[Any]:
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "cases" and isinstance(value, yaml.SequenceNode):
            return list(value.value)
    return []


def _case(item: Any, index: int, span: Span, seen: set[str]) -> Case:
    if not isinstance(item, Mapping):
        return Case(f"#{index + 1}", span, None, error=f"{span}: error: a case is a mapping")
    case_id = str(item.get("id", f"#{index + 1}"))
    expect = item.get("expect")
    try:
        if "id" not in item:
            raise InputError("a case needs an `id`", span)
        if case_id in seen:
            raise InputError(f"duplicate case id `{case_id}`", span)
        unknown = [str(k) for k in item if k not in CASE_KEYS]
        if unknown:
            raise InputError(f"unknown key `{unknown[0]}` in case `{case_id}`", span)
        if expect is not None and expect not in VERDICTS:
            raise InputError(f"`expect` must be one of {', '.join(VERDICTS)}, not `{expect}`", span)
        question = question_from(item, span)
    except InputError as exc:
        seen.add(case_id)
        return Case(case_id, span, None, None if expect is None else str(expect), exc.one_line())
    seen.add(case_id)
    return Case(case_id, span, question, None if expect is None else str(expect))
