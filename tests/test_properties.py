# SPDX-License-Identifier: Apache-2.0
"""Laws the checker keeps, tested with Hypothesis."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licensecheck.api import check_question
from licensecheck.check.verdict import BETTER
from licensecheck.question import question_from
from licensecheck.report import Entry
from licensecheck.report.json import results_document

LICENCES = ["MIT", "Apache-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "LGPL-2.1-only",
            "MPL-2.0", "AGPL-3.0-only", "CC-BY-4.0", "CC-BY-SA-4.0", "ODbL-1.0", "CC0-1.0", "LicenseRef-Nobody",
            "MPL-2.0-no-copyleft-exception", "LGPL-3.0-or-later"]
USES = ["static-link", "dynamic-link", "modify", "aggregate", "distribute", "include-data", "internal-use",
        "network-service"]
OUTBOUND = ["MIT", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-or-later", "LicenseRef-Proprietary",
            "Apache-2.0", "AGPL-3.0-only", "CC-BY-SA-4.0"]
KINDS = ["any", "individual", "worker-cooperative", "for-profit-company", "association", "public-body"]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ask(inbound: str, use: str, outbound: str | None, kind: str = "any", policy: str | None = None) -> str:
    """The verdict of a question."""
    data = {"inbound": inbound, "use": use, "licensee": {"kind": kind}}
    if outbound is not None:
        data["outbound"] = outbound
    if policy is not None:
        data["policy"] = policy
    return check_question(question_from(data)).verdict


@SETTINGS
@given(st.lists(st.sampled_from(LICENCES), min_size=2, max_size=4), st.sampled_from(USES),
       st.sampled_from(OUTBOUND), st.randoms(use_true_random=False))
def test_and_is_order_insensitive(operands: list[str], use: str, outbound: str, rnd) -> None:  # type: ignore[no-untyped-def]
    """The order of AND operands does not change the verdict."""
    shuffled = list(operands)
    rnd.shuffle(shuffled)
    assert ask(" AND ".join(operands), use, outbound) == ask(" AND ".join(shuffled), use, outbound)


@SETTINGS
@given(st.lists(st.sampled_from(LICENCES), min_size=1, max_size=3), st.sampled_from(LICENCES),
       st.sampled_from(USES), st.sampled_from(OUTBOUND), st.sampled_from(KINDS))
def test_adding_an_and_operand_never_loosens(operands: list[str], extra: str, use: str, outbound: str,
                                             kind: str) -> None:
    """`E AND X` is never more permissive than `E`."""
    base = ask(" AND ".join(operands), use, outbound, kind)
    more = ask(" AND ".join([*operands, extra]), use, outbound, kind)
    assert BETTER[more] <= BETTER[base]


@SETTINGS
@given(st.sampled_from(LICENCES), st.sampled_from(USES), st.sampled_from(OUTBOUND),
       st.sampled_from(["asf-3rd-party", "fr-administration"]))
def test_adding_a_policy_never_loosens(inbound: str, use: str, outbound: str, policy: str) -> None:
    """A policy makes a verdict stricter or leaves it, never looser."""
    assert BETTER[ask(inbound, use, outbound, policy=policy)] <= BETTER[ask(inbound, use, outbound)]


@SETTINGS
@given(st.lists(st.sampled_from(LICENCES), min_size=1, max_size=3), st.sampled_from(USES),
       st.sampled_from(OUTBOUND), st.sampled_from(["AND", "OR"]))
def test_same_question_gives_identical_json(operands: list[str], use: str, outbound: str, op: str) -> None:
    """The same question gives byte-identical JSON twice."""
    question = question_from({"inbound": f" {op} ".join(operands), "use": use, "outbound": outbound})
    first = results_document([Entry("q", check_question(question))])
    second = results_document([Entry("q", check_question(question))])
    assert first == second


@SETTINGS
@given(st.sampled_from(LICENCES), st.sampled_from(USES), st.sampled_from(OUTBOUND), st.sampled_from(KINDS))
def test_every_decided_verdict_cites_a_clause(inbound: str, use: str, outbound: str, kind: str) -> None:
    """compatible, conditional and incompatible verdicts cite at least one clause; unknown says why."""
    result = check_question(question_from({"inbound": inbound, "use": use, "outbound": outbound,
                                           "licensee": {"kind": kind}}))
    if result.verdict == "unknown":
        assert result.errors or result.conditions
    else:
        assert result.reasons


@SETTINGS
@given(st.sampled_from(LICENCES), st.sampled_from(LICENCES), st.sampled_from(USES), st.sampled_from(OUTBOUND))
def test_or_is_at_least_as_good_as_each_branch(left: str, right: str, use: str, outbound: str) -> None:
    """`A OR B` is as permissive as the better of A and B."""
    both = ask(f"{left} OR {right}", use, outbound)
    assert BETTER[both] == max(BETTER[ask(left, use, outbound)], BETTER[ask(right, use, outbound)])


BASE = """license LicenseRef-Base
works: software
[grant] §1: may use, run, reproduce, modify, combine, distribute, sell, network-serve, provide-services.
[notices] §2: must keep-notices when distribute.
"""
RESTRICTIONS = [
    "must not {acts}.",
    "must not {acts} if purpose commercial.",
    "must not {acts} if licensee is for-profit-company.",
    "must not {acts} if licensee privately_owned and licensee waged_employees.",
    "must not {acts} unless licensee is cooperative.",
    "must offer-source when {acts}.",
    "must contribute-source when {acts}.",
    "share-alike whole-work under this license.",
    "share-alike file under this license.",
    "no further restrictions.",
]
ACTS_POOL = ["use", "run", "reproduce", "modify", "combine", "distribute", "network-serve", "provide-services"]
QUESTIONS = st.fixed_dictionaries({
    "use": st.sampled_from([*USES, "service", "build-tool"]),
    "outbound": st.sampled_from(OUTBOUND),
    "licensee": st.fixed_dictionaries({"kind": st.sampled_from(KINDS)}),
    "purpose": st.one_of(st.none(), st.sampled_from([["commercial"], ["non-commercial"]])),
})


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(RESTRICTIONS), st.lists(st.sampled_from(ACTS_POOL), min_size=1,
                                                                    max_size=3, unique=True)), min_size=1, max_size=3),
       QUESTIONS)
def test_adding_a_restriction_never_loosens(restrictions: list[tuple[str, list[str]]], question: dict) -> None:  # type: ignore[type-arg]
    """Adding a prohibition, a duty or a copyleft clause to a licence never makes a verdict more permissive."""
    from tests.helpers import catalog_with

    extra = "".join(f"[r{i}] §9: {template.format(acts=', '.join(acts))}\n"
                    for i, (template, acts) in enumerate(restrictions))
    plain = catalog_with(BASE)
    restricted = catalog_with(BASE + extra)
    data = {k: v for k, v in question.items() if v is not None}
    if data["use"] in ("service", "build-tool", "internal-use", "network-service"):
        data.pop("outbound")
    data["inbound"] = "LicenseRef-Base"
    before = check_question(question_from(data), plain).verdict
    after = check_question(question_from(data), restricted).verdict
    assert BETTER[after] <= BETTER[before], (extra, data, before, after)
