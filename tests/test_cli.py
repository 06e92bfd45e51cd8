# SPDX-License-Identifier: Apache-2.0
"""The command line: exit codes for every verdict and for bad input, and the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main

RESULT_KEYS = ["id", "verdict", "expected", "conditions", "duties", "reasons", "choice", "errors"]
SUMMARY_KEYS = ["total", "met", "not_met", "compatible", "conditional", "incompatible", "unknown", "errors"]


@pytest.mark.parametrize(("args", "code", "verdict"), [
    (["MIT", "--use", "static-link", "--into", "GPL-2.0-only"], 0, "compatible"),
    (["Apache-2.0", "--use", "static-link", "--into", "GPL-2.0-or-later"], 0, "conditional"),
    (["GPL-3.0-only", "--use", "static-link", "--into", "MIT"], 1, "incompatible"),
    (["LicenseRef-Nobody", "--use", "static-link", "--into", "MIT"], 3, "unknown"),
])
def test_exit_code_per_verdict(runner: CliRunner, args: list[str], code: int, verdict: str) -> None:
    """`check` exits 0 compatible, 0 conditional, 1 incompatible, 3 unknown."""
    result = runner.invoke(main, ["check", *args])
    assert code == result.exit_code, result.output
    assert result.output.startswith(f"check: {verdict}")


def test_strict_fails_on_conditional(runner: CliRunner) -> None:
    """`--strict` makes a conditional verdict exit 1."""
    result = runner.invoke(main, ["check", "Apache-2.0", "--use", "static-link", "--into", "GPL-2.0-or-later", "--strict"])
    assert 1 == result.exit_code


@pytest.mark.parametrize(("args", "message"), [
    (["MIT OR", "--use", "static-link", "--into", "MIT"], "error: malformed licence expression `MIT OR`"),
    (["MIT", "--use", "flying"], "error: unknown use `flying`"),
    (["MIT", "--use", "internal-use", "--attr", "worker_owned=maybe"],
     "error: licensee attribute `worker_owned` must be true or false, not `maybe`"),
    (["MIT", "--use", "internal-use", "--as", "robot"], "error: unknown licensee kind `robot`"),
    (["MIT", "--use", "internal-use", "--policy", "nope"], "error: unknown policy `nope`"),
    (["MIT", "--use", "internal-use", "--date", "tomorrow"], "error: `date` must be an ISO date"),
])
def test_bad_input_is_one_line_exit_4(runner: CliRunner, args: list[str], message: str) -> None:
    """Bad input exits 4 with one error line and no traceback."""
    result = runner.invoke(main, ["check", *args])
    assert 4 == result.exit_code
    assert result.output.startswith(message), result.output
    assert 1 == len(result.output.strip().splitlines())
    assert "Traceback" not in result.output


def test_json_document_keys_in_spec_order(runner: CliRunner) -> None:
    """`check --format json` prints one document with the keys of spec section 8 in order."""
    result = runner.invoke(main, ["check", "Apache-2.0", "--use", "static-link", "--into", "GPL-3.0-or-later",
                                  "--format", "json"])
    document = json.loads(result.output)
    assert ["format_version", "results", "summary"] == list(document)
    assert [*RESULT_KEYS, "remedies"] == list(document["results"][0])
    assert SUMMARY_KEYS == list(document["summary"])
    assert "check" == document["results"][0]["id"]
    reason = document["results"][0]["reasons"][0]
    assert ["license", "clause", "location", "text", "note"] == list(reason)


def test_json_is_byte_identical_across_runs(runner: CliRunner) -> None:
    """The same question gives the same bytes every time."""
    args = ["check", "(MIT OR GPL-2.0-or-later) AND Apache-2.0", "--use", "static-link", "--into",
            "GPL-2.0-or-later", "--format", "json"]
    assert runner.invoke(main, args).output == runner.invoke(main, args).output


def write(tmp_path: Path, text: str) -> Path:
    """A case file in a temporary folder."""
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_test_command_met_and_not_met(runner: CliRunner, tmp_path: Path) -> None:
    """`test` exits 0 when every expectation is met and 1 when one is not."""
    good = write(tmp_path, "cases:\n- id: a\n  inbound: MIT\n  use: static-link\n  outbound: GPL-2.0-only\n"
                           "  expect: compatible\n")
    assert 0 == runner.invoke(main, ["test", str(good)]).exit_code
    bad = write(tmp_path, "cases:\n- id: a\n  inbound: MIT\n  use: static-link\n  outbound: GPL-2.0-only\n"
                          "  expect: incompatible\n- id: b\n  inbound: MIT\n  use: internal-use\n")
    result = runner.invoke(main, ["test", str(bad), "--format", "json"])
    assert 1 == result.exit_code
    summary = json.loads(result.output)["summary"]
    assert {"total": 2, "met": 0, "not_met": 1} == {k: summary[k] for k in ("total", "met", "not_met")}


def test_case_errors_are_reported_and_the_rest_evaluated(runner: CliRunner, tmp_path: Path) -> None:
    """A case with an unknown use, a bad expression or an unknown key is an error of that case; others still run."""
    path = write(tmp_path, "cases:\n"
                           "- id: bad-use\n  inbound: MIT\n  use: flying\n  expect: compatible\n"
                           "- id: bad-expr\n  inbound: MIT AND\n  use: internal-use\n  expect: compatible\n"
                           "- id: bad-key\n  inbound: MIT\n  use: internal-use\n  colour: red\n"
                           "- id: good\n  inbound: MIT\n  use: internal-use\n  expect: compatible\n")
    result = runner.invoke(main, ["test", str(path), "--format", "json"])
    assert 1 == result.exit_code
    document = json.loads(result.output)
    by_id = {r["id"]: r for r in document["results"]}
    assert by_id["bad-use"]["errors"] == [f"{path}:2:3: error: unknown use `flying`"]
    assert by_id["bad-expr"]["errors"][0].startswith(f"{path}:6:3: error: malformed licence expression `MIT AND`")
    assert by_id["bad-key"]["errors"] == [f"{path}:13:3: error: unknown key `colour` in case `bad-key`"]
    assert "compatible" == by_id["good"]["verdict"]
    assert {"met": 1, "not_met": 3, "errors": 3} == {k: document["summary"][k] for k in ("met", "not_met", "errors")}


@pytest.mark.parametrize(("text", "message"), [
    ("cases: [\n", "malformed case file"),
    ("- just a list\n", "a case file is a mapping with a `cases:` list"),
])
def test_malformed_case_file_exit_4(runner: CliRunner, tmp_path: Path, text: str, message: str) -> None:
    """A case file that is not YAML, or has no `cases:` list, is one line and exit 4."""
    result = runner.invoke(main, ["test", str(write(tmp_path, text))])
    assert 4 == result.exit_code
    assert message in result.output
    assert 1 == len(result.output.strip().splitlines())


def test_missing_case_file_exit_4(runner: CliRunner, tmp_path: Path) -> None:
    """A missing case file is one line and exit 4."""
    result = runner.invoke(main, ["test", str(tmp_path / "none.yaml")])
    assert 4 == result.exit_code
    assert f"error: no such file: `{tmp_path / 'none.yaml'}`" in result.output


def test_licenses_json_shape(runner: CliRunner) -> None:
    """`licenses --format json` lists every licence with id, name, aliases, work, family and location."""
    document = json.loads(runner.invoke(main, ["licenses", "--format", "json"]).output)
    assert 1 == document["format_version"]
    entry = next(e for e in document["licenses"] if e["id"] == "GPL-2.0-only")
    assert ["id", "name", "aliases", "work", "family", "location"] == list(entry)
    assert "GPL-2.0-or-later" in entry["aliases"] and entry["work"] == ["software"]
    assert "licenses/GPL-2.0.terms" == entry["location"]


def test_show_cites_clauses(runner: CliRunner) -> None:
    """`show` prints a licence's clauses with their citations and places; aliases resolve."""
    result = runner.invoke(main, ["show", "gpl-2.0+"])
    assert 0 == result.exit_code
    assert result.output.startswith("GPL-2.0-or-later: GNU General Public License v2.0 only")
    assert "[whole-work] §2(b)  licenses/GPL-2.0.terms:" in result.output


