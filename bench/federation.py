# SPDX-License-Identifier: Apache-2.0
"""Speed and size of `licensecheck federation` (issue 11).

Targets: a generated registry of 200 platforms (30 distinct licensee profiles) x 2,000 commons (40 distinct
licence expressions, reciprocity licences among them) x 6 uses: JSON written in <= 30 s and <= 1 GB peak
memory (whole process); its HTML report <= 25 MB and interactive in Chromium within 5 s of opening; how the
time grows from 20 x 200 to 200 x 2,000; the example registry <= 1 s whole process for every format.
Run: python bench/federation.py [--quick] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import OUT, ROOT, environment, python

sys.path.insert(0, str(ROOT))

from tests.federation.generate import registry, registry_text

EXAMPLE = ROOT / "examples" / "federation" / "plateformes-en-communs.yaml"
SIZES = ((20, 200), (50, 500), (100, 1000), (200, 2000))
#: runs a command and prints its peak resident memory (KiB) on the last line of stderr
_MEASURED = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(rc)")


def licensecheck() -> list[str]:
    """The command line of the CLI from this checkout."""
    return [python(), "-m", "licensecheck"]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall-clock seconds, peak memory in MiB and exit code of one whole process."""
    start = time.perf_counter()
    done = subprocess.run([python(), "-c", _MEASURED, *argv], env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    if done.returncode not in (0, 1, 3):
        raise SystemExit(f"failed ({done.returncode}): {' '.join(argv)}\n{done.stderr}")
    return elapsed, peak_kib // 1024, done.returncode


def generated(platforms: int, commons: int, licences: int = 40) -> Path:
    """A generated registry written under bench/out."""
    path = OUT / f"federation-{platforms}x{commons}-{licences}.yaml"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(registry_text(registry(platforms, commons, licence_count=licences)), encoding="utf-8")
    return path


def growth(env: dict[str, str], sizes: tuple[tuple[int, int], ...]) -> None:
    """JSON time, memory and size from the smallest to the largest generated registry."""
    print("JSON of generated registries (30 profiles, 40 licence expressions, 6 uses per kind of work; whole process):")
    print(f"  {'platforms x commons':>20} {'cells':>10} {'seconds':>8} {'peak MiB':>9} {'JSON MB':>8} {'us/cell':>8}")
    for platforms, commons in sizes:
        source = generated(platforms, commons)
        target = OUT / f"federation-{platforms}x{commons}.json"
        elapsed, peak, _rc = run([*licensecheck(), "federation", str(source), "--format", "json", "-o", str(target)], env)
        cells = _cells(target)
        size = target.stat().st_size / 1e6
        print(f"  {f'{platforms} x {commons}':>20} {cells:>10,} {elapsed:>8.2f} {peak:>9} {size:>8.1f} "
              f"{elapsed / cells * 1e6:>8.2f}")


def _cells(path: Path) -> int:
    """The member cells of a JSON output (read from its summary line, not by loading it)."""
    import json

    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 4096))
        tail = handle.read().decode("utf-8")
    summary = json.loads(tail[tail.rindex('"summary": ') + len('"summary": '):].rstrip().rstrip("}"))
    return int(summary["cells"]) + int(summary["outsider_cells"])


def phases(platforms: int, commons: int) -> None:
    """Where the time of the JSON goes, in this process: reading, the matrix's answers, the combinations, writing."""
    import resource

    from licensecheck.federation import Matrix, read_registry
    from licensecheck.federation.render.json import federation_json
    from licensecheck.library import load_library

    catalog = load_library()
    source = generated(platforms, commons)
    start = time.perf_counter()
    loaded = read_registry(source, catalog)
    read = time.perf_counter() - start
    start = time.perf_counter()
    matrix = Matrix(loaded, catalog)
    answered = time.perf_counter() - start
    start = time.perf_counter()
    combinations = sum(1 for _ in matrix.combinations())
    combined = time.perf_counter() - start
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for chunk in federation_json(matrix):
            sink.write(chunk)
    written = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"  where the time goes ({platforms} x {commons}, in process): read {read:.2f} s; "
          f"{len(matrix.answers):,} distinct questions {answered:.2f} s; {combinations:,} combinations "
          f"({len(matrix._combinations):,} distinct, ranked by `outbound_candidates`) {combined:.2f} s; "
          f"JSON written {written:.2f} s; peak {peak} MiB")


