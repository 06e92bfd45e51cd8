# SPDX-License-Identifier: Apache-2.0
"""SBOMs: SPDX 2.x (JSON, YAML, tag-value, XML; RDF/XML through spdx-tools), SPDX 3.0 JSON-LD, CycloneDX JSON and XML.

JSON, YAML, XML and tag-value are read by the thin readers below (stdlib `json`, PyYAML, defusedxml,
a line reader) because the libraries are too slow on large documents: spdx-tools takes ~60 ms per
package in tag-value and builds a full validated model for JSON, cyclonedx-python-lib is ~215x slower
than `json.load` (bench/scan_sbom.py prints both); no library reads SPDX 3.0. RDF/XML, rare and small,
goes through spdx-tools' graph reader, imported only when such a file is met, after the document has
been checked for DOCTYPE and entity declarations (refused: no entity is ever expanded). Only licence,
name, version, package URL and the relationships that tell how a package is used are read.

The root: the element an SBOM describes is the product itself (left out of the components) only when
the SBOM names exactly one: SPDX `documentDescribes`/`DESCRIBES` with a single element, SPDX 3.0 a
single `rootElement`, CycloneDX `metadata.component`. When an SBOM describes every package (as
sbom4python does) or several, none of them is the product: the project is, and they are its components.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from licensecheck.scan.manifests import ManifestError, encodable, load_json
from licensecheck.scan.names import license_of_entries

SBOM_BYTES = 256 * 1024 * 1024  # larger SBOMs are reported and skipped

_NAMES = re.compile(r"(?:\.spdx(?:\.(?:json|ya?ml|rdf|rdf\.xml|xml|jsonld))?|\.spdx3\.json|\.jsonld|\.cdx\.json"
                    r"|\.cdx\.xml|\.bom\.json|\.bom\.xml|^s?bom\.json|^s?bom\.xml|^cyclonedx\.json|^cyclonedx\.xml"
                    r"|sbom[^/]*\.json)$", re.IGNORECASE)
_NO_LICENSE = frozenset({"NOASSERTION", "NONE", ""})
_BUILD_OF = frozenset({"DEV_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF", "TEST_DEPENDENCY_OF", "DEV_TOOL_OF",
                       "BUILD_TOOL_OF", "TEST_TOOL_OF", "TEST_OF"})
_RUNTIME_OF = frozenset({"RUNTIME_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF"})
_LINKS = {"STATIC_LINK": "static-link", "DYNAMIC_LINK": "dynamic-link"}
_XML_DECLARATIONS = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


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
    expression: str | None = None  # the SPDX expression the licence stands for, when not the raw text


@dataclass(frozen=True, slots=True)
class Sbom:
    """The packages an SBOM lists (the product it describes, when it names one, left out)."""

    path: str
    format: str
    packages: tuple[SbomPackage, ...]
    root: str | None = None  # the name of the product the SBOM describes, when it names one


def is_sbom_name(name: str) -> bool:
    """Whether a file name is that of an SPDX or CycloneDX document."""
    return _NAMES.search(name) is not None


def ecosystem_of(purl: str | None) -> str | None:
    """The package type of a package URL (`pkg:cargo/...` -> cargo)."""
    if not isinstance(purl, str) or not purl.startswith("pkg:"):
        return None
    kind = purl[4:].split("/", 1)[0].lower()
    return {"npm": "npm", "pypi": "pypi", "cargo": "cargo", "composer": "composer", "maven": "maven",
            "golang": "golang", "gem": "gem", "nuget": "nuget"}.get(kind, kind)


def read_sbom(path: str, name: str, text: str | None, abspath: str = "") -> Sbom | None:
    """Read an SBOM; None when a JSON or XML file with an SBOM-like name is not one. Raises ManifestError."""
    lowered = name.lower()
    if text is None:
        raise ManifestError("not UTF-8 text")
    if lowered.endswith((".rdf", ".rdf.xml")):
        return read_spdx_rdf(path, text)
    if lowered.endswith(".xml"):
        return read_xml_sbom(path, text, strict=lowered.endswith((".spdx.xml", ".cdx.xml")))
    if lowered.endswith(".spdx"):
        return read_spdx_tag_value(path, text)
    if lowered.endswith((".yaml", ".yml")):
        return read_spdx_mapping(path, _yaml(path, text), text, "SPDX YAML")
    data = load_json(text)
    if isinstance(data, Mapping) and "spdxVersion" in data:
        return read_spdx_mapping(path, data, text, "SPDX JSON")
    if isinstance(data, Mapping) and data.get("bomFormat") == "CycloneDX":
        return read_cyclonedx(path, data, text)
    if isinstance(data, Mapping) and "@graph" in data:
        return read_spdx3(path, data, text)
    if lowered.endswith((".spdx.json", ".cdx.json", ".jsonld", ".spdx3.json")):
        raise ManifestError("neither an SPDX nor a CycloneDX document")
    return None


def _yaml(path: str, text: str) -> Any:
    from licensecheck.errors import InputError
    from licensecheck.yamlio import parse_yaml

    try:
        node = parse_yaml(encodable(text), path, what="SPDX YAML document")
        return None if node is None else node.plain()
    except InputError as exc:
        where = f"line {exc.span.line}: " if exc.span is not None else ""
        raise ManifestError(f"{where}{exc.message}") from None


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


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# -- SPDX 2.x ---------------------------------------------------------------------------------------

def _license(package: Mapping[str, Any]) -> str | None:
    for key in ("licenseConcluded", "licenseDeclared"):
        value = package.get(key)
        if isinstance(value, str) and value.strip() not in _NO_LICENSE:
            return value.strip()
    return None


def _purl(refs: Any) -> str | None:
    for ref in _list(refs):
        if isinstance(ref, Mapping) and ref.get("referenceType") == "purl":
            return _str(ref.get("referenceLocator"))
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


def _root(described: set[str], present: set[str]) -> str | None:
    """The one described element that is a package of the document, when the document names exactly one."""
    if len(described) != 1:
        return None
    (only,) = described
    return only if only in present else None


def read_spdx_mapping(path: str, data: Any, text: str, kind: str) -> Sbom:
    """SPDX 2.x as a JSON, YAML or XML mapping: `packages` with their licences and relationships."""
    if not isinstance(data, Mapping) or not str(data.get("spdxVersion", "")).startswith("SPDX-2"):
        raise ManifestError(f"not an SPDX 2.x document (spdxVersion {str(data.get('spdxVersion'))[:40]!r})"
                            if isinstance(data, Mapping) else "not an SPDX document")
    packages = data.get("packages") or []
    if not isinstance(packages, list):
        raise ManifestError("`packages` is not a list")
    relationships = [(str(r.get("spdxElementId")), str(r.get("relationshipType")), str(r.get("relatedSpdxElement")))
                     for r in _list(data.get("relationships")) if isinstance(r, Mapping)]
    described, uses = _spdx_uses(relationships)
    described.update(d for d in _list(data.get("documentDescribes")) if isinstance(d, str))
    ids = {str(p.get("SPDXID", "")) for p in packages if isinstance(p, Mapping)}
    root = _root(described, ids)
    pattern = r'"SPDXID"\s*:\s*"([^"]+)"' if kind == "SPDX JSON" else r"SPDXID>?:?\s*['\"]?([^\s'\"<]+)"
    lines = _lines(text, pattern)
    out: list[SbomPackage] = []
    root_name = None
    for package in packages:
        if not isinstance(package, Mapping):
            continue
        spdx_id = str(package.get("SPDXID", ""))
        name = str(package.get("name", spdx_id or "?"))
        if spdx_id == root:
            root_name = name
            continue
        out.append(SbomPackage(name, _str(package.get("versionInfo")), _license(package), lines.get(spdx_id),
                               _purl(package.get("externalRefs")), uses.get(spdx_id)))
    return Sbom(path, f"{kind} {str(data.get('spdxVersion'))[:20]}", tuple(out), root_name)


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
    described_tags: set[str] = set()
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
        elif key == "DocumentDescribes":  # an older spelling of DESCRIBES
            described_tags.update(v.strip() for v in value.split(",") if v.strip())
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
    described |= described_tags
    root = _root(described, {p.get("SPDXID", "") for p in packages})
    root_name = next((p["name"] for p in packages if root is not None and p.get("SPDXID") == root), None)
    out = [SbomPackage(p["name"], p.get("versionInfo"), _license(p), p["line"], p.get("purl"),
                       uses.get(p.get("SPDXID", "")))
           for p in packages if root is None or p.get("SPDXID") != root]
    return Sbom(path, f"SPDX tag-value {version[:20]}", tuple(out), root_name)


def _refuse_declarations(text: str) -> None:
    if _XML_DECLARATIONS.search(text):
        raise ManifestError("XML with a DOCTYPE or entity declarations is not read (no entity is expanded)")


def read_spdx_rdf(path: str, text: str) -> Sbom:
    """SPDX 2.x RDF/XML through spdx-tools' graph reader, after refusing DOCTYPE and entities."""
    _refuse_declarations(text)
    try:
        from rdflib import Graph
        from spdx_tools.spdx.parser.rdf.rdf_parser import translate_graph_to_document
    except ImportError:
        raise ManifestError("SPDX RDF/XML needs spdx-tools, which is not installed") from None
    import logging
    import warnings

    logging.disable(logging.CRITICAL)  # spdx-tools logs to the root logger before it gives up
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # rdflib warns on stderr about literals it cannot convert
            graph = Graph()
            graph.parse(data=encodable(text), format="xml")
            document = translate_graph_to_document(graph)
    except SystemExit:  # spdx-tools calls sys.exit(1) when a graph has no SpdxDocument
        raise ManifestError("malformed SPDX RDF document: no SpdxDocument found") from None
    except RecursionError:
        raise ManifestError("malformed SPDX RDF document: nested too deeply") from None
    except Exception as exc:  # rdflib and spdx-tools raise assorted errors on bad input
        message = " ".join(str(getattr(exc, "messages", None) or exc).split())[:200]
        raise ManifestError(f"malformed SPDX RDF document: {message}") from None
    finally:
        logging.disable(logging.NOTSET)
    relationships = [(str(r.spdx_element_id), r.relationship_type.name, str(r.related_spdx_element_id))
                     for r in document.relationships]
    described, uses = _spdx_uses(relationships)
    root = _root(described, {p.spdx_id for p in document.packages})
    out = []
    root_name = None
    for package in document.packages:
        if package.spdx_id == root:
            root_name = package.name
            continue
        value = package.license_concluded
        if value is None or str(value) in _NO_LICENSE:
            value = package.license_declared
        license = None if value is None or str(value) in _NO_LICENSE else str(value)
        purl = next((ref.locator for ref in package.external_references if ref.reference_type == "purl"), None)
        out.append(SbomPackage(package.name, package.version, license, None, purl, uses.get(package.spdx_id)))
    return Sbom(path, f"SPDX {document.creation_info.spdx_version} RDF", tuple(out), root_name)


