# SPDX-License-Identifier: Apache-2.0
"""Licence names and classifiers as packages write them, mapped by one table."""

from __future__ import annotations

from licensecheck.scan.names import CLASSIFIERS, license_of_entries, looks_like_expression, to_expression


def test_every_licence_classifier_is_in_the_table() -> None:
    """Each `License ::` classifier of trove-classifiers is mapped to an SPDX id or marked as naming no licence."""
    from trove_classifiers import classifiers

    missing = sorted(c for c in classifiers if c.startswith("License ::") and
                     c.split("::")[-1].strip() not in CLASSIFIERS)
    assert [] == missing


def test_unlicensed_and_with_operands() -> None:
    """npm's UNLICENSED is proprietary; `LGPL with exceptions` is not `LGPL WITH exceptions`."""
    assert "LicenseRef-Proprietary" == to_expression("UNLICENSED")
    assert (False, None) == (looks_like_expression("LGPL with exceptions"), to_expression("LGPL with exceptions"))
    assert looks_like_expression("GPL-2.0-only WITH Classpath-exception-2.0")


def test_id_and_classifier_of_one_component() -> None:
    """An id and the classifier that names the same licence are one licence; a vague classifier is dropped."""
    assert ("MPL-2.0", None) == license_of_entries(
        [("id", "MPL-2.0"), ("name", "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)")])[1:]
    _raw, expression, note = license_of_entries([("id", "BSD-3-Clause"),
                                                ("name", "License :: OSI Approved :: BSD License")])
    assert "BSD-3-Clause" == expression and note is not None and "names no licence" in note
    assert (None, None) == license_of_entries([("name", "License :: OSI Approved :: BSD License")])[1:]
