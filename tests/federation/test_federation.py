# SPDX-License-Identifier: Apache-2.0
"""`licensecheck federation`: the cells and answers of spec §2-3, the same results as `licensecheck test`,
determinism, exit codes, filters, combinations, the recommendation, the formats and the schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from licensecheck.api import outbound_candidates
from licensecheck.catalog import Catalog
from licensecheck.cli import main
from licensecheck.federation import Matrix, read_registry
from licensecheck.federation.schema import registry_schema
from licensecheck.question import question_from
from tests.federation.generate import registry, registry_text

ROOT = Path(__file__).resolve().parent.parent.parent
HEAD = "format_version: 1\nfederation: {id: f, name: F}\n"
COMPARED = ("verdict", "conditions", "duties", "reasons", "choice", "errors")


def federation_json(path: Path, *args: str) -> tuple[dict[str, Any], int]:
    """The JSON document of `licensecheck federation` and its exit code."""
    result = CliRunner().invoke(main, ["federation", str(path), "--format", "json", *args])
    assert result.exit_code in (0, 1, 3), result.output
    return json.loads(result.stdout), result.exit_code


def same_results_as_test(document: dict[str, Any], tmp_path: Path) -> None:
    """Every answer's question, asked through `licensecheck test`, gives the answer's result."""
    cases = [{"id": answer["id"], **answer["question"]} for answer in document["answers"]]
    case_file = tmp_path / "cases.yaml"
    case_file.write_text(json.dumps({"cases": cases}, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["test", str(case_file), "--format", "json"])
    assert 0 == result.exit_code, result.output
    tested = {r["id"]: r for r in json.loads(result.stdout)["results"]}
    assert len(cases) == len(tested)
    for answer in document["answers"]:
        expected = {key: answer["result"][key] for key in COMPARED}
        assert expected == {key: tested[answer["id"]][key] for key in COMPARED}, answer["question"]


def test_example_answers_match_licensecheck_test(example: Path, tmp_path: Path) -> None:
    """Every answer of the example registry is what `licensecheck test` gives for its question."""
    document, _code = federation_json(example)
    assert document["answers"]
    same_results_as_test(document, tmp_path)


def test_generated_answers_match_licensecheck_test(write: Callable[[str], Path], tmp_path: Path) -> None:
    """Every answer of a generated registry (41 licence expressions, one unknown id) matches `licensecheck test`."""
    path = write(registry_text(registry(24, 90, profile_count=12, licence_count=41, seed=7)))
    document, _code = federation_json(path)
    assert 24 == document["summary"]["platforms"]
    same_results_as_test(document, tmp_path)


def test_remedies_match_licensecheck_test(example: Path, tmp_path: Path) -> None:
    """With --remedies, each answer carries the remedies `licensecheck test --remedies` gives for its question."""
    document, _code = federation_json(example, "--remedies", "--commons", "coopcycle-web", "--commons", "dfc-articles")
    cases = [{"id": answer["id"], **answer["question"]} for answer in document["answers"]]
    case_file = tmp_path / "cases.yaml"
    case_file.write_text(json.dumps({"cases": cases}, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["test", str(case_file), "--format", "json", "--remedies"])
    tested = {r["id"]: r for r in json.loads(result.stdout)["results"]}
    assert any(answer["result"]["remedies"] for answer in document["answers"])
    for answer in document["answers"]:
        assert answer["result"]["remedies"] == tested[answer["id"]]["remedies"], answer["question"]


def test_json_is_byte_identical_across_runs(example: Path, tmp_path: Path) -> None:
    """Two processes write the same bytes, to standard output and to --output alike."""
    command = [sys.executable, "-m", "licensecheck", "federation", str(example), "--format", "json"]
    first = subprocess.run(command, capture_output=True, check=False).stdout
    second = subprocess.run(command, capture_output=True, check=False).stdout
    subprocess.run([*command, "-o", str(tmp_path / "out.json")], capture_output=True, check=False)
    assert first == second
    assert first == (tmp_path / "out.json").read_bytes()


def test_key_order_of_the_document(example: Path) -> None:
    """The document keeps the key order of spec §3 (extension keys between `uses` and `answers`)."""
    document, _code = federation_json(example)
    assert ["format_version", "federation", "uses", "uses_default", "platforms", "commons", "outsiders", "answers",
            "cells", "outsider_cells", "combinations", "summary"] == list(document)
    assert ["id", "question", "result"] == list(document["answers"][0])
    assert ["platform", "commons", "use", "product", "outbound_from", "answer"] == list(document["cells"][0])
    assert ["outsider", "commons", "use", "product", "outbound_from", "answer"] == list(document["outsider_cells"][0])
    summary = document["summary"]
    assert ["platforms", "commons", "cells", "answers", "compatible", "conditional", "incompatible",
            "unknown"] == list(summary)[:8]


def test_cells_follow_spec_section_2(example: Path, catalog: Catalog) -> None:
    """One cell per platform, commons not its own and use of its kind; products that reuse a commons get one each."""
    loaded = read_registry(example, catalog)
    document, _code = federation_json(example)
    answers = {a["id"]: a for a in document["answers"]}
    uses = document["uses"]
    expected = set()
    for platform in loaded.platforms:
        for commons in loaded.commons:
            if commons.owner == platform.id:
                continue
            for use in uses[commons.work]:
                if not catalog.vocabulary.uses[use].has("distributes"):
                    expected.add((platform.id, commons.id, use, None))
                    continue
                products = [p.id for p in platform.products
                            if (commons.id in p.reuses if p.reuses is not None else p.work == commons.work)]
                for product in products or [None]:
                    expected.add((platform.id, commons.id, use, product))
    cells = {(c["platform"], c["commons"], c["use"], c["product"]): c for c in document["cells"]}
    assert expected == set(cells)
    assert len(document["cells"]) == len(cells) == document["summary"]["cells"]
    ofn = cells[("open-food-france", "ofn", "modify", "ofn-france")]
    assert "product" == ofn["outbound_from"]
    assert "AGPL-3.0-only" == answers[ofn["answer"]]["question"]["outbound"]
    own = cells[("coopcircuits", "ofn", "modify", None)]
    assert "commons" == own["outbound_from"]
    assert "AGPL-3.0-only" == answers[own["answer"]]["question"]["outbound"]
    internal = cells[("coopcircuits", "ofn", "internal-use", None)]
    assert internal["outbound_from"] is None
    assert "outbound" not in answers[internal["answer"]]["question"]
    assert not any(c["platform"] == "coopcycle" and c["commons"] == "coopcycle-web" for c in document["cells"])


def test_each_distinct_question_is_answered_once(example: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker is called once per distinct question, and answers are distinct questions."""
    from licensecheck.federation import matrix as matrix_module

    calls: list[object] = []
    real = matrix_module.check_question

    def counting(question: Any, catalog: Any = None, **options: Any) -> Any:
        calls.append(question)
        return real(question, catalog, **options)

    monkeypatch.setattr(matrix_module, "check_question", counting)
    answered = Matrix(read_registry(example, catalog), catalog)
    assert len(answered.answers) == len(calls) == len(set(calls))
    assert answered.cell_count(answered.members) > len(answered.answers)


