# SPDX-License-Identifier: Apache-2.0
"""`--recommend` (docs/spec/federation.md §4): which licence lets the members do the most, the outsiders the least.

Licences are compared per kind of work: for each kind the registry has commons of (software, data,
content), each candidate licence written for that kind is tried as if every commons of the kind were
under it, and the member and outsider cells of those commons are counted per verdict (through the same
matrix as the report). A licence written for several kinds is a candidate for each. Within a kind,
candidates are ranked by, in this order:

1. the fewest member cells that the candidate does not allow (verdicts outside `ALLOWING`);
2. the fewest outsider cells that it allows;
3. then member cells worst first (fewer incompatible, then fewer unknown, then fewer conditional);
4. then outsider cells worst first, more being better;
5. the licence id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from licensecheck.catalog import Catalog
from licensecheck.check.engine import Result
from licensecheck.check.verdict import ALLOWING, WORST_FIRST, Verdict
from licensecheck.errors import InputError
from licensecheck.federation.matrix import Matrix, Progress, Selection
from licensecheck.federation.registry import Commons, Registry
from licensecheck.question import Question


@dataclass(frozen=True)
class Recommendation:
    """A candidate licence for one kind of work, and the counts of that kind's cells per verdict."""

    license: str
    work: str
    members: dict[Verdict, int]
    outsiders: dict[Verdict, int]
    matrix: Matrix  # the commons of the kind, as if under the candidate: the cells behind the counts

    @property
    def members_refused(self) -> int:
        """Member cells the candidate does not allow (verdicts outside `ALLOWING`)."""
        return sum(n for v, n in self.members.items() if v not in ALLOWING)

    @property
    def outsiders_allowed(self) -> int:
        """Outsider cells the candidate allows."""
        return sum(n for v, n in self.outsiders.items() if v in ALLOWING)

    def rank_key(self) -> tuple[object, ...]:
        """The ranking of the module docstring (smaller is better)."""
        return (self.members_refused, self.outsiders_allowed, tuple(self.members[v] for v in WORST_FIRST),
                tuple(-self.outsiders[v] for v in WORST_FIRST), self.license.lower())


def trade_offs(ranked: Sequence[Recommendation]) -> list[list[Recommendation]]:
    """The candidates of one kind that no other beats on both counts (fewer member cells refused and fewer
    outsider cells allowed), gathered by equal counts, in rank order: the real choices a federation has."""
    points: dict[tuple[int, int], list[Recommendation]] = {}
    for rec in ranked:
        points.setdefault((rec.members_refused, rec.outsiders_allowed), []).append(rec)
    return [group for (refused, allowed), group in points.items()
            if not any(r <= refused and a <= allowed and (r, a) != (refused, allowed) for r, a in points)]


def candidate_ids(catalog: Catalog, work: str) -> list[str]:
    """The licences of the library written for a kind of work (exceptions and addenda excluded)."""
    return [doc.id for doc in catalog.licenses()
            if doc.kind == "license" and work in (doc.fields("works") or catalog.vocabulary.works)]


def _named(catalog: Catalog, names: Sequence[str], works: Sequence[str]) -> list[str]:
    ids: list[str] = []
    for name in names:
        license = catalog.resolve(name)
        if license is None or license.kind != "license":
            hint = catalog.suggest(name)
            raise InputError(f"--candidate: unknown licence `{name}`" + (f" (did you mean `{hint}`?)" if hint else ""))
        if not set(license.works or catalog.vocabulary.works) & set(works):
            raise InputError(f"--candidate: `{license.id}` is written for {', '.join(license.works)}, and the "
                             f"registry has no such commons")
        if license.id not in ids:
            ids.append(license.id)
    return ids


def recommend(registry: Registry, catalog: Catalog, candidates: Sequence[str] | None = None,
              selection: Selection | None = None, progress: Progress | None = None,
              results: dict[Question, Result] | None = None) -> list[Recommendation]:
    """Every candidate (the library's, or those named), per kind of work in the vocabulary's order, best first.

    `results` are answers already known (the report's matrix), shared with the candidates' matrices.
    """
    known: dict[Question, Result] = results if results is not None else {}
    selection = selection or Selection()
    chosen = {c.id for c in registry.commons if selection.commons is None or c.id in selection.commons}
    works = [w for w in catalog.vocabulary.works if any(c.work == w and c.id in chosen for c in registry.commons)]
    named = _named(catalog, candidates, works) if candidates else None
    plan: list[tuple[str, str]] = []
    for work in works:
        ids = candidate_ids(catalog, work)
        if named is not None:
            ids = [i for i in named if i in ids]
        plan += [(work, license_id) for license_id in ids]
    out: list[Recommendation] = []
    for done, (work, license_id) in enumerate(plan):
        of_kind = tuple(c.id for c in registry.commons if c.work == work and c.id in chosen)

        def licence_of(commons: Commons, lid: str = license_id) -> str:
            return lid

        scope = Selection(selection.platforms, of_kind, selection.uses)
        matrix = Matrix(registry, catalog, scope, licence_of=licence_of, results=known)
        out.append(Recommendation(license_id, work, matrix.counts(matrix.members), matrix.counts(matrix.outsiders),
                                  matrix))
        if progress is not None:
            progress(done + 1, len(plan))
    order = {work: i for i, work in enumerate(works)}
    out.sort(key=lambda r: (order[r.work], r.rank_key()))
    return out


__all__ = ["Recommendation", "candidate_ids", "recommend", "trade_offs"]
