# SPDX-License-Identifier: Apache-2.0
"""The command line: parse options, call the library and a formatter, set the exit code."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from licensecheck import __version__
from licensecheck.cli._common import ExitCode
from licensecheck.errors import LicenseCheckError


class _Group(click.Group):
    """A click group that turns every error into one line and exit code 4, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LicenseCheckError as exc:
            click.echo(exc.render(), err=True)
            sys.exit(ExitCode.INPUT_ERROR)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)
        except Exception as exc:
            if os.environ.get("LICENSECHECK_DEBUG"):
                raise
            click.echo(f"error: internal error: {exc.__class__.__name__}: {exc} "
                       "(set LICENSECHECK_DEBUG=1 for the traceback, and please report it)", err=True)
            sys.exit(ExitCode.INPUT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="licensecheck")
def main() -> None:
    """Licence compatibility for commons: verdicts derived from licence clauses, with their reasons.

    \b
    Exit codes: 0 compatible or conditional, 1 incompatible (and conditional with --strict),
    3 unknown, 4 bad input, 2 usage error.
    licensecheck gives no legal advice: every verdict cites the clauses it rests on; read them.
    """


def _register() -> None:
    from licensecheck.cli import check as check_cmds
    from licensecheck.cli import diff as diff_cmds
    from licensecheck.cli import federation as federation_cmds
    from licensecheck.cli import library as library_cmds
    from licensecheck.cli import scan as scan_cmds

    for command in (check_cmds.check, check_cmds.test, check_cmds.outbound, library_cmds.lint,
                    library_cmds.show, library_cmds.licenses, library_cmds.vocabulary, *scan_cmds.COMMANDS,
                    federation_cmds.federation, diff_cmds.diff):
        main.add_command(command)


_register()
