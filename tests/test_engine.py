# SPDX-License-Identifier: Apache-2.0
"""Semantics of the checker, each rule on a small licence written inline."""

from __future__ import annotations

import datetime as dt

import pytest

from licensecheck.check.verdict import Verdict
from tests.helpers import ask, catalog_with

COOP = """license LicenseRef-Coop
name: "Coop test licence"
works: software
[grant] §1: may use, run, reproduce, modify, combine, distribute if licensee is cooperative.
[no-war] §2: must not use, run, distribute if purpose military or licensee does military.
[small] §3: may network-serve if licensee people < 100.
[notices] §4: must keep-notices when distribute.
"""


@pytest.fixture(name="coop", scope="module")
def _coop():  # type: ignore[no-untyped-def]
    return catalog_with(COOP)


def test_kind_hierarchy_covers_descendants(coop) -> None:  # type: ignore[no-untyped-def]
    """A clause naming `cooperative` covers a worker cooperative."""
    result = ask(coop, inbound="LicenseRef-Coop", use="internal-use",
                 licensee={"kind": "worker-cooperative", "activities": []}, purpose=["commercial"], modified=False)
    assert Verdict.COMPATIBLE == result.verdict
    assert any(r.clause == "grant" for r in result.reasons)


def test_broader_kind_is_conditional_and_names_the_kind(coop) -> None:  # type: ignore[no-untyped-def]
    """A licensee stated only as an organisation makes the verdict conditional on being a cooperative."""
    result = ask(coop, inbound="LicenseRef-Coop", use="internal-use", licensee={"kind": "organisation"},
                 purpose=["commercial"], modified=False)
    assert Verdict.CONDITIONAL == result.verdict
    assert "the licensee is a cooperative" in result.conditions


def test_other_kind_is_incompatible(coop) -> None:  # type: ignore[no-untyped-def]
    """An individual is no cooperative: the grant does not apply."""
    result = ask(coop, inbound="LicenseRef-Coop", use="internal-use", licensee={"kind": "individual"},
                 purpose=["personal"], modified=False)
    assert Verdict.INCOMPATIBLE == result.verdict


def test_prohibition_beats_permission(coop) -> None:  # type: ignore[no-untyped-def]
    """A prohibition that holds makes the verdict incompatible even where a permission holds."""
    result = ask(coop, inbound="LicenseRef-Coop", use="internal-use",
                 licensee={"kind": "cooperative", "activities": ["military"]}, purpose=["commercial"], modified=False)
    assert Verdict.INCOMPATIBLE == result.verdict
    assert ["no-war"] == [r.clause for r in result.reasons if r.clause == "no-war"]


def test_open_purpose_is_conditional(coop) -> None:  # type: ignore[no-untyped-def]
    """With the purpose not stated, the prohibition's purpose becomes a condition."""
    result = ask(coop, inbound="LicenseRef-Coop", use="internal-use",
                 licensee={"kind": "cooperative", "activities": []}, modified=False)
    assert Verdict.CONDITIONAL == result.verdict
    assert "the use is not for military purposes" in result.conditions


def test_kind_implies_activity(coop) -> None:  # type: ignore[no-untyped-def]
    """The kind `military` implies the activity `military` (spec section 3)."""
    result = ask(coop, inbound="LicenseRef-Coop", use="internal-use", licensee={"kind": "military"})
    assert Verdict.INCOMPATIBLE == result.verdict


@pytest.mark.parametrize(("people", "verdict"), [(50, Verdict.COMPATIBLE), (150, Verdict.INCOMPATIBLE)])
def test_attribute_comparison(coop, people: int, verdict: Verdict) -> None:  # type: ignore[no-untyped-def]
    """`licensee people < 100` is decided when `people` is given."""
    result = ask(coop, inbound="LicenseRef-Coop", use="network-service",
                 licensee={"kind": "cooperative", "people": people, "activities": []}, purpose=["commercial"],
                 modified=False)
    assert verdict == result.verdict


