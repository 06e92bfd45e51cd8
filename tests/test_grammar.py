# SPDX-License-Identifier: Apache-2.0
"""Each construct of the terms language parses into the model it stands for."""

from __future__ import annotations

import pytest

from licensecheck import model as m
from licensecheck.syntax.parser import parse_document

HEAD = "license LicenseRef-Test\nname: \"Test\"\nworks: software\n"


def clause(body: str) -> m.Clause:
    """Parse one clause after a minimal header."""
    return parse_document(HEAD + body + "\n", "t.terms").clauses[0]


def test_header_and_metadata() -> None:
    """The header gives kind and id; `field: value` lines become metadata, lists split on commas."""
    doc = parse_document('license X-1.0\nname: "X licence"\naliases: X, X1\nversion: 1.0\n', "t.terms")
    assert ("license", "X-1.0") == (doc.kind, doc.id)
    assert ("X", "X1") == doc.fields("aliases")
    assert "1.0" == doc.field("version")
    assert "X licence" == doc.field("name")


@pytest.mark.parametrize("kind", ["license", "exception", "addendum", "policy"])
def test_document_kinds(kind: str) -> None:
    """Every document kind is accepted in the header."""
    assert kind == parse_document(f"{kind} Y\n", "t.terms").kind


def test_permission_with_citations_quote_and_note() -> None:
    """A permission lists acts; citations, quote and note are kept with the clause's span and text."""
    c = clause('[grant] §2 §3(a): may use, reproduce and modify quote "use it" note "n".')
    assert m.Permission(("use", "reproduce", "modify")) == c.statement
    assert ("§2", "§3(a)") == c.citations
    assert ("use it", "n") == (c.quote, c.note)
    assert (4, 1) == (c.span.line, c.span.column)
    assert c.text.startswith("[grant] §2 §3(a): may use")


def test_quoted_citation() -> None:
    """A citation in quotes may hold spaces."""
    assert ("§Additional Use Grant",) == clause('[a] §"Additional Use Grant": may use.').citations


def test_prohibition_with_condition() -> None:
    """`must not ACTS if COND` is a prohibition with its condition."""
    c = clause("[p] §4(d): must not use if licensee privately_owned and licensee waged_employees.")
    assert m.Prohibition(("use",), m.All((m.LicenseeFlag("privately_owned"), m.LicenseeFlag("waged_employees")))) \
        == c.statement


def test_duty_with_trigger_and_condition() -> None:
    """`must DUTY when ACTS if COND` is a duty with its trigger."""
    c = clause("[d] §5: must mark-changes when distribute if modified.")
    assert m.Duty("mark-changes", ("distribute",), m.Modified()) == c.statement


def test_unless_and_if_unless() -> None:
    """`unless C` is `not C`; `if A unless B` is `A and not B`."""
    assert m.Permission(("use",), m.Not(m.Purpose("commercial"))) == clause(
        "[nc] §1: may use unless purpose commercial.").statement
    both = clause("[x] §1: may use if licensee is cooperative unless licensee does military.").statement
    assert m.All((m.LicenseeKind("cooperative"), m.Not(m.LicenseeActivity("military")))) == both.condition  # type: ignore[union-attr]


def test_condition_atoms() -> None:
    """Every condition atom of the language has its model node."""
    cond = clause(
        "[a] §1: may use if (licensee is small-business or licensee member of la-coop-des-communs) "
        "and licensee people < 100 and licensee does military and purpose commercial and modified "
        "and work is data and trial 30 days and parameter change_date and parameter grant = none "
        "and agreement and not licensee worker_owned.").statement.condition  # type: ignore[union-attr]
    assert isinstance(cond, m.All)
    assert m.Any((m.LicenseeKind("small-business"), m.LicenseeMember("la-coop-des-communs"))) == cond.items[0]
    assert [m.LicenseeCompare("people", "<", 100.0), m.LicenseeActivity("military"), m.Purpose("commercial"),
            m.Modified(), m.WorkIs("data"), m.Trial(30), m.ParameterSet("change_date"),
            m.ParameterCompare("grant", "=", "none"), m.Agreement(), m.Not(m.LicenseeFlag("worker_owned"))] \
        == list(cond.items[1:])


