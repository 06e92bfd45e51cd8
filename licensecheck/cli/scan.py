# SPDX-License-Identifier: Apache-2.0
"""`scan` and `init`."""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from licensecheck.cli._common import ExitCode, catalog_for, terms_option
from licensecheck.errors import InputError

if TYPE_CHECKING:
    from licensecheck.scan.model import ScanReport

FORMATS = ("text", "json", "sarif", "github", "markdown")


class _Progress:
    """A progress bar on stderr, drawn only once the scan has lasted a second."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < 1.0 or now - self.last < 0.1 or not total:
            return
        self.last = now
        width = 30
        filled = width * done // total
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {100 * done // total:3d}% {done}/{total} files",
                   err=True, nl=False)
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            click.echo("\r" + " " * 70 + "\r", err=True, nl=False)


@click.command()
@click.argument("path", required=False, default=".", type=click.Path(path_type=Path, readable=False))  # checked
# by scan_repository: an unreadable root is bad input (exit 4), not a usage error (2)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text (grouped by verdict), json (schema in docs/scanning.md), sarif (2.1.0, for code "
                   "scanning), github (workflow annotations), markdown (a pull-request comment).")
@click.option("--strict", is_flag=True, help="Exit 1 on `conditional` findings too.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, readable=False), metavar="FILE",
              help="Configuration file (default: PATH/.licensecheck.yaml, else [tool.licensecheck] in "
                   "PATH/pyproject.toml).")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("--tags-only", is_flag=True, help="Read SPDX tags and REUSE annotations only (no licence files, "
                                                "manifests, installed packages or SBOMs).")
@click.option("--all", "all_lines", is_flag=True, help="Text format: list every compatible finding (by default they "
                                                       "are summarised per licence).")
@click.option("--verbose", "-v", is_flag=True, help="Text format: every finding and location, and the reasons of "
                                                    "compatible findings too.")
@terms_option
def scan(path: Path, fmt: str, strict: bool, config_path: Path | None, output: Path | None, tags_only: bool,
         all_lines: bool, verbose: bool, terms: tuple[Path, ...]) -> None:
    """Find every licence in PATH (default: the current folder) and check each against the project.

    \b
    Looks at SPDX tags (with REUSE.toml and .license files), licence files, package manifests,
    installed dependencies (.venv, node_modules) and SBOMs (SPDX, CycloneDX); reads, never runs.
    Exit codes: 0 all compatible (or conditional), 1 incompatible (conditional too with --strict),
    3 unknown, 4 unreadable input; the worst finding wins.
    """
    from licensecheck.scan import Options, scan_repository

    catalog = catalog_for(terms)
    progress = _Progress() if sys.stderr.isatty() else None
    # a scan makes a few objects per file and no reference cycles: the cyclic collector only costs
    # time there (about 0.4 s of 3 s on the Linux tree), so this short-lived process turns it off
    gc.disable()
    try:
        report = scan_repository(path, config_path=config_path, options=Options(tags_only=tags_only),
                                 catalog=catalog, progress=progress)
    finally:
        gc.enable()
        if progress is not None:
            progress.close()
    text = _render(report, fmt, strict, verbose, all_lines)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write the report: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False)
    sys.exit(exit_code(report, strict))


def exit_code(report: ScanReport, strict: bool) -> int:
    """The worst finding wins; a file that could not be read (exit 4) is outranked only by a failing finding."""
    from licensecheck.scan import worst

    code = ExitCode.for_verdict(worst(report), strict)
    if report.input_errors and code != ExitCode.INCOMPATIBLE:
        return int(ExitCode.INPUT_ERROR)
    return int(code)


def _render(report: ScanReport, fmt: str, strict: bool, verbose: bool, all_lines: bool = False) -> str:
    if fmt == "json":
        from licensecheck.report.scan_json import format_json

        return format_json(report)
    if fmt == "sarif":
        from licensecheck.report.scan_sarif import format_sarif

        return format_sarif(report, strict)
    if fmt == "github":
        from licensecheck.report.scan_github import format_github

        return format_github(report, strict)
    if fmt == "markdown":
        from licensecheck.report.scan_markdown import format_markdown

        return format_markdown(report)
    from licensecheck.report.scan_text import format_text

    return format_text(report, verbose, all_lines)


@click.command()
@click.argument("path", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
def init(path: Path) -> None:
    """Write a commented starter .licensecheck.yaml into PATH (default: the current folder).

    An existing file is never overwritten.
    """
    from licensecheck.scan.starter import starter

    target = path / ".licensecheck.yaml"
    if target.exists():
        raise InputError(f"{target} already exists; not overwritten")
    if not path.is_dir():
        raise InputError(f"{path}: no such folder")
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(starter(path))
    except FileExistsError:
        raise InputError(f"{target} already exists; not overwritten") from None
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"wrote {target}")


COMMANDS = [scan, init]