def test_unknown_attribute_is_conditional_naming_it(coop) -> None:  # type: ignore[no-untyped-def]
    """An attribute left open gives a conditional verdict whose condition names it."""
    result = ask(coop, inbound="LicenseRef-Coop", use="network-service",
                 licensee={"kind": "cooperative", "activities": []}, purpose=["commercial"], modified=False)
    assert Verdict.CONDITIONAL == result.verdict
    assert "the licensee's `people` < 100" in result.conditions


def test_no_covering_clause_is_unknown() -> None:
    """A use that no clause grants or refuses is unknown, never compatible."""
    catalog = catalog_with('license LicenseRef-Tiny\nworks: software\n[grant] §1: may use.\n')
    result = ask(catalog, inbound="LicenseRef-Tiny", use="static-link", outbound="MIT")
    assert Verdict.UNKNOWN == result.verdict
    assert any("grants `reproduce`" in e for e in result.errors)


def test_unclear_clause_gives_unknown() -> None:
    """A clause marked unclear that would decide gives unknown, not a guess."""
    catalog = catalog_with('license LicenseRef-Vague\nworks: content\n[grant] §1: may everything.\n'
                           '[sa] §2: share-alike adaptation under this license unclear "the text drops it".\n')
    result = ask(catalog, inbound="LicenseRef-Vague", use="modify", outbound="MIT")
    assert Verdict.UNKNOWN == result.verdict
    assert any("the text drops it" in e for e in result.errors)
    same = ask(catalog, inbound="LicenseRef-Vague", use="modify", outbound="LicenseRef-Vague")
    assert Verdict.COMPATIBLE == same.verdict


def test_unknown_id_is_unknown_with_suggestion() -> None:
    """An unknown licence id gives unknown, names the id and suggests the closest known one."""
    result = ask(inbound="Apache-2.1", use="static-link", outbound="MIT")
    assert Verdict.UNKNOWN == result.verdict
    assert ["unknown inbound licence id `Apache-2.1`; did you mean `Apache-2.0`?"] == list(result.errors)


def test_or_takes_the_best_branch_and_names_it() -> None:
    """`A OR B` lets the licensee choose; the choice is named."""
    result = ask(inbound="GPL-3.0-only OR MIT", use="static-link", outbound="LicenseRef-Proprietary")
    assert Verdict.COMPATIBLE == result.verdict
    assert result.choice is not None and "chose MIT" in result.choice


def test_and_takes_the_worst() -> None:
    """`A AND B` needs both: GPL code cannot go into a closed product even beside MIT code."""
    result = ask(inbound="GPL-3.0-only AND MIT", use="static-link", outbound="LicenseRef-Proprietary")
    assert Verdict.INCOMPATIBLE == result.verdict


def test_compatible_or_unknown_is_compatible() -> None:
    """An unknown operand does not spoil an OR that another operand decides."""
    result = ask(inbound="MIT OR LicenseRef-Nobody", use="static-link", outbound="GPL-3.0-only")
    assert Verdict.COMPATIBLE == result.verdict


def test_incompatible_and_unknown_is_incompatible() -> None:
    """An AND with an incompatible operand is incompatible whatever the unknown operand."""
    result = ask(inbound="GPL-3.0-only AND LicenseRef-Nobody", use="static-link", outbound="MIT")
    assert Verdict.INCOMPATIBLE == result.verdict


def test_compatible_and_unknown_is_unknown() -> None:
    """An AND with a compatible and an unknown operand is unknown, never compatible."""
    result = ask(inbound="MIT AND LicenseRef-Nobody", use="static-link", outbound="GPL-3.0-only")
    assert Verdict.UNKNOWN == result.verdict


def test_legacy_plus_is_or_later() -> None:
    """`GPL-2.0+` is GPL-2.0-or-later: the code may go into a GPLv3 work."""
    result = ask(inbound="GPL-2.0+", use="modify", outbound="GPL-3.0-or-later")
    assert Verdict.COMPATIBLE == result.verdict


