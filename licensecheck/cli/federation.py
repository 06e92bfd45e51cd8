# SPDX-License-Identifier: Apache-2.0
"""`licensecheck federation`: who among the platforms may reuse, run and combine which commons."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from licensecheck.cli._common import ExitCode, catalog_for, terms_option
from licensecheck.errors import InputError

if TYPE_CHECKING:
    from licensecheck.federation.matrix import Matrix
    from licensecheck.federation.recommend import Recommendation

FORMATS = ("text", "json", "markdown", "html")


class _Progress:
    """`answering 12/200` on stderr, only on a terminal and only once a run has taken a second."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.start = time.monotonic()
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.start < 1.0:
            return
        self.shown = True
        click.echo(f"\r{self.what} {done}/{total}", err=True, nl=False)

    def close(self) -> None:
        if self.shown:
            click.echo("\r" + " " * 40 + "\r", err=True, nl=False)
            self.shown = False


def write_output(chunks: Iterable[str], output: Path | None) -> None:
    """Write to stdout, or to FILE whole or not at all (a temporary file in the same folder, then renamed)."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write `{output}`: no such folder `{folder}`")
    if output.is_dir():
        raise InputError(f"cannot write `{output}`: it is a folder")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write `{output}`: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for chunk in chunks:
                stream.write(chunk)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, output)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write `{output}`: {exc.strerror or exc}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@click.command()
@click.argument("registry", required=False, metavar="REGISTRY", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: grouped summary, worst first; json: docs/spec/federation.md §3; markdown: for a wiki "
                   "or an issue; html: one self-contained report file.")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path),
              help="Write to FILE (whole or not at all) instead of standard output.")
@click.option("--platform", "platforms", multiple=True, metavar="ID", help="Only this platform (repeatable).")
@click.option("--commons", "commons", multiple=True, metavar="ID", help="Only this commons (repeatable).")
@click.option("--use", "uses", multiple=True, metavar="USE", help="Only this use (repeatable).")
@click.option("--recommend", is_flag=True,
              help="Rank the library's licences per kind of work: which lets the members do the most and the "
                   "outsiders the least (with --format html: the report with a recommendation section).")
@click.option("--candidate", "candidates", multiple=True, metavar="ID",
              help="With --recommend: a licence to rank (repeatable; default: every licence of the library).")
@click.option("--remedies", is_flag=True,
              help="Also say what would make each answer better (questions §8 `remedies`, as `test --remedies`).")
@click.option("--schema", is_flag=True, help="Print the JSON Schema of the registry and exit.")
@terms_option
def federation(registry: Path | None, fmt: str, output: Path | None, platforms: tuple[str, ...],
               commons: tuple[str, ...], uses: tuple[str, ...], recommend: bool, candidates: tuple[str, ...],
               remedies: bool, schema: bool, terms: tuple[Path, ...]) -> None:
    """Who among a federation's platforms may reuse, run and combine which commons (docs/federation.md).

    Every cell (platform x commons x use) is one question answered by the same checker as
    `licensecheck check`; equal questions are answered once.

    \b
    Examples:
      licensecheck federation examples/federation/plateformes-en-communs.yaml
      licensecheck federation REGISTRY --platform coopcycle --use network-service
      licensecheck federation REGISTRY --format html --output report.html
      licensecheck federation REGISTRY --format html --recommend --remedies --output report.html
      licensecheck federation REGISTRY --format json --output matrix.json
      licensecheck federation REGISTRY --recommend
      licensecheck federation REGISTRY --recommend --candidate LicenseRef-CoopCycle --candidate AGPL-3.0-only
      licensecheck federation --schema

    \b
    Exit codes: 0 when no member cell is incompatible or unknown (--recommend: 0), 1 when one is
    incompatible, 3 when one is unknown and none incompatible, 4 bad input (nothing is written).
    """
    if schema:
        from licensecheck.federation.schema import schema_text

        write_output([schema_text()], output)
        return
    if registry is None:
        raise click.UsageError("REGISTRY is required (or --schema)")
    if candidates and not recommend:
        raise click.UsageError("--candidate goes with --recommend")
    from licensecheck.federation.matrix import Matrix, Selection, worst_verdict
    from licensecheck.federation.registry import read_registry

    catalog = catalog_for(terms)
    loaded = read_registry(registry, catalog)
    selection = Selection(platforms or None, commons or None, uses or None)
    progress = _Progress("answering platforms")
    try:
        matrix = Matrix(loaded, catalog, selection, progress, remedies=remedies)
        recommendations = None
        if recommend:
            from licensecheck.federation.recommend import recommend as rank

            progress.what = "ranking candidates"
            recommendations = rank(loaded, catalog, candidates or None, selection, progress, matrix.results)
    finally:
        progress.close()
    if recommend and recommendations is not None and fmt != "html":
        write_output([_recommend_output(recommendations, fmt, bool(candidates))], output)
        sys.exit(ExitCode.OK)
    write_output(_matrix_output(matrix, fmt, recommendations), output)
    if recommend:
        sys.exit(ExitCode.OK)
    worst = worst_verdict(matrix.counts(matrix.members))
    sys.exit(ExitCode.OK if worst is None else ExitCode.for_verdict(worst))


def _matrix_output(matrix: Matrix, fmt: str, recommendations: list[Recommendation] | None) -> Iterable[str]:
    if fmt == "json":
        from licensecheck.federation.render.json import federation_json

        return federation_json(matrix)
    if fmt == "markdown":
        from licensecheck.federation.render.markdown import federation_markdown

        return [federation_markdown(matrix)]
    if fmt == "html":
        from licensecheck.federation.render.html import federation_html

        return [federation_html(matrix, recommendations)]
    from licensecheck.federation.render.text import federation_text

    return [federation_text(matrix)]


def _recommend_output(recommendations: list[Recommendation], fmt: str, named: bool) -> str:
    if fmt == "json":
        from licensecheck.federation.render.json import recommend_json

        return recommend_json(recommendations)
    if fmt == "markdown":
        from licensecheck.federation.render.markdown import recommend_markdown

        return recommend_markdown(recommendations)
    from licensecheck.federation.render.text import recommend_text

    return recommend_text(recommendations, len(recommendations) if named else None)
