# SPDX-License-Identifier: Apache-2.0
"""Bench: an SPDX 2.3 JSON SBOM with 10,000 packages, read and checked; readers compared.

Generates the SBOM (and a CycloneDX 1.6 JSON with as many components) in a temporary folder, then
prints:
  - `licensecheck scan DIR --format json` on the folder with the SPDX SBOM: whole process, median;
  - the phases in one process: thin reader, checking every package, formatting;
  - spdx-tools `parse_file` on the same SBOM (the library the design names), and its validation on
    a 1,000-package slice (it is quadratic);
  - the thin CycloneDX reader, and cyclonedx-python-lib `Bom.from_json` when it is installed.

Usage: python bench/scan_sbom.py [--packages N] [--runs N]
Environment: CYCLONEDX_PYTHON, a python with cyclonedx-python-lib installed (kept out of licensecheck's
environment), to time `Bom.from_json` too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 3.0
LICENSES = ["MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "ISC", "MIT OR Apache-2.0", "MPL-2.0",
            "LGPL-2.1-or-later", "GPL-2.0-only", "GPL-3.0-or-later", "Zlib", "0BSD", "Unlicense", "CC0-1.0",
            "NOASSERTION", "Apache-2.0 WITH LLVM-exception", "LicenseRef-scancode-public-domain", "AGPL-3.0-only"]


def spdx_document(count: int) -> dict[str, object]:
    """An SPDX 2.3 document: one described application and `count` packages it depends on."""
    packages: list[dict[str, object]] = [{
        "SPDXID": "SPDXRef-app", "name": "app", "versionInfo": "1.0", "downloadLocation": "NOASSERTION",
        "licenseConcluded": "MIT", "licenseDeclared": "MIT", "copyrightText": "NOASSERTION", "filesAnalyzed": False}]
    relationships = [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                      "relatedSpdxElement": "SPDXRef-app"}]
    for index in range(count):
        spdx_id = f"SPDXRef-Package-{index}"
        packages.append({
            "SPDXID": spdx_id, "name": f"package-{index}", "versionInfo": f"{index % 7}.{index % 13}.0",
            "downloadLocation": "NOASSERTION", "filesAnalyzed": False, "copyrightText": "NOASSERTION",
            "licenseConcluded": LICENSES[index % len(LICENSES)], "licenseDeclared": LICENSES[index % len(LICENSES)],
            "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                              "referenceLocator": f"pkg:pypi/package-{index}@{index % 7}.0"}],
        })
        kind = "DEV_DEPENDENCY_OF" if index % 10 == 0 else "DEPENDS_ON"
        relationships.append({"spdxElementId": spdx_id, "relationshipType": kind, "relatedSpdxElement": "SPDXRef-app"}
                             if kind == "DEV_DEPENDENCY_OF" else
                             {"spdxElementId": "SPDXRef-app", "relationshipType": kind, "relatedSpdxElement": spdx_id})
    return {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "bench",
            "documentNamespace": "https://example.org/spdx/bench", "documentDescribes": ["SPDXRef-app"],
            "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: bench"]},
            "packages": packages, "relationships": relationships}


def cyclonedx_document(count: int) -> dict[str, object]:
    """A CycloneDX 1.6 document with `count` components."""
    components = []
    for index in range(count):
        license = LICENSES[index % len(LICENSES)]
        entry = {"expression": license} if " " in license else {"license": {"id": license}}
        components.append({"type": "library", "bom-ref": f"pkg:npm/c{index}@1.0.0", "name": f"c{index}",
                           "version": "1.0.0", "purl": f"pkg:npm/c{index}@1.0.0",
                           "licenses": [] if license == "NOASSERTION" else [entry]})
    return {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
            "metadata": {"component": {"type": "application", "name": "app", "version": "1.0"}},
            "components": components}


def timed(function, *args):  # type: ignore[no-untyped-def]
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def whole_process(folder: Path, runs: int) -> tuple[float, int]:
    """Median wall time and exit code of `licensecheck scan folder --format json`."""
    times = []
    code = 0
    for _ in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "licensecheck", "scan", str(folder), "--format", "json",
                               "--output", os.devnull], check=False)
        times.append(time.perf_counter() - start)
        code = done.returncode
    return statistics.median(times[1:]), code


def phases(folder: Path, sbom: Path) -> None:
    """The reader, the checking and the formatting, timed in this process."""
    from licensecheck.library import load_library
    from licensecheck.report.scan_json import format_json
    from licensecheck.scan import scan_repository
    from licensecheck.scan.sbom import read_sbom

    load_seconds, catalog = timed(load_library)
    text = sbom.read_text(encoding="utf-8")
    read_seconds, document = timed(read_sbom, sbom.name, sbom.name, text, str(sbom))
    scan_seconds, report = timed(scan_repository, folder, None, None, None, catalog)
    format_seconds, _ = timed(format_json, report)
    print(f"  in one process: library {load_seconds:.2f} s; thin SPDX reader {read_seconds:.2f} s "
          f"({len(document.packages)} packages); read + check (scan_repository) {scan_seconds:.2f} s; "
          f"JSON report {format_seconds:.2f} s; {len(report.findings)} findings")


def spdx_tools(sbom: Path, count: int) -> None:
    """spdx-tools on the same document: import, parse, and validation of a slice."""
    start = time.perf_counter()
    try:
        from spdx_tools.spdx.parser.parse_anything import parse_file
        from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
    except ImportError:
        print("  spdx-tools: not installed")
        return
    import_seconds = time.perf_counter() - start
    parse_seconds, document = timed(parse_file, str(sbom))
    print(f"  spdx-tools 0.8: import {import_seconds:.2f} s, parse_file {parse_seconds:.2f} s "
          f"({len(document.packages)} packages)")
    small = min(count, 1000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "small.spdx.json"
        path.write_text(json.dumps(spdx_document(small)), encoding="utf-8")
        small_doc = parse_file(str(path))
        validate_seconds, messages = timed(validate_full_spdx_document, small_doc)
    print(f"  spdx-tools validate_full_spdx_document on {small} packages: {validate_seconds:.2f} s "
          f"({len(messages)} messages; quadratic, not used by licensecheck)")


def cyclonedx(folder: Path, count: int) -> None:
    """The thin CycloneDX reader against json.load and cyclonedx-python-lib."""
    from licensecheck.scan.sbom import read_sbom

    path = folder.parent / "bench.cdx.json"
    path.write_text(json.dumps(cyclonedx_document(count)), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    load_seconds, data = timed(json.loads, text)
    read_seconds, document = timed(read_sbom, path.name, path.name, text, str(path))
    print(f"  CycloneDX {count} components: json.loads {load_seconds:.3f} s, thin reader (incl. json) "
          f"{read_seconds:.3f} s ({len(document.packages)} components)")
    other = os.environ.get("CYCLONEDX_PYTHON")  # an interpreter with cyclonedx-python-lib, e.g. in its own venv
    if other:
        script = ("import json, sys, time; from cyclonedx.model.bom import Bom; d = json.load(open(sys.argv[1])); "
                  "t = time.perf_counter(); b = Bom.from_json(d); print(time.perf_counter() - t, len(b.components))")
        out = subprocess.run([other, "-c", script, str(path)], check=True, capture_output=True, text=True).stdout
        seconds, components = out.split()
        print(f"  cyclonedx-python-lib Bom.from_json: {float(seconds):.2f} s ({components} components), "
              f"{float(seconds) / load_seconds:.0f}x json.loads")
        return
    try:
        from cyclonedx.model.bom import Bom
    except ImportError:
        print("  cyclonedx-python-lib: not installed; set CYCLONEDX_PYTHON to a python that has it "
              "(research: 5.4 s at 10k components, 215x json.load)")
        return
    lib_seconds, _ = timed(Bom.from_json, data)
    print(f"  cyclonedx-python-lib Bom.from_json: {lib_seconds:.2f} s, {lib_seconds / load_seconds:.0f}x json.loads")


def main() -> None:
    """Generate the SBOMs and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "project"
        folder.mkdir()
        (folder / ".licensecheck.yaml").write_text("outbound: MIT\n", encoding="utf-8")
        sbom = folder / "bench.spdx.json"
        sbom.write_text(json.dumps(spdx_document(args.packages), indent=2), encoding="utf-8")
        size = sbom.stat().st_size / 1e6
        seconds, code = whole_process(folder, args.runs)
        verdict = "met" if seconds <= TARGET_SECONDS else "NOT met"
        print(f"SPDX 2.3 JSON, {args.packages} packages ({size:.1f} MB): licensecheck scan --format json, whole "
              f"process, median of {args.runs}: {seconds:.2f} s, exit {code} (target <= {TARGET_SECONDS:.0f} s: "
              f"{verdict})")
        phases(folder, sbom)
        spdx_tools(sbom, args.packages)
        cyclonedx(folder, args.packages)


if __name__ == "__main__":
    main()
