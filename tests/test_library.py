# SPDX-License-Identifier: Apache-2.0
"""The shipped library: every id resolves, it lints clean, it ships in the wheel, and its cache is safe."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.catalog import Catalog
from licensecheck.cli import main

DATA = Path(__file__).parent / "data"


def identifiers() -> list[str]:
    """Every id and alias the spec lists."""
    lines = (DATA / "identifiers.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("name", identifiers())
def test_every_spec_id_resolves(catalog: Catalog, name: str) -> None:
    """Every id and alias of identifiers.md resolves, case-insensitively, and `show` prints it."""
    assert catalog.resolve(name) is not None, name
    assert catalog.resolve(name.lower()) is not None
    result = CliRunner().invoke(main, ["show", name])
    assert 0 == result.exit_code, result.output


def test_aliases_resolve_to_the_same_licence(catalog: Catalog) -> None:
    """Aliases and deprecated forms name the same licence as the canonical id."""
    pairs = [("GPL-2.0", "GPL-2.0-only"), ("GPL-2.0+", "GPL-2.0-or-later"), ("LGPL-2.1+", "LGPL-2.1-or-later"),
             ("proprietary", "LicenseRef-Proprietary"), ("CNPL-7.0", "LicenseRef-scancode-cooperative-non-violent-7.0"),
             ("LicenseRef-Coopyright", "LicenseRef-Coopyright-1.1"), ("Commons-Clause-1.0", "LicenseRef-scancode-commons-clause")]
    for alias, canonical in pairs:
        resolved = catalog.resolve(alias)
        assert resolved is not None and canonical == resolved.id, alias


def test_modular_hl3_ids(catalog: Catalog) -> None:
    """`LicenseRef-HL3-<MODULES>` adds the named modules' clauses to the core; FULL adds them all."""
    core = catalog.resolve("LicenseRef-HL3-CORE")
    mil = catalog.resolve("LicenseRef-HL3-MIL")
    full = catalog.resolve("LicenseRef-HL3-FULL")
    assert core is not None and mil is not None and full is not None
    assert len(core.clauses) < len(mil.clauses) < len(full.clauses)
    assert {"MIL"} == {c.module for c in mil.clauses if c.module}
    assert catalog.resolve("LicenseRef-HL3-NOPE") is None


def test_shipped_library_lints_clean(root: Path) -> None:
    """`licensecheck lint licenses/ policies/` exits 0 with no error."""
    result = CliRunner().invoke(main, ["lint", str(root / "licenses"), str(root / "policies")])
    assert 0 == result.exit_code, result.output
    assert " 0 errors" in result.output


def test_every_clause_cites_a_section(catalog: Catalog) -> None:
    """Every clause of every shipped document cites at least one section."""
    missing = [f"{doc.id} [{c.id}]" for doc in [*catalog.documents.values(), *catalog.policies.values()]
               for c in [*doc.clauses, *(c for mod in doc.modules for c in mod.clauses)] if not c.citations]
    assert [] == missing


def test_cache_is_used_and_survives_corruption(tmp_path: Path, root: Path) -> None:
    """The library loads from a fresh cache, again from it, and rebuilds when the cache file is corrupt."""
    env = {**os.environ, "LICENSECHECK_CACHE_DIR": str(tmp_path)}
    code = "from licensecheck.library import load_library; print(len(load_library().documents))"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    caches = list(tmp_path.glob("library-*.pickle"))
    assert 1 == len(caches)
    caches[0].write_bytes(b"not a pickle")
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == again.stdout and "" == again.stderr


def test_read_only_cache_dir_is_ignored(tmp_path: Path) -> None:
    """A read-only cache directory is ignored safely (the library still loads)."""
    readonly = tmp_path / "ro"
    readonly.mkdir()
    readonly.chmod(0o500)
    env = {**os.environ, "LICENSECHECK_CACHE_DIR": str(readonly)}
    code = "from licensecheck.library import load_library; print(len(load_library().documents) > 10)"
    try:
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    finally:
        readonly.chmod(0o700)
    assert "True" == out.stdout.strip()


@pytest.mark.slow
def test_wheel_ships_grammar_and_library(tmp_path: Path, root: Path) -> None:
    """A wheel built from the tree, installed in a fresh virtual environment, lints its shipped library."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(root)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("commons_licensecheck-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    script = ("import importlib.resources as r, licensecheck;"
              "base = r.files('licensecheck');"
              "assert (base / 'grammars' / 'terms.lark').is_file();"
              "assert (base / 'licenses').is_dir();"
              "print(base / 'licenses')")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["LICENSECHECK_CACHE_DIR"] = str(tmp_path / "cache")
    shipped = subprocess.run([str(python), "-c", script], cwd=work, check=True, capture_output=True, text=True,
                             env=env).stdout.strip()
    assert str(env_dir) in shipped
    cli = env_dir / "bin" / "licensecheck"
    lint = subprocess.run([str(cli), "lint", shipped], cwd=work, capture_output=True, text=True, env=env)
    assert 0 == lint.returncode, lint.stdout + lint.stderr
    check = subprocess.run([str(cli), "check", "MIT", "--use", "static-link", "--into", "GPL-2.0-only"],
                           cwd=work, capture_output=True, text=True, env=env)
    assert 0 == check.returncode and check.stdout.startswith("check: compatible")
