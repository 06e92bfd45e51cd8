# SPDX-License-Identifier: Apache-2.0
"""Bad input to `licensecheck diff` is one `file:line:column: error:` line, exit 4, and nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main

GOOD = "license LicenseRef-T\nworks: software\n[grant] §1: may use, run.\n"


def _diff(tmp_path: Path, *args: str) -> tuple[int, str, Path]:
    """Run `licensecheck diff` in tmp_path with --output; the exit code, stderr and the output path."""
    output = tmp_path / "out.json"
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["diff", *args, "--format", "json", "-o", str(output)])
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stderr.strip(), output


def _assert_bad(tmp_path: Path, message: str, *args: str) -> None:
    code, stderr, output = _diff(tmp_path, *args)
    assert 4 == code, stderr
    assert message == stderr
    assert not output.exists()
    assert [] == [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")]


FILES = [
    ("missing draft", None, "new.terms", "missing.terms", "missing.terms:1:1: error: no such file: `missing.terms`"),
    ("not UTF-8", b"license LicenseRef-T\n\xff\n", "new.terms", "old.terms", "old.terms:1:1: error: cannot read `old.terms`: not UTF-8 (line 2)"),
    ("does not parse", "license LicenseRef-T\n[grant] §1: may use\n", "new.terms", "old.terms",
     "old.terms:2:20: error: unexpected the end of the file: a clause must end with a full stop"),
    ("unknown word", "license LicenseRef-T\n[grant] §1: may use if licensee worker_owner.\n", "new.terms", "old.terms",
     "old.terms:2:33: error: unknown licensee attribute `worker_owner` (did you mean `worker_owned`?)"),
    ("a policy", "policy p\n[r] §1: allow MIT.\n", "new.terms", "old.terms",
     "old.terms:1:8: error: a draft is a licence terms file (`license ID`), not a policy file"),
    ("unknown licence id", None, "new.terms", "PPLX", "PPLX:1:1: error: `PPLX` is neither a terms file nor the id of a "
                                                      "licence of the library (did you mean `PPL`?)"),
]


@pytest.mark.parametrize(("content", "new", "old", "message"), [f[1:] for f in FILES], ids=[f[0] for f in FILES])
def test_unreadable_or_malformed_draft(content: str | bytes | None, new: str, old: str, message: str, tmp_path: Path) -> None:
    """A draft that cannot be read, does not parse, or names no licence is one placed line, exit 4, nothing written."""
    (tmp_path / new).write_text(GOOD, encoding="utf-8")
    if isinstance(content, bytes):
        (tmp_path / old).write_bytes(content)
    elif content is not None:
        (tmp_path / old).write_text(content, encoding="utf-8")
    _assert_bad(tmp_path, message, old, new)


def test_a_folder_is_not_a_draft(tmp_path: Path) -> None:
    """A folder named as a draft is one line, exit 4."""
    (tmp_path / "new.terms").write_text(GOOD, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    _assert_bad(tmp_path, "drafts:1:1: error: `drafts` is not a regular file", "drafts", "new.terms")


_GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


@pytest.fixture(name="repository")
def _repository(tmp_path: Path) -> Path:
    """A git repository with `drafts/t.terms` committed once (tag v1)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "t.terms").write_text(GOOD, encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "draft 1"], ["tag", "v1"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, env=_GIT_ENV, capture_output=True)
    return tmp_path


def test_unknown_revision(repository: Path) -> None:
    """`PATH@REV` with a revision the repository does not have is one line, exit 4."""
    _assert_bad(repository, "drafts/t.terms@v9:1:1: error: unknown revision `v9` in the git repository holding "
                            "`drafts/t.terms`", "drafts/t.terms@v9", "drafts/t.terms")


def test_path_not_at_revision(repository: Path) -> None:
    """`PATH@REV` naming a file the revision does not have is one line, exit 4."""
    _assert_bad(repository, "drafts/u.terms@v1:1:1: error: `drafts/u.terms` does not exist at revision `v1`",
                "drafts/u.terms@v1", "drafts/t.terms")


