# SPDX-License-Identifier: Apache-2.0
# REUSE-IgnoreStart: the tags in this file are test data, not its licence.
"""Bad input: every case is reported in one line, the scan goes on, no traceback, nothing written."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main
from licensecheck.scan import inventory, scan_repository, walk
from licensecheck.scan.model import ScanReport
from licensecheck.scan.tags import HEAD_BYTES
from tests.scan.helpers import outline, tree_state

Repo = Callable[[str], Path]


def _make_unreadable(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreadable file and folder: by permissions, or (as root, who reads everything) by a failing read."""
    (root / "secret.c").write_text("// SPDX-License-Identifier: MIT\n")
    (root / "locked").mkdir()
    (root / "locked" / "inside.c").write_text("// SPDX-License-Identifier: MIT\n")
    if os.geteuid() != 0:
        (root / "secret.c").chmod(0)
        (root / "locked").chmod(0)
        return
    real_read, real_scandir = inventory.read_head, os.scandir

    def read_head(path: str, limit: int) -> bytes:
        if path.endswith("secret.c"):
            raise PermissionError(13, "Permission denied")
        return real_read(path, limit)

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(inventory, "read_head", read_head)
    monkeypatch.setattr(walk.os, "scandir", scandir)


@pytest.fixture(name="bad")
def _bad(repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = repo("bad")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "gpl.c").write_text("// SPDX-License-Identifier: GPL-3.0-only\n")
    os.symlink(outside, root / "out-dir")
    os.symlink(outside / "gpl.c", root / "out-file.c")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.symlink("nowhere", root / "dangling")
    os.symlink("ok.py", root / "inside-link.py")
    os.mkfifo(root / "pipe")
    with open(root / "huge.c", "wb") as handle:  # 2 GiB, sparse past its text head: only the head may be read
        handle.write(b"// SPDX-License-Identifier: MIT\n" + b" " * 16384 + b"\n")
        handle.truncate(2 * 1024 ** 3)
    with open(root / "late-tag.c", "wb") as handle:
        handle.write(b"x" * HEAD_BYTES + b"\n// SPDX-License-Identifier: GPL-3.0-only\n")
    _make_unreadable(root, monkeypatch)
    yield root
    for path in (root / "secret.c", root / "locked"):
        path.chmod(0o755)


def _problems(report: ScanReport) -> list[str]:
    return sorted(str(p) for p in report.problems)


def test_every_bad_input_is_reported(bad: Path) -> None:
    """Each bad input gives one line naming the file, with the right severity."""
    assert sorted([
        "broken/REUSE.toml: error: unsupported REUSE.toml version 2 (expected 1)",
        "broken/bom.spdx.json: error: malformed JSON: Expecting value: line 2 column 1 (char 42)",
        "broken/package.json: error: malformed JSON: Expecting property name enclosed in double quotes: "
        "line 2 column 1 (char 37)",
        "broken/pyproject.toml: error: malformed TOML: Expected ']' at the end of a table declaration "
        "(at line 1, column 9)",
        "dangling: warning: dangling symbolic link; skipped",
        "huge.c: skipped: only the first 128 KiB searched for tags",
        "late-tag.c: skipped: only the first 128 KiB searched for tags",
        "latin1.c: warning: a line with a tag is not valid UTF-8; read with replacement characters",
        "locked: error: cannot read directory: permission denied",
        "loop-a: warning: symbolic link loop; not followed",
        "loop-b: warning: symbolic link loop; not followed",
        "out-dir: skipped: symbolic link points out of the scanned root; not followed",
        "out-file.c: skipped: symbolic link points out of the scanned root; not followed",
        "pipe: skipped: not a regular file; skipped",
        "secret.c: error: cannot read: permission denied",
    ]) == _problems(scan_repository(bad))


def test_the_scan_goes_on(bad: Path) -> None:
    """Readable files are still checked; unknown and malformed licences are findings, never dropped."""
    assert [
        ("unknown", "files", "Foo-Bar-1.0", "static-link", False),
        ("unknown", "files", "MIT OR", "static-link", False),
        ("compatible", "files", "MIT", "static-link", False),
        ("compatible", "package", "thing", "modify", False),
        ("compatible", "project", "bad", "publish", False),
    ] == outline(scan_repository(bad))


def test_links_and_binaries_are_not_read(bad: Path) -> None:
    """Links out of the root, binary files and tags past the head do not reach the findings."""
    report = scan_repository(bad)
    paths = {p for f in report.findings for p in f.component.paths}
    assert {"huge.c", "latin1.c", "ok.py"} == {p for p in paths if p in {"huge.c", "latin1.c", "ok.py",
                                                                         "binary.bin", "out-file.c", "late-tag.c",
                                                                         "inside-link.py"}}


def test_cli_exits_4_without_traceback_or_write(bad: Path, runner: CliRunner) -> None:
    """Input errors exit 4 after the whole report, with no traceback and no change to the tree."""
    before = tree_state(bad)
    for fmt in ("text", "json", "sarif", "github", "markdown"):
        result = runner.invoke(main, ["scan", str(bad), "--format", fmt])
        assert (4, None) == (result.exit_code, result.exception if not isinstance(result.exception, SystemExit)
                             else None), result.output
        assert "Traceback" not in result.output
    assert before == tree_state(bad)


def test_malformed_expression_message(bad: Path) -> None:
    """A malformed tag is an unknown finding whose error names the expression."""
    report = scan_repository(bad)
    malformed = next(f for f in report.findings if f.component.name == "MIT OR")
    assert ("malformed licence expression `MIT OR`: OR requires two or more licenses as in: MIT OR BSD",) == \
        malformed.result.errors


@pytest.mark.parametrize(("args", "message"), [
    (["scan", "no-such-folder"], "error: no-such-folder: no such folder\n"),
    (["scan", ".", "--config", "missing.yaml"], "error: missing.yaml: no such configuration file\n"),
])
def test_bad_arguments(runner: CliRunner, args: list[str], message: str, tmp_path: Path) -> None:
    """A missing folder or configuration file is one line and exit 4."""
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(main, args)
    assert (4, message) == (result.exit_code, result.output)

# REUSE-IgnoreEnd
