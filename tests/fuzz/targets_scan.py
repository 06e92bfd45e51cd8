# SPDX-License-Identifier: Apache-2.0
# REUSE-IgnoreStart: this module quotes tags; scanners must not take them for its own licence.
"""Fuzz targets of the scan readers: one input (bytes) to one reader; only LicenseCheckError may escape.

Each target decodes its input as the scan does (UTF-8; undecodable bytes kept as lone surrogates, the
way names and headers reach the readers) and calls one reader. A reader's own `ManifestError` (one
line naming the problem) is the expected answer to malformed input and is turned into an `InputError`;
anything else escaping is a bug. `SEEDS` gives each target a few valid inputs to mutate.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from licensecheck.errors import InputError
from licensecheck.scan import identify, lockfiles, manifests, reuse, sbom, tags
from licensecheck.scan.config import config_from
from licensecheck.scan.globs import compile_glob
from licensecheck.scan.manifests import ManifestError


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _reader(read: Callable[[str, str], object], name: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        try:
            read(name, _text(data))
        except ManifestError as exc:
            message = str(exc)
            if "\n" in message:
                raise AssertionError(f"a multi-line message: {message[:200]!r}") from None
            raise InputError(message) from None

    return target


def _sbom(name: str) -> Callable[[bytes], None]:
    return _reader(lambda path, text: sbom.read_sbom(path, name, text), name)


def _config(data: bytes) -> None:
    """A configuration's mapping (the file is read as strict UTF-8, as files.read_text does)."""
    from licensecheck.yamlio import parse_yaml

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not UTF-8") from None
    node = parse_yaml(text, ".licensecheck.yaml")
    plain = node.plain() if node is not None else None
    if isinstance(plain, dict):
        config_from(plain, ".licensecheck.yaml", text)
    elif plain is not None:
        raise InputError("not a mapping")


def _config_file(data: bytes) -> None:
    """The whole configuration path: a file on disk read through load_config (regular file, cap, yamlio)."""
    from licensecheck.scan.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".licensecheck.yaml"
        path.write_bytes(data)
        load_config(Path(folder))


def _tags(data: bytes) -> None:
    found = tags.extract_tags(data)
    for tag in (*found.licenses, *found.copyrights):
        assert tag.line >= 1


def _identify(data: bytes) -> None:
    found = identify.identify_parts(_text(data))
    for part in found.parts:
        assert 0.0 <= part.score <= 1.0 and part.lines[0] <= part.lines[1]


def _glob(data: bytes) -> None:
    text = _text(data)
    pattern, _, path = text.partition("\n")
    for flags in ((False, False), (True, False), (False, True)):
        compile_glob(pattern[:200], *flags).matches(path[:500])


def _dep5(data: bytes) -> None:
    _reader(lambda path, text: reuse.read_dep5(path, text, "", "closest"), "debian/copyright")(data)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "package.json": _reader(manifests.read_package_json, "package.json"),
    "pyproject.toml": _reader(manifests.read_pyproject, "pyproject.toml"),
    "setup.cfg": _reader(manifests.read_setup_cfg, "setup.cfg"),
    "Cargo.toml": _reader(manifests.read_cargo, "Cargo.toml"),
    "composer.json": _reader(manifests.read_composer, "composer.json"),
    "pom.xml": _reader(manifests.read_pom, "pom.xml"),
    "METADATA": _reader(manifests.read_metadata, "METADATA"),
    "gemspec": _reader(manifests.read_gemspec, "x.gemspec"),
    "go.mod": _reader(lockfiles.read_go_mod, "go.mod"),
    "package-lock.json": _reader(lockfiles.read_package_lock, "package-lock.json"),
    "yarn.lock": _reader(lockfiles.read_yarn_lock, "yarn.lock"),
    "pnpm-lock.yaml": _reader(lockfiles.read_pnpm_lock, "pnpm-lock.yaml"),
    "composer.lock": _reader(lockfiles.read_composer_lock, "composer.lock"),
    "poetry.lock": _reader(lockfiles.read_poetry_lock, "poetry.lock"),
    "uv.lock": _reader(lockfiles.read_uv_lock, "uv.lock"),
    "Cargo.lock": _reader(lockfiles.read_cargo_lock, "Cargo.lock"),
    "Gemfile.lock": _reader(lockfiles.read_gemfile_lock, "Gemfile.lock"),
    "spdx.json": _sbom("bom.spdx.json"),
    "spdx.yaml": _sbom("bom.spdx.yaml"),
    "spdx tag-value": _sbom("bom.spdx"),
    "spdx.rdf": _sbom("bom.spdx.rdf"),
    "spdx.xml": _sbom("bom.spdx.xml"),
    "spdx3.jsonld": _sbom("bom.spdx3.json"),
    "cyclonedx.json": _sbom("bom.cdx.json"),
    "cyclonedx.xml": _sbom("bom.cdx.xml"),
    "dep5": _dep5,
    "REUSE.toml": _reader(reuse.read_reuse_toml, "REUSE.toml"),
    ".licensecheck.yaml": _config,
    ".licensecheck.yaml file": _config_file,
    "tags": _tags,
    "identify": _identify,
    "globs": _glob,
}

