# SPDX-License-Identifier: Apache-2.0
"""Every scan reproducer of tests/bad/scan/ is answered within 5 s, with an allowed exit code and no traceback.

Each YAML file gives `about`, `args`, `files` (written into a fresh folder), optional `fifos` (named
pipes), `links` (symbolic links: path -> target), `exit` (allowed codes), `output` (substrings that must
appear in stdout + stderr) and `absent` (substrings that must not).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent.parent / "bad" / "scan"
CASES = sorted(CORPUS.glob("*.yaml"))
TIMEOUT = 5.0


def _prepare(case: dict, folder: Path) -> None:  # type: ignore[type-arg]
    for name, content in (case.get("files") or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    for name in case.get("fifos") or []:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
    for name, target in (case.get("links") or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)


@pytest.fixture(name="cache", scope="module")
def _cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One library cache for the corpus, filled before the timed runs (the 5 s are the answer's, not the
    compilation of the library's terms files)."""
    folder = tmp_path_factory.mktemp("cache")
    subprocess.run([sys.executable, "-m", "licensecheck", "licenses"], env={**os.environ, "LICENSECHECK_CACHE_DIR":
                                                                             str(folder)}, capture_output=True,
                   check=False, timeout=300)
    return folder


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_reproducer(path: Path, tmp_path: Path, cache: Path) -> None:
    """The reproducer gets a clear answer in time: an allowed exit code, the expected lines, never a traceback."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    work = tmp_path / "work"
    work.mkdir()
    _prepare(case, work)
    env = {**os.environ, "LICENSECHECK_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8"}
    try:
        done = subprocess.run([sys.executable, "-m", "licensecheck", *case["args"]], cwd=work, env=env,
                              capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: no answer within {TIMEOUT} s ({case['about']})")
    output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    assert done.returncode in case["exit"], f"{path.name}: exit {done.returncode}\n{output}"
    assert "Traceback" not in output and "internal error" not in output, output
    for expected in case.get("output") or []:
        assert expected in output, f"{path.name}: `{expected}` missing from\n{output}"
    for unwanted in case.get("absent") or []:
        assert unwanted not in output, f"{path.name}: `{unwanted}` must not appear in\n{output}"
