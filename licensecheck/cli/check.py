# SPDX-License-Identifier: Apache-2.0
"""`check`, `test` and `outbound`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from licensecheck.cli._common import ExitCode, catalog_for, format_option, terms_option
from licensecheck.errors import InputError
from licensecheck.question import Question, question_from
from licensecheck.vocabulary import ANY_KIND, Vocabulary


def question_options(func: Any) -> Any:
    """The options that describe who reuses and how (shared by `check` and `outbound`)."""
    options = [
        click.option("--use", "use", required=True, metavar="USE",
                     help="How the material is used (spec §2): static-link, dynamic-link, modify, aggregate, "
                          "include-data, produced-work, relicense-adaptation, distribute, network-service, "
                          "internal-use, build-tool, service, publish (`licensecheck vocabulary` lists them)."),
        click.option("--as", "kind", metavar="KIND", help="Licensee kind (spec §3), e.g. worker-cooperative."),
        click.option("--attr", "attrs", multiple=True, metavar="NAME=VALUE",
                     help="Licensee attribute, e.g. worker_owned=true, people=50, member_of=la-coop-des-communs."),
        click.option("--purpose", "purposes", multiple=True, metavar="TAG",
                     help="Purpose tag (repeatable); when given, the list is complete."),
        click.option("--modified/--unmodified", "modified", default=None, help="Whether the material is modified."),
        click.option("--work", "work", type=click.Choice(["software", "data", "content"]),
                     help="Kind of the inbound material."),
        click.option("--policy", "policy", metavar="NAME", help="Licence policy to apply, e.g. asf-3rd-party."),
        click.option("--param", "params", multiple=True, metavar="LICENCE.NAME=VALUE",
                     help="Licence parameter, e.g. BUSL-1.1.change_date=2027-01-01."),
        click.option("--date", "date", metavar="YYYY-MM-DD", help="Date the question is asked (default: today)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _pairs(values: Sequence[str], what: str) -> list[tuple[str, str]]:
    out = []
    for value in values:
        if "=" not in value:
            raise InputError(f"{what} `{value}` must be NAME=VALUE")
        name, _, val = value.partition("=")
        out.append((name.strip(), val.strip()))
    return out


def build_question(inbound: str | None, use: str, outbound: str | None, kind: str | None,
                   attrs: Sequence[str], purposes: Sequence[str], modified: bool | None, work: str | None,
                   policy: str | None, params: Sequence[str], date: str | None,
                   vocabulary: Vocabulary | None = None) -> Question:
    """A question from command-line options, validated like a case."""
    licensee: dict[str, Any] = {"kind": kind or ANY_KIND}
    for name, value in _pairs(attrs, "--attr"):
        licensee[name] = value
    parameters: dict[str, dict[str, str]] = {}
    for name, value in _pairs(params, "--param"):
        if "." not in name:
            raise InputError(f"--param `{name}` must be LICENCE.NAME=VALUE")
        license_id, _, key = name.rpartition(".")
        parameters.setdefault(license_id, {})[key] = value
    data: dict[str, Any] = {"use": use, "licensee": licensee}
    if inbound is not None:
        data["inbound"] = inbound
    if outbound is not None:
        data["outbound"] = outbound
    if purposes:
        data["purpose"] = list(purposes)
    if modified is not None:
        data["modified"] = modified
    if work is not None:
        data["work"] = work
    if policy is not None:
        data["policy"] = policy
    if parameters:
        data["parameters"] = parameters
    if date is not None:
        data["date"] = date
    return question_from(data, vocab=vocabulary)


@click.command()
@click.argument("expr", required=False, metavar="EXPR")
@question_options
@click.option("--into", "outbound", metavar="EXPR", help="Outbound licence expression of the result.")
@format_option
@click.option("--strict", is_flag=True, help="Exit 1 on `conditional` too.")
@terms_option
def check(expr: str | None, use: str, outbound: str | None, kind: str | None, attrs: tuple[str, ...],
          purposes: tuple[str, ...], modified: bool | None, work: str | None, policy: str | None,
          params: tuple[str, ...], date: str | None, fmt: str, strict: bool, terms: tuple[Path, ...]) -> None:
    """Answer one question: may this licensee put EXPR to this use (under --into)?

    \b
    Examples:
      licensecheck check Apache-2.0 --use static-link --into GPL-2.0-or-later
      licensecheck check PPL --use internal-use --as for-profit-company \\
          --attr privately_owned=true --attr waged_employees=true
      licensecheck check --use publish --into CECILL-B --as public-body --policy fr-administration
    """
    from licensecheck.api import check_question, validate_question
    from licensecheck.report import Entry
    from licensecheck.report.json import results_document
    from licensecheck.report.text import result_text

    catalog = catalog_for(terms)
    definition = catalog.vocabulary.uses.get(use)
    own_work = definition is not None and definition.has("own-work")
    if own_work and outbound is None and expr is not None:
        expr, outbound = None, expr  # `check --use publish EXPR`: EXPR is what the licensee publishes under
    if expr is None and not own_work:
        raise click.UsageError("EXPR (the inbound licence expression) is required except with --use publish")
    question = build_question(expr, use, outbound, kind, attrs, purposes, modified, work, policy, params, date,
                              catalog.vocabulary)
    validate_question(question, catalog)
    result = check_question(question, catalog, remedies=True)
    if fmt == "json":
        click.echo(results_document([Entry("check", result)]), nl=False)
    else:
        click.echo(result_text("check", result), nl=False)
    sys.exit(ExitCode.for_verdict(result.verdict, strict))


@click.command()
@click.argument("cases_file", metavar="CASES.yaml", type=click.Path(path_type=Path))
@format_option
@click.option("--quiet", "-q", is_flag=True, help="Text format: print only the cases not met and the summary.")
@click.option("--remedies", is_flag=True, help="Also say, for each case, what would make its answer better.")
@terms_option
def test(cases_file: Path, fmt: str, quiet: bool, remedies: bool, terms: tuple[Path, ...]) -> None:
    """Answer every case of a case file and compare with its `expect`.

    Exit 0 when every case with an `expect` got it, 1 when one did not or a case could not be
    evaluated (it is reported with its error; the other cases are still answered), 4 when the file
    itself cannot be read as a case file.
    """
    from licensecheck.api import answer_cases
    from licensecheck.cases import read_cases
    from licensecheck.report import Entry
    from licensecheck.report.json import results_document
    from licensecheck.report.text import results_text

    catalog = catalog_for(terms)
    cases = read_cases(cases_file, catalog.vocabulary)
    entries = [Entry(case.id, result, case.expect, failed)
               for case, (result, failed) in zip(cases, answer_cases(cases, catalog, remedies), strict=True)]
    if fmt == "json":
        click.echo(results_document(entries), nl=False)
    else:
        shown = [e for e in entries if e.met is False or e.input_error] if quiet else entries
        text = results_text(entries)
        if quiet:
            from licensecheck.report.text import result_text

            text = "".join(result_text(e.id, e.result, e.expected) + "\n" for e in shown) + text.splitlines()[-1] + "\n"
        click.echo(text, nl=False)
    sys.exit(ExitCode.INCOMPATIBLE if any(e.met is False for e in entries) else ExitCode.OK)


@click.command()
@click.argument("expr", metavar="EXPR")
@question_options
@format_option
@click.option("--all", "show_all", is_flag=True, help="Text format: list every candidate, not the first 15.")
@terms_option
def outbound(expr: str, use: str, kind: str | None, attrs: tuple[str, ...], purposes: tuple[str, ...],
             modified: bool | None, work: str | None, policy: str | None, params: tuple[str, ...],
             date: str | None, fmt: str, show_all: bool, terms: tuple[Path, ...]) -> None:
    """List the licences of the library the result of using EXPR could be distributed under, best first.

    \b
    Example:
      licensecheck outbound "GPL-2.0-or-later AND Apache-2.0" --use static-link
    """
    from licensecheck.api import outbound_candidates, validate_question
    from licensecheck.report.json import dumps, result_dict

    catalog = catalog_for(terms)
    question = build_question(expr, use, None, kind, attrs, purposes, modified, work, policy, params, date,
                              catalog.vocabulary)
    validate_question(question, catalog)
    candidates = outbound_candidates(question, catalog)
    if fmt == "json":
        click.echo(dumps({
            "format_version": 1, "inbound": expr, "use": use,
            "candidates": [{"license": c.license, **{k: v for k, v in result_dict(c.license, c.result).items()
                                                     if k not in ("id", "expected")}} for c in candidates],
        }), nl=False)
    else:
        lines = [f"{len(candidates)} outbound licences for {expr} ({use}):"]
        for cand in candidates if show_all else candidates[:15]:
            conds = f"  - {'; '.join(cand.result.conditions)}" if cand.result.conditions else ""
            lines.append(f"  {cand.result.verdict.value:12} {cand.license}{conds}")
        if not show_all and len(candidates) > 15:
            lines.append(f"  ... {len(candidates) - 15} more (--all)")
        click.echo("\n".join(lines))
    sys.exit(ExitCode.OK if candidates else ExitCode.INCOMPATIBLE)