def test_deprecated_id_is_only() -> None:
    """`GPL-2.0` is GPL-2.0-only: the code cannot go into a GPLv3 work."""
    result = ask(inbound="GPL-2.0", use="modify", outbound="GPL-3.0-or-later")
    assert Verdict.INCOMPATIBLE == result.verdict


def test_or_later_election_is_named() -> None:
    """Apache-2.0 into GPL-2.0-or-later: conditional, electing GPLv3, with the path in `choice`."""
    result = ask(inbound="Apache-2.0", use="static-link", outbound="GPL-2.0-or-later")
    assert Verdict.CONDITIONAL == result.verdict
    assert "GPL-2.0-or-later elected as GPL-3.0-or-later" == result.choice
    assert any(r.clause == "patent-termination" for r in result.reasons)


def test_network_use_of_gpl_is_not_distribution() -> None:
    """Running modified GPL code as a network service distributes nothing: compatible."""
    result = ask(inbound="GPL-3.0-only", use="network-service", modified=True)
    assert Verdict.COMPATIBLE == result.verdict


def test_agpl_network_use_offers_source() -> None:
    """A modified AGPL service must offer its source to its users: conditional, AGPL s.13 cited."""
    result = ask(inbound="AGPL-3.0-only", use="network-service", modified=True)
    assert Verdict.CONDITIONAL == result.verdict
    assert any("network" in c and "AGPL-3.0-only §13" in c for c in result.conditions)
    unmodified = ask(inbound="AGPL-3.0-only", use="network-service", modified=False)
    assert Verdict.COMPATIBLE == unmodified.verdict


ADDENDUM = """addendum LicenseRef-No-Sale
works: software
[no-sale] §1: must not distribute, sell, network-serve, provide-services if purpose sell.
"""


def test_addendum_restricts_the_base() -> None:
    """A WITH addendum adds its prohibitions to the base licence."""
    catalog = catalog_with(ADDENDUM)
    sold = ask(catalog, inbound="MIT WITH LicenseRef-No-Sale", use="service", purpose=["sell"])
    assert Verdict.INCOMPATIBLE == sold.verdict
    internal = ask(catalog, inbound="MIT WITH LicenseRef-No-Sale", use="internal-use")
    assert Verdict.COMPATIBLE == internal.verdict


def test_restriction_added_to_gpl3_is_removable() -> None:
    """GPL-3.0 s.7 lets the recipient remove a restriction added to GPLv3 code: conditional, not incompatible."""
    catalog = catalog_with(ADDENDUM)
    result = ask(catalog, inbound="GPL-3.0-only WITH LicenseRef-No-Sale", use="service", purpose=["sell"])
    assert Verdict.CONDITIONAL == result.verdict
    assert any(r.clause == "removable" for r in result.reasons)


TIME = """license LicenseRef-Later
works: software
[grant] §1: may use, run if not purpose production or parameter grant.
[change] §2: changes to parameter change_license on parameter change_date.
"""


def test_change_date_switches_to_the_change_license() -> None:
    """After the change date the Change License's clauses decide; before it, the parametrised licence."""
    catalog = catalog_with(TIME)
    params = {"LicenseRef-Later": {"change_date": "2024-01-01", "change_license": "MIT"}}
    after = ask(catalog, inbound="LicenseRef-Later", use="static-link", outbound="GPL-3.0-only",
                parameters=params, date=dt.date(2025, 1, 1))
    assert Verdict.COMPATIBLE == after.verdict
    assert after.choice is not None and "changed to MIT on 2024-01-01" in after.choice
    before = ask(catalog, inbound="LicenseRef-Later", use="internal-use", purpose=["production"],
                 parameters=params, date=dt.date(2023, 1, 1))
    assert Verdict.CONDITIONAL == before.verdict


