# SPDX-License-Identifier: Apache-2.0
"""The CI examples: the script they run posts the Markdown diff of each changed draft; the workflows parse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "examples" / "ci" / "diff-drafts.sh"
ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


@pytest.fixture(name="repository")
def _repository(tmp_path: Path, drafts: Path) -> tuple[Path, dict[str, str], str]:
    """A drafts repository: draft 1 committed (the base), then draft 2 committed on top; with licensecheck on PATH."""
    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("git and bash are needed")
    env = {**os.environ, **ENV, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    (tmp_path / "drafts").mkdir()
    shutil.copy(drafts / "intent.yaml", tmp_path / "drafts" / "intent.yaml")
    shutil.copy(drafts / "v1.terms", tmp_path / "drafts" / "licence.terms")

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "draft 1")
    base = git("rev-parse", "HEAD").strip()
    shutil.copy(drafts / "v2.terms", tmp_path / "drafts" / "licence.terms")
    git("commit", "-qam", "draft 2")
    return tmp_path, env, base


def _script(repository: tuple[Path, dict[str, str], str]) -> subprocess.CompletedProcess[str]:
    folder, env, base = repository
    return subprocess.run(["bash", str(SCRIPT), base, "drafts/*.terms"], cwd=folder, env=env, capture_output=True,
                          text=True, check=False, timeout=300)


def test_script_writes_the_comment(repository: tuple[Path, dict[str, str], str]) -> None:
    """The script prints the Markdown diff of the changed draft against the base, and its lint findings; exit 0."""
    done = _script(repository)
    assert 0 == done.returncode, done.stderr
    assert done.stdout.startswith("## Licence diff: LicenseRef-Solidarity-Commons-1.0\n")
    assert "`drafts/licence.terms@" in done.stdout
    assert "<summary><code>licensecheck lint drafts/licence.terms</code></summary>" in done.stdout
    assert "drafts/licence.terms:29:1: warning: dangling clause reference `[notices]`" in done.stdout
    folder, env, _base = repository
    assert "" == subprocess.run(["git", "status", "--porcelain"], cwd=folder, env=env, capture_output=True,
                                text=True, check=True).stdout, "the script leaves the checkout as it was"
    intent = subprocess.run(["licensecheck", "test", "drafts/intent.yaml", "--terms", "drafts/licence.terms"],
                            cwd=folder, env=env, capture_output=True, text=True, check=False)
    assert 0 == intent.returncode, intent.stdout


def test_script_reports_a_draft_that_does_not_parse(repository: tuple[Path, dict[str, str], str]) -> None:
    """A changed draft that does not parse is said in the comment, and the script exits 4."""
    folder, _env, _base = repository
    draft = folder / "drafts" / "licence.terms"
    draft.write_text(draft.read_text(encoding="utf-8") + "[x] §8: may\n", encoding="utf-8")
    done = _script(repository)
    assert 4 == done.returncode
    assert "**The draft could not be compared:**" in done.stdout
    assert "drafts/licence.terms:" in done.stdout


@pytest.mark.parametrize("name", ["github-licence-drafts.yml", "gitlab-licence-drafts.yml"])
def test_workflows_run_the_script_and_the_intent(name: str) -> None:
    """Each CI example is valid YAML that runs the diff script on the merge base and the intent case file."""
    text = (ROOT / "examples" / "ci" / name).read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert isinstance(document, dict)
    assert "bash ci/diff-drafts.sh \"$(git merge-base" in text
    assert "licensecheck test drafts/intent.yaml --terms drafts/licence.terms" in text
