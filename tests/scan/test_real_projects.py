# SPDX-License-Identifier: Apache-2.0
"""The cases of issue 13, each on a fixture project written from real files: the component and its verdict."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.cli import main
from licensecheck.scan import scan_repository
from licensecheck.scan.identify import MARGIN, identify_parts
from licensecheck.scan.model import Finding, Kind, ScanReport
from tests.scan.helpers import REPOS, tree_state

Repo = Callable[[str], Path]


def _find(report: ScanReport, name: str, version: str | None = None) -> list[Finding]:
    return [f for f in report.findings if f.component.name == name and (version is None or
                                                                         f.component.version == version)]


def _one(report: ScanReport, name: str, version: str | None = None) -> Finding:
    found = _find(report, name, version)
    assert 1 == len(found), [f.component for f in found]
    return found[0]


# -- SBOMs ------------------------------------------------------------------------------------------

def test_sbom_describing_every_package_lists_them_all(repo: Repo) -> None:
    """sbom4python's document DESCRIBES all 27 packages: none is the product, all are components."""
    report = scan_repository(repo("python-sboms"))
    from_spdx = {f.component.name for f in report.findings
                 if any(d.location.path == "sbom/python.spdx.json" for d in f.component.declarations)}
    assert 27 == len(from_spdx)
    assert ("conditional", "dynamic-link", "MPL-2.0") == (
        _one(report, "certifi").verdict.value, _one(report, "certifi").component.use,
        _one(report, "certifi").component.expression)


def test_sbom_with_one_described_package_leaves_the_product_out(repo: Repo) -> None:
    """sbom4python -m idna describes idna alone: it is the product, not a component of the project."""
    report = scan_repository(repo("python-sboms"))
    idna = _one(report, "idna")
    assert ["sbom/env.cdx.xml", "sbom/python.spdx.json"] == sorted(d.location.path for d in
                                                                   idna.component.declarations)


def test_cyclonedx_xml_is_read_and_id_plus_classifier_is_one_licence(repo: Repo) -> None:
    """cyclonedx-py's XML SBOM is read; `MPL-2.0` plus its classifier is MPL-2.0, not `MPL-2.0 AND (...)`."""
    report = scan_repository(repo("python-sboms"))
    certifi = _one(report, "certifi")
    assert "sbom/env.cdx.xml" in [d.location.path for d in certifi.component.declarations]
    fast = _one(report, "fastjsonschema")
    assert ("BSD-3-Clause", "compatible") == (fast.component.expression, fast.verdict.value)
    assert "names no licence in particular" in (fast.component.note or "")
    # the classifier alone (cyclonedx-py) names no licence: unknown, never guessed; sbom4python said BSD-3-Clause
    assert [("compatible", "BSD-3-Clause"), ("unknown", None)] == sorted(
        (f.verdict.value, f.component.expression or None) for f in _find(report, "semantic-version"))


# -- node_modules and lockfiles ------------------------------------------------------------------------

def test_nested_node_modules_are_read(repo: Repo) -> None:
    """A package nested under another (debug's own ms 2.0.0) is found beside the hoisted one."""
    report = scan_repository(repo("npm-nested"))
    assert ["2.0.0", "2.1.3"] == sorted(f.component.version for f in _find(report, "ms"))
    assert "node_modules/debug/node_modules/ms/package.json:29" == str(
        _one(report, "ms", "2.0.0").component.declarations[0].location)


def test_lockfile_dev_flags_mark_build_only_packages(repo: Repo) -> None:
    """package-lock.json says isarray is a devDependency: a build tool, not a run-time dependency."""
    assert "build-tool" == _one(scan_repository(repo("npm-nested")), "isarray").component.use


def test_lockfiles_without_installed_packages(repo: Repo) -> None:
    """Every lockfile is read: licences where it has them, otherwise `licence not in the lockfile` (unknown)."""
    report = scan_repository(repo("lockfiles"))
    assert ("compatible", "ISC") == (_one(report, "inherits").verdict.value, _one(report, "inherits").component.expression)
    for name, lockfile in [("left-pad", "yarn.lock"), ("requests", "uv.lock"), ("certifi", "poetry.lock"),
                           ("itoa", "Cargo.lock"), ("rack", "Gemfile.lock"), ("github.com/google/uuid", "go.mod")]:
        finding = _one(report, name)
        assert "unknown" == finding.verdict.value, name
        assert f"licence not in the lockfile ({lockfile})" in finding.result.errors[0]
    assert "build-tool" == _one(report, "pytest").component.use  # poetry.lock category dev
    assert "static-link" == _one(report, "itoa").component.use  # Rust compiles its crates in


