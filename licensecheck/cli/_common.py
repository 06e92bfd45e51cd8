# SPDX-License-Identifier: Apache-2.0
"""Shared options and exit codes of the commands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any, TypeVar

import click

from licensecheck.catalog import Catalog
from licensecheck.check.verdict import Verdict

F = TypeVar("F", bound=Callable[..., Any])


class ExitCode(IntEnum):
    """Exit codes of spec section 5 (click keeps 2 for usage errors)."""

    OK = 0
    INCOMPATIBLE = 1
    UNKNOWN = 3
    INPUT_ERROR = 4

    @classmethod
    def for_verdict(cls, verdict: Verdict, strict: bool = False) -> int:
        """The exit code of a verdict."""
        if verdict is Verdict.COMPATIBLE:
            return cls.OK
        if verdict is Verdict.CONDITIONAL:
            return cls.INCOMPATIBLE if strict else cls.OK
        if verdict is Verdict.INCOMPATIBLE:
            return cls.INCOMPATIBLE
        return cls.UNKNOWN


def format_option(func: F) -> F:
    """`--format text|json`."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="Output format; JSON has a stable key order.")(func)


def terms_option(func: F) -> F:
    """`--terms PATH`: extra terms or policy files, e.g. a licence draft."""
    return click.option("--terms", "terms", multiple=True, type=click.Path(path_type=Path),
                        help="Extra terms or policy file (or folder) to load besides the shipped library; "
                             "repeatable. A file with the id of a shipped licence replaces it.")(func)


def catalog_for(terms: Sequence[Path]) -> Catalog:
    """The shipped library, plus the terms files given with --terms."""
    from licensecheck.library import load_catalog, load_library

    return load_catalog(terms) if terms else load_library()
