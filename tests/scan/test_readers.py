# SPDX-License-Identifier: Apache-2.0
# REUSE-IgnoreStart: the tags in this file are test data, not its licence.
"""Tag extraction, REUSE.toml precedence, licence-text identification, manifest and SBOM readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from licensecheck.resources import data_path
from licensecheck.scan import reuse
from licensecheck.scan.identify import THRESHOLD, identify, is_license_file
from licensecheck.scan.manifests import ManifestError, read_cargo, read_metadata, read_pom
from licensecheck.scan.names import looks_like_expression, to_expression
from licensecheck.scan.sbom import read_sbom
from licensecheck.scan.tags import extract_tags
from tests.scan.helpers import REPOS


@pytest.mark.parametrize(("text", "expected"), [
    (b"/* SPDX-License-Identifier: MIT */\n", ["MIT"]),
    (b"<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n", ["CC-BY-4.0"]),
    (b"# SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note\n", ["GPL-2.0 WITH Linux-syscall-note"]),
    (b"// SPDX-License-Identifier: MIT\n// SPDX-License-Identifier: Apache-2.0\n// SPDX-License-Identifier: MIT\n",
     ["MIT", "Apache-2.0"]),
    (b"(* SPDX-License-Identifier: ISC *)\r\n", ["ISC"]),
    (b"x\n# REUSE-Ignore" b"Start\n# SPDX-License-Identifier: GPL-3.0-only\n# REUSE-Ignore" b"End\n", []),
    (b"SPDX-License-Identifier:\n", []),
])
def test_tags(text: bytes, expected: list[str]) -> None:
    """Tags are read as REUSE reads them: comment closers stripped, ignore blocks skipped, repeats once."""
    assert expected == [t.value for t in extract_tags(text).licenses]


def test_tag_lines_and_copyright() -> None:
    """Each tag keeps its line; copyright tags are read too."""
    tags = extract_tags(b"#!/bin/sh\n# SPDX-FileCopyrightText: 2024 A Coop\n# SPDX-License-Identifier: 0BSD\n")
    assert ([("0BSD", 3)], [("2024 A Coop", 2)]) == (
        [(t.value, t.line) for t in tags.licenses], [(t.value, t.line) for t in tags.copyrights])


def test_invalid_utf8_is_flagged() -> None:
    """A tag line that is not UTF-8 is read with replacement characters and flagged; other lines do not matter."""
    flagged = extract_tags(b"// SPDX-FileCopyrightText: Ren\xe9\n// SPDX-License-Identifier: MIT\n")
    assert (True, ["Ren\ufffd"], False) == (
        flagged.invalid_utf8, [t.value for t in flagged.copyrights],
        extract_tags(b"// SPDX-License-Identifier: MIT\n\xff\xfe rest\n").invalid_utf8)


def _toml(text: str, path: str = "REUSE.toml") -> reuse.ReuseToml:
    return reuse.read_reuse_toml(path, text)


def test_reuse_globs() -> None:
    """`*` stays within a folder, `**` crosses folders, a later annotation wins over an earlier one."""
    toml = _toml('version = 1\n[[annotations]]\npath = "src/*.c"\nSPDX-License-Identifier = "MIT"\n'
                 '[[annotations]]\npath = "src/**"\nSPDX-License-Identifier = "0BSD"\n'
                 '[[annotations]]\npath = "src/a.c"\nSPDX-License-Identifier = "ISC"\n')
    assert ("ISC", "0BSD", "0BSD", None) == tuple(
        a.licenses[0] if a else None for a in (toml.match("src/a.c"), toml.match("src/b.c"),
                                               toml.match("src/x/b.c"), toml.match("b.c")))


def test_reuse_override_ends_the_search() -> None:
    """An outer override annotation wins over the nested REUSE.toml."""
    outer = _toml('version = 1\n[[annotations]]\npath = "lib/**"\nprecedence = "override"\n'
                  'SPDX-License-Identifier = "MIT"\n')
    inner = _toml('version = 1\n[[annotations]]\npath = "**"\nSPDX-License-Identifier = "ISC"\n', "lib/REUSE.toml")
    applied = reuse.applicable({"": outer, "lib": inner}, "lib/x.c")
    assert (True, (), ()) == (applied.overridden, applied.aggregate, applied.closest)


@pytest.mark.parametrize(("text", "message"), [
    ("version = 1\n[[annotations]]\nSPDX-License-Identifier = 'MIT'\n", "annotation at line 2 has no `path`"),
    ("version = 1\n[[annotations]]\npath = 'x'\nprecedence = 'nearest'\n",
     "annotation at line 2: unknown precedence `nearest`"),
    ("[[annotations]\n", "malformed TOML"),
])
def test_reuse_toml_errors(text: str, message: str) -> None:
    """A malformed REUSE.toml is one line."""
    with pytest.raises(ManifestError, match="^" + message.replace("(", r"\(").replace("[", r"\[")):
        _toml(text)


def test_identify_licence_texts() -> None:
    """A shipped text with a copyright line is identified; another text is not guessed."""
    mit = data_path("licenses").joinpath("texts", "MIT.txt").read_text(encoding="utf-8")
    match = identify(mit.replace("<year> <copyright holders>", "2026 Someone"))
    assert ("MIT", True) == (match.license, match.identified) if match else None
    half = " ".join(mit.split()[:60]) + " and you must also send the authors a postcard every year, forever."
    other = identify(half)
    assert other is not None and not other.identified and other.score < THRESHOLD


@pytest.mark.parametrize(("name", "expected"), [
    ("LICENSE", True), ("LICENCE.md", True), ("COPYING.LESSER", True), ("LICENSE-MIT", True), ("NOTICE", True),
    ("license.py", False), ("licenses.rs", False), ("Unlicense.terms", False), ("README", False),
    ("license-rules.rst", False), ("LICENSE.APACHE2", True), ("MIT-LICENSE", True),
])
def test_licence_file_names(name: str, expected: bool) -> None:
    """LICENSE, LICENCE, COPYING, NOTICE and variants are licence files; source files are not."""
    assert expected == is_license_file(name)


@pytest.mark.parametrize(("text", "expected"), [
    ("MIT", "MIT"), ("mit or apache-2.0", "mit or apache-2.0"), ("MIT License", "MIT"),
    ("The Apache Software License, Version 2.0", "Apache-2.0"), ("MIT/Apache-2.0", "MIT OR Apache-2.0"),
    ("BSD License", None), ("Custom", "Custom"), ("see LICENSE file", None),
])
def test_licence_strings(text: str, expected: str | None) -> None:
    """Licence strings become SPDX expressions only where that is certain."""
    assert expected == to_expression(text)


def test_expression_shape() -> None:
    """An SPDX-looking string alternates ids and operators with balanced parentheses."""
    assert (True, False, False) == (looks_like_expression("(A OR B) AND C WITH D-exception"), looks_like_expression("A B"),
                                    looks_like_expression("(A OR B"))


def test_metadata_prefers_license_expression() -> None:
    """METADATA: License-Expression first, then License, then classifiers; extras are not runtime needs."""
    text = ("Metadata-Version: 2.4\nName: Foo_Bar\nVersion: 1\nLicense: BSD\nLicense-Expression: MIT\n"
            "Requires-Dist: idna\nRequires-Dist: pysocks; extra == 'socks'\n\nbody\n")
    manifest = read_metadata("METADATA", text)
    assert ("MIT", 5, ("idna",)) == (manifest.licenses[0].expression, manifest.licenses[0].line, manifest.requires)


def test_cargo_and_pom() -> None:
    """Cargo's legacy `/` is a choice; several POM licences are a choice (POM reference)."""
    cargo = read_cargo("Cargo.toml", '[package]\nname = "x"\nlicense = "MIT/Apache-2.0"\n')
    pom = read_pom("pom.xml", "<project><licenses><license><name>MIT License</name></license>"
                              "<license><name>Apache 2.0</name></license></licenses></project>")
    assert ("MIT OR Apache-2.0", "MIT OR Apache-2.0") == (cargo.licenses[0].expression,  # type: ignore[union-attr]
                                                          pom.licenses[0].expression)  # type: ignore[union-attr]


