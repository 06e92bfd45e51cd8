# SPDX-License-Identifier: Apache-2.0
# REUSE-IgnoreStart: this module quotes tags; scanners must not take them for its own licence.
"""Fuzz the scan readers in process: every target of tests/fuzz/targets_scan.py, N mutated inputs each.

Inputs are the seeds of each target mutated 1 to 8 times (byte flips, insertions of format tokens such
as 5,000-digit numbers, DOCTYPEs, aliases, surrogates, deep brackets, splices, truncations) with a fixed
random seed, so a run can be repeated. An input "hangs" when it takes more than --hang seconds (an
alarm interrupts it). Prints, per target: inputs, accepted, refused (the project's one-line errors),
internal errors (anything else escaping; the first of each kind is shown) and hangs, then the slowest input.

Usage: python bench/scan_fuzz.py [--inputs 100000] [--jobs 2] [--hang 2] [--seed 1] [TARGET ...]
(bench/fuzz.py, when present, runs every targets_*.py module; this script runs the scan ones alone.)
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import signal
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOKENS = [b"{", b"}", b"[", b"]", b'"', b":", b",", b"1" * 5000, b"-1e999", b"true", b"null", b'"license"',
          b'"licenses"', b"\xff", b"\xed\xb3\xbf", b"\x00", b"\n", b"\r", b"\x1b[31m", b"<!DOCTYPE x>",
          b'<!ENTITY a "b">', b"&a;", b"*a", b"&a ", b"!!python/object:os.system", b"2027-02-30", b"*", b"**/",
          b"SPDX-License-Identifier:", b"SPDX-FileCopyrightText:", b"*/", b" " * 300, b"(", b")", b" AND ",
          b" OR ", b" WITH ", b"GPL-2.0++", b"LicenseRef-x", b"NOASSERTION", b"[" * 3000, b"{" * 3000,
          b"<a>" * 2000, b"node_modules/", b"@scope/", b"pkg:npm/x@1", b"License :: OSI Approved :: BSD License",
          b"version = ", b"[[package]]", b"Files: *", b"License: ", b"  - ", b"? ", b"%TAG ! x\n---\n", b"\t",
          b"REUSE-Ignore" b"Start", b"\\", b"\\u0000", b"\"\\ud800\"", b"=", b"'", b"#", b"<![CDATA[", b"]]>"]


def mutate(rng: random.Random, seeds: list[bytes]) -> bytes:
    """A seed changed 1 to 8 times."""
    if rng.random() < 0.03:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
    data = bytearray(rng.choice(seeds))
    for _ in range(rng.randint(1, 8)):
        kind = rng.randrange(7)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif kind in (1, 2):
            data[at:at] = rng.choice(TOKENS)
        elif kind == 3 and data:
            end = min(len(data), at + rng.randrange(1, 40))
            del data[at:end]
        elif kind == 4 and data:
            end = min(len(data), at + rng.randrange(1, 80))
            data[at:at] = data[at:end] * rng.randint(1, 4)
        elif kind == 5:
            other = rng.choice(seeds)
            cut = rng.randrange(len(other) + 1)
            data[at:] = other[cut:]
        else:
            data = data[:at]
    return bytes(data[:200_000])


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def run_target(job: tuple[str, int, float, int]) -> dict[str, object]:
    name, count, hang, seed = job
    from licensecheck.errors import LicenseCheckError
    from tests.fuzz.targets_scan import SEEDS, TARGETS

    target = TARGETS[name]
    rng = random.Random(f"{seed}:{name}")
    seeds = SEEDS[name]
    signal.signal(signal.SIGALRM, _alarm)
    stats = {"name": name, "inputs": 0, "accepted": 0, "refused": 0, "internal": 0, "hangs": 0,
             "slowest": 0.0, "failures": {}}
    failures: dict[str, str] = {}
    start = time.perf_counter()
    for index in range(count):
        data = seeds[index] if index < len(seeds) else mutate(rng, seeds)
        began = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, hang)
        try:
            target(data)
            stats["accepted"] += 1  # type: ignore[operator]
        except _Hang:
            stats["hangs"] += 1  # type: ignore[operator]
            failures.setdefault("hang", repr(data[:300]))
        except LicenseCheckError:
            stats["refused"] += 1  # type: ignore[operator]
        except Exception as exc:  # the bug class this script exists to find
            stats["internal"] += 1  # type: ignore[operator]
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{exc.__class__.__name__} at {Path(frame.filename).name}:{frame.lineno}"
            failures.setdefault(key, f"{str(exc)[:160]!r} input {data[:300]!r}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        stats["inputs"] += 1  # type: ignore[operator]
        stats["slowest"] = max(stats["slowest"], time.perf_counter() - began)  # type: ignore[call-overload]
    stats["seconds"] = time.perf_counter() - start
    stats["failures"] = failures
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*")
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--hang", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from tests.fuzz.targets_scan import TARGETS

    names = args.targets or list(TARGETS)
    jobs = [(n, args.inputs, args.hang, args.seed) for n in names]
    print(f"{'target':26} {'inputs':>8} {'accepted':>9} {'refused':>8} {'internal':>8} {'hangs':>5} {'slowest':>8} "
          f"{'time':>7}", flush=True)
    total = {"inputs": 0, "internal": 0, "hangs": 0}
    with multiprocessing.Pool(args.jobs) as pool:
        for stats in pool.imap_unordered(run_target, jobs):
            print(f"{stats['name']:26} {stats['inputs']:>8,} {stats['accepted']:>9,} {stats['refused']:>8,} "
                  f"{stats['internal']:>8,} {stats['hangs']:>5} {stats['slowest']:>7.3f}s {stats['seconds']:>6.0f}s",
                  flush=True)
            for key, sample in stats["failures"].items():  # type: ignore[attr-defined]
                print(f"    {key}: {sample}", flush=True)
            for key in total:
                total[key] += stats[key]  # type: ignore[operator]
    print(f"total: {total['inputs']:,} inputs, {total['internal']} internal errors, {total['hangs']} hangs")
    return 1 if total["internal"] or total["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())

# REUSE-IgnoreEnd
