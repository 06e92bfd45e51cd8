# SPDX-License-Identifier: Apache-2.0
"""The renderings of a diff: JSON as diff.md §2, Markdown for a pull request, text; `--output` whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from licensecheck.check.verdict import BETTER, Verdict
from licensecheck.cli import main


def test_json_has_the_keys_of_the_contract(example_diff: dict[str, Any]) -> None:
    """The document has the keys of diff.md §2, in its order, with the counts of its summary."""
    assert ["format_version", "old", "new", "clauses"] == list(example_diff)[:4]
    assert {"verdicts", "summary"} <= set(example_diff)
    assert 1 == example_diff["format_version"]
    assert ["id", "source"] == list(example_diff["old"]) == list(example_diff["new"])
    assert "LicenseRef-Solidarity-Commons-1.0" == example_diff["old"]["id"] == example_diff["new"]["id"]
    changes = {c["id"]: c for c in example_diff["clauses"]}
    assert {"commercial-coops", "keep-notices", "network-source", "contribution", "no-further-restrictions"} == set(changes)
    assert ["condition", "quote"] == changes["commercial-coops"]["fields"]
    assert "renamed" == changes["keep-notices"]["change"] and "notices" == changes["keep-notices"]["renamed_from"]
    assert "added" == changes["network-source"]["change"] and changes["network-source"]["old"] is None
    assert ["quote", "unclear"] == changes["contribution"]["fields"]
    assert changes["contribution"]["new"]["unclear"] is None
    assert changes["commercial-coops"]["old"]["location"].endswith("v1.terms:15:1")
    assert changes["commercial-coops"]["new"]["location"].endswith("v2.terms:19:1")
    summary = example_diff["summary"]
    for key in ("clauses_added", "clauses_removed", "clauses_changed", "questions", "verdicts_changed", "looser", "stricter"):
        assert isinstance(summary[key], int)
    assert (1, 0, 3, 1) == (summary["clauses_added"], summary["clauses_removed"], summary["clauses_changed"],
                            summary["clauses_renamed"])
    verdicts = example_diff["verdicts"]
    assert len(verdicts) == summary["verdicts_changed"]
    moved = [BETTER[Verdict(v["new"]["verdict"])] - BETTER[Verdict(v["old"]["verdict"])] for v in verdicts]
    assert (sum(1 for m in moved if m > 0), sum(1 for m in moved if m < 0)) == (summary["looser"], summary["stricter"])
    assert all(["question", "old", "new", "because"] == list(v) for v in verdicts)
    assert all(["verdict", "conditions", "duties"] == list(v["old"]) == list(v["new"]) for v in verdicts)
    assert all(v["because"] for v in verdicts)


def test_verdicts_are_grouped_by_clause_then_licensee_and_use(example_diff: dict[str, Any]) -> None:
    """Changes deciding on the same clauses are together, in the order of the drafts' clauses."""
    groups = [tuple(v["because"]) for v in example_diff["verdicts"]]
    seen: list[tuple[str, ...]] = []
    for group in groups:
        if not seen or seen[-1] != group:
            assert group not in seen, "a group of clauses appears once"
            seen.append(group)
    assert len(seen) > 2


def test_network_clause_makes_modified_services_conditional(example_diff: dict[str, Any]) -> None:
    """Draft 2's network clause makes a modified non-commercial network service by an association conditional."""
    found = [v for v in example_diff["verdicts"] if v["question"] == {
        "inbound": "LicenseRef-Solidarity-Commons-1.0", "use": "network-service", "licensee": {"kind": "association"},
        "purpose": [], "modified": True}]
    assert 1 == len(found)
    assert ("compatible", "conditional", ["network-source"]) == (found[0]["old"]["verdict"], found[0]["new"]["verdict"],
                                                                  found[0]["because"])


def _run(drafts: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["diff", str(drafts / "v1.terms"), str(drafts / "v2.terms"), *args])


def test_markdown_is_a_pull_request_comment(drafts: Path) -> None:
    """The summary comes first, then the stricter and the looser changes in two lists, then folded details."""
    result = _run(drafts, "--format", "markdown")
    assert 1 == result.exit_code
    text = result.stdout
    assert text.startswith("## Licence diff: LicenseRef-Solidarity-Commons-1.0\n")
    head = text.split("### Stricter", 1)[0]
    assert "stricter" in head and "looser" in head and "questions asked of each draft" in head
    assert text.index("### Stricter") < text.index("### Looser") < text.index("<details>")
    assert "because `[network-source]`" in text
    assert "```diff\n- [commercial-coops]" in text
    assert text.count("<details>") == text.count("</details>")
    assert len(text) < 65_536


def test_text_names_clauses_and_places(drafts: Path) -> None:
    """The text shows each changed clause with both places, then the changes by deciding clause."""
    result = _run(drafts)
    assert 1 == result.exit_code
    text = result.stdout
    assert "  > [keep-notices] renamed from [notices]" in text
    assert "v1.terms:15:1" in text and "v2.terms:19:1" in text
    assert "  [network-source]: " in text
    assert "compatible -> conditional (stricter)" in text


def test_output_is_written_whole(drafts: Path, tmp_path: Path) -> None:
    """`--output` writes the file whole, and prints nothing."""
    output = tmp_path / "diff.json"
    result = _run(drafts, "--format", "json", "--output", str(output))
    assert 1 == result.exit_code
    assert "" == result.stdout
    assert json.loads(output.read_text(encoding="utf-8"))["summary"]["verdicts_changed"] > 0
    assert [output.name] == [p.name for p in tmp_path.iterdir()]
