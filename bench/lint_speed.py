# SPDX-License-Identifier: Apache-2.0
"""`licensecheck lint licenses/ policies/` over the whole library, in fresh processes, and where its time goes.

Prints the median wall time of the whole command with a warm cache (the library's and the texts' indexes kept
in the cache directory) and with an empty one, then, in one process, the time to read and parse the files, to
index every licence text, and to check every quote and citation against the indexes. `--root` times another
checkout (e.g. one without the quote and citation checks, for a before/after figure).
Run: python bench/lint_speed.py [--runs N] [--root PATH]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from _common import ROOT, environment, median_ms, python, time_process

PHASES = """
import time
from pathlib import Path
t0 = time.perf_counter()
from licensecheck.library import expand_paths, read_documents, with_documents
documents = read_documents(expand_paths([Path("licenses"), Path("policies")]), None)
catalog = with_documents(documents)
t1 = time.perf_counter()
try:
    from licensecheck.lint import lint_fidelity, text_shelf
    from licensecheck.texts import LicenseText
except ImportError:
    print(f"{(t1 - t0) * 1000:.0f} - - {len(documents)}")
    raise SystemExit
texts = sorted(Path("licenses/texts").glob("*.txt"))
indexed = [LicenseText(str(p), p.read_text(encoding="utf-8")) for p in texts]
t2 = time.perf_counter()
shelf = text_shelf()
shelf.cache = None
for path, text in zip(texts, indexed):
    shelf._texts[path] = text
findings = [f for d in documents for f in lint_fidelity(d, catalog, shelf)]
t3 = time.perf_counter()
quotes = sum(1 for d in documents for c in (*d.clauses, *(c for m in d.modules for c in m.clauses)) if c.quote)
print(f"{(t1 - t0) * 1000:.0f} {(t2 - t1) * 1000:.0f} {(t3 - t2) * 1000:.0f} {len(documents)} {len(texts)} {quotes}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    root = args.root.resolve()
    command = [python(), "-m", "licensecheck", "lint", "licenses/", "policies/"]
    with tempfile.TemporaryDirectory() as cache:
        env = environment(LICENSECHECK_CACHE_DIR=cache)
        env["PYTHONPATH"] = str(root)
        warm = time_process(command, args.runs, env, warmup=1) if _cwd(root) else []
        cold = []
        for _ in range(max(1, args.runs // 2)):
            with tempfile.TemporaryDirectory() as empty:
                cold_env = dict(env, LICENSECHECK_CACHE_DIR=empty)
                start = time.perf_counter()
                subprocess.run(command, env=cold_env, cwd=root, capture_output=True, check=False)
                cold.append(time.perf_counter() - start)
        phases = subprocess.run([python(), "-c", PHASES], env=env, cwd=root, capture_output=True, text=True,
                                check=True).stdout.split()
    print(f"lint licenses/ policies/ in {root}")
    print(f"  whole command, warm cache: {median_ms(warm):.0f} ms median of {len(warm)}")
    print(f"  whole command, empty cache: {median_ms(cold):.0f} ms median of {len(cold)}")
    print(f"  in one process: read and parse {phases[0]} ms ({phases[3]} documents), index texts {phases[1]} ms"
          + (f" ({phases[4]} texts), check quotes and citations {phases[2]} ms ({phases[5]} quotes)"
             if len(phases) > 4 else " (no quote and citation checks in this checkout)"))


def _cwd(root: Path) -> bool:
    """`time_process` runs in the current directory: the library is read relative to it."""
    import os

    os.chdir(root)
    return True


if __name__ == "__main__":
    main()
