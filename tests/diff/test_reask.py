# SPDX-License-Identifier: Apache-2.0
"""Every verdict change a diff reports is what `licensecheck test --terms DRAFT` answers on each draft."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from licensecheck.cli import main


def _answers(cases: Sequence[dict[str, Any]], terms: Sequence[Path], tmp_path: Path, name: str) -> dict[str, dict[str, Any]]:
    """`licensecheck test` on a case file of the questions, with --terms for each draft file; results by case id."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(json.dumps({"cases": list(cases)}), encoding="utf-8")
    args = ["test", str(path), "--format", "json"]
    for term in terms:
        args += ["--terms", str(term)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    assert 0 == document["summary"]["errors"]
    return {r["id"]: {"verdict": r["verdict"], "conditions": r["conditions"], "duties": r["duties"]}
            for r in document["results"]}


def _reask(document: dict[str, Any], old_terms: Sequence[Path], new_terms: Sequence[Path], tmp_path: Path) -> None:
    verdicts = document["verdicts"]
    new_cases = [{"id": f"q{i}", **v["question"]} for i, v in enumerate(verdicts)]
    old_cases = [{"id": f"q{i}", **v.get("old_question", v["question"])} for i, v in enumerate(verdicts)]
    old = _answers(old_cases, old_terms, tmp_path, "old")
    new = _answers(new_cases, new_terms, tmp_path, "new")
    wrong = [(i, v["question"]) for i, v in enumerate(verdicts)
             if old[f"q{i}"] != v["old"] or new[f"q{i}"] != v["new"]]
    assert [] == wrong


def test_every_reported_question_gives_the_reported_answers(example_diff: dict[str, Any], drafts: Path, tmp_path: Path) -> None:
    """Each `verdicts[].question` of the example diff, asked with `licensecheck test --terms` on each draft, gives the
    reported `old` and `new` (verdict, conditions, duties)."""
    assert len(example_diff["verdicts"]) > 500
    _reask(example_diff, [drafts / "v1.terms"], [drafts / "v2.terms"], tmp_path)


def test_reported_questions_with_different_ids(write: Callable[..., Path], drafts: Path, tmp_path: Path) -> None:
    """With drafts of different ids, `old_question` asked of the old draft and `question` of the new give the answers."""
    v1 = (drafts / "v1.terms").read_text(encoding="utf-8").replace("LicenseRef-Solidarity-Commons-1.0", "LicenseRef-Solidarity-Commons-0.9")
    old = write(v1, "old.terms")
    result = CliRunner().invoke(main, ["diff", str(old), str(drafts / "v2.terms"), "--format", "json"])
    assert 1 == result.exit_code, result.output
    document = json.loads(result.stdout)
    asked_of_old = [v for v in document["verdicts"] if "old_question" in v]
    assert asked_of_old, "questions about the draft name each draft's own id"
    assert all("LicenseRef-Solidarity-Commons-0.9" in json.dumps(v["old_question"]) for v in asked_of_old)
    _reask(document, [old], [drafts / "v2.terms"], tmp_path)


def test_library_ids_are_asked_without_terms(tmp_path: Path) -> None:
    """A diff of two library licences is re-asked with no --terms at all (each side is the shipped licence)."""
    grid = tmp_path / "grid.yaml"
    grid.write_text(json.dumps({"cases": [
        {"id": "coop-internal", "inbound": "PPL", "use": "internal-use", "licensee": {"kind": "worker-cooperative"},
         "purpose": ["commercial"]},
        {"id": "coop-internal-cc", "inbound": "LicenseRef-CoopCycle", "use": "internal-use",
         "licensee": {"kind": "worker-cooperative"}, "purpose": ["commercial"]},
    ]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "PPL", "LicenseRef-CoopCycle", "--grid", str(grid), "--format", "json"])
    document = json.loads(result.stdout)
    assert ["licenses/PPL.terms", "licenses/LicenseRef-CoopCycle.terms"] == [document["old"]["source"], document["new"]["source"]]
    assert 0 == len([v for v in document["verdicts"] if "old_question" in v]), "a grid is asked as written"
    assert (1 if document["verdicts"] else 0) == result.exit_code
    _reask(document, [], [], tmp_path)
