# SPDX-License-Identifier: Apache-2.0
"""`--recommend` (docs/spec/federation.md §4): which licence lets the members do the most, the outsiders the least.

For each candidate licence, every commons of a kind of work the licence is written for is asked as if
it were under that licence (the other commons keep theirs), through the same matrix as the report; the
member and outsider cells are counted per verdict. Candidates are ranked by, in this order:

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
    """A candidate licence, the kinds of work it was applied to, and the counts of cells per verdict."""

    license: str
    works: tuple[str, ...]
    members: dict[Verdict, int]
    outsiders: dict[Verdict, int]
    matrix: Matrix  # the matrix as if the commons were under the candidate: the cells behind the counts

    def rank_key(self) -> tuple[object, ...]:
        """The ranking of the module docstring (smaller is better)."""
        members_refused = sum(n for v, n in self.members.items() if v not in ALLOWING)
        outsiders_allowed = sum(n for v, n in self.outsiders.items() if v in ALLOWING)
        return (members_refused, outsiders_allowed, tuple(self.members[v] for v in WORST_FIRST),
                tuple(-self.outsiders[v] for v in WORST_FIRST), self.license.lower())


def candidate_ids(catalog: Catalog, works: set[str]) -> list[str]:
    """The licences of the library written for one of these kinds of work (exceptions and addenda excluded)."""
    return [doc.id for doc in catalog.licenses()
            if doc.kind == "license" and set(doc.fields("works") or catalog.vocabulary.works) & works]


def recommend(registry: Registry, catalog: Catalog, candidates: Sequence[str] | None = None,
              selection: Selection | None = None, progress: Progress | None = None,
              results: dict[Question, Result] | None = None) -> list[Recommendation]:
    """Every candidate (the library's, or those named), best first; `results` are answers already known."""
    known: dict[Question, Result] = results if results is not None else {}
    works = {c.work for c in registry.commons}
    if candidates:
        ids = []
        for name in candidates:
            license = catalog.resolve(name)
            if license is None or license.kind != "license":
                hint = catalog.suggest(name)
                raise InputError(f"--candidate: unknown licence `{name}`" + (f" (did you mean `{hint}`?)" if hint else ""))
            if license.id not in ids:
                ids.append(license.id)
    else:
        ids = candidate_ids(catalog, works)
    out: list[Recommendation] = []
    for done, license_id in enumerate(ids):
        license = catalog.resolve(license_id)
        assert license is not None
        applies = tuple(w for w in (license.works or tuple(catalog.vocabulary.works)) if w in works)

        def licence_of(commons: Commons, lid: str = license_id, kinds: tuple[str, ...] = applies) -> str:
            return lid if commons.work in kinds else commons.license

        matrix = Matrix(registry, catalog, selection, licence_of=licence_of, results=known)
        out.append(Recommendation(license_id, applies, matrix.counts(matrix.members),
                                  matrix.counts(matrix.outsiders), matrix))
        if progress is not None:
            progress(done + 1, len(ids))
    out.sort(key=Recommendation.rank_key)
    return out


__all__ = ["Recommendation", "candidate_ids", "recommend"]
