# SPDX-License-Identifier: Apache-2.0
"""Wording shared by the scan formatters: a finding's headline, where it was declared, the message."""

from __future__ import annotations

from licensecheck.check.verdict import Verdict
from licensecheck.question import needs_outbound
from licensecheck.scan.model import Finding, Kind


def shown(text: str) -> str:
    """Text from the scanned tree made safe to print: every character that is not printable is escaped.

    File names and tag values come from the tree as they are: a newline, a carriage return or an ANSI
    escape sequence in a name would otherwise reach the terminal or break a line-based format, and a
    name that is not valid UTF-8 (held with lone surrogates) cannot be written at all. They become
    `\\n`, `\\r`, `\\x1b`, `\\xff` (an undecodable byte) or `\\u200b`, the same in every format.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable():
            out.append(char)
            continue
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char])
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def shown_lines(lines: list[str]) -> str:
    """Lines joined by newlines, each made safe with `shown`, with a final newline."""
    return "\n".join(shown(line) for line in lines) + "\n"


#: order in which reports list verdicts: what fails first
ORDER = (Verdict.INCOMPATIBLE, Verdict.UNKNOWN, Verdict.CONDITIONAL, Verdict.COMPATIBLE)


def subject(finding: Finding) -> str:
    """What the finding is about: `requests 2.31 (Apache-2.0)`, `3 files under GPL-2.0-only`."""
    component = finding.component
    if component.kind is Kind.FILES:
        count = len(component.paths)
        return f"{count} file{'s' if count != 1 else ''} under {component.expression}"
    if component.kind is Kind.PROJECT:
        return f"project {component.name}"
    if component.kind is Kind.EXCEPTION:
        return component.name
    licence = component.expression or (component.declarations[0].expression if component.declarations else "")
    kind = "licence file" if component.kind is Kind.LICENSE_FILE else "package"
    return f"{kind} {component.label}" + (f" ({licence})" if licence else "")


def question(finding: Finding) -> str:
    """The question asked: `static-link into MIT`, `build-tool`, `publish under MIT`."""
    use = finding.component.use
    if finding.component.modified:
        use += " (modified)"
    if finding.component.kind is Kind.EXCEPTION:
        return "accepted exception"
    if finding.component.kind is Kind.PROJECT:
        return f"publish under {finding.outbound}" if finding.outbound else "publish"
    if needs_outbound(finding.component.use):
        return f"{use} into {finding.outbound}" if finding.outbound else f"{use} (no outbound licence)"
    return use


def locations(finding: Finding, limit: int | None = None) -> list[str]:
    """Where the licence was declared, `path:line`, the first `limit` of them."""
    out = list(dict.fromkeys(str(d.location) for d in finding.component.declarations))
    return out if limit is None else out[:limit]


def message(finding: Finding) -> str:
    """One line: verdict, subject, question, and the first condition or error."""
    text = f"{finding.verdict.value}: {subject(finding)}, {question(finding)}"
    result = finding.result
    detail = (result.errors[:1] or result.conditions[:1] or
              tuple(f"{r.license} [{r.clause}] at {r.location}" for r in result.reasons[:1]))
    if detail:
        text += f" - {detail[0]}"
    if finding.component.note and finding.verdict is not Verdict.COMPATIBLE and finding.component.note not in text:
        text += f" ({finding.component.note})"
    return text