def test_answers_are_valid_questions(example: Path, catalog: Catalog) -> None:
    """Each answer's question is a question of questions §1 (question_from reads it back unchanged)."""
    document, _code = federation_json(example)
    loaded = Matrix(read_registry(example, catalog), catalog)
    for answer, data in zip(loaded.answers, document["answers"], strict=True):
        assert answer.question == question_from(data["question"])


def test_licence_found_by_the_scanner(example: Path) -> None:
    """A commons given by `path` has the project licence the scanner finds there, and says where it came from."""
    document, _code = federation_json(example)
    connector = next(c for c in document["commons"] if c["id"] == "dfc-connector")
    assert {"license": "MIT", "license_from": "scan", "path": "checkouts/connector-ruby", "found_at": "LICENSE:1"} == {
        k: connector[k] for k in ("license", "license_from", "path", "found_at")}
    ofn = next(c for c in document["commons"] if c["id"] == "ofn")
    assert ("registry", None) == (ofn["license_from"], ofn["path"])


def test_checkout_without_licence_gives_unknown_cells(write: Callable[[str], Path], tmp_path: Path) -> None:
    """A checkout where the scanner finds no project licence is asked as NOASSERTION: its cells are unknown."""
    (tmp_path / "empty").mkdir()
    path = write(HEAD + "platforms: [{id: p}]\ncommons:\n  - {id: c, work: software, path: empty}\n")
    document, code = federation_json(path)
    assert 3 == code
    assert {"unknown"} == {a["result"]["verdict"] for a in document["answers"]}
    assert "NOASSERTION" == document["commons"][0]["license"]