def test_unknown_lockfile_only_can_be_accepted(repo: Repo, runner: CliRunner) -> None:
    """`unknown: {lockfile-only: accept}` keeps those findings in the report but out of the exit code."""
    root = repo("lockfiles")
    assert 3 == runner.invoke(main, ["scan", str(root)]).exit_code
    (root / ".licensecheck.yaml").write_text("unknown:\n  lockfile-only: accept\n", encoding="utf-8")
    result = runner.invoke(main, ["scan", str(root)])
    assert 0 == result.exit_code, result.output
    assert "accepted exceptions (9)" in result.output


# -- Python environments ------------------------------------------------------------------------------

def test_dist_info_licence_files_and_bundled_sboms(repo: Repo) -> None:
    """A `BSD License` classifier is resolved by the wheel's licences/ file; a PEP 770 SBOM lists what it bundles."""
    report = scan_repository(repo("python-venv"))
    demo = _one(report, "bundler-demo")
    assert ("BSD-2-Clause", "compatible") == (demo.component.expression, demo.verdict.value)
    readline = _one(report, "libreadline")
    assert ("incompatible", "dynamic-link") == (readline.verdict.value, readline.component.use)
    assert "bundled in bundler-demo 1.0" in (readline.component.note or "")


def test_scipy_full_text_licence_field_is_identified(repo: Repo) -> None:
    """scipy's METADATA `License:` holds the whole BSD-3-Clause text with bundled notices: BSD-3-Clause."""
    scipy = _one(scan_repository(repo("python-venv")), "scipy")
    assert ("BSD-3-Clause", "compatible") == (scipy.component.expression, scipy.verdict.value)


def test_a_venv_scanned_as_the_root(repo: Repo) -> None:
    """Scanning the virtual environment folder itself reads its packages."""
    report = scan_repository(repo("python-venv") / ".venv")
    assert {"bundler-demo", "libreadline", "libyaml", "numpy", "scipy"} <= {f.component.name for f in report.findings}


# -- licence files ------------------------------------------------------------------------------------

def test_numpy_licence_file_is_bsd_with_appended_notices(repo: Repo) -> None:
    """numpy's wheel LICENSE.txt is BSD-3-Clause first; the bundled libraries' texts are parts of their own."""
    report = scan_repository(repo("bundled-notices"))
    assert ("BSD-3-Clause", "LICENSE.txt:4") == (report.outbound, report.outbound_source)
    gpl = _one(report, "LICENSE.txt lines 235-911")
    assert ("GPL-3.0-only WITH GCC-exception-3.1", "aggregate") == (gpl.component.expression, gpl.component.use)
    lapack = _one(report, "LICENSE.txt lines 95-128")  # LAPACK's BSD variant, told apart from BSD-3-Clause
    assert ("compatible", "BSD-3-Clause-Open-MPI") == (lapack.verdict.value, lapack.component.expression)


def test_coopcycle_licence_is_its_own(repo: Repo) -> None:
    """CoopCycle's LICENSE is identified as LicenseRef-CoopCycle, ahead of the SSPL by more than the margin."""
    report = scan_repository(repo("coopcycle"))
    assert ("LicenseRef-CoopCycle", "LICENSE:1") == (report.outbound, report.outbound_source)
    part = identify_parts((REPOS / "coopcycle" / "LICENSE").read_text(encoding="utf-8")).main
    assert part is not None and ("LicenseRef-CoopCycle", True) == (part.license, part.identified)
    assert part.margin >= MARGIN and part.second == "SSPL-1.0"


def test_a_close_call_is_not_guessed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without CoopCycle's text the file is within the margin of several GPL rewrites: unidentified."""
    from licensecheck.scan import identify

    refs = identify._references()
    keep = [i for i, name in enumerate(refs.ids) if name != "LicenseRef-CoopCycle"]
    reduced = identify._References(tuple(refs.ids[i] for i in keep), tuple(refs.sets[i] for i in keep), {})
    lists: dict[tuple[str, str, str], list[int]] = {}
    for number, found in enumerate(reduced.sets):
        for shingle in found:
            lists.setdefault(shingle, []).append(number)
    reduced.index.update({k: tuple(v) for k, v in lists.items()})
    monkeypatch.setattr(identify, "_references", lambda: reduced)
    part = identify.identify_parts((REPOS / "coopcycle" / "LICENSE").read_text(encoding="utf-8")).main
    assert part is not None and not part.identified


