# SPDX-License-Identifier: Apache-2.0
"""Bench: the licence-file identifier on real files, next to pyaskalono, with precision and recall.

The corpus is built from what you point it at (nothing is downloaded):
  --venv DIR          a virtual environment: each `*.dist-info` licence file (at the top of licenses/, or
                      LICENSE* / COPYING* beside METADATA) whose METADATA names its licence (License-Expression, or a precise classifier or
                      License field) is a case, with that licence as the truth;
  --node-modules DIR  a node_modules folder: each package's LICENSE* / COPYING* file, with the package.json
                      `license` as the truth;
  --file PATH=ID      one file whose licence you know (the coopcycle-web LICENSE is LicenseRef-CoopCycle).
A file counts as right when its main (first) part is identified as one of the ids of the declared
expression (`-only` and `-or-later` compared alike: a licence text cannot tell them apart). Precision:
right answers among the files the identifier names; recall: right answers among the files whose
declared licence has a shipped text (the others cannot be named, and are counted apart). pyaskalono
is run on the same files when it is installed (`pip install pyaskalono`), its match counted when its
score reaches the same threshold (0.9).

Usage: python bench/identify.py --venv .venv --node-modules node_modules --file LICENSE=LicenseRef-CoopCycle
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from licensecheck.scan import identify
from licensecheck.scan.manifests import read_metadata

_SUFFIX = re.compile(r"-(?:only|or-later)$|\+$")


def _norm(license_id: str) -> str:
    return _SUFFIX.sub("", license_id.strip()).lower()


def _ids(expression: str) -> set[str]:
    return {_norm(t) for t in re.findall(r"[A-Za-z0-9][A-Za-z0-9.+:-]*", expression)
            if t.lower() not in ("and", "or", "with")}


def venv_cases(venv: Path) -> list[tuple[Path, str]]:
    cases = []
    for dist in sorted(venv.glob("lib/python*/site-packages/*.dist-info")):
        try:
            manifest = read_metadata(str(dist / "METADATA"), (dist / "METADATA").read_text(encoding="utf-8"))
        except Exception:
            continue
        declared = manifest.licenses[0].expression if manifest.licenses else None
        if not declared:
            continue
        # the package's own licence files: at the top of the dist-info or of its licenses/ folder (files in
        # deeper folders, such as pandas' licenses/LICENSES/, are bundled material under other licences)
        files = [p for p in [*dist.iterdir(), *(dist / "licenses").glob("*")]
                 if p.is_file() and (p.parent.name == "licenses" or identify.is_license_file(p.name))]
        cases += [(p, declared) for p in files if not identify.is_notice(p.name)]
    return cases


def node_cases(folder: Path) -> list[tuple[Path, str]]:
    cases = []
    for manifest in sorted(folder.glob("**/package.json")):
        if manifest.parent.parent.name not in ("node_modules",) and not manifest.parent.parent.name.startswith("@"):
            continue
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        declared = data.get("license") if isinstance(data, dict) else None
        if not isinstance(declared, str) or not declared.strip():
            continue
        for path in sorted(manifest.parent.iterdir()):
            if path.is_file() and identify.is_license_file(path.name) and not identify.is_notice(path.name):
                cases.append((path, declared.strip("()")))
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", type=Path, action="append", default=[])
    parser.add_argument("--node-modules", type=Path, action="append", default=[])
    parser.add_argument("--file", action="append", default=[])
    parser.add_argument("--limit", type=int, default=0, help="at most this many files (0: all)")
    args = parser.parse_args()
    cases: list[tuple[Path, str]] = []
    for venv in args.venv:
        cases += venv_cases(venv)
    for folder in args.node_modules:
        cases += node_cases(folder)
    for item in args.file:
        path, _, truth = item.partition("=")
        cases.append((Path(path), truth))
    if args.limit:
        cases = cases[: args.limit]
    shipped = {_norm(i) for i in identify.reference_texts()}
    texts = [(p, p.read_text(encoding="utf-8", errors="replace"), truth) for p, truth in cases]
    print(f"{len(texts)} licence files; {sum(1 for _, _, t in texts if _ids(t) & shipped)} declare a licence "
          f"whose text is shipped ({len(shipped)} texts)")
    identifiers = {"licensecheck": _ours}
    try:
        import askalono  # noqa: F401

        identifiers["pyaskalono"] = _askalono
    except ImportError:
        print("pyaskalono not installed: only licensecheck is measured")
    for name, run in identifiers.items():
        run(texts[0][1] if texts else "")  # warm up: load the reference texts
        right = wrong = silent = 0
        errors: Counter[str] = Counter()
        start = time.perf_counter()
        for _path, text, truth in texts:
            answer = run(text)
            truth_ids = _ids(truth)
            can = bool(truth_ids & shipped)
            if answer is None:
                silent += can
            elif _norm(answer) in truth_ids:
                right += 1
            else:
                wrong += 1
                errors[f"{answer} for {truth}"] += 1
        elapsed = time.perf_counter() - start
        recall_base = sum(1 for _, _, t in texts if _ids(t) & shipped)
        precision = right / (right + wrong) if right + wrong else 0.0
        recall = right / recall_base if recall_base else 0.0
        print(f"{name:13} precision {precision:.3f} ({right} right, {wrong} wrong), recall {recall:.3f} "
              f"({silent} identifiable files not named), {1000 * elapsed / max(1, len(texts)):.1f} ms per file")
        for error, count in errors.most_common(8):
            print(f"    {count:3} x {error}")
    return 0


def _ours(text: str) -> str | None:
    match = identify.identify(text)
    return match.license if match is not None and match.identified else None


def _askalono(text: str) -> str | None:
    import askalono

    try:
        match = askalono.identify(text)
    except Exception:
        return None
    return match.name if match is not None and match.score >= identify.THRESHOLD else None


if __name__ == "__main__":
    sys.exit(main())