# -- XML (SPDX 2.x XML and CycloneDX XML) ---------------------------------------------------------------

#: SPDX XML fields that are lists in JSON (XML repeats the element instead)
_SPDX_LISTS = frozenset({"packages", "relationships", "documentDescribes", "externalRefs", "files", "snippets"})
_MAX_XML_DEPTH = 100


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _xml_data(element: Any, lists: frozenset[str], depth: int = 0) -> Any:
    """An XML element as JSON-like data: its text for a leaf, a mapping of child names otherwise."""
    if depth > _MAX_XML_DEPTH:
        raise ManifestError("malformed XML: nested too deeply")
    children = list(element)
    if not children:
        return (element.text or "").strip()
    out: dict[str, Any] = {}
    for child in children:
        name = _local(child.tag)
        value = _xml_data(child, lists, depth + 1)
        if name in lists:
            out.setdefault(name, []).append(value)
        elif name in out:
            out[name] = [*out[name], value] if isinstance(out[name], list) else [out[name], value]
        else:
            out[name] = value
    return out


def _cdx_xml_component(element: Any, depth: int = 0) -> dict[str, Any]:
    """A CycloneDX XML `<component>` in the shape of its JSON form."""
    if depth > _MAX_XML_DEPTH:
        raise ManifestError("malformed XML: components nested too deeply")
    out: dict[str, Any] = {}
    if element.attrib.get("bom-ref"):
        out["bom-ref"] = element.attrib["bom-ref"]
    for child in element:
        name = _local(child.tag)
        if name in ("name", "version", "group", "purl", "scope"):
            out[name] = (child.text or "").strip()
        elif name == "licenses":
            entries: list[dict[str, Any]] = []
            for entry in child:
                if _local(entry.tag) == "expression":
                    entries.append({"expression": (entry.text or "").strip()})
                elif _local(entry.tag) == "license":
                    entries.append({"license": {_local(c.tag): (c.text or "").strip() for c in entry
                                                if _local(c.tag) in ("id", "name")}})
            out["licenses"] = entries
        elif name == "components":
            out["components"] = [_cdx_xml_component(c, depth + 1) for c in child if _local(c.tag) == "component"]
    return out


