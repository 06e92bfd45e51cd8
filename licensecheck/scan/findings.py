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
import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from licensecheck.api import check_question
from licensecheck.catalog import Catalog
from licensecheck.check.engine import Result
from licensecheck.check.verdict import WORSE, Reason, Verdict
from licensecheck.errors import InputError, LicenseCheckError
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

_FILE_SOURCES = frozenset({Source.TAG, Source.SIDECAR, Source.REUSE_TOML, Source.DEP5})
_IDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+:-]*")
_OPERATORS = frozenset({"and", "or", "with"})
#: the policy written in place by `allow`/`deny`; its rules apply to every use but `publish`
CONFIG_POLICY = "project-allow-deny"
NO_OUTBOUND = ("no outbound licence: the project declares none (a `license` in its manifest or one licence file "
               "at its root); set `outbound` in .licensecheck.yaml")


def combine(expressions: Iterable[str]) -> str:
    """Several expressions that all apply, as one (`A AND (B OR C)`)."""
    items = list(dict.fromkeys(expressions))
    if len(items) == 1:
        return items[0]
    return " AND ".join(f"({e})" if " " in e.strip() else e for e in items)


def licence_ids(expression: str) -> frozenset[str]:
    """The licence and exception ids an expression names, lower-cased."""
    return frozenset(t.lower() for t in _IDS.findall(expression) if t.lower() not in _OPERATORS)


