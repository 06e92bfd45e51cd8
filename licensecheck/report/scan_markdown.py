# SPDX-License-Identifier: Apache-2.0
"""Markdown for a pull-request comment: a summary line, then a table per verdict, worst first."""

from __future__ import annotations

from licensecheck.check.verdict import Verdict
from licensecheck.report.scan_common import ORDER, locations, question, shown_lines, subject
from licensecheck.report.scan_json import summary
from licensecheck.scan.findings import worst
from licensecheck.scan.model import Finding, ScanReport, Severity

SHOWN_COMPATIBLE = 50


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _why(finding: Finding) -> str:
    result = finding.result
    parts = list(result.errors) + list(result.conditions)
    parts += [f"{r.license} [{r.clause}] `{r.location}`" for r in result.reasons[:2]]
    if finding.component.note and finding.verdict is not Verdict.COMPATIBLE:
        parts.append(finding.component.note)
    if finding.accepted is not None:
        until = f" until {finding.accepted.expires.isoformat()}" if finding.accepted.expires else ""
        parts.append(f"accepted{until}: {finding.accepted.reason}")
    return "<br>".join(_cell(p) for p in parts)


def _table(findings: list[Finding]) -> list[str]:
    lines = ["| component | use | declared at | why |", "|---|---|---|---|"]
    for finding in findings:
        where = locations(finding, 3)
        more = len(locations(finding)) - len(where)
        cell = ", ".join(f"`{w}`" for w in where) + (f" and {more} more" if more > 0 else "")
        lines.append(f"| {_cell(subject(finding))} | {_cell(question(finding))} | {cell} | {_why(finding)} |")
    return lines


def format_markdown(report: ScanReport) -> str:
    """The report as a Markdown comment."""
    counts = summary(report)
    verdict = worst(report)
    lines = [f"### licensecheck: {verdict.value}", "",
             f"Outbound licence **{report.outbound or 'not declared'}**; {counts['incompatible']} incompatible, "
             f"{counts['unknown']} unknown, {counts['conditional']} conditional, {counts['compatible']} compatible, "
             f"{counts['accepted']} accepted; {counts['files_scanned']} files scanned."]
    gating = report.gating()
    for group_verdict in ORDER:
        group = [f for f in gating if f.verdict is group_verdict]
        if not group:
            continue
        if group_verdict is Verdict.COMPATIBLE:
            lines += ["", f"<details><summary>compatible ({len(group)})</summary>", ""]
            lines += _table(group[:SHOWN_COMPATIBLE])
            if len(group) > SHOWN_COMPATIBLE:
                lines.append(f"\n... and {len(group) - SHOWN_COMPATIBLE} more")
            lines += ["", "</details>"]
        else:
            lines += ["", f"#### {group_verdict.value} ({len(group)})", "", *_table(group)]
    accepted = [f for f in report.findings if f.accepted is not None]
    if accepted:
        lines += ["", f"#### accepted exceptions ({len(accepted)})", "", *_table(accepted)]
    shown = [p for p in report.problems if p.severity is not Severity.SKIPPED]
    if shown:
        lines += ["", f"#### problems ({len(shown)})", ""] + [f"- `{_cell(p.where)}`: {p.severity.value}: "
                                                               f"{_cell(p.message)}" for p in shown]
    lines += ["", "<sub>licensecheck gives no legal advice: every verdict cites the clauses it rests on.</sub>"]
    return shown_lines(lines)