TIERS = """license LicenseRef-Tiered
works: content
[members] §2: grants CC-BY-SA-4.0 if licensee member of the-association.
[everyone] §3: grants CC-BY-4.0 if not purpose commercial.
"""


def test_tiers_grant_by_membership() -> None:
    """A rights policy grants another licence's rights by who the licensee is, and names the tier."""
    catalog = catalog_with(TIERS)
    member = ask(catalog, inbound="LicenseRef-Tiered", use="modify", outbound="CC-BY-SA-4.0",
                 licensee={"member_of": ["the-association"]}, purpose=["commercial"])
    assert Verdict.COMPATIBLE == member.verdict
    assert member.choice is not None and "grants CC-BY-SA-4.0" in member.choice
    outsider = ask(catalog, inbound="LicenseRef-Tiered", use="modify", outbound="CC-BY-SA-4.0",
                   licensee={"member_of": []}, purpose=["commercial"])
    assert Verdict.INCOMPATIBLE == outsider.verdict


POLICY = """policy strict-test
[allow-mit] §1: allow MIT.
[deny-gpl] §2: deny category copyleft because "no copyleft here".
"""


def test_policy_only_tightens() -> None:
    """A policy's allow never loosens a licence verdict; its deny tightens one, citing the rule."""
    catalog = catalog_with(POLICY)
    allowed = ask(catalog, inbound="MIT", use="static-link", outbound="GPL-3.0-only", policy="strict-test")
    assert Verdict.COMPATIBLE == allowed.verdict
    assert any(r.license == "strict-test" and r.clause == "allow-mit" for r in allowed.reasons)
    denied = ask(catalog, inbound="LGPL-2.1-only", use="dynamic-link", outbound="GPL-3.0-or-later", policy="strict-test")
    assert Verdict.INCOMPATIBLE == denied.verdict
    loosened = ask(catalog, inbound="GPL-3.0-only", use="static-link", outbound="MIT", policy="strict-test")
    assert Verdict.INCOMPATIBLE == loosened.verdict


def test_unknown_policy_is_reported() -> None:
    """An unknown policy name is an error of the question, never silently ignored."""
    result = ask(inbound="MIT", use="internal-use", policy="nope")
    assert Verdict.UNKNOWN == result.verdict
    assert result.errors[0].startswith("unknown policy `nope`")


def test_modified_left_open_splits_the_answer() -> None:
    """When modification is not stated and matters, the verdict is conditional on it."""
    catalog = catalog_with('license LicenseRef-ND\nworks: content\n[grant] §1: may use, reproduce, distribute.\n'
                           '[nd] §2: must not distribute if modified.\n')
    result = ask(catalog, inbound="LicenseRef-ND", use="distribute", outbound="LicenseRef-ND")
    assert Verdict.CONDITIONAL == result.verdict
    assert "the material is not modified" in result.conditions


CONDITIONAL_POLICY = """policy media-test
[unmodified-media] §B: conditional CC-BY-SA-4.0 for content if not modified because "unmodified media only".
[other] §B: deny CC-BY-SA-4.0 because "ask the legal team".
"""


def test_policy_rule_condition_selects_the_rule() -> None:
    """A policy rule with a condition applies when it holds; otherwise the next matching rule does."""
    catalog = catalog_with(CONDITIONAL_POLICY)
    unmodified = ask(catalog, inbound="CC-BY-SA-4.0", use="aggregate", outbound="Apache-2.0", work="content",
                     modified=False, policy="media-test")
    assert Verdict.CONDITIONAL == unmodified.verdict
    assert any(c.startswith("unmodified media only") for c in unmodified.conditions)
    modified = ask(catalog, inbound="CC-BY-SA-4.0", use="aggregate", outbound="Apache-2.0", work="content",
                   modified=True, policy="media-test")
    assert Verdict.INCOMPATIBLE == modified.verdict
    assert any(r.clause == "other" for r in modified.reasons)
