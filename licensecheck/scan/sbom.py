# SPDX-License-Identifier: Apache-2.0
"""SBOMs: SPDX 2.x (JSON, YAML, tag-value; RDF/XML through spdx-tools) and CycloneDX 1.4-1.6 JSON.

JSON, YAML and tag-value are read by the thin readers below (stdlib `json`, PyYAML, a line
reader) because the libraries are too slow on large documents: spdx-tools takes ~60 ms per package
in tag-value and builds a full validated model for JSON, cyclonedx-python-lib is ~215x slower than
`json.load` (see bench/scan_sbom.py, which prints both). RDF/XML, rare and small, go through
spdx-tools, imported only when such a file is met. Only licence, name, version, package URL and
the relationships that tell how a package is used are read; nothing is validated beyond that.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from licensecheck.scan.manifests import ManifestError

SBOM_BYTES = 256 * 1024 * 1024  # larger SBOMs are reported and skipped

_NAMES = re.compile(r"(?:\.spdx(?:\.(?:json|ya?ml|rdf|rdf\.xml|xml))?|\.cdx\.json|\.bom\.json|^s?bom\.json"
                    r"|^cyclonedx\.json|sbom[^/]*\.json)$", re.IGNORECASE)
_NO_LICENSE = frozenset({"NOASSERTION", "NONE", ""})
_BUILD_OF = frozenset({"DEV_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF", "TEST_DEPENDENCY_OF", "DEV_TOOL_OF",
                       "BUILD_TOOL_OF", "TEST_TOOL_OF", "TEST_OF"})
_RUNTIME_OF = frozenset({"RUNTIME_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF"})
_LINKS = {"STATIC_LINK": "static-link", "DYNAMIC_LINK": "dynamic-link"}


@dataclass(frozen=True, slots=True)
class SbomPackage:
    """One package of an SBOM: its licence as written (None when not asserted) and how it is used."""

    name: str
    version: str | None
    license: str | None
    line: int | None
    purl: str | None = None
    use: str | None = None  # from SPDX relationships or CycloneDX scope; None = ecosystem default
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Sbom:
    """The packages an SBOM lists (the package it describes, the project itself, left out)."""

    path: str
    format: str
    packages: tuple[SbomPackage, ...]


def is_sbom_name(name: str) -> bool:
    """Whether a file name is that of an SPDX or CycloneDX document."""
    return _NAMES.search(name) is not None


def ecosystem_of(purl: str | None) -> str | None:
    """The package type of a package URL (`pkg:cargo/...` -> cargo)."""
    if not purl or not purl.startswith("pkg:"):
        return None
    kind = purl[4:].split("/", 1)[0].lower()
    return {"npm": "npm", "pypi": "pypi", "cargo": "cargo", "composer": "composer", "maven": "maven",
            "golang": "golang", "gem": "gem", "nuget": "nuget"}.get(kind, kind)


def read_sbom(path: str, name: str, text: str | None, abspath: str) -> Sbom | None:
    """Read an SBOM; None when a JSON file with an SBOM-like name is not one. Raises ManifestError."""
    lowered = name.lower()
    if lowered.endswith((".rdf", ".rdf.xml", ".spdx.xml")):
        return _read_with_spdx_tools(path, abspath)
    if text is None:
        raise ManifestError("not UTF-8 text")
    if lowered.endswith(".spdx"):
        return read_spdx_tag_value(path, text)
    if lowered.endswith((".yaml", ".yml")):
        return read_spdx_mapping(path, _yaml(text), text, "SPDX YAML")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"malformed JSON: {exc}") from None
    except RecursionError:
        raise ManifestError("malformed JSON: nested too deeply") from None
    if isinstance(data, Mapping) and "spdxVersion" in data:
        return read_spdx_mapping(path, data, text, "SPDX JSON")
    if isinstance(data, Mapping) and data.get("bomFormat") == "CycloneDX":
        return read_cyclonedx(path, data, text)
    if lowered.endswith((".spdx.json", ".cdx.json")):
        raise ManifestError("neither an SPDX nor a CycloneDX document")
    return None


def _yaml(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader (CSafeLoader or SafeLoader)
    except yaml.YAMLError as exc:
        raise ManifestError(f"malformed YAML: {str(exc).splitlines()[0]}") from None


def _lines(text: str, pattern: str) -> dict[str, int]:
    """Line of the first occurrence of each id captured by `pattern`, in one pass over the text."""
    out: dict[str, int] = {}
    line = 1
    last = 0
    for match in re.finditer(pattern, text):
        line += text.count("\n", last, match.start())
        last = match.start()
        out.setdefault(match.group(1), line)
    return out


# -- SPDX 2.x ---------------------------------------------------------------------------------------

def _license(package: Mapping[str, Any]) -> str | None:
    for key in ("licenseConcluded", "licenseDeclared"):
        value = package.get(key)
        if isinstance(value, str) and value.strip() not in _NO_LICENSE:
            return value.strip()
    return None


def _purl(refs: Any) -> str | None:
    for ref in refs if isinstance(refs, list) else []:
        if isinstance(ref, Mapping) and ref.get("referenceType") == "purl":
            locator = ref.get("referenceLocator")
            return locator if isinstance(locator, str) else None
    return None


def _spdx_uses(relationships: list[tuple[str, str, str]]) -> tuple[set[str], dict[str, str]]:
    described: set[str] = set()
    uses: dict[str, str] = {}
    for element, kind, related in relationships:
        if kind == "DESCRIBES" and element == "SPDXRef-DOCUMENT":
            described.add(related)
        elif kind == "DESCRIBED_BY" and related == "SPDXRef-DOCUMENT":
            described.add(element)
        elif kind in _BUILD_OF:
            uses.setdefault(element, "build-tool")
        elif kind in _RUNTIME_OF:
            uses.setdefault(element, "dynamic-link")
        elif kind in _LINKS:
            uses[related] = _LINKS[kind]
    return described, uses


def read_spdx_mapping(path: str, data: Any, text: str, kind: str) -> Sbom:
    """SPDX 2.x as a JSON or YAML mapping: `packages` with their licences and relationships."""
    if not isinstance(data, Mapping) or not str(data.get("spdxVersion", "")).startswith("SPDX-2"):
        raise ManifestError(f"not an SPDX 2.x document (spdxVersion {data.get('spdxVersion')!r})"
                            if isinstance(data, Mapping) else "not an SPDX document")
    packages = data.get("packages") or []
    if not isinstance(packages, list):
        raise ManifestError("`packages` is not a list")
    relationships = [(str(r.get("spdxElementId")), str(r.get("relationshipType")), str(r.get("relatedSpdxElement")))
                     for r in data.get("relationships") or [] if isinstance(r, Mapping)]
    described, uses = _spdx_uses(relationships)
    described.update(d for d in data.get("documentDescribes") or [] if isinstance(d, str))
    pattern = r'"SPDXID"\s*:\s*"([^"]+)"' if kind == "SPDX JSON" else r"SPDXID:\s*['\"]?([^\s'\"]+)"
    lines = _lines(text, pattern)
    out: list[SbomPackage] = []
    for package in packages:
        if not isinstance(package, Mapping):
            continue
        spdx_id = str(package.get("SPDXID", ""))
        if spdx_id in described:
            continue
        out.append(SbomPackage(str(package.get("name", spdx_id or "?")), _opt(package.get("versionInfo")),
                               _license(package), lines.get(spdx_id), _purl(package.get("externalRefs")),
                               uses.get(spdx_id)))
    return Sbom(path, f"{kind} {data.get('spdxVersion')}", tuple(out))


def _tag_value_records(text: str) -> Iterator[tuple[int, str, str]]:
    in_text = False
    for number, line in enumerate(text.splitlines(), 1):
        if in_text:
            if "</text>" in line:
                in_text = False
            continue
        if not line or line.startswith("#") or ":" not in line:
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if value.startswith("<text>"):
            in_text = "</text>" not in value
            value = value[len("<text>"):].split("</text>")[0].strip()
        yield number, key.strip(), value


def read_spdx_tag_value(path: str, text: str) -> Sbom:
    """SPDX 2.x tag-value, read line by line."""
    packages: list[dict[str, Any]] = []
    relationships: list[tuple[str, str, str]] = []
    version = None
    current: dict[str, Any] | None = None
    for number, key, value in _tag_value_records(text):
        if key == "SPDXVersion":
            version = value
        elif key == "PackageName":
            current = {"name": value, "line": number}
            packages.append(current)
        elif key in ("FileName", "SnippetSPDXID", "LicenseID"):
            current = None
        elif key == "Relationship":
            parts = value.split()
            if len(parts) >= 3:
                relationships.append((parts[0], parts[1], parts[2]))
        elif current is not None:
            if key == "SPDXID":
                current["SPDXID"] = value
            elif key == "PackageVersion":
                current["versionInfo"] = value
            elif key == "PackageLicenseConcluded":
                current["licenseConcluded"] = value
            elif key == "PackageLicenseDeclared":
                current["licenseDeclared"] = value
            elif key == "ExternalRef" and " purl " in f" {value} ":
                current["purl"] = value.split()[-1]
    if version is None or not version.startswith("SPDX-2"):
        raise ManifestError("not an SPDX 2.x tag-value document (no `SPDXVersion: SPDX-2.x` line)")
    described, uses = _spdx_uses(relationships)
    out = [SbomPackage(p["name"], p.get("versionInfo"), _license(p), p["line"], p.get("purl"),
                       uses.get(p.get("SPDXID", "")))
           for p in packages if p.get("SPDXID") not in described]
    return Sbom(path, f"SPDX tag-value {version}", tuple(out))


def _read_with_spdx_tools(path: str, abspath: str) -> Sbom:
    try:
        from spdx_tools.spdx.parser.parse_anything import parse_file
    except ImportError:
        raise ManifestError("SPDX RDF/XML needs spdx-tools, which is not installed") from None
    try:
        document = parse_file(abspath)
    except Exception as exc:  # spdx-tools raises assorted errors on bad input
        message = str(getattr(exc, "messages", None) or exc).splitlines()[0][:200]
        raise ManifestError(f"malformed SPDX document: {message}") from None
    relationships = [(str(r.spdx_element_id), r.relationship_type.name, str(r.related_spdx_element_id))
                     for r in document.relationships]
    described, uses = _spdx_uses(relationships)
    out = []
    for package in document.packages:
        if package.spdx_id in described:
            continue
        value = package.license_concluded
        if value is None or str(value) in _NO_LICENSE:
            value = package.license_declared
        license = None if value is None or str(value) in _NO_LICENSE else str(value)
        purl = next((ref.locator for ref in package.external_references if ref.reference_type == "purl"), None)
        out.append(SbomPackage(package.name, package.version, license, None, purl, uses.get(package.spdx_id)))
    return Sbom(path, f"SPDX {document.creation_info.spdx_version} (spdx-tools)", tuple(out))


# -- CycloneDX ---------------------------------------------------------------------------------------

def _cdx_license(component: Mapping[str, Any]) -> tuple[str | None, str | None]:
    parts: list[str] = []
    note = None
    for entry in component.get("licenses") or []:
        if not isinstance(entry, Mapping):
            continue
        if isinstance(entry.get("expression"), str):
            parts.append(entry["expression"])
            continue
        license = entry.get("license")
        if isinstance(license, Mapping):
            if isinstance(license.get("id"), str):
                parts.append(license["id"])
            elif isinstance(license.get("name"), str):
                parts.append(license["name"])
    if not parts:
        return None, None
    if len(parts) > 1:
        note = "several licences listed; all are taken to apply"
        return " AND ".join(f"({p})" if " " in p else p for p in parts), note
    return parts[0], note


def _cdx_components(items: Any) -> Iterator[Mapping[str, Any]]:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping):
            yield item
            yield from _cdx_components(item.get("components"))


def read_cyclonedx(path: str, data: Mapping[str, Any], text: str) -> Sbom:
    """CycloneDX JSON: components (nested too) with `licenses` ids, names or expressions, and `scope`."""
    version = str(data.get("specVersion", "?"))
    lines = _lines(text, r'"bom-ref"\s*:\s*"([^"]+)"')
    out: list[SbomPackage] = []
    for component in _cdx_components(data.get("components")):
        license, note = _cdx_license(component)
        name = str(component.get("name", "?"))
        group = component.get("group")
        if isinstance(group, str) and group:
            name = f"{group}/{name}" if component.get("purl", "").startswith("pkg:npm") else f"{group}:{name}"
        scope = component.get("scope")
        use = "build-tool" if scope == "excluded" else None
        ref = component.get("bom-ref")
        out.append(SbomPackage(name, _opt(component.get("version")), license,
                               lines.get(ref) if isinstance(ref, str) else None,
                               _opt(component.get("purl")), use, note))
    return Sbom(path, f"CycloneDX {version}", tuple(out))


def _opt(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