def read_xml_sbom(path: str, text: str, strict: bool) -> Sbom | None:
    """An SPDX 2.x XML or CycloneDX XML document (defusedxml: no DTD, no entity); None for other XML."""
    _refuse_declarations(text)
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        root = SafeTree.fromstring(encodable(text), forbid_dtd=True)
    except (ParseError, DefusedXmlException) as exc:
        raise ManifestError(f"malformed XML: {' '.join(str(exc).split())[:120]}") from None
    except RecursionError:
        raise ManifestError("malformed XML: nested too deeply") from None
    name = _local(root.tag)
    if name == "bom" and "cyclonedx" in root.tag.lower():
        data: dict[str, Any] = {"components": []}
        for child in root:
            if _local(child.tag) == "components":
                data["components"] = [_cdx_xml_component(c) for c in child if _local(c.tag) == "component"]
            elif _local(child.tag) == "metadata":
                component = next((c for c in child if _local(c.tag) == "component"), None)
                if component is not None:
                    data["metadata"] = {"component": _cdx_xml_component(component)}
        data["specVersion"] = root.tag.partition("}")[0].rpartition("/")[2]
        return read_cyclonedx(path, data, text, bom_ref=r'bom-ref\s*=\s*"([^"]+)"', kind="CycloneDX XML")
    document = root if name == "Document" else root.find("{*}Document")
    if document is not None or "spdxVersion" in {_local(c.tag) for c in root}:
        data = _xml_data(document if document is not None else root, _SPDX_LISTS)
        return read_spdx_mapping(path, data, text, "SPDX XML")
    if strict:
        raise ManifestError("neither an SPDX nor a CycloneDX XML document")
    return None


