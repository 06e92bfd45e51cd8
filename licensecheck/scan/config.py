# SPDX-License-Identifier: Apache-2.0
"""Project configuration: `.licensecheck.yaml` or `[tool.licensecheck]` in pyproject.toml.

Read once at the edge into a frozen `Config`; every mistake is an `InputError` naming the file.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licensecheck.errors import InputError
from licensecheck.question import Licensee, licensee_from, shipped_vocabulary
from licensecheck.source import Span

CONFIG_NAMES = (".licensecheck.yaml", ".licensecheck.yml")
KEYS = ("outbound", "licensee", "purpose", "policy", "usage", "exclude", "exceptions", "date")
RULE_KEYS = ("path", "package", "ecosystem", "use", "modified")
EXCEPTION_KEYS = ("component", "path", "reason", "expires")
ECOSYSTEMS = ("pypi", "npm", "cargo", "composer", "maven", "golang", "gem", "nuget", "files")


@dataclass(frozen=True, slots=True)
class UsageRule:
    """How the components a rule matches are used: by path glob, package name glob or ecosystem."""

    use: str
    path: str | None = None
    package: str | None = None
    ecosystem: str | None = None
    modified: bool | None = None


@dataclass(frozen=True, slots=True)
class ExceptionRule:
    """A finding the project accepts: the component (name glob) or path glob, why, and until when."""

    reason: str
    component: str | None = None
    path: str | None = None
    expires: dt.date | None = None
    location: str = ""

    @property
    def label(self) -> str:
        """What the exception covers, as written."""
        return self.component or self.path or "?"


@dataclass(frozen=True, slots=True)
class Config:
    """The project: its outbound licence, who it is, how components are used, what it accepts."""

    path: str | None = None
    outbound: str | None = None
    licensee: Licensee = field(default_factory=Licensee)
    purposes: tuple[str, ...] | None = None
    policy: str | None = None
    usage: tuple[UsageRule, ...] = ()
    exclude: tuple[str, ...] = ()
    exceptions: tuple[ExceptionRule, ...] = ()
    date: dt.date | None = None


def find_config(root: Path) -> tuple[Path, Mapping[str, Any] | None] | None:
    """The configuration file of a project root, if any, with its `[tool.licensecheck]` table for TOML."""
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name, None
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None  # the manifest reader reports a malformed pyproject.toml
        table = data.get("tool", {}).get("licensecheck") if isinstance(data.get("tool"), Mapping) else None
        if isinstance(table, Mapping):
            return pyproject, table
    return None


def load_config(root: Path, explicit: Path | None = None) -> Config:
    """The configuration given with --config, else the one found at the root, else defaults."""
    if explicit is not None:
        if explicit.name == "pyproject.toml":
            text = _read(explicit)
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise InputError(f"{explicit}: malformed TOML: {exc}") from None
            tool = data.get("tool")
            table = tool.get("licensecheck") if isinstance(tool, Mapping) else None
            return config_from(table if isinstance(table, Mapping) else {}, str(explicit), text)
        return _yaml_config(explicit)
    found = find_config(root)
    if found is None:
        return Config()
    path, table = found
    if table is not None:
        return config_from(table, str(path), _read(path))
    return _yaml_config(path)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such configuration file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _yaml_config(path: Path) -> Config:
    import yaml

    text = _read(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{path}{where}: malformed YAML: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InputError(f"{path}: the configuration must be a mapping of keys such as `outbound` and `usage`")
    return config_from(data, str(path), text)


def _line(text: str, value: str) -> int | None:
    match = re.search(re.escape(value), text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _date(value: Any, what: str, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{where}: {what} must be an ISO date such as 2027-01-01, not `{value}`") from None


def config_from(data: Mapping[str, Any], path: str, text: str = "") -> Config:
    """A `Config` from the mapping of a configuration file; unknown keys are errors."""
    for key in data:
        if key not in KEYS:
            raise InputError(f"{path}: unknown key `{key}` (known: {', '.join(KEYS)})")
    outbound = data.get("outbound")
    if outbound is not None and (not isinstance(outbound, str) or not outbound.strip()):
        raise InputError(f"{path}: `outbound` must be an SPDX expression such as `MIT`")
    try:
        licensee = licensee_from(data.get("licensee"), Span(path, _line(text, "licensee") or 1, 1))
    except InputError as exc:
        raise InputError(f"{path}: {exc.message}") from None
    purposes = data.get("purpose")
    purpose_tuple: tuple[str, ...] | None = None
    if purposes is not None:
        if isinstance(purposes, str):
            purposes = [purposes]
        known = shipped_vocabulary().purposes
        if not isinstance(purposes, list) or any(str(p) not in known for p in purposes):
            raise InputError(f"{path}: `purpose` must be a list of purpose tags ({', '.join(known)})")
        purpose_tuple = tuple(sorted({str(p) for p in purposes}))
    policy = data.get("policy")
    exclude = data.get("exclude") or []
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
        raise InputError(f"{path}: `exclude` must be a list of path globs")
    return Config(
        path=path,
        outbound=outbound.strip() if isinstance(outbound, str) else None,
        licensee=licensee,
        purposes=purpose_tuple,
        policy=str(policy) if policy is not None else None,
        usage=tuple(_rule(item, path) for item in _list(data.get("usage"), "usage", path)),
        exclude=tuple(exclude),
        exceptions=tuple(_exception(item, path, text) for item in _list(data.get("exceptions"), "exceptions", path)),
        date=_date(data["date"], "`date`", path) if data.get("date") is not None else None,
    )


def _list(value: Any, what: str, path: str) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise InputError(f"{path}: `{what}` must be a list of mappings")
    return value


def _rule(item: Mapping[str, Any], path: str) -> UsageRule:
    for key in item:
        if key not in RULE_KEYS:
            raise InputError(f"{path}: unknown key `{key}` in a usage rule (known: {', '.join(RULE_KEYS)})")
    use = item.get("use")
    uses = shipped_vocabulary().uses
    if use not in uses:
        raise InputError(f"{path}: usage rule needs `use`, one of {', '.join(uses)} (got `{use}`)")
    if sum(item.get(k) is not None for k in ("path", "package", "ecosystem")) != 1:
        raise InputError(f"{path}: a usage rule names exactly one of `path`, `package`, `ecosystem`")
    ecosystem = item.get("ecosystem")
    if ecosystem is not None and ecosystem not in ECOSYSTEMS:
        raise InputError(f"{path}: unknown ecosystem `{ecosystem}` (known: {', '.join(ECOSYSTEMS)})")
    modified = item.get("modified")
    if modified is not None and not isinstance(modified, bool):
        raise InputError(f"{path}: `modified` must be true or false")
    return UsageRule(str(use), _opt(item.get("path")), _opt(item.get("package")), _opt(ecosystem), modified)


def _exception(item: Mapping[str, Any], path: str, text: str) -> ExceptionRule:
    for key in item:
        if key not in EXCEPTION_KEYS:
            raise InputError(f"{path}: unknown key `{key}` in an exception (known: {', '.join(EXCEPTION_KEYS)})")
    component, glob = _opt(item.get("component")), _opt(item.get("path"))
    if (component is None) == (glob is None):
        raise InputError(f"{path}: an exception names exactly one of `component` or `path`")
    reason = item.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise InputError(f"{path}: the exception for `{component or glob}` needs a `reason`")
    expires = item.get("expires")
    line = _line(text, str(component or glob))
    return ExceptionRule(reason.strip(), component, glob,
                         _date(expires, "`expires`", path) if expires is not None else None,
                         f"{path}:{line}" if line else path)


def _opt(value: Any) -> str | None:
    return str(value) if value is not None else None
