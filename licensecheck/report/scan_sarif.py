# SPDX-License-Identifier: Apache-2.0
"""SARIF 2.1.0 for `licensecheck scan --format sarif` (GitHub code scanning accepts it).

One rule per kind of outcome; one result per finding that is not compatible, at each place its
licence was declared (at most `MAX_LOCATIONS` per finding); accepted findings carry a suppression
with the reason; problems met while scanning are results of their own rule.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote

from licensecheck import __version__
from licensecheck.check.verdict import Verdict
from licensecheck.report.json import dumps
from licensecheck.report.scan_common import message, shown
from licensecheck.scan.model import Finding, Kind, ScanReport, Severity

MAX_LOCATIONS = 200
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

RULES: tuple[tuple[str, str, str, str], ...] = (
    ("LC001", "incompatible-licence", "error",
     "A component's licence does not allow this use under the project's outbound licence."),
    ("LC002", "unknown-licence", "warning",
     "The licence could not be decided: an unknown licence id, an unidentified licence text, no licence, "
     "or a question the licence library does not model."),
    ("LC003", "conditional-licence", "note",
     "The use is allowed only under conditions the project must meet (listed in the message)."),
    ("LC004", "expired-exception", "error", "An accepted exception in the project configuration has expired."),
    ("LC005", "scan-problem", "warning", "A file could not be read as expected (unreadable, malformed, not UTF-8)."),
)
_RULE_OF = {Verdict.INCOMPATIBLE: 0, Verdict.UNKNOWN: 1, Verdict.CONDITIONAL: 2}


def uri(path: str) -> str:
    """A relative path as a URI reference: its bytes (undecodable ones included) percent-encoded."""
    return quote(path.encode("utf-8", "surrogateescape"), safe="/") if path else "."


def _location(path: str, line: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"}}
    if line:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _results(finding: Finding, strict: bool) -> list[dict[str, Any]]:
    if finding.verdict is Verdict.COMPATIBLE:
        return []
    index = _RULE_OF[finding.verdict]
    if finding.component.kind is Kind.EXCEPTION:
        index = 3
    level = RULES[index][2]
    if strict and finding.verdict is Verdict.CONDITIONAL:
        level = "error"
    text = shown(message(finding))
    places = list(dict.fromkeys((d.location.path, d.location.line) for d in finding.component.declarations))
    if not places:
        places = [(".", None)]
    out = []
    for path, line in places[:MAX_LOCATIONS]:
        result: dict[str, Any] = {
            "ruleId": RULES[index][0], "ruleIndex": index, "level": level, "message": {"text": text},
            "locations": [_location(path, line)],
            "partialFingerprints": {"licensecheckFinding/v1": _fingerprint(RULES[index][0], finding.component.name,
                                                                          path, finding.component.use)},
        }
        if finding.accepted is not None:
            until = f" (until {finding.accepted.expires.isoformat()})" if finding.accepted.expires else ""
            result["suppressions"] = [{"kind": "external", "justification": finding.accepted.reason + until}]
        out.append(result)
    return out


def sarif_dict(report: ScanReport, strict: bool = False) -> dict[str, Any]:
    """The SARIF log as a mapping."""
    results: list[dict[str, Any]] = []
    for finding in report.findings:
        results += _results(finding, strict)
    for problem in report.problems:
        if problem.severity is Severity.SKIPPED:
            continue
        results.append({
            "ruleId": RULES[4][0], "ruleIndex": 4, "level": "error" if problem.severity is Severity.ERROR else "warning",
            "message": {"text": shown(f"{problem.where}: {problem.message}")},
            "locations": [_location(problem.path, problem.line)],
            "partialFingerprints": {"licensecheckFinding/v1": _fingerprint("LC005", problem.path, problem.message)},
        })
    rules = [{"id": rule_id, "name": name, "shortDescription": {"text": text},
              "fullDescription": {"text": text}, "defaultConfiguration": {"level": level},
              "helpUri": "https://spdx.org/licenses/", "help": {"text": text}}
             for rule_id, name, level, text in RULES]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "licensecheck", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/commons-licensecheck/",
                                "rules": rules}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def format_sarif(report: ScanReport, strict: bool = False) -> str:
    """The report as a SARIF 2.1.0 log."""
    return dumps(sarif_dict(report, strict))
