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
KEYS = ("outbound", "licensee", "purpose", "policy", "usage", "exclude", "exceptions", "date", "allow", "deny",
        "overrides", "terms", "unknown")
RULE_KEYS = ("path", "package", "ecosystem", "use", "modified")
EXCEPTION_KEYS = ("component", "path", "reason", "expires", "license")
OVERRIDE_KEYS = ("package", "version", "license", "reason")
#: `unknown:` keys: which unknown findings need not fail the scan, and the settings they take
UNKNOWN_KEYS = ("build-only", "lockfile-only")
UNKNOWN_SETTINGS = ("fail", "accept")
#: configuration files larger than this are refused (a configuration is a few kilobytes)
CONFIG_MAX_BYTES = 1024 * 1024
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

    license: str | None = None  # the licence the exception was accepted for; another one fails again

    @property
    def label(self) -> str:
        """What the exception covers, as written."""
        return self.component or self.path or "?"


@dataclass(frozen=True, slots=True)
class Override:
    """A package whose declared licence is wrong: the licence to use instead, and why."""

    package: str  # a name glob
    license: str
    reason: str
    version: str | None = None
    location: str = ""


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
    allow: tuple[str, ...] = ()  # licence ids or categories the project accepts (a policy written in place)
    deny: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    terms: tuple[str, ...] = ()  # the project's own terms files (absolute paths)
    unknown: tuple[tuple[str, str], ...] = ()  # (kind of unknown finding, fail | accept)
    allow_line: int | None = None
    deny_line: int | None = None

    def unknown_setting(self, kind: str) -> str:
        """How unknown findings of a kind count: `fail` (the default) or `accept`."""
        return dict(self.unknown).get(kind, "fail")


def _inside(root: Path, path: Path) -> bool:
    """Whether a root-level file is a regular file that is, or links to something, inside the root.

    Configuration obeys the rule of every scanned file: a link out of the root is not followed (the
    walk reports it), so its values never reach the report.
    """
    try:
        if not path.is_symlink():
            return path.is_file()
        target = path.resolve(strict=True)
        real_root = root.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return target.is_file() and (target == real_root or real_root in target.parents)


def find_config(root: Path) -> tuple[Path, Mapping[str, Any] | None] | None:
    """The configuration file of a project root, if any, with its `[tool.licensecheck]` table for TOML."""
    for name in CONFIG_NAMES:
        if _inside(root, root / name):
            return root / name, None
    pyproject = root / "pyproject.toml"
    if _inside(root, pyproject):
        try:
            data = tomllib.loads(_read(pyproject))
        except (InputError, tomllib.TOMLDecodeError, ValueError, RecursionError):
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
            except (ValueError, RecursionError):
                raise InputError(f"{explicit}: malformed TOML: an integer too long or nesting too deep") from None
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
    """A configuration file's text: a regular file (never a pipe or a device) of at most CONFIG_MAX_BYTES."""
    from licensecheck.files import read_text

    if not path.exists() and not path.is_symlink():
        raise InputError(f"{path}: no such configuration file")
    try:
        return read_text(path, str(path), max_bytes=CONFIG_MAX_BYTES)
    except InputError as exc:
        raise InputError(f"{path}: {exc.message}") from None


def _yaml_config(path: Path) -> Config:
    from licensecheck.yamlio import parse_yaml

    text = _read(path)
    node = parse_yaml(text, str(path), what="YAML")  # positioned InputError on any bad scalar
    data = node.plain() if node is not None else None
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
    allow, allow_line = _licence_list(data.get("allow"), "allow", path, text)
    deny, deny_line = _licence_list(data.get("deny"), "deny", path, text)
    if (allow or deny) and policy is not None:
        raise InputError(f"{path}: `allow`/`deny` are a policy written in place; they cannot be combined with "
                         f"`policy: {policy}` (write the rules into a policy file instead)")
    terms = data.get("terms") or []
    if isinstance(terms, str):
        terms = [terms]
    if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
        raise InputError(f"{path}: `terms` must be a list of terms files or folders, relative to the configuration")
    base = Path(path).parent
    unknown = data.get("unknown") or {}
    if not isinstance(unknown, Mapping):
        raise InputError(f"{path}: `unknown` must be a mapping such as `{{build-only: accept}}` "
                         f"(keys: {', '.join(UNKNOWN_KEYS)})")
    for key, value in unknown.items():
        if key not in UNKNOWN_KEYS:
            raise InputError(f"{path}: unknown key `{key}` in `unknown` (known: {', '.join(UNKNOWN_KEYS)})")
        if value not in UNKNOWN_SETTINGS:
            raise InputError(f"{path}: `unknown: {key}` must be one of {', '.join(UNKNOWN_SETTINGS)}, not `{value}`")
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
        allow=allow,
        deny=deny,
        overrides=tuple(_override(item, path, text) for item in _list(data.get("overrides"), "overrides", path)),
        terms=tuple(str((base / t.strip()).resolve()) if not Path(t.strip()).is_absolute() else t.strip()
                    for t in terms),
        unknown=tuple((str(k), str(v)) for k, v in unknown.items()),
        allow_line=allow_line,
        deny_line=deny_line,
    )


def _licence_list(value: Any, what: str, path: str, text: str) -> tuple[tuple[str, ...], int | None]:
    if value is None:
        return (), None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9.+:-]+", v.strip())
                                              for v in value):
        raise InputError(f"{path}: `{what}` must be a list of licence ids or categories (such as `MIT`, `permissive`)")
    match = re.search(rf"^\s*{what}\s*[:=]", text, re.MULTILINE)
    line = text.count("\n", 0, match.start()) + 1 if match else None
    return tuple(v.strip() for v in value), line


def _override(item: Mapping[str, Any], path: str, text: str) -> Override:
    for key in item:
        if key not in OVERRIDE_KEYS:
            raise InputError(f"{path}: unknown key `{key}` in an override (known: {', '.join(OVERRIDE_KEYS)})")
    package, license, reason = item.get("package"), item.get("license"), item.get("reason")
    if not isinstance(package, str) or not package.strip():
        raise InputError(f"{path}: an override needs `package` (a package name, globs allowed)")
    if not isinstance(license, str) or not license.strip():
        raise InputError(f"{path}: the override for `{package}` needs `license` (an SPDX expression)")
    if not isinstance(reason, str) or not reason.strip():
        raise InputError(f"{path}: the override for `{package}` needs a `reason` (why the declared licence is wrong)")
    version = item.get("version")
    line = _line(text, package)
    return Override(package.strip(), license.strip(), reason.strip(), None if version is None else str(version),
                    f"{path}:{line}" if line else path)


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
    pinned = item.get("license")
    if pinned is not None and (not isinstance(pinned, str) or not pinned.strip()):
        raise InputError(f"{path}: the exception for `{component or glob}`: `license` must be an SPDX expression")
    return ExceptionRule(reason.strip(), component, glob,
                         _date(expires, "`expires`", path) if expires is not None else None,
                         f"{path}:{line}" if line else path, pinned.strip() if isinstance(pinned, str) else None)


def _opt(value: Any) -> str | None:
    return str(value) if value is not None else None
