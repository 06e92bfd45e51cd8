# SPDX-License-Identifier: Apache-2.0
"""Licence texts as lint reads them: quotes found despite typography, and the sections citations may name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licensecheck.texts import LicenseText, SectionIndex, canonical_citation, fold_text

TEXTS = Path(__file__).resolve().parent.parent / "licenses" / "texts"

NUMBERED = """Example Licence

1. Definitions.

a) "Work" means the work.

b) "You" means the licensee.

2. Grant of Rights. You may copy the Work.

   (a) You may modify it if you (i) keep notices, or (ii) keep the licence.

Section 4 - Conditions.

4.1 Notices. Keep them.

4.1.2 Details of the notices.

Article 5 - Termination

5.3.4 Compatibility with other licences

III. Roman part.
"""

HEADED = """# The Example Public License 1.0.0

## Copyleft

Contribute software you develop.

1.  Publish all source code.

2.  Make sure it is available.

## Additional Use Grant

You may use it in production.

Additional Grant: None.
"""

PROSE = """MIT-like Licence

Copyright (c) <year> <holder>

Permission is hereby granted, free of charge.

The above notice shall be included in all copies.
"""


@pytest.mark.parametrize("citation", [
    "§1", "§1.", "§1(a)", "§1(b)", "§2", "§2(a)", "§2(a)(i)", "§2(a)(ii)", "§Section 4", "§4", "§4.1", "§4.1.2",
    "§Article 5", "§5", "§Art. 5.3.4", "§5.3.4", "§ 4.1", "§Definitions", "§\"Grant of Rights\"",
    "§\"para 1\"", "§\"para 2\"", "§2(a)(i)-(ii)", "§5.3.4(iii)",
])
def test_numbered_sections_are_indexed(citation: str) -> None:
    """Numbered sections, their items, keyword forms (Section, Article, Art.), titles and roman parts are sections."""
    assert SectionIndex(NUMBERED).has(citation)


@pytest.mark.parametrize("citation", ["§3", "§2(c)", "§1(a)(i)", "§4.2", "§Article 6", "§\"para 40\"", "§Scope"])
def test_sections_the_text_lacks_are_not_indexed(citation: str) -> None:
    """A section number, item, heading or paragraph the text does not have is not found."""
    assert not SectionIndex(NUMBERED).has(citation)


@pytest.mark.parametrize("citation", [
    "§Copyleft", "§\"Copyleft 1\"", "§\"Copyleft 2\"", "§\"Additional Use Grant\"", "§\"Additional Grant\"",
    "§\"Copyleft para 2\"", "§\"Additional Use Grant para 1\"",
])
def test_headings_of_unnumbered_texts_are_indexed(citation: str) -> None:
    """Markdown and plain headings, items under a heading, `Name:` lines and paragraphs under a heading are sections."""
    assert SectionIndex(HEADED).has(citation)


def test_paragraphs_do_not_count_the_title() -> None:
    """`para N` counts the blocks between blank lines after a title line; a copyright line is a paragraph."""
    index = SectionIndex(PROSE)
    assert (3, True, False) == (index.paragraphs, index.has("§\"para 3\""), index.has("§\"para 4\""))


def test_canonical_citation_forms() -> None:
    """Keyword, spacing, case and final full stop do not count in a citation."""
    assert ["4(c)", "5.3.4", "5.3.4", "copyleft", "2(a)(5)(c)"] == [
        canonical_citation(c) for c in ("§Section 4 (c).", "§Art. 5.3.4", "§Article 5.3.4", "§\"Copyleft\"",
                                        "§2(a)(5)(C)")]


QUOTED = """Licence

1. Redistribution. You must give any other recipients a copy of this **License**; and
   you must cause any modified files to carry “prominent notices” stating that You changed
   the files — see [the notices section](#notices).

   a. keep intact all notices; and

   b. do not use the Licensor’s name.
"""


@pytest.mark.parametrize("quote", [
    "you must give any other recipients a copy of this License",              # case, Markdown emphasis
    "copy of this License; and you must cause any modified files",             # line break
    'carry "prominent notices" stating that You changed',                     # typographic quotes
    "the files - see the notices section",                                      # dash, Markdown link
    "keep intact all notices; and b. do not use the Licensor's name",          # list marker, apostrophe
    "keep intact all notices; and do not use the Licensor's name",             # list marker left out
    "You must give ... modified files ... the Licensor’s name",                # elisions, in order
    "You must give … modified files",                                          # typographic elision
])
def test_quotes_found_despite_typography(quote: str) -> None:
    """Whitespace, case, typographic quotes, apostrophes and dashes, Markdown marks, list markers and elisions do not count."""
    assert LicenseText("t.txt", QUOTED).find_quote(quote) is None


@pytest.mark.parametrize(("quote", "segment"), [
    ("you must give every recipient a copy", "you must give every recipient a copy"),
    ("modified files ... You must give", "you must give"),                     # elided segments out of order
    ("do not use the Licensor's trademarks", "do not use the licensors trademarks"),
])
def test_quotes_the_text_lacks_are_missed(quote: str, segment: str) -> None:
    """A quote whose words, or whose segments in order, the text does not have is missed at that segment."""
    miss = LicenseText("t.txt", QUOTED).find_quote(quote)
    assert miss is not None
    assert segment == miss.segment


def test_a_miss_says_how_far_the_text_follows() -> None:
    """A miss gives the longest start of the segment that the text has, and what the text reads next."""
    miss = LicenseText("t.txt", QUOTED).find_quote("you must give any other recipients a copy of the Licence")
    assert miss is not None
    assert ("you must give any other recipients a copy of th", "is license; and you must cause any modif") == \
        (miss.matched, miss.text_has)


SHIPPED = sorted(TEXTS.glob("*.txt"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SHIPPED), st.integers(min_value=0), st.integers(min_value=3, max_value=25))
def test_any_run_of_words_of_a_text_is_found(path: Path, start: int, length: int) -> None:
    """Any run of consecutive words of a shipped text, as it reads there, is found in that text."""
    text = path.read_text(encoding="utf-8")
    words = fold_text(text).split()
    if len(words) < length:
        return
    first = start % (len(words) - length + 1)
    quote = " ".join(words[first:first + length])
    if re.search(r"\.\.\.|\u2026", quote):
        return  # an ellipsis in the text itself reads as an elision
    assert LicenseText(str(path), text).find_quote(quote) is None
