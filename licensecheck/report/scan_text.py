# SPDX-License-Identifier: Apache-2.0
"""Readable text for `licensecheck scan`: findings grouped by verdict, with the clauses they rest on."""

from __future__ import annotations

from collections import Counter

from licensecheck.check.verdict import Verdict
from licensecheck.report.scan_common import ORDER, locations, question, shown_lines, subject
from licensecheck.report.scan_json import summary
from licensecheck.scan.findings import worst
from licensecheck.scan.model import Finding, Kind, ScanReport, Severity

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


def format_text(report: ScanReport, verbose: bool = False, all_lines: bool = False) -> str:
    """The report as text: problems first, then findings worst first; compatible ones summarised per licence.

    `all_lines` lists every compatible finding instead of the summary; `verbose` also lists every
    location and the reasons of compatible findings (and implies `all_lines`).
    """
    all_lines = all_lines or verbose
    outbound = report.outbound or "none declared"
    source = f" (from {report.outbound_source})" if report.outbound_source else ""
    licensee = report.licensee.kind + "".join(f", {k}={v}" for k, v in report.licensee.attributes)
    lines = [f"licensecheck scan of {report.root}",
             f"project: outbound {outbound}{source}; licensee {licensee}; policy {report.policy or 'none'}"]
    lines += _problems(report)
    gating = report.gating()
    for verdict in ORDER:
        group = [f for f in gating if f.verdict is verdict]
        if not group:
            continue
        if verdict is Verdict.COMPATIBLE and not all_lines:
            lines += ["", f"{verdict.value} ({len(group)}), per licence (--all lists each)", *_summary(group)]
            continue
        lines += ["", f"{verdict.value} ({len(group)})"]
        for finding in group:
            lines += _finding(finding, verbose)
    accepted = [f for f in report.findings if f.accepted is not None]
    if accepted:
        lines += ["", f"accepted exceptions ({len(accepted)})"]
        for finding in accepted:
            head, *rest = _finding(finding, verbose)
            lines += [f"  [{finding.verdict.value}] {head.lstrip()}", *rest]
    counts = summary(report)
    lines += ["", f"result: {worst(report).value} - {counts['incompatible']} incompatible, {counts['unknown']} "
                  f"unknown, {counts['conditional']} conditional, {counts['compatible']} compatible, "
                  f"{counts['accepted']} accepted; {counts['files_scanned']} files scanned, "
                  f"{counts['files_with_licence_information']} with licence information"]
    return shown_lines(lines)


def _summary(findings: list[Finding]) -> list[str]:
    """Compatible findings, one line per licence: how many packages, files and licence texts, and their uses."""
    groups: dict[str, dict[str, Counter[str]]] = {}
    lines: list[str] = []
    for finding in findings:
        component = finding.component
        if component.kind is Kind.PROJECT:
            lines.append(f"  {subject(finding)}: {question(finding)}")
            continue
        licence = component.expression or "?"
        kinds = groups.setdefault(licence, {})
        word = {Kind.FILES: "file", Kind.PACKAGE: "package", Kind.LICENSE_FILE: "licence text"}.get(
            component.kind, component.kind.value)
        amount = len(component.paths) if component.kind is Kind.FILES else 1
        kinds.setdefault(word, Counter())[component.use] += amount
    width = max((len(k) for k in groups), default=0)
    ordered = sorted(groups.items(), key=lambda item: (-sum(sum(c.values()) for c in item[1].values()), item[0]))
    for licence, kinds in ordered:
        parts = []
        for word, uses in sorted(kinds.items()):
            count = sum(uses.values())
            how = ", ".join(f"{use} {n:,}" if len(uses) > 1 else use for use, n in uses.most_common())
            parts.append(f"{count:,} {word}{'s' if count != 1 else ''} ({how})")
        lines.append(f"  {licence:<{width}}  " + "; ".join(parts))
    return lines


def _problems(report: ScanReport) -> list[str]:
    if not report.problems:
        return []
    counts = summary(report)
    incomplete = " (the scan is incomplete: these files could not be read)" if counts["errors"] else ""
    lines = ["", f"problems: {_count(counts['errors'], 'error')}, {_count(counts['warnings'], 'warning')}, "
                 f"{counts['skipped']} skipped{incomplete}"]
    lines += [f"  {p}" for p in report.problems if p.severity is not Severity.SKIPPED]
    skipped = [p for p in report.problems if p.severity is Severity.SKIPPED]
    lines += [f"  {p}" for p in skipped[:SHOWN_SKIPPED]]
    if len(skipped) > SHOWN_SKIPPED:
        lines.append(f"  ... and {len(skipped) - SHOWN_SKIPPED} more skipped (see --format json)")
    return lines


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"