_MIT = '{"name": "x", "version": "1.0.0", "license": "MIT", "dependencies": {"a": "^1"}, "devDependencies": {"b": "1"}}'
SEEDS: dict[str, list[bytes]] = {
    "package.json": [_MIT.encode(), b'{"name": "y", "licenses": [{"type": "MIT"}, "ISC"], "license": {"type": "X"}}'],
    "pyproject.toml": [b'[project]\nname = "x"\nlicense = "MIT AND CC0-1.0"\ndependencies = ["a>=1"]\n'
                       b'classifiers = ["License :: OSI Approved :: MIT License"]\n[project.optional-dependencies]\n'
                       b'dev = ["pytest"]\n[tool.poetry.dependencies]\npython = "^3"\n'],
    "setup.cfg": [b"[metadata]\nname = x\nlicense = MIT\nclassifiers =\n  License :: OSI Approved :: MIT License\n"
                  b"[options]\ninstall_requires =\n  a\n"],
    "Cargo.toml": [b'[package]\nname = "x"\nversion = "1.0.0"\nlicense = "MIT/Apache-2.0"\n[dependencies]\nserde = "1"\n'],
    "composer.json": [b'{"name": "a/b", "license": ["MIT", "GPL-2.0-only"], "require": {"php": ">=8", "c/d": "1"}}'],
    "pom.xml": [b'<project xmlns="http://maven.apache.org/POM/4.0.0"><groupId>g</groupId><artifactId>a</artifactId>'
                b'<licenses><license><name>Apache License, Version 2.0</name></license></licenses><dependencies>'
                b'<dependency><groupId>x</groupId><artifactId>y</artifactId><scope>test</scope></dependency>'
                b'</dependencies></project>'],
    "METADATA": [b"Metadata-Version: 2.4\nName: x\nVersion: 1\nLicense-Expression: MIT\nLicense-File: LICENSE\n"
                 b"Classifier: License :: OSI Approved :: BSD License\nRequires-Dist: a>=1\n\nbody\n",
                 b"Metadata-Version: 2.1\nName: y\nLicense: Copyright (c) x\n        line\n        line\n"],
    "gemspec": [b'Gem::Specification.new do |s|\n  s.name = "x"\n  s.version = "1.0"\n  s.licenses = ["MIT", "Ruby"]\nend\n'],
    "go.mod": [b"module example.com/x\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.2.3\n\tgolang.org/x/c v0.1.0 "
               b"// indirect\n)\nrequire github.com/d/e v2.0.0\n"],
    "package-lock.json": [b'{"lockfileVersion": 3, "packages": {"": {"name": "x"}, "node_modules/a": {"version": "1.0.0",'
                          b' "license": "MIT"}, "node_modules/a/node_modules/b": {"version": "2", "dev": true}}}',
                          b'{"lockfileVersion": 1, "dependencies": {"a": {"version": "1", "dev": true, '
                          b'"dependencies": {"b": {"version": "2"}}}}}'],
    "yarn.lock": [b'# yarn lockfile v1\n\n"@s/a@^1.0.0", "@s/a@^1.1":\n  version "1.2.0"\n\nb@npm:2:\n  version: 2.0.0\n'],
    "pnpm-lock.yaml": [b"lockfileVersion: '9.0'\nimporters:\n  .:\n    devDependencies:\n      b:\n        "
                       b"specifier: ^1\n        version: 1.0.0\npackages:\n  a@1.0.0:\n    resolution: {integrity: x}\n"
                       b"  /b@1.0.0:\n    dev: true\n"],
    "composer.lock": [b'{"packages": [{"name": "a/b", "version": "1.0", "license": ["MIT"]}], "packages-dev": '
                      b'[{"name": "c/d", "version": "2", "license": "GPL-3.0-only"}]}'],
    "poetry.lock": [b'[[package]]\nname = "a"\nversion = "1.0"\ncategory = "dev"\n'],
    "uv.lock": [b'version = 1\n[[package]]\nname = "a"\nversion = "1.0"\nsource = { registry = "x" }\n'
                b'[[package]]\nname = "me"\nversion = "0.1"\nsource = { editable = "." }\n'],
    "Cargo.lock": [b'version = 3\n[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "registry+x"\n'],
    "Gemfile.lock": [b"GEM\n  remote: https://rubygems.org/\n  specs:\n    rake (13.0.6)\n      x (>= 1)\n\n"
                     b"PLATFORMS\n  ruby\n"],
    "spdx.json": [b'{"spdxVersion": "SPDX-2.3", "documentDescribes": ["SPDXRef-a"], "packages": [{"SPDXID": "SPDXRef-a",'
                  b' "name": "a", "licenseConcluded": "MIT", "externalRefs": [{"referenceType": "purl", '
                  b'"referenceLocator": "pkg:npm/a@1"}]}, {"SPDXID": "SPDXRef-b", "name": "b", "licenseDeclared": '
                  b'"GPL-2.0-only"}], "relationships": [{"spdxElementId": "SPDXRef-b", "relationshipType": '
                  b'"DEV_DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-a"}]}'],
    "spdx.yaml": [b"spdxVersion: SPDX-2.3\npackages:\n  - SPDXID: SPDXRef-a\n    name: a\n    licenseConcluded: MIT\n"],
    "spdx tag-value": [b"SPDXVersion: SPDX-2.3\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-a\nPackageName: a\n"
                       b"SPDXID: SPDXRef-a\nPackageLicenseConcluded: MIT\nPackageName: b\nSPDXID: SPDXRef-b\n"
                       b"PackageLicenseDeclared: <text>x</text>\n"],
    "spdx.rdf": [(Path(__file__).resolve().parent / "seeds" / "app-rdf.seed").read_bytes(),
                 b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/'
                 b'terms#"><spdx:SpdxDocument rdf:about="http://x#SPDXRef-DOCUMENT"><spdx:specVersion>SPDX-2.3'
                 b'</spdx:specVersion></spdx:SpdxDocument></rdf:RDF>'],
    "spdx.xml": [b"<Document><spdxVersion>SPDX-2.3</spdxVersion><packages><SPDXID>SPDXRef-a</SPDXID><name>a</name>"
                 b"<licenseConcluded>MIT</licenseConcluded></packages><documentDescribes>SPDXRef-a"
                 b"</documentDescribes></Document>"],
    "spdx3.jsonld": [b'{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [{"type": '
                     b'"software_Sbom", "spdxId": "s", "rootElement": ["p1"]}, {"type": "software_Package", "spdxId":'
                     b' "p1", "name": "root"}, {"type": "software_Package", "spdxId": "p2", "name": "dep", '
                     b'"software_packageVersion": "1"}, {"type": "simplelicensing_LicenseExpression", "spdxId": "l",'
                     b' "simplelicensing_licenseExpression": "MIT"}, {"type": "Relationship", "spdxId": "r", "from":'
                     b' "p2", "relationshipType": "hasConcludedLicense", "to": ["l"]}]}'],
    "cyclonedx.json": [b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"component": {"bom-ref": "r",'
                       b' "name": "app"}}, "components": [{"bom-ref": "a", "name": "a", "group": "g", "purl": '
                       b'"pkg:npm/g/a@1", "licenses": [{"license": {"id": "MIT"}}, {"license": {"name": "License :: '
                       b'OSI Approved :: MIT License"}}], "components": [{"name": "b", "scope": "excluded"}]}]}'],
    "cyclonedx.xml": [b'<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5"><metadata><component '
                      b'bom-ref="r"><name>app</name></component></metadata><components><component type="library" '
                      b'bom-ref="a"><name>a</name><version>1</version><licenses><license><id>MIT</id></license>'
                      b'<expression>MIT OR ISC</expression></licenses></component></components></bom>'],
    "dep5": [b"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: x\n"
             b"License: GPL-2+\n\nFiles: src/*.c debian/*\nLicense: Expat\n"],
    "REUSE.toml": [b'version = 1\n[[annotations]]\npath = ["src/**", "*.md"]\nprecedence = "aggregate"\n'
                   b'SPDX-License-Identifier = "MIT"\nSPDX-FileCopyrightText = "x"\n'],
    ".licensecheck.yaml": [b"outbound: MIT\nlicensee: {kind: worker-cooperative}\nusage:\n  - {ecosystem: npm, use: "
                           b"static-link}\nexclude: [docs/]\nexceptions:\n  - {component: x, reason: y, expires: "
                           b"2027-01-01, license: MIT}\nallow: [MIT, permissive]\noverrides:\n  - {package: a, "
                           b"license: MIT, reason: wrong}\nunknown: {build-only: accept}\n"],
    ".licensecheck.yaml file": [b"outbound: MIT\ndate: 2027-01-01\n"],
    "tags": [b"// SPDX-License-Identifier: MIT */\n# SPDX-FileCopyrightText: 2026 x -->\n",
             b"REUSE-Ignore" b"Start\nSPDX-License-Identifier: X\nREUSE-Ignore" b"End\n<!-- SPDX-License-Identifier: A -->\n"],
    "identify": [b"Permission is hereby granted, free of charge, to any person obtaining a copy of this software and "
                 b"associated documentation files (the \"Software\"), to deal in the Software without restriction"],
    "globs": [b"src/**/*.c\nsrc/a/b.c", b"*a*a*b\naaaaaaaaaa", b"docs/\ndocs/x/y"],
}

# REUSE-IgnoreEnd
