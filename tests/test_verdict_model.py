# SPDX-License-Identifier: Apache-2.0
"""The principles of the verdict model (issue 8, classes 1 to 12), each shown on several licences, reciprocity
and mainstream, with the clause that decides; and the laws remedies and unknown operands obey."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licensecheck.api import check_question
from licensecheck.check.verdict import BETTER
from licensecheck.question import question_from
from tests.helpers import ask, catalog_with

BUSL = {"BUSL-1.1": {"change_date": "2030-01-01", "change_license": "GPL-2.0-or-later", "additional_use_grant": "none"}}


def clauses(result: Any) -> set[str]:
    """The `licence:clause` ids a result cites."""
    return {f"{r.license}:{r.clause}" for r in result.reasons}


def verdict_of(**question: Any) -> tuple[str, set[str], Any]:
    """The verdict, cited clauses and result of a question asked of the shipped library."""
    result = ask(**question)
    return result.verdict.value, clauses(result), result


# -- class 1: a deciding refusal wins over an unclear clause --------------------------------------------

@pytest.mark.parametrize(("question", "clause"), [
    ({"inbound": "PPL", "use": "static-link", "outbound": "GPL-3.0-only", "licensee": {"kind": "association"},
      "purpose": ["non-commercial"]}, "GPL-3.0-only:no-further-restrictions"),
    ({"inbound": "PPL", "use": "modify", "outbound": "MIT", "licensee": {"kind": "association"},
      "purpose": ["non-commercial"]}, "PPL:no-capitalist-use"),
    ({"inbound": "LicenseRef-scancode-cooperative-non-violent-7.0", "use": "static-link", "outbound": "GPL-3.0-only",
      "licensee": {"kind": "worker-cooperative"}, "purpose": ["non-commercial"]}, "GPL-3.0-only:no-further-restrictions"),
    ({"inbound": "LicenseRef-CoopCycle", "use": "static-link", "outbound": "GPL-3.0-only"}, "LicenseRef-CoopCycle:whole-work"),
])
def test_a_clear_refusal_is_not_hidden_by_an_unclear_clause(question: dict[str, Any], clause: str) -> None:
    """Where one clause already refuses, an unclear clause elsewhere does not turn the verdict into unknown."""
    verdict, cited, _ = verdict_of(**question)
    assert "incompatible" == verdict
    assert clause in cited


def test_unknown_only_where_the_unclear_point_could_change_the_answer() -> None:
    """An unclear grant next to a clear refusal of the same act is incompatible; alone it is unknown."""
    catalog = catalog_with('license LicenseRef-T-Vague\nworks: software\n'
                           '[grant] §1: may use, run, reproduce, distribute unclear "who may is not said".\n'
                           '[no-distribution] §2: must not distribute.\n')
    refused = ask(catalog, inbound="LicenseRef-T-Vague", use="distribute", outbound="MIT", modified=False)
    vague = ask(catalog, inbound="LicenseRef-T-Vague", use="internal-use", modified=False)
    assert "incompatible" == refused.verdict.value
    assert "no-distribution" in {r.clause for r in refused.reasons}
    assert "unknown" == vague.verdict.value


# -- class 2: active obligations are conditions, everywhere and only there ----------------------------------

@pytest.mark.parametrize(("question", "verdict", "duty"), [
    ({"inbound": "AGPL-3.0-only", "use": "network-service", "modified": True}, "conditional", "AGPL-3.0-only §13"),
    ({"inbound": "AGPL-3.0-only", "use": "network-service", "modified": True, "outbound": "AGPL-3.0-only"},
     "compatible", "AGPL-3.0-only §13"),
    ({"inbound": "LGPL-2.1-only", "use": "dynamic-link", "outbound": "MIT"}, "conditional", "LGPL-2.1-only §6"),
    ({"inbound": "LGPL-2.1-only", "use": "dynamic-link", "outbound": "GPL-2.0-only"}, "compatible", "LGPL-2.1-only §6"),
    ({"inbound": "GPL-3.0-only", "use": "static-link", "outbound": "GPL-3.0-only"}, "compatible", "GPL-3.0-only §6"),
    ({"inbound": "ODbL-1.0", "use": "include-data", "outbound": "ODbL-1.0", "work": "data"}, "compatible", "ODbL-1.0"),
    ({"inbound": "MPL-2.0", "use": "static-link", "outbound": "LicenseRef-Proprietary"}, "conditional", "MPL-2.0 §3.2(a)"),
])
def test_active_obligations_are_conditions_unless_the_outbound_covers_them(question: dict[str, Any], verdict: str,
                                                                            duty: str) -> None:
    """An active duty makes the verdict conditional; when the outbound licence imposes it too, it is a listed duty."""
    result = ask(**question)
    assert verdict == result.verdict.value
    listed = result.conditions if verdict == "conditional" else result.duties
    assert any(duty in item for item in listed), listed


def test_software_duties_do_not_attach_to_content() -> None:
    """Source-code duties are for software: EUPL-1.2 content under CC BY-SA 3.0 owes no source offer."""
    result = ask(inbound="EUPL-1.2", use="include-data", outbound="CC-BY-SA-3.0", work="content")
    assert "compatible" == result.verdict.value
    assert not any("source code" in duty for duty in result.duties)


def test_material_kept_under_its_licence_keeps_its_later_duties() -> None:
    """AGPL code combined into a GPL-3.0 work keeps its network obligation for when the work is offered online."""
    result = ask(inbound="AGPL-3.0-only", use="static-link", outbound="GPL-3.0-only")
    assert "conditional" == result.verdict.value
    assert any("keeps applying to the AGPL-3.0-only part" in c for c in result.conditions)


# -- class 3: separate agreements are not grants ------------------------------------------------------------

def test_a_commercial_licence_to_buy_is_not_a_grant() -> None:
    """Production use of BUSL software before its Change Date, without an Additional Use Grant, is incompatible,
    and the reason names the separate licence that would be needed."""
    result = ask(inbound="BUSL-1.1", use="internal-use", purpose=["production"], parameters=BUSL, date="2025-01-01")
    assert "incompatible" == result.verdict.value
    assert any("separate licence from the licensor would be needed" in r.note for r in result.reasons)


@pytest.mark.parametrize("clause", [
    "[paid] §3: may use, run, reproduce, distribute if agreement.",
    "[paid] §3: may use, run, reproduce, distribute if agreement and licensee is for-profit-company.",
])
def test_ask_us_paths_are_not_grants(clause: str) -> None:
    """A grant that needs a separate agreement with the licensor grants nothing under the licence itself."""
    catalog = catalog_with(f"license LicenseRef-T-AskUs\nworks: software\n{clause}\n")
    result = ask(catalog, inbound="LicenseRef-T-AskUs", use="internal-use", modified=False,
                 licensee={"kind": "for-profit-company"})
    assert "incompatible" == result.verdict.value


def test_an_unread_exception_path_stays_unknown() -> None:
    """The Coopyright's board exceptions (points 2 to 9, unread) leave an adaptation unknown, not conditional."""
    result = ask(inbound="LicenseRef-Coopyright-1.1", use="modify", outbound="MIT", work="content")
    assert "unknown" == result.verdict.value


