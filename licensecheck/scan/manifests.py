# SPDX-License-Identifier: Apache-2.0
"""Package manifests read as data, never executed: the licence each declares and its dependencies.

Readers: pyproject.toml (PEP 621, PEP 639 `license` expressions, Poetry), setup.cfg, package.json,
Cargo.toml, composer.json, pom.xml; installed dependencies from a virtual environment's
`*.dist-info/METADATA` and `node_modules/*/package.json`. A malformed manifest raises
`ManifestError` with one line naming the file; the scan reports it and goes on.
"""

from __future__ import annotations

import configparser
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email.parser import HeaderParser
from typing import Any
from xml.etree import ElementTree

from licensecheck.scan.names import from_classifiers, to_expression

MANIFEST_BYTES = 16 * 1024 * 1024  # larger manifests are reported and skipped


class ManifestError(Exception):
    """A manifest that cannot be read as its format."""


@dataclass(frozen=True, slots=True)
class Declared:
    """A licence string as written in a manifest, its line, and the SPDX expression it stands for."""

    raw: str
    line: int | None
    expression: str | None


@dataclass(frozen=True, slots=True)
class Manifest:
    """What one manifest declares."""

    path: str
    ecosystem: str
    name: str | None
    version: str | None
    licenses: tuple[Declared, ...]
    dependencies: tuple[tuple[str, str], ...] = ()  # (normalised name, "runtime" | "dev")
    requires: tuple[str, ...] = ()  # for installed packages: normalised names they need at run time
    license_file: str | None = None  # a licence file the manifest points to
    license_files: tuple[str, ...] = ()  # METADATA `License-File` entries
    license_text: str | None = None  # a METADATA `License` field holding a whole licence text
    identified_from: str | None = None  # the licence file (path:line) the licence was identified from
    unidentified: str | None = None  # licence files that were read but not identified, with their closest match


def normalise_name(ecosystem: str, name: str) -> str:
    """A package name as its registry compares them (PEP 503 for Python, lower case elsewhere)."""
    if ecosystem == "pypi":
        return re.sub(r"[-_.]+", "-", name).lower()
    return name.lower()


def line_of(text: str, pattern: str, start: int = 0) -> int | None:
    """The line (from 1) of the first match of a regex in text, or None."""
    match = re.compile(pattern, re.MULTILINE).search(text, start)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1


#: Python refuses to convert integers longer than this (sys.get_int_max_str_digits)
MAX_INT_DIGITS = 4300


def _int_or_text(text: str) -> int | str:
    """A JSON integer; one too long for Python to convert is kept as its text (no field we read is a number)."""
    return int(text) if len(text.lstrip("-")) <= MAX_INT_DIGITS else text


def load_json(text: str) -> Any:
    """A JSON document; ManifestError for malformed JSON, too deep a nesting."""
    try:
        return json.loads(text, parse_int=_int_or_text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"malformed JSON: {exc}") from None
    except RecursionError:
        raise ManifestError("malformed JSON: nested too deeply") from None
    except ValueError as exc:  # a float literal Python cannot hold, for instance
        raise ManifestError(f"malformed JSON: {str(exc)[:80]}") from None


def load_toml(text: str) -> dict[str, Any]:
    """A TOML document; ManifestError for malformed TOML or an integer of more than 4,300 digits."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"malformed TOML: {exc}") from None
    except RecursionError:
        raise ManifestError("malformed TOML: nested too deeply") from None
    except ValueError as exc:
        if "digits" in str(exc):
            raise ManifestError(f"malformed TOML: an integer of more than {MAX_INT_DIGITS:,} digits") from None
        raise ManifestError(f"malformed TOML: {str(exc)[:80]}") from None


def encodable(text: str) -> str:
    """Text a C parser (expat, libyaml) accepts: lone surrogates (undecodable bytes) become U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _declared(raw: str, line: int | None) -> Declared:
    return Declared(raw, line, to_expression(raw))


_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_DEV_GROUPS = frozenset({"dev", "develop", "development", "test", "tests", "testing", "lint", "docs", "doc",
                         "typing", "type", "types", "check", "ci", "build", "bench", "benchmark", "coverage"})


def _requirement_names(items: Iterable[Any]) -> list[str]:
    names = []
    for item in items:
        if isinstance(item, str):
            match = _REQUIREMENT.match(item)
            if match:
                names.append(match.group(1))
    return names


def _deps(ecosystem: str, names: Iterable[str], kind: str) -> list[tuple[str, str]]:
    return [(normalise_name(ecosystem, n), kind) for n in names]