def test_sharealike_targets() -> None:
    """Share-alike names a scope, targets (this licence, or later, ids, any licence requiring a duty) and works."""
    c = clause("[sa] §3(b): share-alike adaptation under this license or later, GPL-3.0-or-later for data, content.")
    statement = c.statement
    assert isinstance(statement, m.ShareAlike)
    assert "adaptation" == statement.scope
    assert m.TargetSelf(or_later=True) == statement.targets[0]
    assert "GPL-3.0-or-later" == statement.targets[1].id  # type: ignore[union-attr]
    assert ("data", "content") == statement.works


def test_edges() -> None:
    """`compatible with ... when combined` and `convertible to` are edges of two kinds."""
    compatible = clause("[c] §5: compatible with GPL-2.0-only when combined for software.").statement
    assert isinstance(compatible, m.Edge) and compatible.combined and compatible.kind == "compatible"
    assert ("software",) == compatible.works
    convertible = clause("[v] §3: convertible to GPL-2.0-or-later.").statement
    assert isinstance(convertible, m.Edge) and convertible.kind == "convertible" and not convertible.combined
    requiring = clause("[e] §x: compatible with any license requiring give-attribution.").statement
    assert m.TargetRequiring("give-attribution") == requiring.targets[0]  # type: ignore[union-attr]


def test_no_further_restrictions_and_removable() -> None:
    """The restriction clauses of the GPL family parse."""
    assert m.NoFurtherRestrictions(("keep-notices", "no-endorse")) == clause(
        "[n] §10: no further restrictions except keep-notices, no-endorse.").statement
    assert m.NoFurtherRestrictions(()) == clause("[n] §6: no further restrictions.").statement
    assert m.Removable() == clause("[r] §7: further restrictions are removable.").statement


def test_tiers_change_waiver_and_excludes() -> None:
    """Layered instruments: tiers, changes over time, waivers and share-alike exclusions."""
    tier = clause("[t] §1: grants CC-BY-SA-4.0 if licensee member of la-coop-des-communs.").statement
    assert isinstance(tier, m.Tier) and "CC-BY-SA-4.0" == tier.target
    change = clause("[c] §x: changes to parameter change_license on parameter change_date.").statement
    assert m.Change(m.ValueRef("change_license", True), m.ValueRef("change_date", True)) == change
    assert m.Waiver("keep-notices", ("distribute",)) == clause("[w] §x: waives keep-notices when distribute.").statement
    assert m.ShareAlikeExcludes(("static-link", "dynamic-link")) == clause(
        "[e] §x: share-alike does not cover static-link, dynamic-link.").statement


def test_unclear_marker() -> None:
    """`unclear "..."` marks a clause whose text is ambiguous."""
    assert "no share-alike" == clause('[a] §4: share-alike adaptation under this license unclear "no share-alike".').unclear


def test_policy_rule() -> None:
    """Policy rules select ids, categories or any licence, for uses and works, with a reason."""
    doc = parse_document('policy p\n[r] §A: conditional MIT, category copyleft, any license in build-tool '
                         'for software because "why".\n', "p.policy")
    rule = doc.clauses[0].statement
    assert isinstance(rule, m.PolicyRule)
    assert ("conditional", ("build-tool",), ("software",), "why") == (rule.effect, rule.uses, rule.works, rule.because)
    assert [m.Selector("id", "MIT"), m.Selector("category", "copyleft"), m.Selector("any")] == list(rule.selectors)


def test_policy_rule_with_condition() -> None:
    """A policy rule may hold only under a condition."""
    doc = parse_document('policy p\n[r] §B: conditional CC-BY-SA-4.0 for content if not modified because "media".\n',
                         "p.policy")
    rule = doc.clauses[0].statement
    assert isinstance(rule, m.PolicyRule)
    assert m.Not(m.Modified()) == rule.condition


def test_module() -> None:
    """A module block holds clauses tagged with the module code."""
    doc = parse_document(HEAD + 'module MIL "Military" {\n[mil] §1: must not use if licensee does military.\n}\n',
                         "t.terms")
    assert "MIL" == doc.modules[0].code and "Military" == doc.modules[0].title
    assert "MIL" == doc.modules[0].clauses[0].module


def test_comments_are_ignored() -> None:
    """`#` starts a comment that runs to the end of the line."""
    assert 1 == len(parse_document(HEAD + "# a comment\n[a] §1: may use. # trailing\n", "t.terms").clauses)


def test_ids_with_dots_end_before_full_stop() -> None:
    """A licence id ending a clause leaves the full stop to the clause."""
    c = clause("[c] §1: compatible with GPL-3.0-only.")
    assert "GPL-3.0-only" == c.statement.targets[0].id  # type: ignore[union-attr]
