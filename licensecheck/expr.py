# SPDX-License-Identifier: Apache-2.0
"""Licence expressions as a small tree: leaves (a licence, maybe `WITH` an exception), AND, OR."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Leaf:
    """One licence of an expression, with its `WITH` exception or addendum."""

    id: str  # canonical id when known, else as written
    exception: str | None = None
    known: bool = True
    exception_known: bool = True

    def __str__(self) -> str:
        return f"{self.id} WITH {self.exception}" if self.exception else self.id


@dataclass(frozen=True)
class And:
    """Every operand applies."""

    items: tuple[Expr, ...]

    def __str__(self) -> str:
        return " AND ".join(_wrap(item) for item in self.items)


@dataclass(frozen=True)
class Or:
    """The licensee chooses one operand."""

    items: tuple[Expr, ...]

    def __str__(self) -> str:
        return " OR ".join(_wrap(item) for item in self.items)


Expr = Leaf | And | Or


def _wrap(expr: Expr) -> str:
    return f"({expr})" if isinstance(expr, (And, Or)) and len(expr.items) > 1 else str(expr)


def leaves(expr: Expr) -> list[Leaf]:
    """The leaves of an expression, left to right."""
    if isinstance(expr, Leaf):
        return [expr]
    out: list[Leaf] = []
    for item in expr.items:
        out.extend(leaves(item))
    return out