@pytest.mark.parametrize(("license", "code"), [("MIT", 0), ("LicenseRef-Nope", 3), ("LicenseRef-CoopCycle", 1)])
def test_exit_codes(license: str, code: int, write: Callable[[str], Path]) -> None:
    """Exit 0 without incompatible or unknown member cells, 1 with an incompatible one, 3 with unknown ones only."""
    path = write(HEAD + "platforms:\n  - {id: p, licensee: {kind: for-profit-company}, purpose: [commercial]}\n"
                 f"commons:\n  - {{id: c, work: software, license: {license}}}\n")
    _document, exit_code = federation_json(path)
    assert code == exit_code


def test_outsiders_do_not_change_the_exit_code(write: Callable[[str], Path]) -> None:
    """Only member cells decide the exit code; outsider cells are reported beside them."""
    path = write(HEAD + "platforms:\n  - {id: p, licensee: {kind: worker-cooperative, worker_owned: true, "
                 "workers_are_employees: true, ess_entity: true}, purpose: [commercial]}\n"
                 "commons:\n  - {id: c, work: software, license: LicenseRef-CoopCycle}\n"
                 "outsiders:\n  - {id: x, licensee: {kind: for-profit-company}, purpose: [commercial]}\n"
                 "uses: {software: [internal-use]}\n")
    document, code = federation_json(path)
    assert 0 == code
    assert 1 == document["summary"]["outsider_verdicts"]["incompatible"]


def test_filters(example: Path) -> None:
    """--platform, --commons and --use keep only the cells asked for."""
    document, _code = federation_json(example, "--platform", "coopcircuits", "--commons", "ofn", "--commons",
                                      "coopcycle-web", "--use", "network-service")
    assert {("coopcircuits", "ofn", "network-service"), ("coopcircuits", "coopcycle-web", "network-service")} == {
        (c["platform"], c["commons"], c["use"]) for c in document["cells"]}
    assert {"ofn", "coopcycle-web"} == {c["commons"] for c in document["outsider_cells"]}


def test_combinations_rank_like_outbound(example: Path, catalog: Catalog) -> None:
    """Pairs reused together by a product, each with the candidates `outbound` ranks, best first."""
    document, _code = federation_json(example)
    pairs = {(tuple(c["commons"]), c["use"]) for c in document["combinations"]}
    assert {(("ofn", "dfc-ontology"), "modify"), (("ofn", "dfc-connector"), "static-link")} <= pairs
    assert not any("standard-covoiturage" in c["commons"] for c in document["combinations"])
    combination = next(c for c in document["combinations"] if c["commons"] == ["ofn", "dfc-connector"]
                       and c["use"] == "static-link")
    ranked = outbound_candidates(question_from({"inbound": combination["inbound"], "use": "static-link",
                                                "work": "software"}), catalog)
    assert [(c.license, c.result.verdict.value) for c in ranked] == [
        (c["outbound"], c["verdict"]) for c in combination["candidates"]]


