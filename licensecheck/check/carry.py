# SPDX-License-Identifier: Apache-2.0
"""Can the result carry the inbound material under an outbound option? Share-alike reach, targets, edges,
and the outbound licence's "no further restrictions"."""

from __future__ import annotations

from collections.abc import Sequence

from licensecheck import model as m
from licensecheck.check.compiled import Compiled, Source, compile_license
from licensecheck.check.context import Context, Option, licence_versions, memoised, unclear_outcome
from licensecheck.check.verdict import EMPTY, Outcome, Reason, Verdict


def reach_of(ctx: Context, compiled: Compiled) -> list[tuple[Source, str]]:
    cached = ctx.reach_cache.get(id(compiled))
    if cached is None:
        cached = ctx.reach_cache[id(compiled)] = _reach_uncached(ctx, compiled)
    return cached


def _reach_uncached(ctx: Context, compiled: Compiled) -> list[tuple[Source, str]]:
    use = ctx.facts.use
    if use in compiled.excludes:
        return []
    out: list[tuple[Source, str]] = []
    for source in compiled.sharealikes:
        statement = source.clause.statement
        assert isinstance(statement, m.ShareAlike)
        if statement.works and ctx.facts.work is not None and ctx.facts.work not in statement.works:
            continue
        scope = ctx.facts.vocab.scopes.get(statement.scope)
        reach = scope.reach_for(use) if scope is not None else None
        if reach == "whole-if-modified":
            reach = "retain" if ctx.facts.modified is False else "whole"
        if reach:
            out.append((source, reach))
    return out


def _target_versions(ctx: Context, compiled: Compiled, target: m.Target) -> frozenset[str] | None:
    catalog = ctx.catalog
    if isinstance(target, m.TargetSelf):
        license = compiled.license
        return licence_versions(catalog, license, target.or_later or license.or_later)
    if isinstance(target, m.TargetId):
        resolved = catalog.resolve(target.id)
        return licence_versions(catalog, resolved) if resolved is not None else None
    return None


def _fits(ctx: Context, compiled: Compiled, target: m.Target, option: Option) -> bool:
    if isinstance(target, m.TargetRequiring):
        return target.duty in compile_license(option.license).duty_kinds
    versions = _target_versions(ctx, compiled, target)
    return versions is not None and versions >= licence_versions(ctx.catalog, option.license)


def _edge_applies(ctx: Context, edge: m.Edge) -> bool:
    if edge.works and ctx.facts.work is not None and ctx.facts.work not in edge.works:
        return False
    if edge.adapted and ctx.facts.modified is not True:
        return False
    return not (edge.combined and ctx.facts.vocab.uses[ctx.facts.use].has("copies-only"))


def fit_material(ctx: Context, compiled: Compiled, whole: Sequence[Source], option: Option,
         linking: bool) -> tuple[str, Source] | None:
    """How the inbound material can go under the option: same licence, compatible, convertible."""
    clear = [s for s in whole if not s.clause.unclear] or list(whole)
    if clear and all(any(_fits(ctx, compiled, t, option) for t in s.clause.statement.targets)  # type: ignore[union-attr]
                     for s in clear):
        return "same", clear[0]
    if option.license.base_id == compiled.license.base_id and licence_versions(ctx.catalog, option.license) <= \
            licence_versions(ctx.catalog, compiled.license):
        return "same", whole[0] if whole else compiled.grants[0]
    found: tuple[str, Source] | None = None
    for source in _inbound_edges(ctx, compiled):
        edge = source.clause.statement
        assert isinstance(edge, m.Edge)
        if not _edge_applies(ctx, edge):
            continue
        if any(_fits(ctx, compiled, t, option) for t in edge.targets):
            if source.clause.unclear:
                found = found or ("unclear", source)
                continue
            kind = "compatible" if edge.kind == "compatible" or linking else "convertible"
            if kind == "compatible":
                return kind, source
            found = (kind, source) if found is None or found[0] == "unclear" else found
    return found


_EDGES: dict[tuple[object, ...], tuple[Source, ...]] = {}


def _inbound_edges(ctx: Context, compiled: Compiled) -> tuple[Source, ...]:
    """The licence's edges, and for an `or later` licence those of the later versions it may be used under."""
    if not compiled.license.or_later:
        return compiled.edges
    return memoised(_EDGES, (ctx.catalog.token, id(compiled)), lambda: _later_edges(ctx, compiled))


