# SPDX-License-Identifier: Apache-2.0
"""Speed of the checker: per question in-process, growth with expression size, batches and outbound.

Targets: <= 0.2 ms median per question for a 5-licence expression; a question with remedies <= 5 ms median
in process (issue 8); the 92-operator kernel-header expression <= 10 ms; linear growth up to 1,000 operands;
`licensecheck test` over 10,000 generated questions (3-licence expressions, uses, outbound licences,
licensees) <= 3 s on 2 cores (issue 8), also printed normalised by a pure-Python reference loop timed in the
same run, so that the figure holds on a loaded machine; `outbound` over the whole library <= 0.3 s.
Run: python bench/check_speed.py
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, environment, slowdown

sys.path.insert(0, str(ROOT))

from licensecheck.api import check_question, outbound_candidates
from licensecheck.check import carry, engine
from licensecheck.library import load_library
from licensecheck.question import question_from

FIVE = "(MIT OR Apache-2.0) AND (BSD-3-Clause OR GPL-2.0-or-later) AND LGPL-2.1-or-later"
POOL = ["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Zlib", "GPL-2.0-only", "GPL-2.0-or-later",
        "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "MPL-2.0",
        "AGPL-3.0-only", "EPL-2.0", "EUPL-1.2", "CC0-1.0", "0BSD", "Unlicense"]
OUTBOUND = ["GPL-3.0-only", "GPL-2.0-or-later", "MIT", "Apache-2.0", "LicenseRef-Proprietary", "AGPL-3.0-or-later",
            "MPL-2.0", "EUPL-1.2"]
USES = ["static-link", "dynamic-link", "modify", "distribute", "aggregate"]
KINDS = ["any", "worker-cooperative", "association", "for-profit-company", "public-body", "individual"]


def kernel_expression() -> str:
    """A kernel-headers-style expression with 92 operators: 7 WITH pairs, 20 OR pairs, AND-ed singles."""
    rnd = random.Random(92)
    parts = [f"(GPL-2.0-only WITH Linux-syscall-note OR {rnd.choice(['BSD-2-Clause', 'MIT', 'BSD-3-Clause'])})"
             for _ in range(7)]
    parts += [f"({rnd.choice(POOL[:6])} OR {rnd.choice(POOL[6:12])})" for _ in range(20)]
    parts += [rnd.choice([*POOL[:6], "GPL-2.0-only", "GPL-2.0-or-later"]) for _ in range(32)]
    return " AND ".join(parts)


def and_of_ors(operands: int, seed: int) -> str:
    """`(A OR B) AND (C OR D) ...` with this many operands: 2^(n/2) OR choices, never enumerated."""
    rnd = random.Random(seed)
    pairs = [f"({rnd.choice(POOL)} OR {rnd.choice(POOL)})" for _ in range(operands // 2)]
    return " AND ".join(pairs)


def per_question(question_data: dict[str, object], runs: int, cold: bool, remedies: bool = False) -> float:
    """Median seconds per question; `cold` clears the memo of sub-questions before each run."""
    question = question_from(question_data)
    catalog = load_library()
    check_question(question, catalog, remedies=remedies)
    times = []
    for _ in range(runs):
        if cold:
            clear_memos()
        start = time.perf_counter()
        check_question(question, catalog, remedies=remedies)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def clear_memos() -> None:
    """Empty the process-wide memos of sub-questions, carrying checks and grant comparisons."""
    from licensecheck.check import grants

    engine.LEAF_CACHE.clear()
    carry.CARRY_CACHE.clear()
    grants._CACHE.clear()
    grants._COUNTER.clear()


def stream(count: int, seed: int, size: tuple[int, int] = (1, 5)) -> list[dict[str, object]]:
    """Varied questions: 1 to 5 licences (or `size`), uses, outbound licences and licensees drawn at random."""
    rnd = random.Random(seed)
    out = []
    for index in range(count):
        leaves = [rnd.choice(POOL) for _ in range(rnd.randint(*size))]
        expr = leaves[0]
        for leaf in leaves[1:]:
            expr = f"({expr}) {rnd.choice(['AND', 'OR'])} {leaf}"
        out.append({"id": f"q{index}", "inbound": expr, "use": rnd.choice(USES),
                    "outbound": rnd.choice(OUTBOUND), "licensee": {"kind": rnd.choice(KINDS)}})
    return out


def main() -> None:
    catalog = load_library()
    five = {"inbound": FIVE, "use": "static-link", "outbound": "GPL-3.0-only"}
    warm = per_question(five, 2000, cold=False)
    cold = per_question(five, 500, cold=True)
    print(f"5-licence expression, same question repeated:        {warm * 1000:.3f} ms median")
    print(f"5-licence expression, sub-question memo cleared:     {cold * 1000:.3f} ms median")
    remedied = [{"inbound": "PPL", "use": "internal-use", "purpose": ["commercial"],
                 "licensee": {"kind": "for-profit-company", "privately_owned": True, "waged_employees": True}},
                {"inbound": FIVE, "use": "static-link", "outbound": "MIT"},
                {"inbound": "CC-BY-NC-SA-4.0", "use": "modify", "outbound": "MIT", "work": "content"},
                {"inbound": "LicenseRef-CoopCycle", "use": "network-service", "purpose": ["commercial"],
                 "licensee": {"kind": "for-profit-company"}}]
    with_remedies = statistics.median(per_question(q, 30, cold=True, remedies=True) for q in remedied)
    print(f"a question with remedies, memo cleared:              {with_remedies * 1000:.2f} ms median (target <= 5 ms)")
    questions = [question_from({k: v for k, v in q.items() if k != "id"}) for q in stream(3000, 5)]
    clear_memos()
    times = []
    for question in questions:
        start = time.perf_counter()
        check_question(question, catalog)
        times.append(time.perf_counter() - start)
    print(f"3,000 varied questions (1-5 licences), in-process:   {statistics.median(times) * 1000:.3f} ms median,"
          f" {sum(times) * 1000 / len(times):.3f} ms mean")

    kernel = {"inbound": kernel_expression(), "use": "static-link", "outbound": "GPL-2.0-only"}
    operators = kernel["inbound"].count(" AND ") + kernel["inbound"].count(" OR ") + kernel["inbound"].count(" WITH ")
    print(f"kernel-header expression ({operators} operators), memo cleared: "
          f"{per_question(kernel, 30, cold=True) * 1000:.2f} ms median")
    for size in (10, 100, 250, 500, 1000):
        data = {"inbound": and_of_ors(size, size), "use": "static-link", "outbound": "GPL-3.0-or-later"}
        seconds = per_question(data, 5 if size >= 500 else 20, cold=True)
        print(f"AND-of-ORs, {size:5d} operands, memo cleared:          {seconds * 1000:8.2f} ms "
              f"({seconds * 1e6 / size:.1f} us per operand)")

    outbound_question = question_from({"inbound": "GPL-2.0-or-later AND Apache-2.0", "use": "static-link"})
    clear_memos()
    start = time.perf_counter()
    candidates = outbound_candidates(outbound_question, catalog)
    elapsed = time.perf_counter() - start
    print(f"outbound over the whole library, in-process:         {elapsed * 1000:.1f} ms "
          f"({len(candidates)} candidates: {', '.join(c.license for c in candidates[:4])} ...)")
    argv = [sys.executable, "-m", "licensecheck", "outbound", "GPL-2.0-or-later AND Apache-2.0", "--use", "static-link"]
    subprocess.run(argv, env=environment(), capture_output=True, check=False)
    start = time.perf_counter()
    subprocess.run(argv, env=environment(), capture_output=True, check=False)
    print(f"outbound over the whole library, whole process:      {(time.perf_counter() - start) * 1000:.1f} ms")

    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.yaml"
        path.write_text(yaml.safe_dump({"cases": stream(10_000, 7, (3, 3))}, sort_keys=False), encoding="utf-8")
        argv = [sys.executable, "-m", "licensecheck", "test", str(path), "--format", "json"]
        subprocess.run([sys.executable, "-m", "licensecheck", "--version"], env=environment(), capture_output=True)
        before = slowdown()
        start = time.perf_counter()
        done = subprocess.run(argv, env=environment(), capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        factor = (before + slowdown()) / 2
    print(f"licensecheck test, 10,000 generated questions:       {elapsed:.2f} s (exit {done.returncode}); "
          f"machine {factor:.2f}x slower than idle, normalised {elapsed / factor:.2f} s (target <= 3 s)")


if __name__ == "__main__":
    main()
