# SPDX-License-Identifier: Apache-2.0
"""A fast path for plain SPDX expressions: ids joined by AND, OR and WITH, with parentheses.

license-expression parses any expression (and names every error precisely), but costs a fifth of a
millisecond for a three-licence expression; a case file of ten thousand distinct questions spends seconds
there. Expressions made only of ids, the three operators and parentheses are read here instead, without
recursion, into the same tree (`WITH` binds tighter than `AND`, `AND` tighter than `OR`); anything else (a
stray character, an operator out of place, nesting past the limits) returns None, and license-expression
reads it and reports the error.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from licensecheck.expr import And, Expr, Leaf, Or

if TYPE_CHECKING:
    from licensecheck.syntax.expression import ExpressionParser

_TOKEN = re.compile(r"\s*(?:(\()|(\))|([A-Za-z0-9][A-Za-z0-9.+:_-]*))")
_PRECEDENCE = {"with": 3, "and": 2, "or": 1}
#: past these, the general parser (and its limits and messages) takes over
MAX_DEPTH = 64
MAX_OPERANDS = 1000


def fast_parse(text: str, parser: ExpressionParser) -> Expr | None:
    """The tree of a plain expression, or None when the general parser must read it."""
    tokens = _tokens(text)
    if tokens is None:
        return None
    output: list[object] = []  # reverse Polish: ids and operators
    stack: list[str] = []
    depth = operands = 0
    expect_operand = True
    previous = ""
    for token in tokens:
        lowered = token.lower()
        if previous == "with" and (token in "()" or lowered in _PRECEDENCE):
            return None  # `WITH` joins a licence id and an exception id, nothing else
        if lowered == "with" and (previous in ("", "(", ")") or previous.lower() in _PRECEDENCE):
            return None
        previous = lowered if lowered in _PRECEDENCE else token
        if token == "(":
            if not expect_operand:
                return None
            depth += 1
            if depth > MAX_DEPTH:
                return None
            stack.append(token)
        elif token == ")":
            if expect_operand:
                return None
            while stack and stack[-1] != "(":
                output.append(stack.pop())
            if not stack:
                return None
            stack.pop()
            depth -= 1
        elif lowered in _PRECEDENCE:
            if expect_operand:
                return None
            while stack and stack[-1] != "(" and _PRECEDENCE[stack[-1]] >= _PRECEDENCE[lowered]:
                output.append(stack.pop())
            stack.append(lowered)
            expect_operand = True
            continue
        else:
            if not expect_operand:
                return None
            operands += 1
            if operands > MAX_OPERANDS:
                return None
            output.append(_Id(token))
        expect_operand = token == "("
    if expect_operand or "(" in stack:
        return None
    while stack:
        output.append(stack.pop())
    return _tree(output, parser)


class _Id(str):
    """An id token (as opposed to an operator) in the reverse Polish output."""


def _tokens(text: str) -> list[str] | None:
    out: list[str] = []
    position = 0
    end = len(text.rstrip())
    while position < end:
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            return None
        out.append(match.group(1) or match.group(2) or match.group(3))
        position = match.end()
    return out or None


def _tree(output: list[object], parser: ExpressionParser) -> Expr | None:
    values: list[Expr | _Id] = []
    for item in output:
        if isinstance(item, _Id):
            values.append(item)
            continue
        if len(values) < 2:
            return None
        right, left = values.pop(), values.pop()
        if item == "with":
            if not isinstance(left, _Id) or not isinstance(right, _Id):
                return None
            lid, known = parser._canonical(left)
            eid, eknown = parser._canonical(right)
            if known and lid.lower() in parser.exceptions:
                return None
            values.append(Leaf(lid, eid, known, eknown))
            continue
        left_expr, right_expr = _leaf(left, parser), _leaf(right, parser)
        if left_expr is None or right_expr is None:
            return None
        kind = And if item == "and" else Or
        items = [*(left_expr.items if isinstance(left_expr, kind) else (left_expr,)),
                 *(right_expr.items if isinstance(right_expr, kind) else (right_expr,))]
        values.append(kind(tuple(items)))
    if len(values) != 1:
        return None
    return _leaf(values[0], parser)


def _leaf(value: Expr | _Id, parser: ExpressionParser) -> Expr | None:
    if not isinstance(value, _Id):
        return value
    lid, known = parser._canonical(value)
    if known and lid.lower() in parser.exceptions:
        return None  # an exception written as a licence: the general parser says so
    return Leaf(lid, None, known)


__all__ = ["MAX_DEPTH", "MAX_OPERANDS", "fast_parse"]
