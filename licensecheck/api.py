"""The library's public functions: load the licence library and answer questions."""

from __future__ import annotations

import datetime as dt

from licensecheck.catalog import Catalog
from licensecheck.check.engine import Result, check
from licensecheck.library import load_library
from licensecheck.question import Question
from licensecheck.syntax.expression import parse_expression, parser_for


def check_question(question: Question, catalog: Catalog | None = None, today: dt.date | None = None) -> Result:
    """Answer one question with the shipped library (or the catalog given)."""
    library = catalog if catalog is not None else load_library()
    return check(question, library, parser_for(library).parse, today)


__all__ = ["check_question", "load_library", "parse_expression"]