def test_pom_entities_refused() -> None:
    """A POM with entity declarations is not parsed."""
    with pytest.raises(ManifestError, match="DOCTYPE"):
        read_pom("pom.xml", '<!DOCTYPE x [<!ENTITY a "b">]><project/>')


def test_sbom_not_an_sbom() -> None:
    """A JSON file with an SBOM-like name that is neither format is an error; other JSON is ignored."""
    with pytest.raises(ManifestError, match="neither an SPDX nor a CycloneDX document"):
        read_sbom("x.cdx.json", "x.cdx.json", "{}", "")
    assert read_sbom("sbom.json", "sbom.json", '{"a": 1}', "") is None



def test_spdx_rdf_through_spdx_tools(tmp_path: Path) -> None:
    """SPDX RDF/XML is read through spdx-tools, with the same packages and uses as the JSON it was written from."""
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.writer.write_anything import write_file

    rdf = tmp_path / "app.spdx.rdf.xml"
    write_file(parse_file(str(REPOS / "sboms" / "sbom" / "app.spdx.json")), str(rdf), validate=False)
    sbom = read_sbom(rdf.name, rdf.name, rdf.read_text(encoding="utf-8"))
    assert [("make", "GPL-3.0-or-later", "build-tool"), ("mystery-blob", None, None),
            ("readline", "GPL-3.0-or-later", "dynamic-link"), ("zlib", "Zlib", "static-link")] == sorted(
        (p.name, p.license, p.use) for p in sbom.packages)  # type: ignore[union-attr]

# REUSE-IgnoreEnd
