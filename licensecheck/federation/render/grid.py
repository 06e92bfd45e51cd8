# SPDX-License-Identifier: Apache-2.0
"""The matrix of one use with equal rows and columns grouped (shared by the HTML and Markdown reports).

Rows are licensee profiles (the platforms whose licensee and purposes are equal), one row per place the
outbound licence comes from (nothing distributed, the commons' own licence, a product's licence); columns
are `Matrix.columns` (commons under one licence). A cell's question depends only on its row and column,
so each cell holds one answer. Built from the matrix's templates, never from its millions of cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from licensecheck.check.verdict import Verdict
from licensecheck.federation.matrix import FROM_COMMONS, FROM_NONE, FROM_PRODUCT, Matrix, Side
from licensecheck.federation.registry import Party
from licensecheck.federation.render import join_names, profile_text

#: names listed in a row or column header before "and N more"
SHOWN_NAMES = 4
_ORDER = {FROM_NONE: 0, FROM_COMMONS: 1, FROM_PRODUCT: 2}


@dataclass
class GridRow:
    """Parties of one profile whose result goes out the same way; `cells` maps a column to an answer."""

    key: str
    side: str  # members | outsiders
    profile: str
    origin: int  # FROM_NONE | FROM_COMMONS | FROM_PRODUCT
    outbound: str | None  # the product licence (FROM_PRODUCT)
    parties: dict[str, list[str]] = field(default_factory=dict)  # party id -> its products in this row
    cells: dict[int, int] = field(default_factory=dict)
    label: str = ""
    outbound_text: str = ""


@dataclass
class GridGroup:
    """The rows of one licensee profile."""

    side: str
    profile: str
    parties: dict[str, None] = field(default_factory=dict)
    rows: list[GridRow] = field(default_factory=list)
    label: str = ""


@dataclass
class Grid:
    """The grouped matrix of one use."""

    use: str
    kinds: tuple[str, ...]
    columns: list[int]
    groups: list[GridGroup]
    member_counts: dict[Verdict, int]
    outsider_counts: dict[Verdict, int]


def uses_of(matrix: Matrix) -> list[tuple[str, tuple[str, ...]]]:
    """Each use once, with the kinds of work it is asked for."""
    kinds: dict[str, list[str]] = {}
    for kind, uses in matrix.uses:
        for use in uses:
            kinds.setdefault(use, []).append(kind)
    return [(use, tuple(listed)) for use, listed in kinds.items()]


def use_grids(matrix: Matrix) -> list[Grid]:
    """One grid per use, in the order of the registry's uses."""
    parties = {p.id: p for p in (*matrix.members.parties, *matrix.outsiders.parties)}
    return [_grid(matrix, use, kinds, parties) for use, kinds in uses_of(matrix)]


def _rows(matrix: Matrix, side: Side, side_name: str, use: str, rows: dict[tuple[Any, ...], GridRow],
          counts: dict[Verdict, int]) -> None:
    answers = matrix.answers
    for key, entries in side.templates.items():
        p_index, column, _chosen = key
        party = side.parties[p_index]
        times = side.usage[key]
        for entry_use, product, origin, answer in entries:
            if entry_use != use:
                continue
            outbound = party.products[product].license if origin == FROM_PRODUCT else None
            row_key = (side_name, party.licensee, party.purposes, origin, outbound)
            row = rows.get(row_key)
            if row is None:
                row = rows[row_key] = GridRow(f"r-{use}-{len(rows)}", side_name, profile_text(party, matrix.catalog.vocabulary),
                                                     origin, outbound)
            products = row.parties.setdefault(party.id, [])
            if product >= 0 and party.products[product].id not in products:
                products.append(party.products[product].id)
            row.cells[column] = answer
            counts[answers[answer].result.verdict] += times


def _grid(matrix: Matrix, use: str, kinds: tuple[str, ...], parties: dict[str, Party]) -> Grid:
    rows: dict[tuple[Any, ...], GridRow] = {}
    member_counts = dict.fromkeys(Verdict, 0)
    outsider_counts = dict.fromkeys(Verdict, 0)
    _rows(matrix, matrix.members, "members", use, rows, member_counts)
    _rows(matrix, matrix.outsiders, "outsiders", use, rows, outsider_counts)
    columns = sorted({column for row in rows.values() for column in row.cells},
                     key=lambda c: (list(matrix.catalog.vocabulary.works).index(matrix.columns[c].work), c))
    groups: dict[tuple[str, str], GridGroup] = {}
    for row in sorted(rows.values(), key=lambda r: r.side != "members"):
        group = groups.get((row.side, row.profile))
        if group is None:
            group = groups[(row.side, row.profile)] = GridGroup(row.side, row.profile)
        group.rows.append(row)
        group.parties.update(dict.fromkeys(row.parties))
    for group in groups.values():
        count = len(group.parties)
        if group.side == "outsiders":
            group.label = f"Outsider: {group.profile}"
        else:
            group.label = f"{group.profile} ({count} platform{'s' if count > 1 else ''})"
        group.rows.sort(key=lambda r: (_ORDER[r.origin], r.outbound or ""))
        for row in group.rows:
            _label(row, parties)
    return Grid(use, kinds, columns, list(groups.values()), member_counts, outsider_counts)


def _label(row: GridRow, parties: dict[str, Party]) -> None:
    names = join_names((parties[p].name for p in row.parties), SHOWN_NAMES)
    products = row_products(row)
    if row.origin == FROM_PRODUCT:
        row.label = f"{names}, into {join_names(products, 2)} ({row.outbound})"
        row.outbound_text = f"into {', '.join(products)} (under {row.outbound})"
    elif row.origin == FROM_COMMONS:
        row.label = f"{names}, passing it on under the commons' own licence"
        row.outbound_text = "passed on under the commons' own licence"
    else:
        row.label = names
        row.outbound_text = "nothing distributed"


def row_products(row: GridRow) -> list[str]:
    """The products of a row's parties, in order."""
    return [product for listed in row.parties.values() for product in listed]


def column_header(matrix: Matrix, index: int) -> tuple[str, str, list[str]]:
    """A column's licence, a short line naming its commons, and all their ids."""
    column = matrix.columns[index]
    names = [matrix.commons[i].id for i in column.commons]
    shown = join_names(names, SHOWN_NAMES) if len(names) <= SHOWN_NAMES else f"{len(names)} commons"
    return column.license, shown, names


__all__ = ["SHOWN_NAMES", "Grid", "GridGroup", "GridRow", "column_header", "row_products", "use_grids", "uses_of"]
