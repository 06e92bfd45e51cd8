# SPDX-License-Identifier: Apache-2.0
"""Exceptions, kept apart to avoid import loops."""

from __future__ import annotations

from licensecheck.source import Span


class LicenseCheckError(Exception):
    """Base of every error licensecheck reports to a user (exit code 4)."""

    def __init__(self, message: str, span: Span | None = None, hint: str | None = None,
                 context: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.hint = hint
        self.context = context

    def one_line(self) -> str:
        """The error as `path:line:column: error: message`, or `error: message` without a place."""
        where = f"{self.span}: " if self.span is not None else ""
        return f"{where}error: {self.message}"

    def render(self) -> str:
        """The error line, then the source line with a caret, then the hint, as far as known."""
        parts = [self.one_line()]
        if self.context:
            parts.append(self.context.rstrip("\n"))
        if self.hint:
            parts.append(f"  = hint: {self.hint}")
        return "\n".join(parts)


class TermsSyntaxError(LicenseCheckError):
    """A terms or policy file that does not follow the grammar or the vocabulary."""


class InputError(LicenseCheckError):
    """Unreadable files, malformed case files, bad expressions, unknown uses."""


class UnknownLicenseError(LicenseCheckError):
    """A licence id that the library does not know."""
