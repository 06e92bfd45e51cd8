# SPDX-License-Identifier: Apache-2.0
"""Data-driven cases: every case file under tests/cases, and the documentation's example, meet their expectations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_case_file_is_met(path: Path) -> None:
    """`licensecheck test` meets every expectation of the file, and every decided verdict cites a clause."""
    result = CliRunner().invoke(main, ["test", str(path), "--format", "json"])
    document = json.loads(result.output)
    failed = [(r["id"], r["verdict"], r["expected"], r["errors"]) for r in document["results"]
              if r["expected"] is not None and r["verdict"] != r["expected"]]
    assert [] == failed
    assert 0 == result.exit_code
    for entry in document["results"]:
        if entry["verdict"] == "unknown":
            assert entry["errors"] or entry["conditions"], entry["id"]
        else:
            assert entry["reasons"], entry["id"]
            assert all(r["location"].count(":") == 2 for r in entry["reasons"])


def test_reference_cases_are_all_here() -> None:
    """The reference file holds the shared ground-truth cases with their sources."""
    text = (Path(__file__).parent / "cases" / "reference.yaml").read_text(encoding="utf-8")
    assert 61 == text.count("\n- id: ")
    assert text.count("  source: ") == text.count("\n- id: ")


def test_documentation_example_licence() -> None:
    """The licence written in docs/terms-language.md lints clean and meets its cases."""
    terms = EXAMPLES / "LicenseRef-Fair-Commons-1.0.terms"
    lint = CliRunner().invoke(main, ["lint", str(terms)])
    assert 0 == lint.exit_code, lint.output
    result = CliRunner().invoke(main, ["test", str(EXAMPLES / "fair-commons-cases.yaml"), "--terms", str(terms)])
    assert 0 == result.exit_code, result.output


def test_parallel_answers_equal_serial_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answering a case file on several cores gives the same answers, in the same order, as one core."""
    from licensecheck import api
    from licensecheck.cases import read_cases
    from licensecheck.library import load_library

    catalog = load_library()
    cases = read_cases(Path(__file__).parent / "cases" / "reference.yaml")
    serial = [api.answer_case(case, catalog) for case in cases]
    monkeypatch.setattr(api, "PARALLEL_FROM", 2)
    monkeypatch.setattr(api.os, "cpu_count", lambda: 2)
    assert serial == api.answer_cases(cases, catalog)
