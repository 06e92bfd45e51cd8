# SPDX-License-Identifier: Apache-2.0
"""Questions of spec section 1, validated once at the edge (case files, command-line options)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from licensecheck.errors import InputError
from licensecheck.source import Span
from licensecheck.vocabulary import ANY_KIND, Vocabulary

QUESTION_KEYS = ("inbound", "use", "outbound", "licensee", "purpose", "modified", "work", "policy",
                 "parameters", "date")
CASE_KEYS = ("id", "expect", "duties", "source", "note", *QUESTION_KEYS)
VERDICTS = ("compatible", "conditional", "incompatible", "unknown")


@dataclass(frozen=True)
class Licensee:
    """Who reuses: a kind of spec section 3 and the attributes that are known."""

    kind: str = ANY_KIND
    attributes: tuple[tuple[str, Any], ...] = ()

    def get(self, name: str) -> Any:
        """An attribute's value, or None when unknown."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class Question:
    """May this licensee put this material to this use (under this outbound licence)?"""

    use: str
    inbound: str | None = None
    outbound: str | None = None
    licensee: Licensee = field(default_factory=Licensee)
    purposes: tuple[str, ...] | None = None
    modified: bool | None = None
    work: str | None = None
    policy: str | None = None
    parameters: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    date: dt.date | None = None

    def parameter(self, license_id: str, name: str) -> str | None:
        """A licence parameter given in the question (licence ids compare case-insensitively)."""
        for lid, values in self.parameters:
            if lid.lower() == license_id.lower():
                for key, value in values:
                    if key == name:
                        return value
        return None


def _fail(message: str, span: Span | None) -> InputError:
    return InputError(message, span)


def _bool(value: Any, what: str, span: Span | None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "yes", "false", "no"):
        return value.lower() in ("true", "yes")
    raise _fail(f"{what} must be true or false, not `{value}`", span)


def shipped_vocabulary() -> Vocabulary:
    """The vocabulary of the shipped library (questions are checked against it unless told otherwise)."""
    from licensecheck.library import load_library

    return load_library().vocabulary


def licensee_from(data: Any, span: Span | None = None, vocab: Vocabulary | None = None) -> Licensee:
    """A `Licensee` from a mapping `{kind: ..., attribute: value}`."""
    if data is None:
        return Licensee()
    if not isinstance(data, Mapping):
        raise _fail("`licensee` must be a mapping such as `{kind: cooperative, worker_owned: true}`", span)
    words = vocab if vocab is not None else shipped_vocabulary()
    kind = str(data.get("kind", ANY_KIND))
    if kind not in words.kinds:
        raise _fail(f"unknown licensee kind `{kind}`", span)
    attributes: list[tuple[str, Any]] = []
    for key, value in data.items():
        if key == "kind":
            continue
        key = str(key)
        if key not in words.attributes:
            raise _fail(f"unknown licensee attribute `{key}`", span)
        attributes.append((key, attribute_value(key, value, span, words)))
    attributes.sort()
    return Licensee(kind, tuple(attributes))


def attribute_value(name: str, value: Any, span: Span | None, vocab: Vocabulary | None = None) -> Any:
    """An attribute value checked against its type in spec section 3."""
    kind = (vocab if vocab is not None else shipped_vocabulary()).attributes[name].type
    if value is None:
        return None
    if kind == "bool":
        return _bool(value, f"licensee attribute `{name}`", span)
    if kind in ("int", "number"):
        if isinstance(value, bool):
            raise _fail(f"licensee attribute `{name}` must be a number", span)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise _fail(f"licensee attribute `{name}` must be a number, not `{value}`", span) from None
    if kind == "list":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise _fail(f"licensee attribute `{name}` must be a list", span)
        return tuple(sorted(str(v) for v in value))
    return str(value)


def question_from(data: Mapping[str, Any], span: Span | None = None, vocab: Vocabulary | None = None) -> Question:
    """A `Question` from a mapping with the keys of spec section 1; unknown keys and words are errors.

    Uses, kinds, attributes, purposes and kinds of work are those of `vocab` (default: the shipped library's).
    """
    words = vocab if vocab is not None else shipped_vocabulary()
    for key in data:
        if key not in CASE_KEYS:
            raise _fail(f"unknown key `{key}`", span)
    use = data.get("use")
    if use is None:
        raise _fail("`use` is required", span)
    use = str(use)
    if use not in words.uses:
        import difflib

        close = difflib.get_close_matches(use, list(words.uses), n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        raise _fail(f"unknown use `{use}`{hint}", span)
    own_work = words.uses[use].has("own-work")
    inbound = data.get("inbound")
    if inbound is None and not own_work:
        raise _fail(f"`inbound` is required except for uses of one's own work (`{use}` is not one)", span)
    outbound = data.get("outbound")
    if outbound is None and own_work:
        raise _fail(f"`{use}` needs an `outbound` licence", span)
    if inbound is not None and own_work:
        raise _fail(f"`{use}` is about the licensee's own work: it takes no `inbound` licence, only `outbound`", span)
    purposes = data.get("purpose")
    purpose_tuple: tuple[str, ...] | None = None
    if purposes is not None:
        if isinstance(purposes, str):
            purposes = [purposes]
        if not isinstance(purposes, (list, tuple)):
            raise _fail("`purpose` must be a list of purpose tags", span)
        for tag in purposes:
            if str(tag) not in words.purposes:
                raise _fail(f"unknown purpose `{tag}`", span)
        purpose_tuple = tuple(sorted({str(tag) for tag in purposes}))
    modified = data.get("modified")
    work = data.get("work")
    if work is not None and str(work) not in words.works:
        raise _fail(f"unknown kind of work `{work}` ({', '.join(words.works)})", span)
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, Mapping):
        raise _fail("`parameters` must map licence ids to `{name: value}`", span)
    params: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for lid, values in parameters.items():
        if not isinstance(values, Mapping):
            raise _fail(f"parameters of `{lid}` must be a mapping", span)
        params.append((str(lid), tuple(sorted((str(k), str(v)) for k, v in values.items()))))
    date = data.get("date")
    when: dt.date | None = None
    if date is not None:
        if isinstance(date, dt.datetime):
            when = date.date()
        elif isinstance(date, dt.date):
            when = date
        else:
            try:
                when = dt.date.fromisoformat(str(date))
            except ValueError:
                raise _fail(f"`date` must be an ISO date such as 2027-01-01, not `{date}`", span) from None
    return Question(
        use=use,
        inbound=None if inbound is None else str(inbound),
        outbound=None if outbound is None else str(outbound),
        licensee=licensee_from(data.get("licensee"), span, words),
        purposes=purpose_tuple,
        modified=None if modified is None else _bool(modified, "`modified`", span),
        work=None if work is None else str(work),
        policy=None if data.get("policy") is None else str(data.get("policy")),
        parameters=tuple(sorted(params)),
        date=when,
    )


def needs_outbound(use: str, vocab: Vocabulary | None = None) -> bool:
    """Whether a use distributes or publishes a result, so that an outbound licence matters."""
    words = vocab if vocab is not None else shipped_vocabulary()
    definition = words.uses.get(use)
    return definition is not None and definition.has("distributes")
