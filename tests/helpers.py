# SPDX-License-Identifier: Apache-2.0
"""Small helpers for tests: a catalog with extra inline terms files, and one-line questions."""

from __future__ import annotations

from typing import Any

from licensecheck.api import check_question
from licensecheck.catalog import Catalog
from licensecheck.check.engine import Result
from licensecheck.library import with_documents
from licensecheck.question import question_from
from licensecheck.syntax.parser import parse_document


def catalog_with(*texts: str) -> Catalog:
    """The shipped library plus inline documents (which replace shipped ones with the same id)."""
    return with_documents(parse_document(text, f"inline-{i}.terms") for i, text in enumerate(texts))


def ask(catalog: Catalog | None = None, **question: Any) -> Result:
    """Answer a question given as keyword arguments (spec section 1 keys)."""
    return check_question(question_from(question), catalog)