def _later_edges(ctx: Context, compiled: Compiled) -> tuple[Source, ...]:
    edges = list(compiled.edges)
    for doc_id in ctx.catalog.later_versions(compiled.license):
        version = ctx.catalog.resolve(doc_id)
        if version is not None and version.base_id != compiled.license.base_id:
            edges.extend(compile_license(version).edges)
    return tuple(edges)


def _accepted(ctx: Context, option: Option) -> list[tuple[frozenset[str], Source | None]]:
    """For every version the option stands for: the restrictions it accepts, and its clause saying so."""
    catalog = ctx.catalog
    out: list[tuple[frozenset[str], Source | None]] = []
    for doc_id in sorted(v for v in licence_versions(catalog, option.license) if not v.startswith("future:")):
        version = catalog.resolve(doc_id)
        if version is None:
            continue
        compiled = compile_license(version)
        out.append((_accepted_by(compiled), compiled.no_further))
    return out


def outbound_reaches(ctx: Context, option: Option) -> list[Source]:
    cached = ctx.outbound_cache.get(option.label)
    if cached is None:
        compiled = compile_license(option.license)
        cached = ctx.outbound_cache[option.label] = [source for source, reach in reach_of(ctx, compiled)
                                                     if reach == "whole"]
    return cached


CARRY_CACHE: dict[tuple[object, ...], Outcome] = {}


def carry_outcome(ctx: Context, compiled: Compiled, option: Option | None) -> Outcome:
    """Whether the result can carry the material; depends on the use and the material, not on the licensee."""
    if option is None:
        return EMPTY
    facts = ctx.facts
    return memoised(CARRY_CACHE, (ctx.catalog.token, id(compiled), option.label, facts.use, facts.work,
                                    facts.modified), lambda: _carry_uncached(ctx, compiled, option))


def _carry_uncached(ctx: Context, compiled: Compiled, option: Option) -> Outcome:
    lid = compiled.id
    reaches = reach_of(ctx, compiled)
    whole = [s for s, r in reaches if r == "whole"]
    retain = [s for s, r in reaches if r == "retain"]
    outbound_whole = outbound_reaches(ctx, option)
    if whole:
        fit = fit_material(ctx, compiled, whole, option, linking=False)
        if fit is not None and fit[0] == "unclear":
            return unclear_outcome(fit[1], f"may let the material go under {option.label}")
        if fit is not None:
            mode, source = fit
            if mode == "convertible":
                return Outcome(Verdict.CONDITIONAL, conditions=(
                    f"convert the {compiled.license.id} material to {option.label} as {source.where} allows "
                    "(change its notices; the conversion cannot be undone)",),
                    reasons=(source.reason(f"lets the material be converted to {option.label}"),),
                    choices=(f"{compiled.license.id} converted to {option.label} ({source.where})",))
            note = (f"requires the result under this licence; {option.label} is one of its targets"
                    if mode == "same" else f"lets the material be distributed under {option.label}")
            statement = source.clause.statement
            verb = "combined into the" if isinstance(statement, m.Edge) and statement.combined else "distributed under the"
            choices = () if mode == "same" else (f"{compiled.license.id} {verb} {option.label} result ({source.where})",)
            return Outcome(Verdict.COMPATIBLE, reasons=(source.reason(note),), choices=choices)
        unclear = [s for s in whole if s.clause.unclear]
        if unclear and len(unclear) == len(whole):
            source = unclear[0]
            return Outcome(Verdict.UNKNOWN, reasons=(source.reason("may require the result under this licence"),),
                           errors=(f"{source.where} [{source.clause.id}] is unclear: {source.clause.unclear}",))
        scopes = ctx.facts.vocab.scopes
        reasons = [s.reason(f"requires the result ({scopes[s.clause.statement.scope].text}) under its targets; "  # type: ignore[union-attr]
                            f"{option.label} is not one of them") for s in whole if not s.clause.unclear]
        if compiled.no_further is not None:
            extra = compile_license(option.license).tag_set() - _accepted_by(compiled)
            if extra:
                reasons.append(compiled.no_further.reason(
                    f"forbids further restrictions; {option.label} adds {', '.join(sorted(extra))}"))
                tagged = dict(compile_license(option.license).tags)
                reasons.extend(tagged[t].reason(f"the restriction `{t}` of {option.label}") for t in sorted(extra))
        return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons))
    if retain:
        if outbound_whole:
            fit = fit_material(ctx, compiled, [], option, linking=True)
            if fit is not None and fit[0] == "unclear":
                return unclear_outcome(fit[1], f"may let the material go under {option.label}")
            if fit is not None:
                mode, source = fit
                return Outcome(Verdict.COMPATIBLE, reasons=(
                    source.reason(f"lets the material be distributed under {option.label}"),))
            reasons = [s.reason(f"keeps the material under {compiled.license.id}") for s in retain]
            reasons += [s.reason(f"requires every part of the result under {option.label}") for s in outbound_whole]
            return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons))
        if option.license.base_id == compiled.license.base_id:
            return Outcome(Verdict.COMPATIBLE, reasons=(retain[0].reason("the result carries the same licence"),))
        scope = ctx.facts.vocab.scopes[retain[0].clause.statement.scope].text  # type: ignore[union-attr]
        return Outcome(Verdict.CONDITIONAL, conditions=(
            f"keep the {lid} material ({scope}) under {compiled.license.id}, with its source available, "
            f"inside or beside the {option.label} result",),
            reasons=tuple(s.reason(f"keeps {scope} under this licence") for s in retain))
    if outbound_whole:
        edge = fit_material(ctx, compiled, [], option, linking=True)
        if edge is not None and edge[0] == "compatible":
            return Outcome(Verdict.COMPATIBLE, reasons=(
                edge[1].reason(f"lets the material be distributed under {option.label}"),))
        versions = _accepted(ctx, option)
        refusing = [(accepted, nfr, [(tag, src) for tag, src in compiled.tags if tag not in accepted])
                    for accepted, nfr in versions]
        refusing = [entry for entry in refusing if entry[2]]
        if not refusing:
            accepting = [clause for _set, clause in versions if clause is not None][:1] or outbound_whole[:1]
            return Outcome(Verdict.COMPATIBLE, reasons=tuple(
                s.reason(f"accepts the terms of {lid} in the result") for s in accepting))
        cited: list[Reason] = []
        for _accepted_set, nfr, refused in refusing:
            tags = ", ".join(sorted({tag for tag, _src in refused}))
            cited += [src.reason(f"a restriction (`{tag}`) that {option.label} does not accept")
                      for tag, src in refused]
            if nfr is not None:
                cited.append(nfr.reason(f"forbids restrictions beyond its own; {lid} adds {tags}"))
        cited += [s.reason("requires the whole result under this licence") for s in outbound_whole]
        return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(cited))
    return _open_outbound(ctx, compiled, option)


