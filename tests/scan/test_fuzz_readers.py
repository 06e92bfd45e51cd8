# SPDX-License-Identifier: Apache-2.0
"""Scan readers under generated input (a small Hypothesis budget; bench/scan_fuzz.py runs 100,000 per reader)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licensecheck.errors import LicenseCheckError
from licensecheck.scan.globs import compile_glob
from licensecheck.scan.tags import _CLOSERS, strip_closers
from tests.fuzz.targets_scan import SEEDS, TARGETS

TOKENS = [b"{", b"}", b"[", b"]", b'"', b":", b",", b"1" * 5000, b"true", b"null", b"\xff", b"\x00", b"\n",
          b"<!DOCTYPE x>", b"&a;", b"*a", b"&a ", b"2027-02-30", b"*", b"**/", b"*/", b" " * 50, b"(", b" AND ",
          b"GPL-2.0++", b"[" * 500, b"<a>" * 300, b"License :: OSI Approved :: BSD License", b"'", b"#"]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def _mutated(draw: st.DrawFn, name: str) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS[name])))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data[at:at] = draw(st.sampled_from(TOKENS))
        else:
            del data[at:at + draw(st.integers(1, 20))]
    return bytes(data)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_reader_answers_or_refuses(name: str) -> None:
    """Every scan reader reads a mutated input or refuses it with the project's own one-line error."""

    @SETTINGS
    @given(_mutated(name))
    def run(data: bytes) -> None:
        try:
            TARGETS[name](data)
        except LicenseCheckError as exc:
            assert "\n" not in exc.message

    run()


# -- the linear-time matchers agree with the regular expressions they replace --------------------------

def _glob_regex(pattern: str) -> str:
    """The configuration-glob translation the scan used before (a backtracking regex): the oracle."""
    pattern = pattern.strip().lstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    out, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        else:
            char = pattern[index]
            out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
            index += 1
    return "(?:" + "".join(out) + ")(?:/.*)?"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab/*?", max_size=8), st.text(alphabet="ab/", max_size=10))
def test_glob_matches_like_the_regex(pattern: str, path: str) -> None:
    """A configuration glob matches exactly the paths its regular-expression translation matches."""
    assert (re.fullmatch(_glob_regex(pattern), path) is not None) == compile_glob(pattern).matches(path)


_SPECIAL = (r'"\s*/*>', r"'\s*/*>", r"\]\s*::", r'"\s*\)')
_END = r"\s*(?:{})*\s*$".format("|".join([re.escape(c) for c in _CLOSERS] + list(_SPECIAL)))
_OLD = re.compile(r"^\s*(?P<value>.*?)" + _END)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "*/", "-->", '"', "/", ">", "]", "::", ")", "}", "#}", "'"]),
                max_size=12).map("".join))
def test_closers_stripped_like_reuse(value: str) -> None:
    """A tag's value loses the same trailing comment closers as REUSE's regular expression takes off."""
    match = _OLD.match(value)
    assert match is not None
    assert match.group("value") == strip_closers(value, 0)
