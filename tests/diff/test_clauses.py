# SPDX-License-Identifier: Apache-2.0
"""The clause diff: matched by id, then by statement; the fields that changed; models, not text, compared."""

from __future__ import annotations

from licensecheck.diff.clauses import ADDED, CHANGED, REMOVED, RENAMED, clause_diff, meta_diff
from licensecheck.syntax.parser import parse_document

HEAD = "license LicenseRef-T\nworks: software\n"


def _diff(old: str, new: str) -> list[tuple[str, str, tuple[str, ...], str | None]]:
    a = parse_document(HEAD + old, "old.terms")
    b = parse_document(HEAD + new, "new.terms")
    return [(c.id, c.change, c.fields, c.renamed_from) for c in clause_diff(a.clauses, b.clauses)]


def test_unchanged_clauses_are_left_out() -> None:
    """A clause moved to another line, reformatted, or with its acts in another order is not a change."""
    old = "[a] §1: may use, run.\n[b] §2: must keep-notices when distribute.\n"
    new = "\n# moved down\n[b] §2: must keep-notices\n  when distribute.\n[a] §1: may run, use.\n"
    assert [] == _diff(old, new)


def test_each_field_that_changed_is_named() -> None:
    """A changed clause names its changed fields in the order of diff.md §2."""
    old = '[a] §1: may use if purpose commercial quote "x".\n[b] §2: share-alike whole-work under this license.\n'
    new = ('[a] §1 §3: may use, run, modify if purpose commercial and licensee worker_owned quote "y" '
           'unclear "which workers?".\n[b] §2: share-alike file under this license or later.\n')
    assert [("a", CHANGED, ("acts", "condition", "citation", "quote", "unclear"), None),
            ("b", CHANGED, ("scope", "targets"), None)] == _diff(old, new)


def test_kind_of_statement() -> None:
    """A permission that becomes a prohibition is a change of `kind` (and of what else differs)."""
    assert [("a", CHANGED, ("kind", "condition"), None)] == _diff("[a] §1: may use.\n",
                                                                  "[a] §1: must not use if purpose commercial.\n")


def test_renamed_added_removed() -> None:
    """A new id with the statement of a removed clause is a rename; the rest are added or removed, where they stand."""
    old = "[a] §1: may use.\n[notices] §2: must keep-notices when distribute.\n[gone] §3: must not sublicense.\n"
    new = "[a] §1: may use.\n[keep-notices] §2: must keep-notices when distribute.\n[net] §4: must offer-source when distribute.\n"
    assert [("keep-notices", RENAMED, (), "notices"), ("gone", REMOVED, (), None),
            ("net", ADDED, (), None)] == _diff(old, new)


def test_vocabulary_entries_are_clauses() -> None:
    """A vocabulary entry a draft declares is compared like any clause."""
    old = '[attr-x] §1: attribute shared_surplus "shares its surplus"; type bool.\n'
    new = '[attr-x] §1: attribute shared_surplus "shares all of its surplus"; type bool.\n'
    assert [("attr-x", CHANGED, ("entry",), None)] == _diff(old, new)


def test_metadata_changes() -> None:
    """Metadata fields whose values differ are listed; sets of values compare without their order."""
    a = parse_document("license LicenseRef-T\nworks: software, content\ncategories: a, b\n", "a.terms")
    b = parse_document("license LicenseRef-T\nworks: content, software\ncategories: a\nname: \"T\"\n", "b.terms")
    assert [("categories", ("a", "b"), ("a",)), ("name", (), ("T",))] == [(m.field, m.old, m.new) for m in meta_diff(a, b)]
