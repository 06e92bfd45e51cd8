# SPDX-License-Identifier: Apache-2.0
"""Formatters: pure functions from results to text or JSON; nothing here prints or exits."""

from __future__ import annotations

from dataclasses import dataclass

from licensecheck.check.engine import Result


@dataclass(frozen=True)
class Entry:
    """A result with its case id, the expected verdict, and whether the case could not be evaluated."""

    id: str
    result: Result
    expected: str | None = None
    input_error: bool = False

    @property
    def met(self) -> bool | None:
        """True or False against the expectation, None when there is none; a case that could not be evaluated is not met."""
        if self.input_error:
            return False
        if self.expected is None:
            return None
        return self.result.verdict.value == self.expected