def _conjuncts(expression: str) -> list[str]:
    """The top-level AND operands of an expression (`A AND (B OR C)` -> [A, B OR C])."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for token in re.findall(r"\(|\)|[^\s()]+", expression):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        if depth == 0 and token.lower() == "and":
            parts.append(" ".join(current))
            current = []
            continue
        current.append(token)
    parts.append(" ".join(current))
    return [p.replace("( ", "(").replace(" )", ")") for p in parts if p]


def licence_set(inventory: Inventory) -> tuple[list[str], str | None]:
    """The licences of the project's parts, when it declares several, and where they are declared.

    A PEP 639 (or any manifest) expression whose top level is an AND of several licences, several
    texts in a REUSE `LICENSES/` folder, or several different licence texts at the root. One licence
    for the whole project gives an empty list (it is then the outbound licence of everything).
    """
    manifests = [d for d in inventory.project.declared if d.source is Source.MANIFEST and d.expression]
    if manifests:
        members = _conjuncts(manifests[0].expression)
        return (members, str(manifests[0].location)) if len(members) > 1 else ([], None)
    reuse = sorted({f.declarations[0].expression for f in inventory.files
                    if f.path.startswith("LICENSES/") and f.declarations})
    if len(reuse) > 1:
        return reuse, "LICENSES/"
    texts = list(dict.fromkeys(d.expression for d in inventory.project.declared
                               if d.source is Source.LICENSE_FILE and d.expression))
    if len(texts) > 1:
        return texts, ", ".join(str(d.location) for d in inventory.project.declared
                                if d.source is Source.LICENSE_FILE)
    return [], None


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
    members, where = licence_set(inventory)
    if members:
        return combine(members), where, problems
    declared = list(dict.fromkeys(d.expression for d in inventory.project.declared if d.expression))
    manifests = [d for d in inventory.project.declared if d.source is Source.MANIFEST]
    chosen = manifests[0] if manifests else None
    if chosen is None:
        files = [d for d in inventory.project.declared if d.source is Source.LICENSE_FILE]
        if len({d.expression for d in files}) == 1:
            chosen = files[0]
    if chosen is None:
        return None, None, problems
    try:
        parser.parse(chosen.expression)
    except InputError as exc:
        problems.append(Problem(chosen.location.path, f"the project's licence is not usable: {exc.message}",
                                Severity.WARNING, chosen.location.line))
        return None, None, problems
    if len(declared) > 1:
        problems.append(Problem(chosen.location.path, "the project declares different licences: "
                                + ", ".join(declared) + f"; `{chosen.expression}` is taken", Severity.WARNING,
                                chosen.location.line))
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

    def __init__(self, catalog: Catalog, config: Config, policy: str | None, today: dt.date) -> None:
        self.catalog = catalog
        self.config = config
        self.policy = policy
        self.today = today
        self.parse = parser_for(catalog).parse
        self.memo: dict[tuple[str | None, str, bool | None, str | None], Result] = {}

    def result(self, component: Component, outbound: str | None) -> Result:
        if component.expression is None:
            return self._guarded(component, outbound)
        key = (component.expression, component.use, component.modified, outbound)
        if key not in self.memo:
            self.memo[key] = self._guarded(component, outbound)
        return self.memo[key]

    def _guarded(self, component: Component, outbound: str | None) -> Result:
        """The answer; a question the checker fails on is `unknown` for this component, never the scan lost."""
        try:
            return self._answer(component, outbound)
        except LicenseCheckError as exc:
            return Result(Verdict.UNKNOWN, errors=(exc.message,))
        except RecursionError:
            return Result(Verdict.UNKNOWN, errors=("the expression is nested too deeply to be checked",))
        except Exception as exc:  # a checker bug must not hide every other finding; it is reported as such
            return Result(Verdict.UNKNOWN, errors=(
                f"the checker could not answer this question ({exc.__class__.__name__}); please report it",))

    def _answer(self, component: Component, outbound: str | None) -> Result:
        outbound = outbound if needs_outbound(component.use) else None
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
                            purposes=self.config.purposes, modified=component.modified, policy=self.policy,
                            date=self.config.date or self.today)
        return check_question(question, self.catalog, self.today)


def _matches(rule: ExceptionRule, component: Component) -> bool:
    if rule.component is not None:
        pattern = rule.component.lower()
        return any(fnmatch.fnmatchcase(name.lower(), pattern) for name in (component.name, component.label))
    test = compile_globs([rule.path or ""])
    paths = component.paths or tuple(d.location.path for d in component.declarations)
    return bool(paths) and all(test(p) for p in paths)


def _split_location(location: str) -> tuple[str, int | None]:
    path, _, line = location.rpartition(":")
    return (path, int(line)) if path and line.isdigit() else (location, None)


def _override(config: Config, component: Component) -> Component:
    """A package with the licence the configuration puts in place of its declared one."""
    if component.kind is not Kind.PACKAGE:
        return component
    for rule in config.overrides:
        if not fnmatch.fnmatchcase(component.name.lower(), rule.package.lower()):
            continue
        if rule.version is not None and rule.version != component.version:
            continue
        path, line = _split_location(rule.location)
        declared = component.expression or (component.declarations[0].expression if component.declarations else "")
        note = f"licence overridden by the configuration (declared: `{declared or 'none'}`): {rule.reason}"
        return replace(component, expression=rule.license, note=note, overridden=rule.reason, lockfile_only=False,
                       declarations=(*component.declarations, Declaration(rule.license, Location(path, line),
                                                                          Source.MANIFEST)))
    return component


def allow_deny_policy(config: Config, catalog: Catalog) -> Catalog:
    """The catalog with the policy that `allow`/`deny` write in place (the checker applies it like any policy)."""
    from licensecheck.library import with_documents
    from licensecheck.syntax.parser import parse_document

    categories = {c for d in catalog.documents.values() for c in d.fields("categories")}

    def selectors(items: tuple[str, ...]) -> str:
        return ", ".join(f"category {i}" if i in categories else i for i in items)

    uses = ", ".join(u for u in catalog.vocabulary.uses if u != "publish")
    where = config.path or "configuration"
    lines = [f"policy {CONFIG_POLICY}", f'name: "allow and deny lists of {where}"']
    if config.deny:
        lines.append(f'[deny] §"deny": deny {selectors(config.deny)} in {uses} because "listed under `deny` in '
                     f'{where}:{config.deny_line or 1}".')
    if config.allow:
        lines.append(f'[allow] §"allow": allow {selectors(config.allow)} in {uses} because "listed under `allow` in '
                     f'{where}:{config.allow_line or 1}".')
        lines.append(f'[not-allowed] §"allow": deny any license in {uses} because "not listed under `allow` in '
                     f'{where}:{config.allow_line or 1}".')
    document = parse_document("\n".join(lines) + "\n", f"{where} (allow/deny)")
    return with_documents([*catalog.documents.values(), *catalog.policies.values(), document])


def evaluate(inventory: Inventory, config: Config, catalog: Catalog, today: dt.date | None = None) -> ScanReport:
    """Check every component of an inventory against the project and build the report."""
    today = config.date or today or dt.date.today()
    policy = config.policy
    if config.policy is not None and catalog.policy(config.policy) is None:
        known = ", ".join(sorted(catalog.policies)) or "none"
        raise InputError(f"{config.path}: unknown policy `{config.policy}` (known: {known})")
    if config.allow or config.deny:
        catalog = allow_deny_policy(config, catalog)
        policy = CONFIG_POLICY
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
    components += [_override(config, c) for c in inventory.components]
    members = licence_set(inventory)[0] if config.outbound is None else []
    covered = frozenset().union(*(licence_ids(m) for m in members)) if members else frozenset()
    code = [c.expression for c in components if c.kind is Kind.FILES and c.use == "static-link" and c.expression
            and licence_ids(c.expression) <= covered]
    code_outbound = combine(code) if members and code else outbound

    def outbound_for(component: Component) -> str | None:
        """One licence for the whole project: it. A licence set: a part's own licence, else the code's."""
        if not members or component.kind is Kind.PROJECT:
            return outbound
        if component.kind is Kind.FILES and component.expression and licence_ids(component.expression) <= covered:
            return component.expression
        return code_outbound

    checker = _Checker(catalog, config, policy, today)
    used: set[int] = set()
    findings: list[Finding] = []
    for component in components:
        rule_index = next((i for i, r in live if _matches(r, component)), None)
        accepted = None
        if rule_index is not None and component.kind is not Kind.PROJECT:
            rule = config.exceptions[rule_index]
            used.add(rule_index)
            if rule.license is not None and licence_ids(rule.license) != licence_ids(component.expression or ""):
                component = replace(component, note=(f"{component.note}; " if component.note else "") +
                                    f"the exception at {rule.location} was accepted for `{rule.license}`, not "
                                    f"`{component.expression or 'no licence'}`: it no longer applies")
            else:
                accepted = AcceptedException(rule.label, rule.reason, rule.expires)
        result = checker.result(component, outbound_for(component))
        if accepted is None and result.verdict is Verdict.UNKNOWN:
            accepted = _unknown_accepted(config, component)
        findings.append(Finding(component, result, outbound_for(component), accepted))
    findings += _expired(config, today)
    for index, rule in live:
        if index not in used:
            path, line = _split_location(rule.location)
            problems.append(Problem(path, f"the exception for `{rule.label}` matches no component",
                                    Severity.WARNING, line))
    findings.sort(key=lambda f: (-WORSE[f.verdict], f.accepted is not None, f.component.kind.value,
                                 f.component.name.lower()))
    return ScanReport(inventory.root, outbound, outbound_source, config.licensee, config.policy, tuple(findings),
                      inventory.files, inventory.problems + tuple(problems), config.path, inventory.files_scanned,
                      today)


def _unknown_accepted(config: Config, component: Component) -> AcceptedException | None:
    """An unknown finding the configuration's `unknown:` setting says not to fail on."""
    where = config.path or "configuration"
    if component.lockfile_only and config.unknown_setting("lockfile-only") == "accept":
        return AcceptedException(component.label, f"`unknown: lockfile-only: accept` in {where}")
    if component.use == "build-tool" and config.unknown_setting("build-only") == "accept":
        return AcceptedException(component.label, f"`unknown: build-only: accept` in {where}")
    return None


def _expired(config: Config, today: dt.date) -> list[Finding]:
    out = []
    for rule in config.exceptions:
        if rule.expires is None or rule.expires >= today:
            continue
        path, line = _split_location(rule.location)
        location = Location(path, line)
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
