# SPDX-License-Identifier: Apache-2.0
"""Malformed input never escapes as anything but the project's own one-line errors."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licensecheck.errors import InputError
from licensecheck.library import load_library
from licensecheck.syntax.expression import parse_expression
from licensecheck.syntax.parser import check_document

WORDS = ["license", "X", "[a]", "§1", ":", "may", "must", "not", "use", "if", "licensee", "is", "cooperative",
         "purpose", "commercial", "and", "or", "(", ")", ".", "share-alike", "whole-work", "under", "this",
         "grants", "MIT", '"quote"', "\n", "people", "<", "100", "module", "{", "}", "#", "unclear", "§\"x y\""]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_terms_parser_reports_errors_never_raises(text: str) -> None:
    """Any sequence of the language's own words parses or gives positioned errors."""
    document, errors = check_document(text, "fuzz.terms")
    assert document is not None or errors
    for error in errors:
        assert error.span is not None and error.span.line >= 1 and error.span.column >= 1
        assert "\n" not in error.one_line()


@SETTINGS
@given(st.text(max_size=200))
def test_terms_parser_survives_arbitrary_text(text: str) -> None:
    """Arbitrary text never makes the terms parser raise."""
    check_document(text, "fuzz.terms")


@SETTINGS
@given(st.lists(st.sampled_from(["MIT", "GPL-2.0+", "AND", "OR", "WITH", "(", ")", "Classpath-exception-2.0",
                                 "LicenseRef-x", "+", "Apache-2.0", "mit", "or", ",", ""]), max_size=12).map(" ".join))
def test_expression_parser_raises_only_input_errors(text: str) -> None:
    """A malformed SPDX expression is an InputError, never another exception."""
    try:
        parse_expression(text, load_library())
    except InputError as exc:
        assert "\n" not in exc.one_line()