#: restrictions a result must keep: who may use the material and for what
_FIELD_OF_USE = frozenset({"licensee-restriction", "purpose-restriction"})


def _open_outbound(ctx: Context, compiled: Compiled, option: Option) -> Outcome:
    """An open outbound licence would grant recipients what a field-of-use restriction of the inbound denies."""
    use = ctx.facts.vocab.uses[ctx.facts.use]
    governed = use.has("passes-on") or (use.has("passes-on-if-modified") and ctx.facts.modified is True)
    if not governed or option.license.base_id == compiled.license.base_id:
        return EMPTY
    restricted = [(tag, src) for tag, src in compiled.tags if tag in _FIELD_OF_USE]
    if not restricted:
        return EMPTY
    outbound = compile_license(option.license)
    grants = [g for g in outbound.grants_for("distribute") if g.clause.statement.condition is None]  # type: ignore[union-attr]
    kept = outbound.tag_set()
    lost = [(tag, src) for tag, src in restricted if tag not in kept]
    if not grants or not lost:
        return EMPTY
    reasons = [src.reason(f"a restriction (`{tag}`) that the {option.label} result would not carry")
               for tag, src in lost]
    reasons.append(grants[0].reason("grants every recipient these rights without that restriction"))
    return Outcome(Verdict.INCOMPATIBLE, reasons=tuple(reasons))


def _accepted_by(compiled: Compiled) -> frozenset[str]:
    vocab = compiled.license.vocabulary
    if compiled.no_further is None:  # no clause forbids further restrictions
        return compiled.tag_set() | frozenset(vocab.restriction_kinds())
    own = set(compiled.tag_set())
    statement = compiled.no_further.clause.statement
    assert isinstance(statement, m.NoFurtherRestrictions)
    own.update(vocab.expand(statement.allowed))
    return frozenset(own)


def relicensed(ctx: Context, compiled: Compiled, option: Option) -> bool:
    """Whether the inbound material goes under the option's licence, whose obligations then prevail.

    Not when the edge says the material keeps its own licence inside the result (AGPL-3.0 §13).
    """
    whole = [source for source, reach in reach_of(ctx, compiled) if reach == "whole"]
    if not whole:
        return False
    fit = fit_material(ctx, compiled, whole, option, linking=False)
    if fit is None:
        return False
    statement = fit[1].clause.statement
    return not (isinstance(statement, m.Edge) and statement.keeps)