# -- SPDX 3.0 JSON-LD ----------------------------------------------------------------------------------

_SPDX3_LICENSE_TYPES = ("simplelicensing_LicenseExpression", "LicenseExpression")
_SPDX3_BUILD_SCOPES = frozenset({"build", "development", "test"})


def _spdx3_type(element: Mapping[str, Any]) -> str:
    kind = element.get("type", element.get("@type"))
    return kind.rpartition("/")[2] if isinstance(kind, str) else ""


def _spdx3_id(element: Mapping[str, Any]) -> str | None:
    return _str(element.get("spdxId")) or _str(element.get("@id"))


def _spdx3_license_text(element: Mapping[str, Any]) -> str | None:
    kind = _spdx3_type(element)
    if kind.endswith("LicenseExpression"):
        return _str(element.get("simplelicensing_licenseExpression") or element.get("licenseExpression"))
    if kind.endswith("ListedLicense") or kind.endswith("ListedLicenseException"):
        ident = _spdx3_id(element) or ""
        return ident.rstrip("/").rpartition("/")[2] or None
    if kind.endswith("CustomLicense"):
        ident = _spdx3_id(element) or ""
        tail = ident.rpartition("/")[2].rpartition("#")[2]
        return tail if tail.startswith("LicenseRef-") else _str(element.get("name"))
    return None


