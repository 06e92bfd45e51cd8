# SPDX-License-Identifier: Apache-2.0
"""The constructs of the terms language beyond grants and duties: termination and cure, patent retaliation,
edges limited to adaptations or keeping the part's licence, built-in later versions, licence-defined terms."""

from __future__ import annotations

from tests.helpers import ask, catalog_with

TERMINATING = """license LicenseRef-Test-Terminating
works: software
[grant] §1: may use, run, reproduce, modify, combine, distribute.
[patent-grant] §2: may patent-use.
[termination] §8: ends everything on breach unless cured within 30 days.
[patent-retaliation] §3: ends patent-use on patent-claim.
"""


def test_rights_stand_when_the_question_states_no_breach() -> None:
    """A termination clause changes nothing when the question does not say the event happened."""
    result = ask(catalog_with(TERMINATING), inbound="LicenseRef-Test-Terminating", use="internal-use")
    assert "compatible" == result.verdict.value, result


def test_breach_ends_rights_unless_cured_in_time() -> None:
    """A breach ends the rights; cured within the cure period they come back, and an open cure is a condition."""
    catalog = catalog_with(TERMINATING)
    lost = ask(catalog, inbound="LicenseRef-Test-Terminating", use="internal-use",
               licensee={"kind": "any", "in_breach": True, "cured_within_days": 45})
    cured = ask(catalog, inbound="LicenseRef-Test-Terminating", use="internal-use",
                licensee={"kind": "any", "in_breach": True, "cured_within_days": 10})
    open_cure = ask(catalog, inbound="LicenseRef-Test-Terminating", use="internal-use",
                    licensee={"kind": "any", "in_breach": True})
    assert "incompatible" == lost.verdict.value
    assert "termination" in {r.clause for r in lost.reasons}
    assert "compatible" == cured.verdict.value
    assert "conditional" == open_cure.verdict.value
    assert ["the breach is cured within 30 days of notice (LicenseRef-Test-Terminating §8)"] == \
        list(open_cure.conditions)


def test_patent_retaliation_ends_only_the_patent_licence() -> None:
    """A patent claim ends the patent licence, not the copyright licence: the use is conditional on needing no patent rights."""
    result = ask(catalog_with(TERMINATING), inbound="LicenseRef-Test-Terminating", use="internal-use",
                 licensee={"kind": "any", "brought_patent_claim": True})
    assert "conditional" == result.verdict.value
    assert any("`patent-use`" in c for c in result.conditions)


ADAPTED_EDGE = """license LicenseRef-Test-SA
works: content
[grant] §2: may use, reproduce, modify, distribute, combine.
[share-alike] §3: share-alike adaptation under this license.
[to-gpl] §3(b): compatible with GPL-3.0-only when adapted.
"""


def test_edge_limited_to_adaptations() -> None:
    """An edge `when adapted` carries modified material to its target, never copies passed on unmodified."""
    catalog = catalog_with(ADAPTED_EDGE)
    adapted = ask(catalog, inbound="LicenseRef-Test-SA", use="distribute", outbound="GPL-3.0-only", modified=True,
                  work="content")
    verbatim = ask(catalog, inbound="LicenseRef-Test-SA", use="distribute", outbound="GPL-3.0-only", modified=False,
                   work="content")
    assert "compatible" == adapted.verdict.value
    assert "to-gpl" in {r.clause for r in adapted.reasons}
    assert "to-gpl" not in {r.clause for r in verbatim.reasons}


KEEPING = """license LicenseRef-Test-Network
works: software
family: LicenseRef-Test-Network
version: 1
[grant] §1: may use, run, reproduce, modify, combine, distribute, network-serve.
[network-source] §13: must offer-source-to-network-users when network-serve if modified.
[source] §6: must offer-source when distribute.
[whole] §5: share-alike network-service under this license.
[gpl] §13: compatible with GPL-3.0-only when combined keeping this license.
"""


def test_an_edge_keeping_the_licence_lets_the_material_into_the_result() -> None:
    """An edge `when combined keeping this license` lets the material be combined into a work under the target."""
    catalog = catalog_with(KEEPING)
    statement = catalog.resolve("LicenseRef-Test-Network").clauses[-1].statement  # type: ignore[union-attr]
    result = ask(catalog, inbound="LicenseRef-Test-Network", use="static-link", outbound="GPL-3.0-only")
    assert statement.keeps and statement.combined  # type: ignore[union-attr]
    assert "incompatible" != result.verdict.value
    assert "gpl" in {r.clause for r in result.reasons}


LATER_INCLUDED = """license LicenseRef-Test-Versioned-1
family: LicenseRef-Test-Versioned
version: 1
later-versions: included
works: software
[grant] §1: may use, run, reproduce, modify, combine, distribute.
[file] §3: share-alike file under this license.
"""

LATER_TWO = """license LicenseRef-Test-Versioned-2
family: LicenseRef-Test-Versioned
version: 2
works: software
[grant] §1: may use, run, reproduce, modify, combine, distribute.
[file] §3: share-alike file under this license.
"""


def test_later_versions_included_in_the_licence_itself() -> None:
    """`later-versions: included` makes the plain id reach later versions of its family, without an -or-later id."""
    catalog = catalog_with(LATER_INCLUDED, LATER_TWO)
    license = catalog.resolve("LicenseRef-Test-Versioned-1")
    assert license is not None and license.or_later
    result = ask(catalog, inbound="LicenseRef-Test-Versioned-1", use="distribute", outbound="LicenseRef-Test-Versioned-2",
                 modified=False)
    assert "compatible" == result.verdict.value


DEFINED = """license LicenseRef-Test-Defined
works: software
[commercial-def] §1(c): define commercial-use as purpose commercial or licensee is for-profit-company.
[grant] §2: may use, run unless commercial-use.
"""


def test_licence_defined_terms() -> None:
    """A condition may use a term the licence defines; the condition text names the term and where it is defined."""
    catalog = catalog_with(DEFINED)
    company = ask(catalog, inbound="LicenseRef-Test-Defined", use="internal-use", modified=False,
                  licensee={"kind": "for-profit-company"})
    open_ = ask(catalog, inbound="LicenseRef-Test-Defined", use="internal-use", modified=False,
                licensee={"kind": "association"})
    assert "incompatible" == company.verdict.value
    assert "conditional" == open_.verdict.value
    assert ["not `commercial-use` as LicenseRef-Test-Defined §1(c) defines it (the use is for commercial purposes)"] == \
        list(open_.conditions)


def test_use_is_condition() -> None:
    """`use is USE` holds for that use only."""
    catalog = catalog_with("license LicenseRef-Test-Use\nworks: software\n"
                           "[grant] §1: may use, run, network-serve if use is internal-use.\n")
    assert "compatible" == ask(catalog, inbound="LicenseRef-Test-Use", use="internal-use", modified=False).verdict.value
    assert "incompatible" == ask(catalog, inbound="LicenseRef-Test-Use", use="network-service",
                                 modified=False).verdict.value