def test_all_pairs_without_products(write: Callable[[str], Path]) -> None:
    """A registry without products asks every pair of commons of the same kind of work."""
    path = write(HEAD + "platforms: [{id: p}]\ncommons:\n  - {id: a, work: software, license: MIT}\n"
                 "  - {id: b, work: software, license: Apache-2.0}\n  - {id: c, work: data, license: CC0-1.0}\n"
                 "  - {id: d, work: software, license: GPL-3.0-only}\nuses: {software: [static-link], data: [include-data]}\n")
    document, _code = federation_json(path)
    assert [["a", "b"], ["a", "d"], ["b", "d"]] == [c["commons"] for c in document["combinations"]]


def test_recommend_json(example: Path) -> None:
    """--recommend ranks candidates per kind of work with member and outsider counts per verdict (spec §4)."""
    result = CliRunner().invoke(main, ["federation", str(example), "--recommend", "--format", "json",
                                       "--candidate", "LicenseRef-CoopCycle", "--candidate", "MIT",
                                       "--candidate", "PPL", "--candidate", "CC-BY-SA-4.0"])
    assert 0 == result.exit_code, result.output
    document = json.loads(result.stdout)
    assert ["format_version", "candidates"] == list(document)
    assert [("software", "LicenseRef-CoopCycle"), ("software", "MIT"), ("software", "PPL"), ("content", "CC-BY-SA-4.0"),
            ("content", "PPL")] == sorted(((c["work"], c["license"]) for c in document["candidates"]),
                                          key=lambda x: (["software", "content"].index(x[0]), x[1]))
    for candidate in document["candidates"]:
        assert ["license", "work", "members", "outsiders"] == list(candidate)
        assert {"compatible", "conditional", "incompatible", "unknown"} == set(candidate["members"])

    def key(c: dict[str, Any]) -> tuple[int, int, int]:
        members = c["members"]
        outsiders_allowed = int(c["outsiders"]["compatible"]) + int(c["outsiders"]["conditional"])
        return ["software", "content"].index(c["work"]), members["incompatible"] + members["unknown"], outsiders_allowed

    assert sorted(key(c) for c in document["candidates"]) == [key(c) for c in document["candidates"]]


def test_recommend_counts_are_the_substituted_matrix(example: Path, catalog: Catalog) -> None:
    """A candidate's counts are those of the cells of its kind's commons, all under the candidate."""
    from licensecheck.federation import recommend

    loaded = read_registry(example, catalog)
    (ranked,) = recommend(loaded, catalog, ["MIT"])
    assert "software" == ranked.work
    assert ranked.matrix.counts(ranked.matrix.members) == ranked.members
    assert {"MIT"} == {ranked.matrix.license(c) for c in ranked.matrix.commons}
    assert {"software"} == {c.work for c in ranked.matrix.commons}
    software = [c for c in loaded.commons if c.work == "software"]
    full = Matrix(loaded, catalog)
    assert ranked.matrix.cell_count(ranked.matrix.members) == sum(
        1 for cell in full.cells(full.members) if cell.commons in software)


def test_recommend_candidate_of_another_kind(example: Path) -> None:
    """A candidate written for a kind of work the registry has no commons of is bad input."""
    result = CliRunner().invoke(main, ["federation", str(example), "--recommend", "--candidate", "ODbL-1.0"])
    assert 4 == result.exit_code
    assert "error: --candidate: `ODbL-1.0` is written for data, and the registry has no such commons" == result.stderr.strip()


def test_text_is_grouped_worst_first(example: Path) -> None:
    """The text summary shows the uses, the commons' licence sources, then groups worst first with conditions."""
    result = CliRunner().invoke(main, ["federation", str(example)])
    assert 1 == result.exit_code
    text = result.stdout
    assert "uses (the defaults, docs/federation.md): software: internal-use" in text
    assert "dfc-connector: MIT (software; owner data-food-consortium; found by a scan of checkouts/connector-ruby (LICENSE:1))" in text
    members = text[text.index("\nmembers:"):text.index("\noutsiders:")]
    order = [members.index(f"\n{word} (") for word in ("incompatible", "unknown", "conditional", "compatible")]
    assert sorted(order) == order
    assert "the licensee employs its workers as salaried employees" in members


