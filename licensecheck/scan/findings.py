# SPDX-License-Identifier: Apache-2.0
"""From an inventory to findings: one question per component, answered by the checker.

The project is the licensee of the configuration (spec section 3) and distributes under its
outbound licence (the configured one, else the one it declares). Each component is asked
"may the project put this licence to this use under the outbound licence?". Identical questions
are answered once. Accepted exceptions keep the verdict but take the finding out of the exit code;
an expired exception is itself an `incompatible` finding.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Callable, Iterable
from dataclasses import replace

from licensecheck.api import check_question
from licensecheck.catalog import Catalog
from licensecheck.check.engine import Result
from licensecheck.check.verdict import WORSE, Reason, Verdict
from licensecheck.errors import InputError
from licensecheck.question import Question, needs_outbound
from licensecheck.scan.config import Config, ExceptionRule
from licensecheck.scan.globs import compile_globs
from licensecheck.scan.model import (
    AcceptedException,
    Component,
    Declaration,
    FileLicensing,
    Finding,
    Inventory,
    Kind,
    Location,
    Problem,
    ScanReport,
    Severity,
    Source,
)
from licensecheck.scan.usage import Usage
from licensecheck.syntax.expression import parser_for

_FILE_SOURCES = frozenset({Source.TAG, Source.SIDECAR, Source.REUSE_TOML})
NO_OUTBOUND = ("no outbound licence: the project declares none (a `license` in its manifest or one licence file "
               "at its root); set `outbound` in .licensecheck.yaml")


def combine(expressions: Iterable[str]) -> str:
    """Several expressions that all apply, as one (`A AND (B OR C)`)."""
    items = list(dict.fromkeys(expressions))
    if len(items) == 1:
        return items[0]
    return " AND ".join(f"({e})" if " " in e.strip() else e for e in items)


def outbound_of(inventory: Inventory, config: Config, catalog: Catalog) -> tuple[str | None, str | None,
                                                                                 list[Problem]]:
    """The project's outbound licence and where it comes from; a bad configured one is an InputError."""
    parser = parser_for(catalog)
    if config.outbound is not None:
        try:
            parser.parse(config.outbound)
        except InputError as exc:
            raise InputError(f"{config.path}: `outbound`: {exc.message}") from None
        return config.outbound, config.path, []
    problems: list[Problem] = []
    declared = list(dict.fromkeys(d.expression for d in inventory.project.declared if d.expression))
    manifests = [d for d in inventory.project.declared if d.source is Source.MANIFEST]
    chosen = manifests[0] if manifests else None
    if chosen is None:
        files = [d for d in inventory.project.declared if d.source is Source.LICENSE_FILE]
        if len({d.expression for d in files}) == 1:
            chosen = files[0]
        elif files:
            problems.append(Problem(".", "several licence texts at the root (" + ", ".join(
                sorted({d.expression for d in files})) + "); set `outbound` in .licensecheck.yaml", Severity.WARNING))
    if chosen is None:
        return None, None, problems
    try:
        parser.parse(chosen.expression)
    except InputError as exc:
        problems.append(Problem(chosen.location.path, f"the project's licence is not usable: {exc.message}",
                                Severity.WARNING))
        return None, None, problems
    if len(declared) > 1:
        problems.append(Problem(str(chosen.location), "the project declares different licences: "
                                + ", ".join(declared) + f"; `{chosen.expression}` is taken", Severity.WARNING))
    return chosen.expression, str(chosen.location), problems


def file_components(files: Iterable[FileLicensing], usage: Usage,
                    accepted_path: Callable[[str], int | None]) -> list[Component]:
    """Files of the tree grouped by licence, use and accepted exception: one component per group."""
    groups: dict[tuple[str, str, bool | None, int | None], list[FileLicensing]] = {}
    for item in files:
        declarations = item.declarations
        if len(declarations) == 1:
            if declarations[0].source not in _FILE_SOURCES:
                continue
            expression = declarations[0].expression
        else:
            own = tuple(d for d in declarations if d.source in _FILE_SOURCES)
            if not own:
                continue
            if len(own) != len(declarations):
                item = replace(item, declarations=own)
            expression = combine(d.expression for d in own)
        how = usage.for_file(item.path)
        key = (expression, how.use, how.modified, accepted_path(item.path))
        groups.setdefault(key, []).append(item)
    out = []
    for (expression, use, modified, _), members in groups.items():
        out.append(Component(Kind.FILES, expression, expression, use,
                             tuple(d for m in members for d in m.declarations),
                             paths=tuple(m.path for m in members), modified=modified))
    return out


