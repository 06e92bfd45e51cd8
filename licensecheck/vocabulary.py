# SPDX-License-Identifier: Apache-2.0
"""The words of the question interface (spec sections 2-4) and of the terms language.

Everything a terms file may name (acts, duties, scopes, licensee kinds and attributes, purposes,
kinds of work) is listed here, so that `lint` rejects a misspelt word with its position instead of
letting a clause silently never apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

# -- Uses (spec section 2) and the acts each one performs on the inbound material ---------------

USES: Final[tuple[str, ...]] = (
    "static-link", "dynamic-link", "modify", "aggregate", "include-data", "produced-work",
    "relicense-adaptation", "distribute", "network-service", "internal-use", "build-tool",
    "service", "publish",
)

#: Uses whose result is distributed or published under an outbound licence.
DISTRIBUTING_USES: Final[frozenset[str]] = frozenset({
    "static-link", "dynamic-link", "modify", "aggregate", "include-data", "produced-work",
    "relicense-adaptation", "distribute", "publish",
})

ACTS: Final[Mapping[str, str]] = {
    "use": "use the work",
    "run": "run the work",
    "reproduce": "make copies",
    "modify": "modify or adapt the work",
    "combine": "combine or link the work with other material into one work",
    "distribute": "distribute copies",
    "sublicense": "sublicense",
    "sell": "sell copies",
    "network-serve": "let others use the work over a network",
    "provide-services": "provide paid services around the work",
    "extract": "extract contents of a database",
    "produce": "create produced works from a database",
    "publish": "publish a work",
    "perform": "perform or display publicly",
    "patent-use": "practise the licensed patents",
    "patent-litigate": "sue for patent infringement over the work",
    "endorse": "use the authors' or licensor's names to endorse or promote derived products",
    "use-trademarks": "use the licensor's trade names or trademarks",
    "everything": "any act",
}

#: acts performed by each use; `modify` is added when the material is modified.
USE_ACTS: Final[Mapping[str, tuple[str, ...]]] = {
    "static-link": ("reproduce", "combine", "distribute"),
    "dynamic-link": ("reproduce", "combine", "distribute"),
    "modify": ("reproduce", "modify", "distribute"),
    "aggregate": ("reproduce", "distribute"),
    "include-data": ("reproduce", "extract", "combine", "distribute"),
    "produced-work": ("use", "produce", "publish"),
    "relicense-adaptation": ("reproduce", "modify", "distribute"),
    "distribute": ("reproduce", "distribute"),
    "network-service": ("use", "run", "network-serve"),
    "internal-use": ("use", "run"),
    "build-tool": ("use", "run"),
    "service": ("use", "provide-services"),
    "publish": (),
}

#: uses where the `modified` fact adds the act `modify` (the others modify by definition or never).
MODIFIABLE_USES: Final[frozenset[str]] = frozenset({
    "distribute", "network-service", "internal-use", "aggregate", "include-data",
})

# -- Licensees (spec section 3) ---------------------------------------------------------------

KIND_PARENT: Final[Mapping[str, str | None]] = {
    "any": None,
    "individual": "any",
    "organisation": "any",
    "for-profit-company": "organisation",
    "small-business": "for-profit-company",
    "cooperative": "organisation",
    "worker-cooperative": "cooperative",
    "multi-stakeholder-cooperative": "cooperative",
    "business-and-employment-cooperative": "cooperative",
    "non-profit": "organisation",
    "association": "non-profit",
    "foundation": "non-profit",
    "educational-institution": "organisation",
    "research-organisation": "organisation",
    "public-body": "organisation",
    "municipality": "public-body",
    "law-enforcement": "public-body",
    "military": "public-body",
}

KIND_TEXT: Final[Mapping[str, str]] = {
    "any": "anyone", "individual": "an individual", "organisation": "an organisation",
    "for-profit-company": "a for-profit company", "small-business": "a small business",
    "cooperative": "a cooperative", "worker-cooperative": "a worker cooperative",
    "multi-stakeholder-cooperative": "a multi-stakeholder cooperative",
    "business-and-employment-cooperative": "a business and employment cooperative",
    "non-profit": "a non-profit", "association": "an association", "foundation": "a foundation",
    "educational-institution": "an educational institution",
    "research-organisation": "a research organisation", "public-body": "a public body",
    "municipality": "a municipality", "law-enforcement": "a law-enforcement body",
    "military": "a military body",
}


def kind_ancestors(kind: str) -> tuple[str, ...]:
    """The kind followed by every kind above it, up to `any`."""
    chain: list[str] = []
    current: str | None = kind
    while current is not None:
        chain.append(current)
        current = KIND_PARENT.get(current)
    return tuple(chain)


@dataclass(frozen=True)
class Attribute:
    """A licensee attribute of spec section 3 and the phrase that describes it when true."""

    type: str  # bool | int | number | list | code
    phrase: str


ATTRIBUTES: Final[Mapping[str, Attribute]] = {
    "worker_owned": Attribute("bool", "is owned by its workers"),
    "equal_vote": Attribute("bool", "gives its owners equal equity or an equal vote"),
    "surplus_to_workers": Attribute("bool", "distributes all surplus among its worker-owners"),
    "workers_are_employees": Attribute("bool", "employs its workers as salaried employees"),
    "wage_portage": Attribute("bool", "is an individual worker using a wage-portage entity"),
    "works_with_sole_proprietors": Attribute("bool", "also works with sole proprietors or freelancers"),
    "ess_entity": Attribute("bool", "is a recognised Social and Solidarity Economy entity"),
    "privately_owned": Attribute("bool", "is owned by private shareholders who are not all its workers"),
    "waged_employees": Attribute("bool", "employs people paid by salary or wages"),
    "people": Attribute("int", "people working for it"),
    "revenue_usd": Attribute("number", "yearly revenue in USD"),
    "member_of": Attribute("list", "is a member of"),
    "active_contributor": Attribute("bool", "is an active contributor of its community"),
    "board_worker_seats_pct": Attribute("number", "share of board seats held by workers"),
    "acts_for_business": Attribute("bool", "acts on behalf of, or as a proxy for, another business"),
    "competes_with_licensor": Attribute("bool", "competes with the licensor"),
    "activities": Attribute("list", "engages in"),
    "charitable": Attribute("bool", "is a charitable organisation"),
    "self_employed": Attribute("bool", "works for itself"),
    "jurisdiction": Attribute("code", "is established in"),
    "in_breach": Attribute("bool", "is in breach of the licence's conditions"),
    "cured_within_days": Attribute("number", "days after notice within which the breach was cured"),
    "brought_patent_claim": Attribute("bool", "has asserted a patent claim that the work infringes"),
    "brought_any_patent_claim": Attribute("bool", "has asserted a patent claim against the licensor or a contributor"),
    "found_in_violation": Attribute("bool", "has been found by a court or arbitrator to violate the licence's standards"),
    "offers_warranty": Attribute("bool", "offers its recipients a warranty, support or liability of its own"),
    "shared_profit": Attribute("bool", "seeks shared profit for all of its members (ACSL 2(d))"),
    "non_members_set_labour_cost": Attribute("bool", "lets non-members set the cost of their labour (ACSL 2(d))"),
}

#: activity tags beyond the purposes (spec section 3, `activities`)
EXTRA_ACTIVITIES: Final[frozenset[str]] = frozenset({
    "supplies-military", "supplies-law-enforcement", "forced-labour", "mass-surveillance", "ecocide",
    "mineral-extraction", "violent-media",
})

# -- Events that end rights (`ends ACTS on EVENT`) and the attribute that states each ----------


@dataclass(frozen=True)
class Event:
    """Something a licensee does that ends rights, and the licensee attribute that says it happened."""

    attribute: str
    text: str


EVENTS: Final[Mapping[str, Event]] = {
    "breach": Event("in_breach", "a breach of the licence's conditions"),
    "patent-claim": Event("brought_patent_claim", "a patent claim that the work infringes"),
    "any-patent-claim": Event("brought_any_patent_claim", "a patent claim against the licensor or a contributor"),
    "judicial-finding": Event("found_in_violation", "a court's or arbitrator's finding that the licence's standards were violated"),
}

#: the attribute that says within how many days a breach was cured (`unless cured within N days`)
CURE_ATTRIBUTE: Final[str] = "cured_within_days"

#: what an edge may be limited to (`compatible with X when combined`, `when adapted`)
EDGE_LIMITS: Final[Mapping[str, str]] = {
    "combined": "only when combined into a larger work",
    "adapted": "only for adaptations (modified material)",
}

# -- Purposes (spec section 4) and kinds of work ------------------------------------------------

PURPOSES: Final[Mapping[str, str]] = {
    "commercial": "commercial", "non-commercial": "non-commercial", "production": "production use",
    "sell": "selling a product or service whose value derives from the work",
    "competing": "competing with the licensor", "evaluation": "evaluation",
    "contribution-back": "contributing changes back to the licensor",
    "surveillance-for-profit": "surveillance for profit", "military": "military",
    "law-enforcement": "law enforcement", "incarceration": "incarceration",
    "fossil-fuel": "fossil-fuel extraction", "child-labour": "child labour",
    "discrimination": "discrimination", "bodily-harm": "bodily harm", "personal": "personal use",
    "study": "study", "research": "research", "education": "education",
}

WORKS: Final[tuple[str, ...]] = ("software", "data", "content")

# -- Duties -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DutyKind:
    """A kind of duty: what it asks, and whether it is passive (notices) or active."""

    text: str
    active: bool
    covered_by: tuple[str, ...] = ()


DUTIES: Final[Mapping[str, DutyKind]] = {
    "keep-notices": DutyKind("keep the copyright and licence notices", False),
    "give-attribution": DutyKind("give attribution to the authors", False),
    "include-license": DutyKind("include the licence text or its address with every copy", False),
    "mark-changes": DutyKind("mark modified files or the work as changed", False),
    "include-notice-file": DutyKind("keep the NOTICE file with the distribution", False),
    "keep-addendum-notice": DutyKind("carry the added terms with the licence notice", False),
    "state-source": DutyKind("name the source and the date of its last update", False, ("give-attribution",)),
    "disclaimer": DutyKind("keep the disclaimer of warranty", False),
    "offer-source": DutyKind("offer the corresponding source code of what is distributed", True,
                             ("offer-source",)),
    "offer-source-to-network-users": DutyKind(
        "offer the corresponding source to users who interact with the work over a network", True,
        ("offer-source-to-network-users",)),
    "allow-relinking": DutyKind(
        "let users relink a modified library, and allow reverse engineering to debug it", True,
        ("offer-source", "allow-relinking")),
    "provide-installation-info": DutyKind(
        "provide installation information for user products", True,
        ("provide-installation-info",)),
    "contribute-source": DutyKind(
        "publish the source of software developed, operated or analysed with the work", True,
        ("contribute-source",)),
    "publish-service-source": DutyKind(
        "release the source of every program used to offer the work as a service", True,
        ("publish-service-source",)),
    "share-database": DutyKind(
        "offer the derivative database, or the changes made to it, to those it is used publicly for",
        True, ("share-database",)),
    "offer-unrestricted-copy": DutyKind(
        "offer a copy without technological restrictions alongside a restricted one", True),
    "credit-in-interface": DutyKind(
        "credit the authors in the documentation and in a notice reachable from the interface", False),
    "indemnify": DutyKind("indemnify contributors for warranties or liability you offer", False),
    "pay-royalties": DutyKind("accept that the licensor may collect royalties for uses that are not noncommercial",
                              False),
    "notify-impacted-parties": DutyKind(
        "accept a duty of care and a right of action for supply-chain impacted parties", True),
    "follow-ethical-standards": DutyKind("follow the licence's human-rights and labour standards",
                                         True),
    "publish-supply-chain-data": DutyKind("publish data about the supply chain", True),
    "indemnify-licensor": DutyKind("indemnify the licensor against claims arising from the use", False),
    "no-drm": DutyKind("apply no technological measures that restrict recipients' rights", False),
    "rename-modified": DutyKind(
        "give a modified version a name that does not pass it off as the original, and document how it differs",
        False),
    "obtain-assent": DutyKind("make a reasonable effort to obtain the recipients' express assent to the licence",
                              False),
    "distribute-as-patches": DutyKind(
        "distribute modifications only in a form separate from the original, such as patches", False),
    "grant-back": DutyKind(
        "let the initial developer distribute your modifications, and supply unpublished linked items on request",
        False),
    "publish-modifications": DutyKind(
        "publish the source of modifications that are put to use, also when used only inside the organisation", True,
        ("publish-modifications",)),
}

# -- Share-alike scopes -------------------------------------------------------------------------

SCOPES: Final[Mapping[str, str]] = {
    "file": "the files that carry the licence",
    "library": "the library itself; works that use it may be licensed otherwise",
    "whole-work": "the whole work built from it",
    "network-service": "the whole work, also when it is only offered over a network",
    "adaptation": "adaptations of the material",
    "database": "derivative databases (not produced works, not collective databases)",
    "operated-software": "software developed, operated or analysed with the work",
}

#: How far each scope reaches for each use.
#:   "whole": the result distributed under the outbound licence must carry the inbound licence's
#:            share-alike (its targets);
#:   "retain": the inbound material stays under its own licence inside or beside the result;
#:   absent: the scope does not reach.
SCOPE_REACH: Final[Mapping[str, Mapping[str, str]]] = {
    "file": {
        "static-link": "retain", "dynamic-link": "retain", "modify": "retain", "aggregate": "retain",
        "include-data": "retain", "distribute": "whole", "relicense-adaptation": "whole",
    },
    "library": {
        "static-link": "retain", "dynamic-link": "retain", "modify": "whole", "aggregate": "retain",
        "include-data": "retain", "distribute": "whole", "relicense-adaptation": "whole",
    },
    "whole-work": {
        "static-link": "whole", "dynamic-link": "whole", "modify": "whole", "aggregate": "retain",
        "include-data": "whole", "distribute": "whole", "relicense-adaptation": "whole",
    },
    "network-service": {
        "static-link": "whole", "dynamic-link": "whole", "modify": "whole", "aggregate": "retain",
        "include-data": "whole", "distribute": "whole", "relicense-adaptation": "whole",
    },
    "adaptation": {
        "modify": "whole", "relicense-adaptation": "whole", "distribute": "whole-if-modified",
        "aggregate": "retain", "static-link": "whole", "dynamic-link": "retain",
        "include-data": "whole-if-modified",
    },
    "database": {
        "include-data": "whole", "modify": "whole", "relicense-adaptation": "whole",
        "distribute": "whole", "aggregate": "retain",
    },
    "operated-software": {
        "static-link": "retain", "dynamic-link": "retain", "modify": "whole", "aggregate": "retain",
        "distribute": "whole", "relicense-adaptation": "whole",
    },
}

#: Restrictions that a "no further restrictions" clause may accept besides the licence's own.
EXTRA_RESTRICTIONS: Final[Mapping[str, str]] = {
    "licensee-restriction": "a condition on who the licensee is",
    "purpose-restriction": "a condition on the purpose of the use",
    "parameter-restriction": "a condition on licence parameters",
    "time-restriction": "a limit in time",
    "agreement-restriction": "a separate agreement with the licensor",
    "use-restriction": "a condition on the use made of the work",
}



def restriction_kinds() -> tuple[str, ...]:
    """Every restriction a `no further restrictions except ...` list may name: duties, `no-ACT`,
    `ends-on-EVENT`, and the kinds of condition on a grant."""
    return (*DUTIES, *EXTRA_RESTRICTIONS, *(f"no-{act}" for act in ACTS), *(f"ends-on-{e}" for e in EVENTS))


#: kinds whose members are never privately owned businesses (spec section 3 semantics)
NOT_PRIVATELY_OWNED_KINDS: Final[frozenset[str]] = frozenset({"individual", "non-profit", "public-body"})

#: kinds that imply the activity of the same name (spec section 3)
KIND_ACTIVITIES: Final[Mapping[str, str]] = {"military": "military", "law-enforcement": "law-enforcement"}

#: metadata fields of a terms document and whether they take several values
META_FIELDS: Final[Mapping[str, bool]] = {
    "name": False, "aliases": True, "family": False, "version": False, "later": False,
    "steward": False, "url": False, "text": False, "works": True, "osi": False, "fsf": False,
    "extends": False, "drops": True, "applies-to": True, "note": False, "status": False,
    "deprecated": True, "modules": True, "categories": True, "parameters": True,
    "later-versions": False, "only": False, "governing-law": False, "venue": False,
}

#: values of the `later-versions` metadata field
LATER_VERSIONS: Final[Mapping[str, str]] = {
    "included": "the licence itself lets the work be used under any later version (MPL-2.0 §10.2, CDDL §4.2)",
    "none": "no later version may be used",
}
