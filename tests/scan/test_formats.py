# SPDX-License-Identifier: Apache-2.0
"""The five output formats: SARIF valid against the 2.1.0 schema, JSON schema fields, annotations, Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from licensecheck.cli import main
from licensecheck.report.scan_github import format_github
from licensecheck.report.scan_markdown import format_markdown
from licensecheck.report.scan_sarif import sarif_dict
from licensecheck.report.scan_text import format_text
from licensecheck.scan import scan_repository

Repo = Callable[[str], Path]
SCHEMA = Path(__file__).resolve().parent / "sarif-schema-2.1.0.json"


@pytest.mark.parametrize("name", ["python", "rust", "sboms", "bad"])
def test_sarif_is_valid(repo: Repo, name: str) -> None:
    """The SARIF log of a scan validates against the SARIF 2.1.0 JSON schema."""
    log = sarif_dict(scan_repository(repo(name)))
    validator = jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [] == [error.message for error in validator.iter_errors(log)]


def test_sarif_results(repo: Repo) -> None:
    """Each finding that is not compatible is a result at its declaration; accepted ones are suppressed."""
    log = sarif_dict(scan_repository(repo("rust")))
    results = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                "suppressions" in r) for r in log["runs"][0]["results"]]
    assert [
        ("LC001", "error", "vendor/bar/src/lib.rs", True),
        ("LC003", "note", "vendor/foo/src/lib.rs", False),
        ("LC003", "note", "vendor/foo/Cargo.toml", False),
    ] == results[1:]
    assert ("LC004", "error", True) == (results[0][0], results[0][1], results[0][2].endswith(".licensecheck.yaml"))


def test_json_document(repo: Repo, runner: CliRunner) -> None:
    """The JSON report has format_version, the files with their expressions as written, and the findings."""
    result = runner.invoke(main, ["scan", str(repo("java")), "--format", "json"])
    document = json.loads(result.output)
    assert ["format_version", "root", "project", "verdict", "findings", "files", "problems", "summary"] == \
        list(document)
    assert (1, "incompatible") == (document["format_version"], document["verdict"])
    assert [
        {"path": "pom.xml", "expressions": ["The Apache Software License, Version 2.0"]},
        {"path": "src/main/java/coop/Ledger.java", "expressions": ["Apache-2.0"]},
        {"path": "src/main/java/coop/Legacy.java", "expressions": ["GPL-2.0-only"]},
    ] == document["files"]
    first = document["findings"][0]
    assert ("GPL-2.0-only", "static-link", "Apache-2.0", ["src/main/java/coop/Legacy.java:1"]) == (
        first["expression"], first["use"], first["outbound"], first["declared_at"])
    assert all(r["location"].startswith("licenses/") for r in first["reasons"])


def test_github_annotations(repo: Repo) -> None:
    """GitHub annotations: an error per incompatible place, a warning per unknown one, a closing notice."""
    lines = format_github(scan_repository(repo("node"))).splitlines()
    assert lines[0].startswith("::error file=node_modules/@coop/gpl-widget/package.json,line=4,title=licensecheck::"
                               "incompatible: package @coop/gpl-widget 1.0.0 (GPL-3.0-only), dynamic-link into "
                               "Apache-2.0")
    assert lines[1].startswith("::warning file=node_modules/left-pad/package.json,line=4,title=licensecheck::"
                               "unknown: package left-pad 1.3.0 (Glide)")
    assert "::notice title=licensecheck::licensecheck: incompatible - 1 incompatible, 1 unknown, 0 conditional, " \
           "5 compatible, 0 accepted" == lines[-1]


def test_markdown_comment(repo: Repo) -> None:
    """The Markdown comment starts with the verdict and has a table per verdict, worst first."""
    text = format_markdown(scan_repository(repo("node")))
    assert text.startswith("### licensecheck: incompatible\n")
    assert text.index("#### incompatible (1)") < text.index("#### unknown (1)") < text.index(
        "<summary>compatible (5)</summary>")
    assert "| package left-pad 1.3.0 (Glide) | dynamic-link into Apache-2.0 | `node_modules/left-pad/package.json:4` |" \
           " unknown inbound licence id `Glide`: `Glide` is the SPDX licence" in text


def test_text_groups_and_citations(repo: Repo) -> None:
    """The text report groups findings by verdict and cites the clauses of incompatible ones."""
    text = format_text(scan_repository(repo("java")))
    assert "\nincompatible (1)\n  1 file under GPL-2.0-only: static-link into Apache-2.0\n" \
           "    declared at src/main/java/coop/Legacy.java:1\n    licenses/GPL-2.0.terms:" in text
    assert text.index("incompatible (1)") < text.index("compatible (2)")
    assert text.endswith("result: incompatible - 1 incompatible, 0 unknown, 0 conditional, 2 compatible, "
                         "0 accepted; 3 files scanned, 3 with licence information\n")


@pytest.mark.parametrize("name", ["python", "node", "rust", "php", "java", "reuse", "sboms", "bad"])
def test_json_report_matches_its_schema(repo: Repo, name: str) -> None:
    """The JSON report of every fixture repository validates against the schema shipped in the package."""
    import jsonschema

    from licensecheck.report.scan_json import format_json, schema

    document = json.loads(format_json(scan_repository(repo(name))))
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.Draft202012Validator(schema()).validate(document)