class _Checker:
    """Answers questions for one scan, each distinct question once."""

    def __init__(self, catalog: Catalog, config: Config, outbound: str | None, today: dt.date) -> None:
        self.catalog = catalog
        self.config = config
        self.outbound = outbound
        self.today = today
        self.parse = parser_for(catalog).parse
        self.memo: dict[tuple[str | None, str, bool | None], Result] = {}

    def result(self, component: Component) -> Result:
        if component.expression is None:
            return self._answer(component)
        key = (component.expression, component.use, component.modified)
        if key not in self.memo:
            self.memo[key] = self._answer(component)
        return self.memo[key]

    def _answer(self, component: Component) -> Result:
        outbound = self.outbound if needs_outbound(component.use) else None
        if component.use == "publish":
            if outbound is None:
                return Result(Verdict.UNKNOWN, errors=(NO_OUTBOUND,))
            inbound = None
        else:
            if component.expression is None:
                return Result(Verdict.UNKNOWN, errors=(component.note or "no licence found",))
            try:
                self.parse(component.expression)
            except InputError as exc:
                return Result(Verdict.UNKNOWN, errors=(exc.message,))
            inbound = component.expression
        question = Question(use=component.use, inbound=inbound, outbound=outbound, licensee=self.config.licensee,
                            purposes=self.config.purposes, modified=component.modified, policy=self.config.policy,
                            date=self.config.date or self.today)
        return check_question(question, self.catalog, self.today)


def _matches(rule: ExceptionRule, component: Component) -> bool:
    if rule.component is not None:
        pattern = rule.component.lower()
        return any(fnmatch.fnmatchcase(name.lower(), pattern) for name in (component.name, component.label))
    test = compile_globs([rule.path or ""])
    paths = component.paths or tuple(d.location.path for d in component.declarations)
    return bool(paths) and all(test(p) for p in paths)


def evaluate(inventory: Inventory, config: Config, catalog: Catalog, today: dt.date | None = None) -> ScanReport:
    """Check every component of an inventory against the project and build the report."""
    today = config.date or today or dt.date.today()
    if config.policy is not None and catalog.policy(config.policy) is None:
        known = ", ".join(sorted(catalog.policies)) or "none"
        raise InputError(f"{config.path}: unknown policy `{config.policy}` (known: {known})")
    outbound, outbound_source, problems = outbound_of(inventory, config, catalog)
    usage = Usage(config)
    live = [(i, r) for i, r in enumerate(config.exceptions) if r.expires is None or r.expires >= today]
    path_rules = [(i, compile_globs([r.path])) for i, r in live if r.path is not None]

    def accepted_path(path: str) -> int | None:
        return next((i for i, test in path_rules if test(path)), None)

    name = inventory.project.name or os.path.basename(os.path.abspath(inventory.root)) or "project"
    components = [Component(Kind.PROJECT, name, None, "publish",
                            tuple(d for d in inventory.project.declared))]
    components += file_components(inventory.files, usage, accepted_path)
    components += inventory.components
    checker = _Checker(catalog, config, outbound, today)
    used: set[int] = set()
    findings: list[Finding] = []
    for component in components:
        rule_index = next((i for i, r in live if _matches(r, component)), None)
        accepted = None
        if rule_index is not None and component.kind is not Kind.PROJECT:
            rule = config.exceptions[rule_index]
            used.add(rule_index)
            accepted = AcceptedException(rule.label, rule.reason, rule.expires)
        findings.append(Finding(component, checker.result(component), outbound, accepted))
    findings += _expired(config, today)
    for index, rule in live:
        if index not in used:
            problems.append(Problem(rule.location, f"the exception for `{rule.label}` matches no component",
                                    Severity.WARNING))
    findings.sort(key=lambda f: (-WORSE[f.verdict], f.accepted is not None, f.component.kind.value,
                                 f.component.name.lower()))
    return ScanReport(inventory.root, outbound, outbound_source, config.licensee, config.policy, tuple(findings),
                      inventory.files, inventory.problems + tuple(problems), config.path, inventory.files_scanned,
                      today)


def _expired(config: Config, today: dt.date) -> list[Finding]:
    out = []
    for rule in config.exceptions:
        if rule.expires is None or rule.expires >= today:
            continue
        path, _, line = rule.location.rpartition(":")
        location = Location(path, int(line)) if line.isdigit() else Location(rule.location)
        reason = Reason(license=config.path or "configuration", clause="exceptions", location=rule.location,
                        text=rule.reason, note=f"this accepted exception expired on {rule.expires.isoformat()}")
        result = Result(Verdict.INCOMPATIBLE, conditions=(
            f"renew or remove the exception for `{rule.label}` (expired {rule.expires.isoformat()})",),
            reasons=(reason,))
        component = Component(Kind.EXCEPTION, f"exception for {rule.label}", None, "publish",
                              (Declaration("", location, Source.MANIFEST),),
                              note="an accepted exception has expired")
        out.append(Finding(component, result, config.outbound))
    return out


def worst(report: ScanReport) -> Verdict:
    """The verdict that sets the exit code: the worst finding not covered by an accepted exception."""
    verdicts = [f.verdict for f in report.gating()]
    return max(verdicts, key=WORSE.__getitem__) if verdicts else Verdict.COMPATIBLE