# -- class 4: or-later is narrowed only when it must be ----------------------------------------------------

@pytest.mark.parametrize(("inbound", "use", "outbound"), [
    ("LGPL-3.0-only", "static-link", "GPL-3.0-or-later"),
    ("LGPL-2.1-or-later", "dynamic-link", "GPL-3.0-or-later"),
    ("MPL-2.0", "static-link", "GPL-2.0-or-later"),
    ("LGPL-2.1-only", "static-link", "GPL-2.0-or-later"),
])
def test_a_linked_library_leaves_the_or_later_licence_as_named(inbound: str, use: str, outbound: str) -> None:
    """Linking a library whose copyleft stops at the library elects no version of the program's licence."""
    result = ask(inbound=inbound, use=use, outbound=outbound)
    assert "compatible" == result.verdict.value
    assert result.choice is None or "elected" not in result.choice


@pytest.mark.parametrize(("inbound", "outbound"), [
    ("GPL-3.0-only", "GPL-3.0-or-later"), ("Apache-2.0", "GPL-2.0-or-later"), ("GPL-2.0-only", "GPL-2.0-or-later"),
])
def test_election_is_a_condition_when_the_whole_must_go_out_under_one_version(inbound: str, outbound: str) -> None:
    """When the combined work must go out under one version, the election is named as a condition."""
    result = ask(inbound=inbound, use="static-link", outbound=outbound)
    assert "conditional" == result.verdict.value
    assert result.choice is not None and "elected" in result.choice


# -- class 5: where the licence's categories do not place the licensee, say so ---------------------------------

