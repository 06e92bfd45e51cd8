# SPDX-License-Identifier: Apache-2.0
"""`licensecheck scan` options and `licensecheck init`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from licensecheck.cli import main
from licensecheck.scan.config import load_config

Repo = Callable[[str], Path]


def test_output_file(repo: Repo, runner: CliRunner, tmp_path: Path) -> None:
    """--output writes the report to a file and nothing to standard output."""
    target = tmp_path / "report.sarif"
    result = runner.invoke(main, ["scan", str(repo("php")), "--format", "sarif", "--output", str(target)])
    assert (0, "") == (result.exit_code, result.output)
    assert '"version": "2.1.0"' in target.read_text(encoding="utf-8")


def test_no_progress_bar_without_terminal(repo: Repo, runner: CliRunner) -> None:
    """Standard error stays silent when it is not a terminal."""
    result = runner.invoke(main, ["scan", str(repo("php")), "--format", "json"])
    assert "" == result.stderr


def test_tags_only(repo: Repo, runner: CliRunner) -> None:
    """--tags-only reads tags and REUSE information, not manifests, installed packages or SBOMs."""
    result = runner.invoke(main, ["scan", str(repo("python")), "--tags-only", "--format", "json"])
    import json

    paths = [f["path"] for f in json.loads(result.output)["files"]]
    assert ["src/coop_tools/__init__.py", "src/coop_tools/borrowed.py"] == paths


def test_init_writes_a_starter(runner: CliRunner, tmp_path: Path) -> None:
    """init writes a commented .licensecheck.yaml with the declared licence, which loads as a configuration."""
    (tmp_path / "package.json").write_text('{"name": "x", "license": "EUPL-1.2"}\n')
    result = runner.invoke(main, ["init", str(tmp_path)])
    assert (0, f"wrote {tmp_path / '.licensecheck.yaml'}\n") == (result.exit_code, result.output)
    text = (tmp_path / ".licensecheck.yaml").read_text(encoding="utf-8")
    assert {"outbound": "EUPL-1.2"} == yaml.safe_load(text)
    assert "EUPL-1.2" == load_config(tmp_path).outbound


def test_init_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    """init never replaces an existing configuration."""
    (tmp_path / ".licensecheck.yaml").write_text("outbound: MIT\n")
    result = runner.invoke(main, ["init", str(tmp_path)])
    assert (4, f"error: {tmp_path / '.licensecheck.yaml'} already exists; not overwritten\n") == (
        result.exit_code, result.output)
    assert "outbound: MIT\n" == (tmp_path / ".licensecheck.yaml").read_text()


def test_pyproject_configuration(repo: Repo, runner: CliRunner) -> None:
    """[tool.licensecheck] in pyproject.toml configures the scan: a usage rule turns a finding compatible."""
    root = repo("python")
    with (root / "pyproject.toml").open("a") as handle:
        handle.write('\n[tool.licensecheck]\nusage = [{path = "src/coop_tools/borrowed.py", use = "build-tool"}]\n'
                     'exceptions = [{component = "mystery", reason = "vendor letter on file"}]\n')
    assert 0 == runner.invoke(main, ["scan", str(root)]).exit_code


def test_configuration_errors(runner: CliRunner, tmp_path: Path) -> None:
    """A mistake in the configuration is one line naming the file, exit 4."""
    config = tmp_path / ".licensecheck.yaml"
    cases = {
        "colour: blue\n": "unknown key `colour`",
        "usage:\n  - path: x\n    use: linking\n": "usage rule needs `use`",
        "exceptions:\n  - component: x\n": "the exception for `x` needs a `reason`",
        "outbound: 'MIT OR'\n": "`outbound`: malformed licence expression `MIT OR`",
        "policy: no-such-policy\n": "unknown policy `no-such-policy`",
        "usage: [\n": "malformed YAML",
    }
    for text, message in cases.items():
        config.write_text(text)
        result = runner.invoke(main, ["scan", str(tmp_path)])
        assert 4 == result.exit_code, text
        assert 1 == len(result.output.splitlines()) and message in result.output, result.output


def test_progress_bar_after_a_second(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The progress bar stays silent for the first second, then draws, and is wiped at the end."""
    from licensecheck.cli import scan as scan_cli

    clock = iter([100.0, 100.5, 101.5])
    monkeypatch.setattr(scan_cli.time, "monotonic", lambda: next(clock))
    progress = scan_cli._Progress()
    progress(10, 100)
    assert "" == capsys.readouterr().err
    progress(50, 100)
    progress.close()
    err = capsys.readouterr().err
    assert err.startswith("\r[###############...............]  50% 50/100 files")
    assert err.endswith("\r")