def test_coopcycle_composer_lock(repo: Repo) -> None:
    """composer.lock licences are read: a choice of licences is an OR, an unknown name stays unknown."""
    report = scan_repository(repo("coopcycle"))
    assert "BSD-3-Clause OR GPL-2.0-only OR GPL-3.0-only" == _one(report, "nette/schema").component.expression
    assert ("unknown", "GNU") == (_one(report, "emcconville/google-map-polyline-encoding-tool").verdict.value,
                                  _one(report, "emcconville/google-map-polyline-encoding-tool").component.expression)
    assert "build-tool" == _one(report, "aeon-php/calendar").component.use  # packages-dev


# -- the project's licence set, vendored packages ------------------------------------------------------

def test_pep639_expression_is_a_licence_set(repo: Repo) -> None:
    """A PEP 639 AND of four licences: each part goes out under its own licence, nothing is incompatible."""
    report = scan_repository(repo("licence-set"))
    assert all(f.verdict.value == "compatible" for f in report.findings)
    docs = _one(report, "CC-BY-SA-4.0")
    assert ("aggregate", "CC-BY-SA-4.0") == (docs.component.use, docs.outbound)
    assert "GPL-3.0-or-later AND Apache-2.0" == _one(report, "attrs").outbound  # the code's licences


def test_composer_vendor_is_a_dependency(repo: Repo) -> None:
    """A composer library under vendor/ is a dynamic-link dependency (from installed.json), not a modification."""
    report = scan_repository(repo("composer-vendor"))
    psr = _one(report, "psr/log")
    assert ("dynamic-link", "3.0.2", "compatible") == (psr.component.use, psr.component.version, psr.verdict.value)
    assert not [f for f in report.findings if f.component.use == "modify"]


def test_vendored_go_modules(repo: Repo) -> None:
    """go.mod with vendor/: each vendored module, its version from modules.txt, its licence from its LICENSE."""
    report = scan_repository(repo("go-vendor"))
    uuid = _one(report, "github.com/google/uuid")
    assert ("v1.6.0", "BSD-3-Clause", "static-link") == (uuid.component.version, uuid.component.expression,
                                                         uuid.component.use)


# -- names, DEP-5 --------------------------------------------------------------------------------------

def test_licence_names(repo: Repo) -> None:
    """npm's UNLICENSED is a proprietary licence, never `did you mean Unlicense`; `LGPL with exceptions` is no WITH."""
    report = scan_repository(repo("names"))
    private = _one(report, "private-pkg")
    assert "LicenseRef-Proprietary" == private.component.expression
    assert "Unlicense" not in " ".join(private.result.errors)
    lgpl = _one(report, "pygobject-like")
    assert (None, "unknown") == (lgpl.component.expression, lgpl.verdict.value)


def test_dep5_files(repo: Repo) -> None:
    """.reuse/dep5 and debian/copyright: the last matching paragraph gives each file its licence."""
    report = scan_repository(repo("dep5"))
    files = {f.path: f.expressions for f in report.files}
    assert ("GPL-3.0-or-later",) == files["src/main.c"]
    assert ("CC0-1.0",) == files["src/generated/table.c"]
    assert ("MIT",) == files["pkg/lib/thing.c"]
    assert ("GPL-2.0-or-later",) == files["pkg/lib/gpl_part.c"]


# -- machine outputs -----------------------------------------------------------------------------------

