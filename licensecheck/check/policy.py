# SPDX-License-Identifier: Apache-2.0
"""Organisation policies: the first matching rule gives a verdict that can only tighten the licence's."""

from __future__ import annotations

from licensecheck import model as m
from licensecheck.catalog import License
from licensecheck.check.context import Context
from licensecheck.check.facts import describe, evaluate
from licensecheck.check.verdict import Outcome, Reason, Verdict


def policy_outcome(ctx: Context, license: License, addition: License | None) -> Outcome | None:
    if ctx.policy is None:
        return None
    names = {license.id.lower()}
    doc = license.document
    if license.or_later:
        names.update(a.lower() for a in doc.fields("deprecated") if a.endswith("+"))
    else:
        names.add(license.base_id.lower())
        names.update(a.lower() for a in (*doc.fields("aliases"), *doc.fields("deprecated")) if not a.endswith("+"))
    categories = set(license.categories)
    if addition is not None:
        names.add(addition.id.lower())
        names.add(addition.base_id.lower())
        categories.update(addition.categories)
    work = ctx.facts.work
    for clause in ctx.policy.clauses:
        rule = clause.statement
        if not isinstance(rule, m.PolicyRule):
            continue
        if rule.uses and ctx.facts.use not in rule.uses:
            continue
        if rule.works and work is not None and work not in rule.works:
            continue
        if not any(_selects(sel, names, categories) for sel in rule.selectors):
            continue
        value = evaluate(rule.condition, ctx.facts, license.id)
        if value is False:
            continue
        shown = license.id if addition is None else f"{license.id} WITH {addition.id}"
        reason = Reason(ctx.policy.id, clause.id, str(clause.span), clause.text,
                        f"the policy's rule for {shown}")
        where = f"(policy {ctx.policy.id} [{clause.id}])"
        if value is not True:  # the rule applies only if an open fact holds
            holds = describe(value, ctx.facts.vocab)
            if rule.effect == "allow":
                return Outcome(Verdict.CONDITIONAL, conditions=(f"{holds} {where}",), reasons=(reason,))
            if rule.effect == "deny":
                return Outcome(Verdict.CONDITIONAL, conditions=(f"{describe(m.Not(value), ctx.facts.vocab)} {where}",),
                               reasons=(reason,))
        if rule.effect == "allow":
            return Outcome(Verdict.COMPATIBLE, reasons=(reason,))
        if rule.effect == "deny":
            return Outcome(Verdict.INCOMPATIBLE, reasons=(reason,))
        text = rule.because or f"the {ctx.policy.id} policy's conditions for {shown}"
        return Outcome(Verdict.CONDITIONAL, conditions=(f"{text} {where}",), reasons=(reason,))
    return None


def _selects(selector: m.Selector, names: set[str], categories: set[str]) -> bool:
    if selector.kind == "any":
        return True
    if selector.kind == "id":
        return selector.value.lower() in names
    return selector.value in categories
