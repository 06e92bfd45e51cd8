# SPDX-License-Identifier: Apache-2.0
"""Every bad input of docs/spec/federation.md §1 is one `file:line:column: error:` line, exit 4, nothing written."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main

HEAD = "format_version: 1\nfederation: {id: f}\n"
PLATFORM = "platforms:\n  - id: p\n    licensee: {kind: association}\n"
COMMONS = "commons:\n  - id: c\n    work: software\n    license: MIT\n"

CASES = [
    ("invalid YAML", HEAD + "platforms: [\n", "r.yaml:4:1: error: malformed federation registry: did not find expected node content"),
    ("not a mapping", "- 1\n", "r.yaml:1:1: error: a federation registry is a mapping with `format_version`, `federation`, "
                                "`platforms` and `commons`"),
    ("format version", "format_version: 2\nfederation: {id: f}\n" + PLATFORM + COMMONS,
     "r.yaml:1:17: error: `format_version` must be 1, not `2`"),
    ("missing format version", "federation: {id: f}\n" + PLATFORM + COMMONS,
     "r.yaml:1:1: error: the registry needs `format_version`"),
    ("unknown key", HEAD + PLATFORM + COMMONS + "platfroms: []\n",
     "r.yaml:10:1: error: unknown key `platfroms` in the registry (did you mean `platforms`?)"),
    ("duplicate platform", HEAD + PLATFORM + "  - id: p\n" + COMMONS,
     "r.yaml:6:9: error: duplicate platform id `p` (first at line 4)"),
    ("duplicate commons", HEAD + PLATFORM + COMMONS + "  - {id: c, work: data, license: CC0-1.0}\n",
     "r.yaml:10:10: error: duplicate commons id `c` (first at line 7)"),
    ("duplicate product in a platform",
     HEAD + "platforms:\n  - id: p\n    products:\n      - {id: x, license: MIT, work: software}\n"
            "      - {id: x, license: MIT, work: software}\n" + COMMONS,
     "r.yaml:7:14: error: duplicate product id `x` (first at line 6)"),
    ("duplicate product across platforms",
     HEAD + "platforms:\n  - id: p\n    products: [{id: x, license: MIT, work: software}]\n"
            "  - id: q\n    products: [{id: x, license: MIT, work: software}]\n" + COMMONS,
     "r.yaml:7:21: error: duplicate product id `x` (also a product of platform `p`)"),
    ("duplicate outsider", HEAD + PLATFORM + COMMONS + "outsiders:\n  - id: o\n  - id: o\n",
     "r.yaml:12:9: error: duplicate outsider id `o` (first at line 11)"),
    ("unknown commons in reuses",
     HEAD + "platforms:\n  - id: p\n    products: [{id: x, license: MIT, work: software, reuses: [c, d]}]\n" + COMMONS,
     "r.yaml:5:66: error: unknown commons `d` in `reuses`"),
    ("unknown use", HEAD + PLATFORM + COMMONS + "uses: {software: [modfy]}\n",
     "r.yaml:10:19: error: unknown use `modfy` (did you mean `modify`?)"),
    ("own-work use", HEAD + PLATFORM + COMMONS + "uses: {software: [publish]}\n",
     "r.yaml:10:19: error: `publish` is not a use of a commons (it is about the licensee's own work)"),
    ("use listed twice", HEAD + PLATFORM + COMMONS + "uses: {software: [modify, modify]}\n",
     "r.yaml:10:27: error: use `modify` is listed twice in `uses: software`"),
    ("unknown kind of work in uses", HEAD + PLATFORM + COMMONS + "uses: {code: [modify]}\n",
     "r.yaml:10:8: error: unknown kind of work `code` in `uses` (software, data, content)"),
    ("unknown kind of work of a commons", HEAD + PLATFORM + "commons:\n  - {id: c, work: code, license: MIT}\n",
     "r.yaml:7:19: error: unknown kind of work `code` (software, data, content)"),
    ("unknown licensee kind", HEAD + "platforms:\n  - id: p\n    licensee: {kind: coop}\n" + COMMONS,
     "r.yaml:5:22: error: unknown licensee kind `coop`"),
    ("unknown licensee attribute", HEAD + "platforms:\n  - id: p\n    licensee: {kind: association, worker_owner: true}\n" + COMMONS,
     "r.yaml:5:35: error: unknown licensee attribute `worker_owner` (did you mean `worker_owned`?)"),
    ("attribute of the wrong type", HEAD + "platforms:\n  - id: p\n    licensee: {people: many}\n" + COMMONS,
     "r.yaml:5:24: error: licensee attribute `people` must be a number, not `many`"),
    ("unknown purpose", HEAD + "platforms:\n  - id: p\n    purpose: [comercial]\n" + COMMONS,
     "r.yaml:5:15: error: unknown purpose `comercial` (did you mean `commercial`?)"),
    ("unknown activity", HEAD + "platforms:\n  - id: p\n    licensee: {activities: [militar]}\n" + COMMONS,
     "r.yaml:5:29: error: unknown activity `militar` (did you mean `military`?)"),
    ("malformed licence expression", HEAD + PLATFORM + "commons:\n  - {id: c, work: software, license: MIT AND}\n",
     "r.yaml:7:38: error: malformed licence expression `MIT AND`: AND requires two or more licenses as in: MIT AND BSD"),
    ("licence and path", HEAD + PLATFORM + "commons:\n  - {id: c, work: software, license: MIT, path: x}\n",
     "r.yaml:7:49: error: give a commons `license` or `path`, not both"),
    ("neither licence nor path", HEAD + PLATFORM + "commons:\n  - {id: c, work: software}\n",
     "r.yaml:7:5: error: commons `c` needs `license` (an SPDX expression) or `path` (a checkout)"),
    ("path that does not exist", HEAD + PLATFORM + "commons:\n  - {id: c, work: software, path: ../nowhere}\n",
     "r.yaml:7:35: error: cannot read `path` `../nowhere`: no such folder (relative to the registry)"),
    ("path that is a file", HEAD + PLATFORM + "commons:\n  - {id: c, work: software, path: r.yaml}\n",
     "r.yaml:7:35: error: cannot read `path` `r.yaml`: not a folder"),
    ("bad id", HEAD + "platforms:\n  - id: p q\n" + COMMONS,
     "r.yaml:4:9: error: an id is made of letters, digits, `.`, `_` and `-`, not `p q`"),
    ("missing id", HEAD + "platforms:\n  - name: P\n" + COMMONS,
     "r.yaml:4:5: error: a platform needs `id`"),
    ("missing work", HEAD + PLATFORM + "commons:\n  - {id: c, license: MIT}\n",
     "r.yaml:7:5: error: a commons needs `work`"),
    ("duplicate key", HEAD + "platforms: []\nplatforms: []\n" + COMMONS,
     "r.yaml:4:1: error: duplicate key `platforms` (first at line 3)"),
]


@pytest.mark.parametrize(("text", "message"), [(t, m) for _n, t, m in CASES], ids=[n for n, _t, _m in CASES])
def test_bad_registry(text: str, message: str, write: Callable[[str], Path], tmp_path: Path) -> None:
    """A bad registry gives one exact line at the exact place, exit 4, and no output file."""
    registry = write(text)
    output = tmp_path / "out.json"
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["federation", registry.name, "--format", "json", "-o", str(output)])
    finally:
        os.chdir(cwd)
    assert 4 == result.exit_code, result.output
    assert message == result.stderr.strip()
    assert not output.exists()
    assert [] == [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")]


FILTERS = [
    (["--platform", "q"], "error: --platform: unknown platform `q`"),
    (["--commons", "d"], "error: --commons: unknown commons `d`"),
    (["--use", "modfy"], "error: --use: unknown use `modfy` (did you mean `modify`?)"),
    (["--use", "produced-work"], "error: --use: `produced-work` is not one of the registry's uses (internal-use, "
                                 "modify, network-service, static-link)"),
    (["--recommend", "--candidate", "MTI"], "error: --candidate: unknown licence `MTI` (did you mean `MIT`?)"),
]


@pytest.mark.parametrize(("args", "message"), FILTERS, ids=[a[1] for a, _m in FILTERS])
def test_unknown_reference_on_the_command_line(args: list[str], message: str, write: Callable[[str], Path]) -> None:
    """A filter naming an unknown platform, commons, use or licence is bad input: one line, exit 4."""
    registry = write(HEAD + PLATFORM + COMMONS + "uses: {software: [internal-use, network-service, modify, static-link]}\n")
    result = CliRunner().invoke(main, ["federation", str(registry), *args])
    assert 4 == result.exit_code, result.output
    assert message == result.stderr.strip()


def test_unknown_licence_id_is_not_bad_input(write: Callable[[str], Path]) -> None:
    """An unknown licence id is not bad input: its cells are unknown, naming the id, and the exit code is 3."""
    registry = write(HEAD + PLATFORM + "commons:\n  - {id: c, work: software, license: LicenseRef-Nope}\n")
    result = CliRunner().invoke(main, ["federation", str(registry), "--format", "json"])
    assert 3 == result.exit_code
    assert "unknown inbound licence id `LicenseRef-Nope`" in result.stdout


def test_output_folder_missing(write: Callable[[str], Path], tmp_path: Path) -> None:
    """An --output in a folder that does not exist is one line and exit 4."""
    registry = write(HEAD + PLATFORM + COMMONS)
    result = CliRunner().invoke(main, ["federation", str(registry), "-o", str(tmp_path / "no" / "out.txt")])
    assert 4 == result.exit_code
    assert f"error: cannot write `{tmp_path / 'no' / 'out.txt'}`: no such folder `{tmp_path / 'no'}`" == result.stderr.strip()


def test_missing_registry(tmp_path: Path) -> None:
    """A registry that does not exist is one line and exit 4."""
    result = CliRunner().invoke(main, ["federation", str(tmp_path / "none.yaml")])
    assert 4 == result.exit_code
    assert f"error: no such file: `{tmp_path / 'none.yaml'}`" == result.stderr.strip()
