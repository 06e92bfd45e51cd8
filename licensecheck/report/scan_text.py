# SPDX-License-Identifier: Apache-2.0
"""Readable text for `licensecheck scan`: findings grouped by verdict, with the clauses they rest on."""

from __future__ import annotations

from licensecheck.check.verdict import Verdict
from licensecheck.report.scan_common import ORDER, locations, question, shown_lines, subject
from licensecheck.report.scan_json import summary
from licensecheck.scan.findings import worst
from licensecheck.scan.model import Finding, ScanReport, Severity

SHOWN_LOCATIONS = 5
SHOWN_SKIPPED = 5


def _finding(finding: Finding, verbose: bool) -> list[str]:
    lines = [f"  {subject(finding)}: {question(finding)}"]
    where = locations(finding)
    shown = where if verbose else where[:SHOWN_LOCATIONS]
    more = f" and {len(where) - len(shown)} more" if len(where) > len(shown) else ""
    if shown:
        lines.append("    declared at " + ", ".join(shown) + more)
    result = finding.result
    if finding.component.note and finding.component.note not in result.errors:
        lines.append(f"    note: {finding.component.note}")
    if result.choice:
        lines.append(f"    choice: {result.choice}")
    lines.extend(f"    error: {e}" for e in result.errors)
    lines.extend(f"    condition: {c}" for c in result.conditions)
    if finding.verdict is Verdict.COMPATIBLE and not verbose:
        return lines
    for reason in result.reasons:
        lines.append(f"    {reason.location}  {reason.license} [{reason.clause}]")
        if reason.text:
            lines.append(f"      | {reason.text}")
        if reason.note:
            lines.append(f"      = {reason.note}")
    if finding.accepted is not None:
        until = f" until {finding.accepted.expires.isoformat()}" if finding.accepted.expires else ""
        lines.append(f"    accepted{until}: {finding.accepted.reason}")
    return lines


def format_text(report: ScanReport, verbose: bool = False) -> str:
    """The report as text; `verbose` lists every location and the reasons of compatible findings too."""
    outbound = report.outbound or "none declared"
    source = f" (from {report.outbound_source})" if report.outbound_source else ""
    licensee = report.licensee.kind + "".join(f", {k}={v}" for k, v in report.licensee.attributes)
    lines = [f"licensecheck scan of {report.root}",
             f"project: outbound {outbound}{source}; licensee {licensee}; policy {report.policy or 'none'}"]
    gating = report.gating()
    for verdict in ORDER:
        group = [f for f in gating if f.verdict is verdict]
        if group:
            lines += ["", f"{verdict.value} ({len(group)})"]
            for finding in group:
                lines += _finding(finding, verbose)
    accepted = [f for f in report.findings if f.accepted is not None]
    if accepted:
        lines += ["", f"accepted exceptions ({len(accepted)})"]
        for finding in accepted:
            head, *rest = _finding(finding, verbose)
            lines += [f"  [{finding.verdict.value}] {head.lstrip()}", *rest]
    lines += _problems(report)
    counts = summary(report)
    lines += ["", f"result: {worst(report).value} - {counts['incompatible']} incompatible, {counts['unknown']} "
                  f"unknown, {counts['conditional']} conditional, {counts['compatible']} compatible, "
                  f"{counts['accepted']} accepted; {counts['files_scanned']} files scanned, "
                  f"{counts['files_with_licence_information']} with licence information"]
    return shown_lines(lines)


def _problems(report: ScanReport) -> list[str]:
    if not report.problems:
        return []
    counts = summary(report)
    lines = ["", f"problems: {_count(counts['errors'], 'error')}, {_count(counts['warnings'], 'warning')}, "
                 f"{counts['skipped']} skipped"]
    lines += [f"  {p}" for p in report.problems if p.severity is not Severity.SKIPPED]
    skipped = [p for p in report.problems if p.severity is Severity.SKIPPED]
    lines += [f"  {p}" for p in skipped[:SHOWN_SKIPPED]]
    if len(skipped) > SHOWN_SKIPPED:
        lines.append(f"  ... and {len(skipped) - SHOWN_SKIPPED} more skipped (see --format json)")
    return lines


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"