@pytest.mark.parametrize(("inbound", "kind", "clause"), [
    ("PPL", "individual", "commercial-coops"),
    ("LicenseRef-scancode-cooperative-non-violent-7.0", "public-body", "commercial-coops"),
    ("LicenseRef-scancode-cooperative-non-violent-4.0", "individual", "commercial-coops"),
    ("LicenseRef-scancode-anti-capitalist-1.4", "municipality", "shared-profit-organisations"),
])
def test_an_unplaced_licensee_is_unknown_with_the_point_named(inbound: str, kind: str, clause: str) -> None:
    """A licensee kind the licence's categories neither include nor exclude gets unknown, naming the point."""
    result = ask(inbound=inbound, use="internal-use", licensee={"kind": kind, "activities": []},
                 purpose=["commercial"], modified=False)
    assert "unknown" == result.verdict.value
    assert any(f"[{clause}]" in e and "not clear whether" in e for e in result.errors), result.errors


# -- class 6: alternatives are shown as alternatives ---------------------------------------------------------

@pytest.mark.parametrize(("question", "parts"), [
    ({"inbound": "LicenseRef-scancode-prosperity-3.0", "use": "internal-use", "licensee": {"kind": "worker-cooperative"},
      "purpose": ["commercial"]}, ("charitable", "30-day trial")),
    ({"inbound": "LicenseRef-CoopCycle", "use": "internal-use", "modified": True},
     ("not for commercial purposes", "Social and Solidarity Economy", "wage-portage")),
    ({"inbound": "PPL OR CC-BY-NC-4.0", "use": "internal-use", "licensee": {"kind": "association"}, "modified": False},
     ("under PPL", "under CC-BY-NC-4.0")),
])
def test_alternatives_read_either_or(question: dict[str, Any], parts: tuple[str, ...]) -> None:
    """Several grants that could each allow the use give one condition naming every alternative."""
    result = ask(**question)
    assert "conditional" == result.verdict.value
    assert 1 == len(result.conditions)
    assert result.conditions[0].startswith("either ")
    assert all(part in result.conditions[0] for part in parts), result.conditions


# -- class 7: an unknown option is not dropped ------------------------------------------------------------

@pytest.mark.parametrize(("inbound", "outbound"), [
    ("GPL-3.0-only AND LicenseRef-foo", "GPL-3.0-or-later"),
    ("AGPL-3.0-only AND LicenseRef-x", "GPL-3.0-or-later"),
    ("GPL-2.0-only AND LicenseRef-foo", "GPL-2.0-or-later"),
    ("AGPL-3.0-only AND LicenseRef-unknown-zz", "CC-BY-SA-4.0"),
])
def test_an_elected_option_that_is_unknown_stays_unknown(inbound: str, outbound: str) -> None:
    """incompatible OR unknown is unknown: an elected or converted outbound option answering unknown is kept."""
    result = ask(inbound=inbound, use="static-link", outbound=outbound)
    assert "unknown" == result.verdict.value
    assert any("unknown inbound licence id" in e for e in result.errors)


# -- class 8: a prohibition decides where no clause grants ------------------------------------------------------

def test_a_refusal_decides_where_nothing_grants() -> None:
    """A licence that refuses distribution, and grants nothing for it, is incompatible, not unknown."""
    catalog = catalog_with('license LicenseRef-T-NoDist\nworks: software\n[use-only] §1: may use, run.\n'
                           '[no-distribution] §2: must not reproduce, distribute.\n')
    result = ask(catalog, inbound="LicenseRef-T-NoDist", use="distribute", outbound="MIT", modified=False)
    assert "incompatible" == result.verdict.value
    assert "no-distribution" in {r.clause for r in result.reasons}


@pytest.mark.parametrize(("inbound", "clause"), [
    ("LicenseRef-Proprietary", "LicenseRef-Proprietary:(restrictions)"),
    ("LicenseRef-scancode-rsalv2", "LicenseRef-scancode-rsalv2:no-service"),
])
def test_all_rights_reserved_material_cannot_go_out_under_an_open_licence(inbound: str, clause: str) -> None:
    """Material whose licence withholds copying or serving cannot be modified into an MIT-licensed work."""
    verdict, cited, _ = verdict_of(inbound=inbound, use="modify", outbound="MIT")
    assert "incompatible" == verdict
    assert clause in cited


def test_reserved_rights_refuse_what_no_clause_grants() -> None:
    """`reserves all other rights` refuses an act no clause grants, citing the reservation."""
    catalog = catalog_with('license LicenseRef-T-Reserved\nworks: software\n[use-only] §1: may use, run.\n'
                           '[reserved] §9: reserves all other rights.\n')
    result = ask(catalog, inbound="LicenseRef-T-Reserved", use="distribute", outbound="MIT", modified=False)
    assert "incompatible" == result.verdict.value
    assert "reserved" in {r.clause for r in result.reasons}


# -- class 9: restrictions do not leak through outbound licences ----------------------------------------------