# -- Python ---------------------------------------------------------------------------------------

def read_pyproject(path: str, text: str) -> Manifest | None:
    """pyproject.toml: PEP 621 `[project]` (PEP 639 `license` expression or table) or Poetry."""
    data = load_toml(text)
    project = data.get("project")
    tool = data.get("tool") if isinstance(data.get("tool"), Mapping) else {}
    poetry = tool.get("poetry") if isinstance(tool, Mapping) else None
    if not isinstance(project, Mapping) and not isinstance(poetry, Mapping):
        return None
    section: Mapping[str, Any] = project if isinstance(project, Mapping) else poetry  # type: ignore[assignment]
    licenses: list[Declared] = []
    license_file = None
    value = section.get("license")
    line = line_of(text, r"^\s*license\s*=")
    if isinstance(value, str):
        licenses.append(_declared(value, line))
    elif isinstance(value, Mapping):
        if isinstance(value.get("text"), str):
            licenses.append(_declared(value["text"], line))
        elif isinstance(value.get("file"), str):
            license_file = value["file"]
    if not licenses:
        classifiers = [c for c in _list(section.get("classifiers")) if isinstance(c, str)]
        mapped = from_classifiers(classifiers)
        if mapped is not None:
            licenses.append(Declared(mapped, line_of(text, r"License ::"), mapped))
    deps: list[tuple[str, str]] = []
    if isinstance(project, Mapping):
        deps += _deps("pypi", _requirement_names(_list(project.get("dependencies"))), "runtime")
        for group, items in _mapping(project.get("optional-dependencies")).items():
            kind = "dev" if group.lower() in _DEV_GROUPS else "runtime"
            deps += _deps("pypi", _requirement_names(items if isinstance(items, list) else []), kind)
    for items in _mapping(data.get("dependency-groups")).values():
        deps += _deps("pypi", _requirement_names(items if isinstance(items, list) else []), "dev")
    if isinstance(poetry, Mapping):
        deps += _deps("pypi", [n for n in _mapping(poetry.get("dependencies")) if str(n).lower() != "python"], "runtime")
        deps += _deps("pypi", _mapping(poetry.get("dev-dependencies")), "dev")
        for group in _mapping(poetry.get("group")).values():
            deps += _deps("pypi", _mapping(_mapping(group).get("dependencies")), "dev")
    return Manifest(path, "pypi", _str(section.get("name")), _str(section.get("version")), tuple(licenses),
                    tuple(deps), license_file=license_file)


def read_setup_cfg(path: str, text: str) -> Manifest | None:
    """setup.cfg: `[metadata] license` / `license_expression` / classifiers, `[options] install_requires`."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=path)
    except configparser.Error as exc:
        raise ManifestError(f"malformed setup.cfg: {str(exc).splitlines()[0]}") from None
    if not parser.has_section("metadata"):
        return None
    meta = parser["metadata"]
    licenses: list[Declared] = []
    for key in ("license_expression", "license"):
        if meta.get(key, "").strip():
            licenses.append(_declared(meta[key].strip(), line_of(text, rf"^\s*{key}\s*=")))
            break
    if not licenses:
        mapped = from_classifiers([c.strip() for c in meta.get("classifiers", "").splitlines() if c.strip()])
        if mapped is not None:
            licenses.append(Declared(mapped, line_of(text, r"License ::"), mapped))
    deps: list[tuple[str, str]] = []
    if parser.has_section("options"):
        deps += _deps("pypi", _requirement_names(parser["options"].get("install_requires", "").splitlines()),
                      "runtime")
    if parser.has_section("options.extras_require"):
        for group, items in parser["options.extras_require"].items():
            kind = "dev" if group.lower() in _DEV_GROUPS else "runtime"
            deps += _deps("pypi", _requirement_names(items.splitlines()), kind)
    return Manifest(path, "pypi", meta.get("name"), meta.get("version"), tuple(licenses), tuple(deps))


def read_metadata(path: str, text: str) -> Manifest:
    """An installed distribution's METADATA: License-Expression, else License, else classifiers."""
    message = HeaderParser().parsestr(text)

    def header(key: str) -> str | None:  # a value with undecodable bytes comes back as a Header object
        value = message.get(key)
        return None if value is None else str(value)

    def headers(key: str) -> list[str]:
        return [str(v) for v in message.get_all(key) or []]

    name = header("Name")
    if not name:
        raise ManifestError("METADATA without a Name field")
    licenses: list[Declared] = []
    expression = header("License-Expression")
    if expression:
        licenses.append(_declared(expression.strip(), line_of(text, r"^License-Expression:")))
    else:
        free = (header("License") or "").strip()
        first = free.splitlines()[0].strip() if free else ""
        mapped = to_expression(first) if first and len(free.splitlines()) == 1 else None
        if mapped is None:
            classified = from_classifiers(headers("Classifier"))
            if classified is not None:
                licenses.append(Declared(classified, line_of(text, r"^Classifier: License ::"), classified))
            elif first:
                licenses.append(Declared(first, line_of(text, r"^License:"), None))
        else:
            licenses.append(Declared(first, line_of(text, r"^License:"), mapped))
    requires = []
    for requirement in headers("Requires-Dist"):
        if "extra ==" in requirement or "extra==" in requirement:
            continue
        requires += _requirement_names([requirement])
    full = (header("License") or "").strip()
    return Manifest(path, "pypi", name, header("Version"), tuple(licenses),
                    requires=tuple(normalise_name("pypi", r) for r in requires),
                    license_files=tuple(headers("License-File")),
                    license_text=full if len(full.splitlines()) > 3 else None)


