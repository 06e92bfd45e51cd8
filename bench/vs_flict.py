# SPDX-License-Identifier: Apache-2.0
"""One whole-process check, licensecheck against flict 1.3.0, timed in the same run.

Target (issue 4): `licensecheck check Apache-2.0 --use static-link --into GPL-2.0-only` at least 5 times
faster than `flict -of text verify -il Apache-2.0 -ol GPL-2.0-only`. flict (GPL-3.0-or-later) is installed
from the package index into its own virtual environment under bench/out/ and only run, never imported.
Run: python bench/vs_flict.py [--runs N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import venv
from pathlib import Path

from _common import OUT, environment, median_ms, python, time_process

FLICT_VERSION = "1.3.0"


def flict_command() -> list[str] | None:
    """The flict executable in bench/out/flict-venv, installed on first use; None when it cannot be had."""
    env_dir = OUT / "flict-venv"
    flict = env_dir / "bin" / "flict"
    if not flict.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        venv.EnvBuilder(with_pip=True).create(env_dir)
        done = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q",
                               f"flict=={FLICT_VERSION}"], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"flict could not be installed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return None
    return [str(flict)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    # the installed command next to this interpreter, as users run it (not a version manager's shim); else -m
    script = Path(python()).parent / "licensecheck"
    command = [str(script)] if script.exists() else [python(), "-m", "licensecheck"]
    ours = [*command, "check", "Apache-2.0", "--use", "static-link", "--into", "GPL-2.0-only"]
    flict = flict_command()
    env = environment()
    bare = time_process([python(), "-c", "pass"], args.runs)
    print(f"bare interpreter:                   {median_ms(bare):7.1f} ms median")
    if flict is None:
        mine = time_process(ours, args.runs, env)
        print(f"licensecheck check (whole process): {median_ms(mine):7.1f} ms median")
        print("flict: not available here; no ratio")
        return
    theirs_argv = [*flict, "-of", "text", "verify", "-il", "Apache-2.0", "-ol", "GPL-2.0-only"]
    time_process(ours, 0, env)
    time_process(theirs_argv, 0, env)
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(args.runs):  # interleaved, so that both see the same load on the machine
        mine += time_process(ours, 1, env, warmup=0)
        theirs += time_process(theirs_argv, 1, env, warmup=0)
    ratios = sorted(t / m for m, t in zip(mine, theirs, strict=True))
    print(f"licensecheck check (whole process): {median_ms(mine):7.1f} ms median")
    print(f"flict {FLICT_VERSION} verify (whole process):  {median_ms(theirs):7.1f} ms median")
    print(f"licensecheck is {median_ms(theirs) / median_ms(mine):.1f} times faster "
          f"(median of paired runs {ratios[len(ratios) // 2]:.1f}; target: at least 5)")


if __name__ == "__main__":
    main()