def unknown_licence(env: dict[str, str]) -> None:
    """The same registry with one more licence id that the library does not know (its cells are unknown)."""
    for licences in (40, 41):
        source = generated(50, 500, licences)
        target = OUT / f"federation-50x500-{licences}.json"
        elapsed, peak, _rc = run([*licensecheck(), "federation", str(source), "--format", "json", "-o", str(target)], env)
        print(f"  50 x 500 with {licences} licence expressions{' (one unknown id)' if licences == 41 else ''}: "
              f"{elapsed:.2f} s, {peak} MiB")


def html(env: dict[str, str], browser: bool) -> None:
    """The HTML report of the largest registry (and with the recommendation): time to write, size, time to
    interactive in Chromium."""
    source = generated(200, 2000)
    for extra, label in (([], ""), (["--recommend"], " with --recommend (the library's licences ranked)")):
        target = OUT / f"federation-200x2000{'-recommend' if extra else ''}.html"
        elapsed, peak, _rc = run([*licensecheck(), "federation", str(source), "--format", "html", *extra, "-o",
                                  str(target)], env)
        print(f"HTML of 200 x 2,000{label}: written in {elapsed:.1f} s, {peak} MiB, "
              f"{target.stat().st_size / 1e6:.1f} MB (target <= 25 MB)")
        if browser:
            ready, opened = interactive(target)
            print(f"  in headless Chromium: interactive {ready:.2f} s after navigation started (target <= 5 s); "
                  f"a click on a cell opens its reasons in {opened * 1000:.0f} ms")


def interactive(path: Path) -> tuple[float, float]:
    """Seconds from navigation to the report's script being ready, and from a click to the panel shown."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium

    with tempfile.TemporaryDirectory() as profile, chromium(Path(profile)) as driver:
        driver.get(path.as_uri())
        ready = float(driver.execute_script(
            "return Number(document.body.getAttribute('data-lc-ready-ms')) / 1000"))
        cell = driver.find_element("css selector", "td[data-a]")
        start = time.perf_counter()
        cell.click()
        driver.find_element("css selector", "#lc-panel:not([hidden]) .lc-result")
        return ready, time.perf_counter() - start


def example(env: dict[str, str], runs: int) -> None:
    """The example registry, whole process, every format."""
    print(f"The example registry ({EXAMPLE.relative_to(ROOT)}), whole process, median of {runs} (target <= 1 s):")
    with tempfile.TemporaryDirectory() as folder:
        for fmt, extra in (("text", []), ("json", []), ("markdown", []), ("html", []), ("text", ["--recommend"]),
                           ("json", ["--recommend"]), ("html", ["--recommend"])):
            argv = [*licensecheck(), "federation", str(EXAMPLE), "--format", fmt, *extra, "-o",
                    str(Path(folder) / f"out.{fmt}")]
            run(argv, env)  # warm the library cache and the file system
            times = [run(argv, env)[0] for _ in range(runs)]
            label = f"{fmt} {' '.join(extra)}".strip()
            print(f"  {label:<20} {statistics.median(times):.2f} s (min {min(times):.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the two smallest sizes and the example")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurement")
    parser.add_argument("--phases", action="store_true", help="only where the time of the largest JSON goes")
    options = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="lc-bench-cache-")
    env = environment(LICENSECHECK_CACHE_DIR=cache)
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start")
    if options.phases:
        os.environ["LICENSECHECK_CACHE_DIR"] = cache
        phases(*SIZES[-1])
        return
    growth(env, SIZES[:2] if options.quick else SIZES)
    phases(*SIZES[-1])
    if not options.quick:
        unknown_licence(env)
        html(env, not options.no_browser)
    example(env, 3 if options.quick else 5)
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")


if __name__ == "__main__":
    main()
