# SPDX-License-Identifier: Apache-2.0
"""`licensecheck diff`: two drafts of a licence compared, clause by clause and verdict by verdict."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from licensecheck.cli._common import ExitCode
from licensecheck.cli.federation import write_output

FORMATS = ("text", "json", "markdown", "html")


@click.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--grid", "grid", type=click.Path(path_type=Path), metavar="CASES.yaml",
              help="Ask the questions of this case file instead of the default grid (`expect` is ignored).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text; json (docs/spec/diff.md §2); markdown (a pull-request comment); html (old | new, side by side).")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path),
              help="Write to FILE (whole or not at all) instead of standard output.")
def diff(old: str, new: str, grid: Path | None, fmt: str, output: Path | None) -> None:
    """Compare two drafts of a licence: which clauses changed, and which verdicts change, for whom,
    for which use and purpose, and because of which clause (docs/drafting.md).

    OLD and NEW are each a terms file, PATH@REV (the file at a git revision of the repository holding
    it; nothing is checked out), or the id of a licence of the library. Both may declare the same id:
    each is loaded into its own catalog beside the shipped library.

    \b
    Examples:
      licensecheck diff examples/drafts/v1.terms examples/drafts/v2.terms
      licensecheck diff drafts/licence.terms@main drafts/licence.terms --format markdown
      licensecheck diff PPL LicenseRef-CoopCycle --format html --output ppl-coopcycle.html
      licensecheck diff v1.terms v2.terms --grid intent.yaml --format json

    \b
    Exit codes: 0 when no answer differs, 1 when some do, 4 bad input (nothing is written).
    """
    from licensecheck.diff import compare
    from licensecheck.diff.drafts import read_draft

    before = read_draft(old)
    after = read_draft(new)
    report = compare(before, after, grid)
    write_output([_render(report, fmt)], output)
    sys.exit(ExitCode.INCOMPATIBLE if report.changes else ExitCode.OK)


def _render(report: object, fmt: str) -> str:
    from licensecheck.diff import DiffReport

    assert isinstance(report, DiffReport)
    if fmt == "json":
        from licensecheck.diff.render.json import diff_json

        return diff_json(report)
    if fmt == "markdown":
        from licensecheck.diff.render.markdown import diff_markdown

        return diff_markdown(report)
    if fmt == "html":
        from licensecheck.diff.render.html import diff_html

        return diff_html(report)
    from licensecheck.diff.render.text import diff_text

    return diff_text(report)