@pytest.mark.parametrize(("question", "outbound"), [
    ({"inbound": "CC-BY-NC-4.0", "use": "include-data", "work": "data", "purpose": ["non-commercial"],
      "modified": True}, "ODbL-1.0"),
    ({"inbound": "CC-BY-NC-4.0", "use": "modify", "work": "content", "purpose": ["non-commercial"]}, "BUSL-1.1"),
    ({"inbound": "CC-BY-NC-4.0", "use": "modify", "work": "content", "purpose": ["non-commercial"],
      "licensee": {"kind": "non-profit"}}, "LicenseRef-scancode-anti-capitalist-1.4"),
    ({"inbound": "PolyForm-Small-Business-1.0.0", "use": "static-link",
      "licensee": {"kind": "small-business", "people": 50, "revenue_usd": 500000}}, "LicenseRef-CoopCycle"),
    ({"inbound": "Elastic-2.0", "use": "distribute", "modified": False}, "MIT"),
])
def test_the_result_keeps_every_restriction_of_the_inbound(question: dict[str, Any], outbound: str) -> None:
    """An outbound licence that would grant some recipient what the inbound withholds from it is incompatible,
    with or without a "no further restrictions" clause."""
    result = ask(**question, outbound=outbound)
    assert "incompatible" == result.verdict.value
    assert any(r.clause == "(restrictions)" for r in result.reasons)


# -- class 10: active duties are checked against the outbound licence ------------------------------------------

@pytest.mark.parametrize("inbound", ["Parity-7.0.0", "LicenseRef-Cooperative-Source-License"])
def test_a_closed_product_cannot_meet_a_duty_to_publish_its_source(inbound: str) -> None:
    """A duty to publish the source of software built with the work cannot be met under a closed licence."""
    result = ask(inbound=inbound, use="static-link", outbound="LicenseRef-Proprietary")
    assert "incompatible" == result.verdict.value
    assert "LicenseRef-Proprietary:licensor-only" in clauses(result)


def test_the_same_duty_is_a_condition_under_an_open_outbound() -> None:
    """The duty to publish the source stays a condition when the outbound licence grants what it needs."""
    result = ask(inbound="Parity-7.0.0", use="static-link", outbound="MIT")
    assert "conditional" == result.verdict.value
    assert any("publish the source" in c for c in result.conditions)


def test_a_duty_about_the_result_of_an_inline_licence() -> None:
    """The check is the vocabulary's: any duty kind that reaches the result asks the outbound for its grants."""
    catalog = catalog_with('license LicenseRef-T-Share\nworks: software\n[grant] §1: may everything.\n'
                           '[contribute] §2: must contribute-source when combine.\n')
    closed = ask(catalog, inbound="LicenseRef-T-Share", use="static-link", outbound="LicenseRef-Proprietary")
    opened = ask(catalog, inbound="LicenseRef-T-Share", use="static-link", outbound="Apache-2.0")
    assert "incompatible" == closed.verdict.value
    assert "conditional" == opened.verdict.value


# -- class 11 and item 14: kinds imply what they cannot be ------------------------------------------------------

@pytest.mark.parametrize(("question", "absent"), [
    ({"inbound": "LicenseRef-scancode-prosperity-3.0", "use": "internal-use", "licensee": {"kind": "for-profit-company"},
      "purpose": ["commercial"]}, "charitable"),
    ({"inbound": "LicenseRef-scancode-prosperity-3.0", "use": "internal-use", "licensee": {"kind": "individual"},
      "purpose": ["commercial"]}, "charitable"),
    ({"inbound": "PPL", "use": "internal-use", "licensee": {"kind": "worker-cooperative"}, "modified": False},
     "privately_owned"),
])
def test_no_condition_asks_for_a_value_the_kind_excludes(question: dict[str, Any], absent: str) -> None:
    """A for-profit company or an individual is never asked to be charitable; a cooperative is not privately owned."""
    result = ask(**question)
    assert not any(absent in c for c in result.conditions), result.conditions


def test_an_individual_cannot_be_asked_to_be_charitable_under_polyform() -> None:
    """PolyForm Noncommercial for an individual's commercial use is refused, not conditional on charity."""
    result = ask(inbound="PolyForm-Noncommercial-1.0.0", use="internal-use", licensee={"kind": "individual"},
                 purpose=["commercial"], modified=False)
    assert "incompatible" == result.verdict.value


# -- class 12: the active/passive table is data ----------------------------------------------------------------