# -- JavaScript, Rust, PHP, Java -------------------------------------------------------------------

def _json(text: str) -> Any:
    return load_json(text)


def read_package_json(path: str, text: str) -> Manifest | None:
    """package.json: `license` (string or legacy object), legacy `licenses` array (a choice)."""
    data = _json(text)
    if not isinstance(data, Mapping):
        raise ManifestError("package.json is not a JSON object")
    licenses: list[Declared] = []
    value = data.get("license")
    line = line_of(text, r'"licenses?"\s*:')
    license_file = None
    if isinstance(value, str) and value.upper().startswith("SEE LICEN") and " IN " in value.upper():
        license_file = value[value.upper().index(" IN ") + 4:].strip() or None  # npm: `SEE LICENSE IN <file>`
    elif isinstance(value, str):
        licenses.append(_declared(value, line))
    elif isinstance(value, Mapping) and isinstance(value.get("type"), str):
        licenses.append(_declared(value["type"], line))
    elif isinstance(data.get("licenses"), list):
        types = [item["type"] for item in data["licenses"] if isinstance(item, Mapping)
                 and isinstance(item.get("type"), str)] + [item for item in data["licenses"] if isinstance(item, str)]
        if types:
            raw = " OR ".join(types)
            licenses.append(_declared(raw, line))
    deps: list[tuple[str, str]] = []
    for key, kind in (("dependencies", "runtime"), ("peerDependencies", "runtime"),
                      ("optionalDependencies", "runtime"), ("devDependencies", "dev")):
        deps += _deps("npm", _mapping(data.get(key)), kind)
    return Manifest(path, "npm", _str(data.get("name")), _str(data.get("version")), tuple(licenses), tuple(deps),
                    requires=tuple(n for n, kind in deps if kind == "runtime"), license_file=license_file)


def read_cargo(path: str, text: str) -> Manifest | None:
    """Cargo.toml: `[package] license` (an SPDX expression; `/` is the legacy OR) or `license-file`."""
    data = load_toml(text)
    package = _mapping(data.get("package"))
    workspace = _mapping(_mapping(data.get("workspace")).get("package"))
    if not package and not workspace:
        return None
    licenses: list[Declared] = []
    value = package.get("license", workspace.get("license"))
    if isinstance(value, str):
        licenses.append(_declared(value, line_of(text, r"^\s*license\s*=")))
    deps: list[tuple[str, str]] = []
    sections = [data] + [_mapping(t) for t in _mapping(data.get("target")).values()]
    for section in sections:
        deps += _deps("cargo", _mapping(section.get("dependencies")), "runtime")
        deps += _deps("cargo", _mapping(section.get("dev-dependencies")), "dev")
        deps += _deps("cargo", _mapping(section.get("build-dependencies")), "dev")
    license_file = package.get("license-file")
    return Manifest(path, "cargo", _str(package.get("name")), _str(package.get("version")), tuple(licenses),
                    tuple(deps), license_file=license_file if isinstance(license_file, str) else None)