def test_show_unknown_id_exit_4(runner: CliRunner) -> None:
    """`show` of an unknown id is one line with a suggestion, exit 4."""
    result = runner.invoke(main, ["show", "GPL-2.1-only"])
    assert 4 == result.exit_code
    assert result.output.startswith("error: unknown licence id `GPL-2.1-only`")


def test_outbound_lists_gpl3_for_gpl2_or_later_and_apache(runner: CliRunner) -> None:
    """Outbound suggestions keep GPL-3.0-or-later for GPL-2.0-or-later AND Apache-2.0 (flict loses it)."""
    result = runner.invoke(main, ["outbound", "GPL-2.0-or-later AND Apache-2.0", "--use", "static-link",
                                  "--format", "json"])
    assert 0 == result.exit_code
    licences = [c["license"] for c in json.loads(result.output)["candidates"]]
    assert {"GPL-3.0-only", "GPL-3.0-or-later"} <= set(licences)
    assert "GPL-2.0-only" not in licences and "MIT" not in licences


def test_version_and_help(runner: CliRunner) -> None:
    """`--version` and `--help` work and the help says no legal advice is given."""
    assert "licensecheck, version" in runner.invoke(main, ["--version"]).output
    assert "no legal advice" in runner.invoke(main, ["--help"]).output


def test_show_a_policy(runner: CliRunner) -> None:
    """`show` also prints a policy's rules."""
    result = runner.invoke(main, ["show", "asf-3rd-party"])
    assert 0 == result.exit_code
    assert result.output.startswith("asf-3rd-party: ")
    assert "(policy)" in result.output.splitlines()[0]