def read_spdx3(path: str, data: Mapping[str, Any], text: str) -> Sbom:
    """SPDX 3.0 JSON-LD: `software_Package` elements, `hasConcludedLicense`/`hasDeclaredLicense` relationships."""
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if not any(isinstance(c, str) and "spdx.org/rdf/3" in c for c in contexts):
        raise ManifestError("a JSON-LD document without the SPDX 3 context")
    graph = [e for e in _list(data.get("@graph")) if isinstance(e, Mapping)]
    by_id = {i: e for e in graph if (i := _spdx3_id(e)) is not None}
    packages = [e for e in graph if _spdx3_type(e) in ("software_Package", "Package")]
    concluded: dict[str, list[str]] = {}
    declared: dict[str, list[str]] = {}
    uses: dict[str, str] = {}
    roots: set[str] = set()
    for element in graph:
        kind = _spdx3_type(element)
        if kind in ("SpdxDocument", "software_Sbom", "Sbom", "Bom"):
            for named in _list(element.get("rootElement")):
                named_element = by_id.get(named) if isinstance(named, str) else None
                if named_element is not None and _spdx3_type(named_element) in ("software_Sbom", "Sbom", "Bom"):
                    continue  # the document's root is the SBOM; its own rootElement names the product
                if isinstance(named, str):
                    roots.add(named)
            continue
        if not kind.endswith("Relationship"):
            continue
        source = _str(element.get("from"))
        relation = _str(element.get("relationshipType")) or ""
        targets = [t for t in _list(element.get("to")) if isinstance(t, str)]
        if source is None:
            continue
        if relation in ("hasConcludedLicense", "hasDeclaredLicense"):
            table = concluded if relation == "hasConcludedLicense" else declared
            for ref_id in targets:
                licence = by_id.get(ref_id)
                value = _spdx3_license_text(licence) if licence is not None else ref_id.rpartition("/")[2]
                if value and value not in _NO_LICENSE:
                    table.setdefault(source, []).append(value)
        elif relation == "describes":
            roots.update(targets)
        elif relation in ("dependsOn", "hasDynamicLink", "hasStaticLink", "hasProvidedDependency",
                          "hasOptionalDependency"):
            scope = _str(element.get("scope"))
            use = ("build-tool" if scope in _SPDX3_BUILD_SCOPES else
                   "static-link" if relation == "hasStaticLink" else
                   "dynamic-link" if relation == "hasDynamicLink" else None)
            for ref_id in targets:
                if use is not None:
                    uses.setdefault(ref_id, use)
    present = {i for p in packages if (i := _spdx3_id(p)) is not None}
    product = _root(roots, present)
    lines = _lines(text, r'"(?:spdxId|@id)"\s*:\s*"([^"]+)"')
    out: list[SbomPackage] = []
    root_name = None
    for package in packages:
        ident = _spdx3_id(package) or ""
        name = _str(package.get("name")) or ident or "?"
        if ident == product:
            root_name = name
            continue
        licences = concluded.get(ident) or declared.get(ident) or []
        license = " AND ".join(f"({v})" if " " in v else v for v in dict.fromkeys(licences)) or None
        purl = _str(package.get("software_packageUrl")) or next(
            (_str(x.get("identifier")) for x in _list(package.get("externalIdentifier"))
             if isinstance(x, Mapping) and x.get("externalIdentifierType") == "packageUrl"), None)
        out.append(SbomPackage(name, _str(package.get("software_packageVersion")), license, lines.get(ident),
                               purl, uses.get(ident)))
    return Sbom(path, "SPDX 3.0 JSON-LD", tuple(out), root_name)


# -- CycloneDX ---------------------------------------------------------------------------------------

def _cdx_components(items: Any, depth: int = 0) -> Iterator[Mapping[str, Any]]:
    if depth > 100:
        return
    for item in _list(items):
        if isinstance(item, Mapping):
            yield item
            yield from _cdx_components(item.get("components"), depth + 1)


def _cdx_entries(component: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The licence entries of a component as (kind, text): kind is `id`, `name` or `expression`."""
    entries: list[tuple[str, str]] = []
    for entry in _list(component.get("licenses")):
        if not isinstance(entry, Mapping):
            continue
        if isinstance(entry.get("expression"), str):
            entries.append(("expression", entry["expression"]))
            continue
        license = entry.get("license")
        if isinstance(license, Mapping):
            if isinstance(license.get("id"), str):
                entries.append(("id", license["id"]))
            elif isinstance(license.get("name"), str):
                entries.append(("name", license["name"]))
    return entries


def read_cyclonedx(path: str, data: Mapping[str, Any], text: str, bom_ref: str = r'"bom-ref"\s*:\s*"([^"]+)"',
                   kind: str = "CycloneDX") -> Sbom:
    """CycloneDX: components (nested too) with `licenses` ids, names or expressions, and `scope`."""
    version = str(data.get("specVersion", "?"))[:20]
    lines = _lines(text, bom_ref)
    metadata = data.get("metadata")
    root = metadata.get("component") if isinstance(metadata, Mapping) else None
    root = root if isinstance(root, Mapping) else None
    root_ref = _str(root.get("bom-ref")) if root is not None else None
    root_key = (_str(root.get("name")), _str(root.get("version"))) if root is not None else None
    out: list[SbomPackage] = []
    for component in _cdx_components(data.get("components")):
        ref = _str(component.get("bom-ref"))
        if root is not None and ((root_ref is not None and ref == root_ref) or
                                 (root_ref is None and (_str(component.get("name")),
                                                        _str(component.get("version"))) == root_key)):
            continue  # metadata.component, listed again among the components
        raw, expression, note = license_of_entries(_cdx_entries(component))
        name = str(component.get("name", "?"))[:200]
        group = component.get("group")
        purl = _str(component.get("purl"))
        if isinstance(group, str) and group:
            name = f"{group}/{name}" if (purl or "").startswith("pkg:npm") else f"{group}:{name}"
        scope = component.get("scope")
        use = "build-tool" if scope == "excluded" else None
        out.append(SbomPackage(name, _str(component.get("version")), raw, lines.get(ref) if ref else None,
                               purl, use, note, expression))
    return Sbom(path, f"{kind} {version}", tuple(out), _str(root.get("name")) if root is not None else None)