def read_composer(path: str, text: str) -> Manifest | None:
    """composer.json: `license` string, or an array of licences the user chooses from."""
    data = _json(text)
    if not isinstance(data, Mapping):
        raise ManifestError("composer.json is not a JSON object")
    value = data.get("license")
    line = line_of(text, r'"license"\s*:')
    licenses: list[Declared] = []
    if isinstance(value, str):
        licenses.append(_declared(value, line))
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        raw = " OR ".join(value) if len(value) > 1 else value[0]
        licenses.append(_declared(raw, line))
    deps: list[tuple[str, str]] = []
    for key, kind in (("require", "runtime"), ("require-dev", "dev")):
        names = [n for n in _mapping(data.get(key)) if n != "php" and not n.startswith(("ext-", "lib-"))]
        deps += _deps("composer", names, kind)
    return Manifest(path, "composer", _str(data.get("name")), _str(data.get("version")), tuple(licenses),
                    tuple(deps))


def read_pom(path: str, text: str) -> Manifest | None:
    """pom.xml: `<licenses><license><name>` (several are a choice, as the POM reference says).

    Entity declarations are refused and nothing is fetched.
    """
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    if re.search(r"<!\s*(?:DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise ManifestError("pom.xml with a DOCTYPE or entity declarations is not read")
    try:
        root = SafeTree.fromstring(encodable(text), forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ManifestError(f"malformed XML: {' '.join(str(exc).split())[:120]}") from None
    except RecursionError:
        raise ManifestError("malformed XML: nested too deeply") from None
    namespace = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""

    def find(node: ElementTree.Element, tag: str) -> str | None:
        child = node.find(f"{namespace}{tag}")
        return child.text.strip() if child is not None and child.text else None

    licenses: list[Declared] = []
    names: list[str] = []
    for license in root.iterfind(f"{namespace}licenses/{namespace}license"):
        name = find(license, "name")
        if name:
            names.append(name)
    if names:
        expressions = [to_expression(n) for n in names]
        raw = " OR ".join(names) if len(names) > 1 else names[0]
        expression = " OR ".join(f"({e})" if " " in e else e for e in expressions if e) \
            if all(expressions) else None
        licenses.append(Declared(raw, line_of(text, r"<licenses>"), expression))
    deps: list[tuple[str, str]] = []
    for dep in root.iterfind(f"{namespace}dependencies/{namespace}dependency"):
        artifact = f"{find(dep, 'groupId') or ''}:{find(dep, 'artifactId') or ''}"
        deps.append((artifact.lower(), "dev" if find(dep, "scope") == "test" else "runtime"))
    group = find(root, "groupId")
    artifact_id = find(root, "artifactId")
    name = f"{group}:{artifact_id}" if group and artifact_id else artifact_id
    return Manifest(path, "maven", name, find(root, "version"), tuple(licenses), tuple(deps))


_GEM_FIELD = re.compile(r"^\s*\w+\.(name|version|licenses?)\s*=\s*(.+?)\s*(?:#.*)?$", re.MULTILINE)
_RUBY_STRING = re.compile(r"""["']([^"'\\]{1,200})["']""")


def read_gemspec(path: str, text: str) -> Manifest | None:
    """A `.gemspec`: `spec.name`, `spec.version`, `spec.license`/`spec.licenses` as literal strings.

    Ruby is never run: only assignments of string literals (or arrays of them) are read; a licence
    computed by code is reported as not declared.
    """
    fields: dict[str, tuple[list[str], int]] = {}
    for match in _GEM_FIELD.finditer(text):
        key = match.group(1)
        values = _RUBY_STRING.findall(match.group(2)) if match.group(2)[:1] in "\"'[%" else []
        if key not in fields:
            fields[key] = (values, text.count("\n", 0, match.start()) + 1)
    name = (fields.get("name") or ([], 0))[0]
    if not name:
        return None
    licenses: list[Declared] = []
    declared = fields.get("licenses") or fields.get("license")
    if declared and declared[0]:
        raw = " OR ".join(declared[0]) if len(declared[0]) > 1 else declared[0][0]
        expressions = [to_expression(v) for v in declared[0]]
        expression = " OR ".join(f"({e})" if " " in e else e for e in expressions if e) \
            if all(expressions) else None
        licenses.append(Declared(raw, declared[1], expression))
    version = (fields.get("version") or ([], 0))[0]
    return Manifest(path, "gem", name[0], version[0] if version else None, tuple(licenses))


#: manifest file name -> reader
READERS: dict[str, Callable[[str, str], Manifest | None]] = {
    "pyproject.toml": read_pyproject,
    "setup.cfg": read_setup_cfg,
    "package.json": read_package_json,
    "Cargo.toml": read_cargo,
    "composer.json": read_composer,
    "pom.xml": read_pom,
}


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
