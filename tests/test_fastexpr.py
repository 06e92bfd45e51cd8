# SPDX-License-Identifier: Apache-2.0
"""The fast path for plain expressions reads them into the same tree as license-expression."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from licensecheck.catalog import Catalog
from licensecheck.expr import And, Expr, Leaf, Or
from licensecheck.library import load_library
from licensecheck.syntax.expression import parser_for
from licensecheck.syntax.fastexpr import fast_parse

IDS = ["MIT", "apache-2.0", "GPL-2.0+", "GPL-3.0-or-later", "LGPL-2.1", "LicenseRef-not-modelled", "CC-BY-SA-4.0",
       "Classpath-exception-2.0", "mpl-2.0", "BSD-3-Clause"]


def flat(expr: Expr) -> object:
    """An expression with nested operators of the same kind flattened, for comparison."""
    if isinstance(expr, Leaf):
        return expr
    kind = type(expr)
    items: list[object] = []
    for item in expr.items:
        inner = flat(item)
        items.extend(inner[1] if isinstance(inner, tuple) and inner[0] is kind else [inner])  # type: ignore[index]
    return (kind, items)


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> str:
    """Random plain expressions: ids, AND/OR/WITH in any case, parentheses."""
    if depth > 3 or draw(st.booleans()):
        base = draw(st.sampled_from(IDS))
        if draw(st.integers(0, 5)) == 0:
            base = f"{base} {draw(st.sampled_from(['WITH', 'with']))} Classpath-exception-2.0"
        return base
    left, right = draw(expressions(depth + 1)), draw(expressions(depth + 1))
    op = draw(st.sampled_from(["AND", "OR", "and", "or"]))
    text = f"{left} {op} {right}"
    return f"({text})" if draw(st.booleans()) else text


def _catalog() -> Catalog:
    return load_library()


@settings(max_examples=400, deadline=None)
@given(expressions())
def test_the_fast_path_agrees_with_license_expression(text: str) -> None:
    """Where the fast path reads an expression, the tree is license-expression's, operators flattened."""
    parser = parser_for(_catalog())
    fast = fast_parse(text, parser)
    try:
        general = parser.parse(text)
    except Exception:
        assert fast is None
        return
    if fast is not None:
        assert flat(general) == flat(fast)


def test_what_the_fast_path_leaves_to_the_general_parser() -> None:
    """Stray characters, operators out of place, unbalanced parentheses and exceptions used as licences fall back."""
    parser = parser_for(_catalog())
    for text in ("MIT AND", "(MIT", "MIT)", "MIT OR OR GPL-2.0", "MIT & GPL", "Classpath-exception-2.0",
                 "MIT WITH (GPL-2.0)", "AND MIT"):
        assert fast_parse(text, parser) is None, text
    assert isinstance(fast_parse("MIT AND (GPL-2.0 OR Apache-2.0)", parser), And)
    assert isinstance(fast_parse("MIT or GPL-2.0", parser), Or)