def test_github_and_sarif_keep_file_and_line_apart(repo: Repo, runner: CliRunner) -> None:
    """A problem at package.json line 1 is `file=package.json,line=1`, never `file=package.json%3A1`."""
    root = repo("lockfiles")
    (root / "LICENSE").write_text((REPOS / "coopcycle" / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    github = runner.invoke(main, ["scan", str(root), "--format", "github"]).output
    assert "%3A1" not in github and "file=package.json,line=1," in github
    sarif = json.loads(runner.invoke(main, ["scan", str(root), "--format", "sarif"]).output)
    locations = [r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"]]
    assert all(":" not in loc["artifactLocation"]["uri"] for loc in locations)
    assert {"artifactLocation": {"uri": "package.json", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 1}} in \
        locations


# -- the CI gate ---------------------------------------------------------------------------------------

def _config(root: Path, text: str) -> None:
    (root / ".licensecheck.yaml").write_text(text, encoding="utf-8")


def test_allow_and_deny_lists(repo: Repo) -> None:
    """`allow`/`deny` are a policy written in place: a licence not allowed fails, with the configuration cited."""
    root = repo("npm-nested")
    _config(root, "allow: [MIT]\n")
    report = scan_repository(root)
    inherits = _one(report, "inherits")
    assert "incompatible" == inherits.verdict.value
    assert any("not listed under `allow`" in (r.text or "") for r in inherits.result.reasons)
    _config(root, "deny: [ISC]\n")
    assert "incompatible" == _one(scan_repository(root), "inherits").verdict.value
    assert "compatible" == _one(scan_repository(root), "debug").verdict.value


def test_overrides_replace_a_wrong_declared_licence(repo: Repo) -> None:
    """A per-package override with a reason replaces the declared licence, and says so."""
    root = repo("names")
    _config(root, "overrides:\n  - package: pygobject-like\n    license: LGPL-2.1-or-later\n"
                  "    reason: upstream COPYING is the LGPL 2.1 or later\n")
    lgpl = _one(scan_repository(root), "pygobject-like")
    assert ("LGPL-2.1-or-later", "upstream COPYING is the LGPL 2.1 or later") == (
        lgpl.component.expression, lgpl.component.overridden)
    assert ".licensecheck.yaml:2" in [str(d.location).rpartition("/")[2] for d in lgpl.component.declarations]


def test_exception_pinned_to_a_licence_fails_when_the_licence_changes(repo: Repo) -> None:
    """An exception accepted for one licence no longer applies when the package declares another."""
    root = repo("lockfiles")
    _config(root, "exceptions:\n  - component: left-pad\n    reason: reviewed\n")
    assert _one(scan_repository(root), "left-pad").accepted is not None
    _config(root, "exceptions:\n  - component: left-pad\n    reason: reviewed as WTFPL\n    license: WTFPL\n")
    left = _one(scan_repository(root), "left-pad")
    assert left.accepted is None and "was accepted for `WTFPL`" in (left.component.note or "")


def test_unknown_build_only_can_be_accepted(repo: Repo) -> None:
    """`unknown: {build-only: accept}`: an unknown build tool is reported, not failing."""
    root = repo("lockfiles")
    _config(root, "unknown: {build-only: accept}\n")
    pytest_finding = _one(scan_repository(root), "pytest")
    assert ("unknown", True) == (pytest_finding.verdict.value, pytest_finding.accepted is not None)


def test_terms_key_adds_the_projects_own_terms(repo: Repo, tmp_path: Path) -> None:
    """`terms:` loads the project's own terms files: a licence only they define is then known."""
    root = repo("names")
    (root / "legal").mkdir()
    (root / "legal" / "LicenseRef-Our-Private.terms").write_text(
        'license LicenseRef-Our-Private\nname: "Our private licence"\nworks: software\n'
        '[grant] §1: may use, run, reproduce, modify, combine, distribute.\n', encoding="utf-8")
    _config(root, "terms: [legal]\noverrides:\n  - {package: private-pkg, license: LicenseRef-Our-Private, "
                  "reason: our own package}\n")
    private = _one(scan_repository(root), "private-pkg")
    assert "LicenseRef-Our-Private" == private.component.expression
    assert not any("unknown inbound licence" in e for e in private.result.errors)


def test_worst_finding_wins_over_an_unreadable_file(repo: Repo, runner: CliRunner) -> None:
    """An incompatible finding exits 1 even when another file could not be read; that file is reported too."""
    root = repo("python-venv")
    (root / "broken").mkdir()
    (root / "broken" / "package.json").write_text("{", encoding="utf-8")
    before = tree_state(root)
    result = runner.invoke(main, ["scan", str(root)])
    assert 1 == result.exit_code
    assert "broken/package.json: error: malformed JSON" in result.output
    assert before == tree_state(root)
    (root / ".venv" / "lib" / "python3.11" / "site-packages" / "bundler_demo-1.0.dist-info" / "sboms" /
     "bundled.cdx.json").unlink()
    assert 4 == runner.invoke(main, ["scan", str(root)]).exit_code
    assert Kind.PACKAGE  # the kinds are the model's


def test_unreadable_root_exits_4(repo: Repo, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scan root the user cannot read is one line and exit 4 (bad input), never click's usage error 2."""
    import os

    root = repo("names")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if str(path) == str(root) else
                        real_access(path, mode, **kw))
    result = runner.invoke(main, ["scan", str(root)])
    assert (4, f"error: {root}: cannot read the folder\n") == (result.exit_code, result.output)
