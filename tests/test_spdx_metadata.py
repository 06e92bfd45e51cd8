# SPDX-License-Identifier: Apache-2.0
"""The terms files' names and approvals agree with the SPDX licence list; unknown ids get the list's words."""

from __future__ import annotations

import re

import pytest

from licensecheck import model as m
from licensecheck import spdx_meta
from licensecheck.catalog import Catalog
from licensecheck.library import load_library
from tests.helpers import ask


def _spdx_id(doc: m.Document) -> str | None:
    """The SPDX id a document stands for: its own id, else the first alias the list has (not a deprecated one)."""
    for name in (doc.id, *doc.fields("aliases")):
        entry = spdx_meta.lookup(name)
        if entry is not None and entry.source == "SPDX" and not entry.deprecated and "+" not in name:
            return entry.id
    return None


DOCUMENTS = [(doc, spdx) for doc in load_library().licenses() if (spdx := _spdx_id(doc)) is not None]


@pytest.mark.parametrize(("doc", "spdx"), DOCUMENTS, ids=[doc.id for doc, _ in DOCUMENTS])
def test_metadata_agrees_with_the_spdx_list(doc: m.Document, spdx: str) -> None:
    """A terms file of an SPDX licence has the list's name, and says `osi: approved` and `fsf: libre` exactly
    when the list does."""
    entry = spdx_meta.lookup(spdx)
    assert entry is not None
    assert (entry.name, entry.osi_approved, entry.fsf_libre) == (
        doc.field("name"), doc.field("osi") == "approved", doc.field("fsf") == "libre"), doc.span.path


def test_most_of_the_library_is_on_the_spdx_list() -> None:
    """The metadata test reaches the library: most documents are SPDX licences or exceptions."""
    assert len(DOCUMENTS) > len(load_library().licenses()) // 2


def _without(*ids: str) -> Catalog:
    """The shipped library less some documents (and those extending them), to ask for hints about them."""
    gone = {i.lower() for i in ids}
    docs = [d for d in load_library().licenses()
            if d.id.lower() not in gone and d.field("extends").lower() not in gone]
    return Catalog.build(docs)


@pytest.mark.parametrize(("unknown", "wrong"), [
    ("BSL-1.0", "BUSL-1.1"), ("PSF-2.0", "MPL-2.0"), ("Python-2.0", "etalab-2.0"), ("Python-2.0.1", "etalab-2.0"),
    ("MPL-1.1", "MIT"), ("CC-BY-3.0", "CC-BY-SA-3.0"), ("OFL-1.1", "MPL-2.0"),
])
def test_hint_never_proposes_another_family(unknown: str, wrong: str) -> None:
    """The hint for an SPDX id the library lacks is never a licence of another family."""
    catalog = _without(unknown, "BSL-1.0", "PSF-2.0", "Python-2.0", "Python-2.0.1", "MPL-1.1", "CC-BY-3.0",
                       "OFL-1.1")
    assert wrong != catalog.suggest(unknown)


@pytest.mark.parametrize(("unknown", "expected"), [
    ("Python-2.0", r"Python-2\.0\.1"), ("PSF-2.0", None), ("MPL-1.1", r"MPL-(1\.0|2\.0)"), ("CC-BY-3.0", r"CC-BY-\d\.\d"),
    ("GPL-1.0-or-later", r"GPL-2\.0-or-later"), ("EUPL-1.1", r"EUPL-1\.[02]"),
])
def test_hint_is_the_closest_licence_of_the_family(unknown: str, expected: str | None) -> None:
    """Within a family the closest name, category and spelling win (CC BY 3.0 gets another CC BY version, not
    BY-SA or BY-NC); no family member means no hint."""
    gone = [unknown] + (["PSF-2.0", "Python-2.0", "Python-2.0.1"] if unknown == "PSF-2.0" else [])
    gone += [unknown.replace("-or-later", "-only")]  # one document holds both ids (GPL-1.0.terms)
    hint = _without(*gone).suggest(unknown)
    if expected is None:
        assert hint is None
    else:
        assert hint is not None and re.fullmatch(expected, hint), hint


@pytest.mark.parametrize(("typed", "expected"), [
    ("MTI", "MIT"), ("GPL-2.0-onyl", "GPL-2.0-only"), ("Apachee-2.0", "Apache-2.0"),
    ("LicenseRef-scancode-bsd-new", "BSD-3-Clause"), ("LicenseRef-scancode-zzqx", None),
])
def test_misspellings_and_scancode_ids(typed: str, expected: str | None) -> None:
    """A string no list knows is matched by spelling (without LicenseRef prefixes); ScanCode's id of an SPDX
    licence proposes that licence."""
    assert expected == load_library().suggest(typed)


def test_unknown_spdx_id_is_named_in_the_message() -> None:
    """An SPDX id the library does not model gets the list's name and ScanCode's category in the error."""
    result = ask(inbound="Glide", use="internal-use")
    assert "unknown" == result.verdict.value
    assert ['unknown inbound licence id `Glide`: `Glide` is the SPDX licence "3dfx Glide License" (ScanCode '
            'category: Copyleft), which the library does not model; it models no licence of the same family'] == \
        list(result.errors)


def test_misspelt_id_keeps_the_did_you_mean_hint() -> None:
    """A string that is no listed id gets the spelling hint only."""
    assert ["unknown inbound licence id `MTI`; did you mean `MIT`?"] == \
        list(ask(inbound="MTI", use="internal-use").errors)
