# SPDX-License-Identifier: Apache-2.0
"""Lockfiles read as data: the packages a project resolves to, and their licence where the lockfile has it.

package-lock.json / npm-shrinkwrap.json (v2 and v3 carry each package's `license` and `dev` flag; v1
names and versions), yarn.lock (v1 and Berry), pnpm-lock.yaml, composer.lock (licences), poetry.lock,
uv.lock, Cargo.lock, Gemfile.lock and go.mod. Most lockfiles do not say the licence: such a package
is listed with its name and version and `license` None, and the scan reports "licence not in the
lockfile" (unknown unless the configuration says how to treat it). A malformed lockfile raises
`ManifestError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from licensecheck.scan.manifests import ManifestError, encodable, load_json, load_toml

_SAFE_NAME = re.compile(r"^[A-Za-z0-9@][A-Za-z0-9@._/+~-]{0,213}$")


@dataclass(frozen=True, slots=True)
class Locked:
    """One resolved package: name, version, licence as written (None: not in the lockfile), build-only flag."""

    name: str
    version: str | None
    license: str | None
    dev: bool | None
    line: int | None


@dataclass(frozen=True, slots=True)
class Lockfile:
    """The packages of one lockfile, in the ecosystem it belongs to."""

    path: str
    ecosystem: str
    packages: tuple[Locked, ...]


class _Lines:
    """Line numbers of the keys a pattern captures, found in one pass over the lockfile (first occurrence)."""

    def __init__(self, text: str, pattern: str) -> None:
        self.lines: dict[str, int] = {}
        line, last = 1, 0
        for match in re.finditer(pattern, text, re.MULTILINE):
            line += text.count("\n", last, match.start())
            last = match.start()
            self.lines.setdefault(match.group(1), line)

    def of(self, key: str) -> int | None:
        return self.lines.get(key)


def _license_text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, list):
        items = [v.strip() for v in value if isinstance(v, str) and v.strip()]
        if items:
            return " OR ".join(f"({i})" if " " in i else i for i in items)  # composer: a choice
    if isinstance(value, Mapping) and isinstance(value.get("type"), str):
        return str(value["type"])
    return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def read_package_lock(path: str, text: str) -> Lockfile:
    """package-lock.json and npm-shrinkwrap.json, versions 1 to 3."""
    data = load_json(text)
    if not isinstance(data, Mapping):
        raise ManifestError("not a JSON object")
    lines = _Lines(text, r'^[ \t]*"([^"\n]+)"[ \t]*:[ \t]*\{')
    out: list[Locked] = []
    packages = data.get("packages")
    if isinstance(packages, Mapping):
        for key, entry in packages.items():
            if not key or not isinstance(entry, Mapping) or entry.get("link"):
                continue  # the root project, and links to workspace folders
            if "node_modules/" not in key:
                continue  # a workspace folder's own manifest
            name = _str(entry.get("name")) or key.rpartition("node_modules/")[2]
            dev = bool(entry.get("dev") or entry.get("devOptional"))
            out.append(Locked(name, _str(entry.get("version")), _license_text(entry.get("license")), dev,
                              lines.of(str(key))))
        return Lockfile(path, "npm", tuple(out))
    stack: list[tuple[Mapping[str, Any], int]] = [(data.get("dependencies") or {}, 0)]
    while stack:
        dependencies, depth = stack.pop()
        if not isinstance(dependencies, Mapping) or depth > 64:
            continue
        for name, entry in dependencies.items():
            if not isinstance(entry, Mapping):
                continue
            out.append(Locked(str(name), _str(entry.get("version")), None, bool(entry.get("dev")),
                              lines.of(str(name))))
            stack.append((entry.get("dependencies") or {}, depth + 1))
    return Lockfile(path, "npm", tuple(out))


def _split_spec(spec: str) -> str | None:
    """`@scope/name@^1.0`, `name@npm:1.0` -> the package name."""
    spec = spec.strip().strip('"').strip("'")
    at = spec.find("@", 1)
    name = spec[:at] if at > 0 else spec
    return name if _SAFE_NAME.match(name) else None


def read_yarn_lock(path: str, text: str) -> Lockfile:
    """yarn.lock, v1 (`version "1.0"`) and Berry (`version: 1.0`)."""
    out: list[Locked] = []
    current: tuple[str, int] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        if not line[0].isspace():
            current = None
            if line.rstrip().endswith(":") and not line.startswith("__metadata"):
                first = line.rstrip()[:-1].split(",")[0]
                name = _split_spec(first)
                if name is not None:
                    current = (name, number)
            continue
        stripped = line.strip()
        if current is not None and stripped.startswith("version"):
            version = stripped[len("version"):].lstrip(":").strip().strip('"')
            out.append(Locked(current[0], version or None, None, None, current[1]))
            current = None
    return Lockfile(path, "npm", tuple(_unique(out)))


def _unique(packages: list[Locked]) -> list[Locked]:
    seen: dict[tuple[str, str | None], Locked] = {}
    for package in packages:
        seen.setdefault((package.name, package.version), package)
    return list(seen.values())


def _pnpm_key(key: str) -> tuple[str, str | None] | None:
    """`/name@1.0.0`, `name@1.0.0(peer@2)`, `/@scope/name/1.0.0` (v5) -> (name, version)."""
    key = key.lstrip("/").split("(", 1)[0]
    at = key.find("@", 1)
    if at > 0:
        return key[:at], key[at + 1:] or None
    name, _, version = key.rpartition("/")
    return (name, version) if name else None


def read_pnpm_lock(path: str, text: str) -> Lockfile:
    """pnpm-lock.yaml, versions 5 to 9: `packages` (and `dev` flags where the lockfile has them)."""
    from licensecheck.errors import InputError
    from licensecheck.yamlio import parse_yaml

    try:
        node = parse_yaml(encodable(text), path, what="pnpm lockfile")
        data = node.plain() if node is not None else None
    except InputError as exc:
        where = f"line {exc.span.line}: " if exc.span is not None else ""
        raise ManifestError(f"{where}{exc.message}") from None
    if not isinstance(data, Mapping):
        raise ManifestError("not a YAML mapping")
    lines = _Lines(text, r"^[ \t]+['\"]?([^\s'\":][^'\"\n:]*)['\"]?:[ \t]*$")
    dev_only: set[str] = set()
    runtime: set[str] = set()
    importers = data.get("importers")
    for importer in (importers.values() if isinstance(importers, Mapping) else [data]):
        if isinstance(importer, Mapping):
            for key, into in (("devDependencies", dev_only), ("dependencies", runtime),
                              ("optionalDependencies", runtime)):
                section = importer.get(key)
                if isinstance(section, Mapping):
                    into.update(str(k) for k in section)
    out: list[Locked] = []
    packages = data.get("packages")
    for key, entry in (packages.items() if isinstance(packages, Mapping) else []):
        parsed = _pnpm_key(str(key))
        if parsed is None:
            continue
        name, version = parsed
        flag = entry.get("dev") if isinstance(entry, Mapping) else None
        dev = flag if isinstance(flag, bool) else (True if name in dev_only and name not in runtime else None)
        out.append(Locked(name, version, None, dev, lines.of(str(key))))
    return Lockfile(path, "npm", tuple(_unique(out)))


def read_composer_lock(path: str, text: str) -> Lockfile:
    """composer.lock: `packages` and `packages-dev`, each with its `license` list (a choice)."""
    data = load_json(text)
    if not isinstance(data, Mapping):
        raise ManifestError("not a JSON object")
    lines = _Lines(text, r'"name"[ \t]*:[ \t]*"([^"\n]+)"')
    out: list[Locked] = []
    for key, dev in (("packages", False), ("packages-dev", True)):
        items = data.get(key)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, Mapping) and _str(item.get("name")):
                name = str(item["name"])
                out.append(Locked(name, _str(item.get("version")), _license_text(item.get("license")), dev,
                                  lines.of(name)))
    return Lockfile(path, "composer", tuple(out))


def _toml_packages(path: str, text: str, ecosystem: str, dev_of: Callable[[Mapping[str, Any]], bool | None],
                   keep: Callable[[Mapping[str, Any]], bool] = lambda item: True) -> Lockfile:
    data = load_toml(text)
    lines = _Lines(text, r'^name[ \t]*=[ \t]*"([^"\n]+)"')
    out: list[Locked] = []
    items = data.get("package")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping) and _str(item.get("name")) and keep(item):
            name = str(item["name"])
            out.append(Locked(name, _str(item.get("version")), None, dev_of(item), lines.of(name)))
    return Lockfile(path, ecosystem, tuple(out))


def read_poetry_lock(path: str, text: str) -> Lockfile:
    """poetry.lock: `[[package]]` (older files say `category = "dev"`)."""
    return _toml_packages(path, text, "pypi", lambda item: item.get("category") == "dev" if "category" in item
                          else None)


def read_uv_lock(path: str, text: str) -> Lockfile:
    """uv.lock: `[[package]]`, without the project's own (editable or virtual) packages."""
    def keep(item: Mapping[str, Any]) -> bool:
        source = item.get("source")
        return not (isinstance(source, Mapping) and ("editable" in source or "virtual" in source))

    return _toml_packages(path, text, "pypi", lambda item: None, keep)


