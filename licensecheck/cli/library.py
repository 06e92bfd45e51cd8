# SPDX-License-Identifier: Apache-2.0
"""`lint`, `show` and `licenses`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from licensecheck.cli._common import ExitCode, catalog_for, format_option, terms_option
from licensecheck.errors import UnknownLicenseError


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE|DIR...")
@format_option
def lint(paths: tuple[Path, ...], fmt: str) -> None:
    """Check terms and policy files: syntax, vocabulary, references, dead or contradictory clauses.

    Exit 4 when a file has an error, 0 otherwise (warnings do not fail).
    """
    from licensecheck.lint import lint_paths
    from licensecheck.report.json import dumps
    from licensecheck.report.library import lint_dict, lint_text

    findings, files = lint_paths(paths)
    if fmt == "json":
        click.echo(dumps(lint_dict(findings, files)), nl=False)
    else:
        click.echo(lint_text(findings, files), nl=False)
    sys.exit(ExitCode.INPUT_ERROR if any(f.severity == "error" for f in findings) else ExitCode.OK)


@click.command()
@click.argument("license_id", metavar="ID")
@format_option
@terms_option
def show(license_id: str, fmt: str, terms: tuple[Path, ...]) -> None:
    """Show a licence's (or a policy's) rules as readable text, each clause with its citation and place."""
    from licensecheck.report.json import dumps
    from licensecheck.report.library import show_dict, show_text

    catalog = catalog_for(terms)
    license = catalog.resolve(license_id)
    policy = catalog.policy(license_id) if license is None else None
    if policy is not None:
        from licensecheck.catalog import License

        license = License(policy.id, policy, policy.clauses)
    if license is None:
        from licensecheck.spdx_meta import describe_unknown

        hint = catalog.suggest(license_id)
        described = describe_unknown(license_id)
        about = f": {described}, which the library does not model" if described else ""
        raise UnknownLicenseError(f"unknown licence id `{license_id}`{about}",
                                  hint=f"did you mean `{hint}`?" if hint else None)
    click.echo(dumps(show_dict(license)) if fmt == "json" else show_text(license), nl=False)


@click.command()
@format_option
@terms_option
def licenses(fmt: str, terms: tuple[Path, ...]) -> None:
    """List the licence library: ids, names, aliases, kinds of work and where each is defined."""
    from licensecheck.report.json import dumps
    from licensecheck.report.library import licenses_dict, licenses_text

    catalog = catalog_for(terms)
    click.echo(dumps(licenses_dict(catalog)) if fmt == "json" else licenses_text(catalog), nl=False)


@click.command()
@format_option
@terms_option
def vocabulary(fmt: str, terms: tuple[Path, ...]) -> None:
    """List the vocabulary: uses and the acts they perform, licensee kinds and what each fixes, attributes,
    purposes, duty kinds (active or passive), share-alike scopes and their reach, events.

    Every word is declared in licenses/vocabulary.vocab (or a licence's own file), not in Python; a
    vocabulary file given with --terms adds to it.
    """
    from licensecheck.report.json import dumps
    from licensecheck.report.library import vocabulary_dict, vocabulary_text

    catalog = catalog_for(terms)
    click.echo(dumps(vocabulary_dict(catalog.vocabulary)) if fmt == "json" else vocabulary_text(catalog.vocabulary),
               nl=False)