def test_path_outside_a_repository(tmp_path: Path) -> None:
    """`PATH@REV` outside any git repository is one line, exit 4."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "t.terms").write_text(GOOD, encoding="utf-8")
    env_dir = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path)
    try:
        _assert_bad(outside, "t.terms@HEAD:1:1: error: `t.terms` is not in a git repository", "t.terms@HEAD", "t.terms")
    finally:
        if env_dir is None:
            os.environ.pop("GIT_CEILING_DIRECTORIES", None)
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = env_dir


def test_a_revision_that_does_not_parse(repository: Path) -> None:
    """A draft read from git that does not parse is placed in `PATH@REV`, exit 4."""
    draft = repository / "drafts" / "t.terms"
    draft.write_text(GOOD.replace("run.", "run"), encoding="utf-8")
    for args in (["commit", "-qam", "broken"], ["tag", "broken"]):
        subprocess.run(["git", *args], cwd=repository, check=True, env=_GIT_ENV, capture_output=True)
    draft.write_text(GOOD, encoding="utf-8")
    _assert_bad(repository, "drafts/t.terms@broken:3:25: error: unexpected the end of the file",
                "drafts/t.terms@broken", "drafts/t.terms")


def test_a_revision_is_read_without_a_checkout(repository: Path) -> None:
    """`PATH@REV` reads the committed file; the working tree is left as it is."""
    changed = GOOD.replace("may use, run.", "may use, run, modify.")
    (repository / "drafts" / "t.terms").write_text(changed, encoding="utf-8")
    code, stderr, output = _diff(repository, "drafts/t.terms@v1", "drafts/t.terms")
    assert 1 == code, stderr
    assert '"location": "drafts/t.terms@v1:3:1"' in output.read_text(encoding="utf-8")
    assert changed == (repository / "drafts" / "t.terms").read_text(encoding="utf-8")


GRIDS = [
    ("not YAML", "cases: [\n", "grid.yaml:2:1: error: malformed case file: did not find expected node content"),
    ("no cases list", "questions: []\n", "grid.yaml:1:1: error: a case file is a mapping with a `cases:` list"),
    ("a case with an unknown use", "cases:\n  - {id: a, inbound: LicenseRef-T, use: modfy}\n",
     "grid.yaml:2:5: error: unknown use `modfy` (did you mean `modify`?)"),
    ("a case with a bad expression", "cases:\n  - {id: a, inbound: MIT AND, use: internal-use}\n",
     "grid.yaml:2:5: error: malformed licence expression `MIT AND`: AND requires two or more licenses as in: MIT AND BSD"),
    ("a case without id", "cases:\n  - {inbound: MIT, use: internal-use}\n", "grid.yaml:2:5: error: a case needs an `id`"),
]


@pytest.mark.parametrize(("text", "message"), [g[1:] for g in GRIDS], ids=[g[0] for g in GRIDS])
def test_grid_that_is_not_a_case_file(text: str, message: str, write: Callable[..., Path], tmp_path: Path) -> None:
    """A `--grid` file that is not a case file, or has a case that is not a question, is one placed line, exit 4."""
    write(GOOD, "old.terms")
    write(GOOD.replace("run.", "run, modify."), "new.terms")
    write(text, "grid.yaml")
    _assert_bad(tmp_path, message, "old.terms", "new.terms", "--grid", "grid.yaml")


def test_missing_grid(write: Callable[..., Path], tmp_path: Path) -> None:
    """A `--grid` file that does not exist is one line, exit 4."""
    write(GOOD, "old.terms")
    write(GOOD, "new.terms")
    _assert_bad(tmp_path, "none.yaml:1:1: error: no such file: `none.yaml`", "old.terms", "new.terms", "--grid", "none.yaml")


def test_exit_codes(write: Callable[..., Path], tmp_path: Path) -> None:
    """Equal drafts exit 0 (a moved or reformatted clause changes nothing); a changed answer exits 1."""
    write(GOOD, "old.terms")
    write("# reformatted\n" + GOOD.replace("may use, run.", "may run,\n  use."), "same.terms")
    write(GOOD.replace("may use, run.", "may use, run, reproduce, combine, distribute."), "new.terms")
    code, stderr, output = _diff(tmp_path, "old.terms", "same.terms")
    assert 0 == code, stderr
    assert '"clauses": []' in output.read_text(encoding="utf-8")
    code, stderr, _output = _diff(tmp_path, "old.terms", "new.terms")
    assert 1 == code, stderr