def read_cargo_lock(path: str, text: str) -> Lockfile:
    """Cargo.lock: `[[package]]` with a `source` (the workspace's own crates have none)."""
    return _toml_packages(path, text, "cargo", lambda item: None, lambda item: "source" in item)


def read_gemfile_lock(path: str, text: str) -> Lockfile:
    """Gemfile.lock: the `specs:` of each GEM section, `name (version)` at four spaces."""
    out: list[Locked] = []
    in_specs = False
    spec = re.compile(r"^    ([A-Za-z0-9_.-]+) \(([^)]*)\)\s*$")
    for number, line in enumerate(text.splitlines(), 1):
        if line and not line[0].isspace():
            in_specs = False
            continue
        if line.strip() == "specs:":
            in_specs = True
            continue
        if in_specs:
            match = spec.match(line)
            if match:
                out.append(Locked(match.group(1), match.group(2).split("-")[0] or None, None, None, number))
    return Lockfile(path, "gem", tuple(_unique(out)))


def read_go_mod(path: str, text: str) -> Lockfile:
    """go.mod: the `require` directives (Go pins every module version there); `// indirect` ones too."""
    out: list[Locked] = []
    in_block = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("//", 1)[0].strip()
        if in_block:
            if line == ")":
                in_block = False
                continue
            parts = line.split()
        elif line.startswith("require"):
            rest = line[len("require"):].strip()
            if rest == "(":
                in_block = True
                continue
            parts = rest.split()
        else:
            continue
        if len(parts) >= 2 and _SAFE_NAME.match(parts[0]):
            out.append(Locked(parts[0], parts[1], None, None, number))
    return Lockfile(path, "golang", tuple(out))


#: lockfile name -> reader
LOCKFILES: dict[str, Callable[[str, str], Lockfile]] = {
    "package-lock.json": read_package_lock,
    "npm-shrinkwrap.json": read_package_lock,
    "yarn.lock": read_yarn_lock,
    "pnpm-lock.yaml": read_pnpm_lock,
    "composer.lock": read_composer_lock,
    "poetry.lock": read_poetry_lock,
    "uv.lock": read_uv_lock,
    "Cargo.lock": read_cargo_lock,
    "Gemfile.lock": read_gemfile_lock,
    "go.mod": read_go_mod,
}