def test_which_duties_are_active_is_data_a_lawyer_can_change() -> None:
    """A vocabulary document that makes notices an active duty makes MIT into a closed product conditional."""
    from licensecheck.library import load_library, with_documents
    from licensecheck.syntax.parser import parse_document

    shipped = load_library()
    stricter = parse_document('vocabulary LicenseRef-T-Stricter\n[duty-keep-notices] §1: duty keep-notices '
                              '"keep the copyright and licence notices"; active.\n', "stricter.vocab",
                              shipped.vocabulary)
    catalog = with_documents([stricter])
    before = ask(inbound="MIT", use="static-link", outbound="LicenseRef-Proprietary")
    after = check_question(question_from({"inbound": "MIT", "use": "static-link", "outbound": "LicenseRef-Proprietary"},
                                         vocab=catalog.vocabulary), catalog)
    assert "compatible" == before.verdict.value
    assert "conditional" == after.verdict.value


# -- laws ---------------------------------------------------------------------------------------------------

POOL = ["MIT", "Apache-2.0", "GPL-2.0-only", "GPL-3.0-or-later", "LGPL-2.1-only", "MPL-2.0", "AGPL-3.0-only",
        "PPL", "LicenseRef-CoopCycle", "CC-BY-NC-4.0", "CC-BY-SA-4.0", "ODbL-1.0", "Parity-7.0.0",
        "PolyForm-Noncommercial-1.0.0", "LicenseRef-scancode-prosperity-3.0", "EUPL-1.2", "BSD-3-Clause"]
USES = ["static-link", "dynamic-link", "modify", "distribute", "internal-use", "network-service", "include-data"]
OUTBOUND = ["MIT", "GPL-3.0-only", "GPL-2.0-or-later", "LicenseRef-Proprietary", "AGPL-3.0-only", "CC-BY-SA-4.0",
            "LicenseRef-CoopCycle", "PPL"]
KINDS = ["any", "individual", "worker-cooperative", "association", "for-profit-company", "public-body"]
PURPOSES = [None, [], ["commercial"], ["non-commercial"]]


@st.composite
def questions(draw: st.DrawFn) -> dict[str, Any]:
    """A question from the pools: a licence, a use, an outbound licence where the use distributes, a licensee."""
    use = draw(st.sampled_from(USES))
    data: dict[str, Any] = {"inbound": draw(st.sampled_from(POOL)), "use": use,
                            "licensee": {"kind": draw(st.sampled_from(KINDS))}}
    if use not in ("internal-use", "network-service"):
        data["outbound"] = draw(st.sampled_from(OUTBOUND))
    purpose = draw(st.sampled_from(PURPOSES))
    if purpose is not None:
        data["purpose"] = purpose
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_a_remedy_applied_gives_the_verdict_it_promises(data: dict[str, Any]) -> None:
    """Asking the question with a remedy's fields replaced gives the remedy's verdict, which is better."""
    result = check_question(question_from(data), remedies=True)
    assert result.remedies is not None
    for remedy in result.remedies:
        changed = {**data, **dict(remedy.change)}
        answer = check_question(question_from(changed))
        assert remedy.verdict == answer.verdict
        assert BETTER[answer.verdict] > BETTER[result.verdict]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_an_unknown_and_operand_never_makes_a_verdict_worse_than_unknown(data: dict[str, Any]) -> None:
    """`A AND unknown` is incompatible only where `A` is; otherwise it is unknown (spec §5)."""
    alone = check_question(question_from(data)).verdict.value
    data = {**data, "inbound": f"{data['inbound']} AND LicenseRef-not-modelled"}
    combined = check_question(question_from(data)).verdict.value
    assert ("incompatible" if alone == "incompatible" else "unknown") == combined


# -- an exception on the outbound licence -----------------------------------------------------------------------

@pytest.mark.parametrize(("inbound", "outbound", "verdict"), [
    ("GPL-2.0-only", "GPL-2.0-only WITH Classpath-exception-2.0", "conditional"),
    ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0", "compatible"),
    ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only", "compatible"),
    ("MIT", "GPL-2.0-only WITH Classpath-exception-2.0", "compatible"),
    ("GPL-3.0-or-later", "GPL-3.0-or-later WITH GCC-exception-3.1", "conditional"),
])
def test_an_outbound_exception_covers_only_code_that_carries_it(inbound: str, outbound: str, verdict: str) -> None:
    """Copyleft code without the outbound licence's exception sends the result out without it (a condition);
    code under the exception, or permissive code, goes out with it."""
    result = ask(inbound=inbound, use="static-link", outbound=outbound)
    assert verdict == result.verdict.value
    if verdict == "conditional":
        assert any("instead of" in c for c in result.conditions)