def test_markdown_tables(example: Path) -> None:
    """Markdown has a table per use with a column per licence, and numbered notes with the conditions."""
    result = CliRunner().invoke(main, ["federation", str(example), "--format", "markdown"])
    text = result.stdout
    assert "## network-service (software)" in text
    assert "| who ↓ · commons → | `AGPL-3.0-only` (ofn, dfc-ontology) |" in text
    assert re.search(r"\n1\. . \*\*conditional\*\*", text)


def test_html_is_self_contained(example: Path, tmp_path: Path) -> None:
    """The HTML report is one file: stylesheet and script inline, no address to fetch, the data as JSON."""
    output = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["federation", str(example), "--format", "html", "-o", str(output)])
    assert 1 == result.exit_code, result.output
    page = output.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    assert page.count("<style>") == 1
    assert '<script type="application/json" id="lc-data">' in page
    data = json.loads(page.split('id="lc-data">', 1)[1].split("</script>", 1)[0])
    assert {"strings", "answers", "rows", "columns", "combinations", "recommendations"} == set(data)
    assert [] == data["recommendations"]
    assert 'id="recommendation"' not in page


def test_schema_validates_the_example(example: Path) -> None:
    """--schema prints the shipped JSON Schema; the example registry is valid under it."""
    import jsonschema
    import yaml

    result = CliRunner().invoke(main, ["federation", "--schema"])
    assert 0 == result.exit_code
    schema = json.loads(result.stdout)
    assert registry_schema() == schema
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(example.read_text(encoding="utf-8")), schema)
    jsonschema.validate(registry(5, 20), schema)


def test_schema_is_built_from_the_vocabulary(catalog: Catalog) -> None:
    """The shipped schema is the one built from the library's vocabulary (kinds, attributes, purposes, uses, works)."""
    from licensecheck.federation.schema import schema_json, schema_text

    assert schema_json(catalog.vocabulary) == schema_text()
    licensee = registry_schema()["$defs"]["licensee"]["properties"]
    assert set(catalog.vocabulary.attributes) == set(licensee) - {"kind"}


def test_output_is_whole_or_not_at_all(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing leaves an existing output file as it was, and no temporary file."""
    from licensecheck.federation.render import json as json_render

    output = tmp_path / "out.json"
    output.write_text("before", encoding="utf-8")

    def failing(matrix: Any) -> Any:
        yield '{"format_version": 1'
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json_render, "federation_json", failing)
    result = CliRunner().invoke(main, ["federation", str(example), "--format", "json", "-o", str(output)])
    assert 4 == result.exit_code
    assert f"error: cannot write `{output}`: No space left on device" == result.stderr.strip()
    assert "before" == output.read_text(encoding="utf-8")
    assert ["out.json"] == [p.name for p in tmp_path.iterdir()]


def test_no_verdict_logic_in_the_federation_code() -> None:
    """The federation package and the report layer name no verdict: they iterate `Verdict` (the review hook's grep)."""
    pattern = re.compile(r"""Verdict\.|["'](compatible|conditional|incompatible|unknown)["']""")
    offenders = []
    for folder in (ROOT / "licensecheck" / "federation", ROOT / "licensecheck" / "report" / "html"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".j2", ".js", ".css", ".json"):
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if pattern.search(line):
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert [] == offenders


def test_default_uses_are_words_of_the_vocabulary(catalog: Catalog, write: Callable[[str], Path]) -> None:
    """The shipped default uses are uses of the vocabulary for its kinds of work, and a registry without `uses` gets them."""
    from licensecheck.federation import default_uses

    defaults = default_uses()
    assert set(defaults) == set(catalog.vocabulary.works)
    assert all(use in catalog.vocabulary.uses and not catalog.vocabulary.uses[use].has("own-work")
               for uses in defaults.values() for use in uses)
    document, _code = federation_json(write(HEAD + "platforms: [{id: p}]\ncommons: [{id: c, work: data, license: CC0-1.0}]\n"))
    assert document["uses_default"] is True
    assert {kind: list(uses) for kind, uses in defaults.items()} == document["uses"]
