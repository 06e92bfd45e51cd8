# SPDX-License-Identifier: Apache-2.0
"""`Record`: the frozen value base of the model behaves like a frozen dataclass."""

from __future__ import annotations

import pickle

import pytest

from licensecheck import model as m
from licensecheck.record import FrozenRecordError


def test_fields_defaults_and_keywords() -> None:
    """Positional and keyword arguments fill the annotated fields; defaults apply; extras are refused."""
    duty = m.Duty("keep-notices", triggers=("distribute",))
    assert ("keep-notices", ("distribute",), None) == (duty.duty, duty.triggers, duty.condition)
    with pytest.raises(TypeError):
        m.Duty()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        m.Duty("a", colour="red")  # type: ignore[call-arg]


def test_frozen() -> None:
    """Fields cannot be assigned or deleted."""
    purpose = m.Purpose("commercial")
    with pytest.raises(FrozenRecordError):
        purpose.purpose = "personal"  # type: ignore[misc]
    with pytest.raises(FrozenRecordError):
        del purpose.purpose


def test_equality_and_hash_by_type_and_values() -> None:
    """Records are equal when of the same class with equal fields, and hash alike; other classes differ."""
    assert m.Purpose("x") == m.Purpose("x")
    assert hash(m.Purpose("x")) == hash(m.Purpose("x"))
    assert m.Purpose("x") != m.WorkIs("x")
    assert len({m.Purpose("x"), m.Purpose("x"), m.WorkIs("x")}) == 2


def test_repr_and_pickle() -> None:
    """A record prints like a dataclass and survives pickling (the library cache)."""
    cond = m.All((m.Purpose("commercial"), m.Not(m.LicenseeFlag("worker_owned"))))
    assert "All(items=(Purpose(purpose='commercial'), Not(item=LicenseeFlag(attribute='worker_owned'))))" == repr(cond)
    assert cond == pickle.loads(pickle.dumps(cond))


def test_pattern_matching() -> None:
    """Records support positional pattern matching like dataclasses."""
    match m.LicenseeCompare("people", "<", 100.0):
        case m.LicenseeCompare(attribute, "<", value):
            assert ("people", 100.0) == (attribute, value)
        case _:
            pytest.fail("no match")
