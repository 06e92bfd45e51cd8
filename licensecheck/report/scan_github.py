# SPDX-License-Identifier: Apache-2.0
"""GitHub Actions workflow commands: one annotation per finding that is not compatible.

`::error` for incompatible findings (and conditional ones with --strict), `::warning` for
unknown ones and scan problems, `::notice` for conditional ones; accepted findings are not
annotated. A last `::notice` line gives the summary.
"""

from __future__ import annotations

from licensecheck.check.verdict import Verdict
from licensecheck.report.scan_common import message, shown
from licensecheck.report.scan_json import summary
from licensecheck.scan.findings import worst
from licensecheck.scan.model import ScanReport, Severity

MAX_PER_FINDING = 10  # GitHub shows at most 10 annotations of each level per step anyway


def _escape_data(text: str) -> str:
    return shown(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, text: str, path: str | None = None, line: int | None = None) -> str:
    props = ["title=licensecheck"]
    if path and path != ".":
        props.insert(0, f"file={_escape_property(path)}")
        if line:
            props.insert(1, f"line={line}")
    return f"::{level} {','.join(props)}::{_escape_data(text)}"


def format_github(report: ScanReport, strict: bool = False) -> str:
    """The report as workflow commands, one per line."""
    lines = []
    for finding in report.gating():
        if finding.verdict is Verdict.COMPATIBLE:
            continue
        level = {Verdict.INCOMPATIBLE: "error", Verdict.UNKNOWN: "warning", Verdict.CONDITIONAL: "notice"}[
            finding.verdict]
        if strict and finding.verdict is Verdict.CONDITIONAL:
            level = "error"
        text = message(finding)
        places = list(dict.fromkeys((d.location.path, d.location.line) for d in finding.component.declarations))
        if not places:
            lines.append(_command(level, text))
        for path, line in places[:MAX_PER_FINDING]:
            lines.append(_command(level, text, path, line))
    for problem in report.problems:
        if problem.severity is not Severity.SKIPPED:
            lines.append(_command("error" if problem.severity is Severity.ERROR else "warning", problem.message,
                                  problem.path, problem.line))
    counts = summary(report)
    lines.append(_command("notice", f"licensecheck: {worst(report).value} - {counts['incompatible']} incompatible, "
                                    f"{counts['unknown']} unknown, {counts['conditional']} conditional, "
                                    f"{counts['compatible']} compatible, {counts['accepted']} accepted"))
    return "\n".join(lines) + "\n"
