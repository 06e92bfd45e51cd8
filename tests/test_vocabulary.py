# SPDX-License-Identifier: Apache-2.0
"""The vocabulary is data: the shipped vocabulary document is consistent, a draft may extend it, and no Python module
of the checker, the language or the library names a use, duty, scope, licensee kind or attribute."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from licensecheck.catalog import Catalog
from licensecheck.cli import main
from licensecheck.vocabulary import ACTIVITIES, ANY_KIND, CURE_ATTRIBUTE, EVERYTHING, MEMBER_OF, MODIFY

PACKAGE = Path(__file__).resolve().parent.parent / "licensecheck"
#: names the code itself needs, declared once in vocabulary.py
BUILT_IN = {ANY_KIND, MODIFY, EVERYTHING, MEMBER_OF, ACTIVITIES, CURE_ATTRIBUTE}
#: packages where licence meaning lives: they read every word from the vocabulary
MEANING = ("check", "syntax", "catalog.py", "library.py", "question.py", "cases.py", "lint.py", "api.py", "expr.py",
           "model.py", "federation", "diff", "export", "site")


def _literals(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def _modules() -> list[Path]:
    out: list[Path] = []
    for name in MEANING:
        path = PACKAGE / name
        out.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else [])
    return out


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_names_a_vocabulary_word(catalog: Catalog, path: Path) -> None:
    """Outside vocabulary.py's built-ins, the code names no use, duty, scope, kind or attribute: they are data."""
    vocab = catalog.vocabulary
    words = (set(vocab.uses) | set(vocab.duties) | set(vocab.scopes) | set(vocab.kinds) | set(vocab.attributes)) \
        - BUILT_IN
    named = [(line, value) for line, value in _literals(path) if value in words]
    assert [] == named


def test_the_shipped_vocabulary_declares_the_spec_words(catalog: Catalog) -> None:
    """Every use, licensee kind and purpose of the spec is declared, with the spec's hierarchy of kinds."""
    vocab = catalog.vocabulary
    assert {"static-link", "dynamic-link", "modify", "aggregate", "include-data", "produced-work",
            "relicense-adaptation", "distribute", "network-service", "internal-use", "build-tool", "service",
            "publish"} <= set(vocab.uses)
    assert ("worker-cooperative", "cooperative", "organisation", "any") == vocab.kind_ancestors("worker-cooperative")
    assert ("military", "public-body", "organisation", "any") == vocab.kind_ancestors("military")
    assert {"commercial", "non-commercial", "production", "sell", "personal"} <= set(vocab.purposes)


def test_kinds_fix_what_they_cannot_be(catalog: Catalog) -> None:
    """A for-profit company is not charitable, a public body not privately owned, a cooperative not privately owned."""
    vocab = catalog.vocabulary
    assert vocab.fixed("small-business", "charitable") is False
    assert vocab.fixed("municipality", "privately_owned") is False
    assert vocab.fixed("worker-cooperative", "privately_owned") is False
    assert vocab.unsettled("public-body", "worker_owned")


def test_a_vocabulary_file_extends_the_words_a_draft_may_use(tmp_path: Path) -> None:
    """A lawyer adds a purpose in a vocabulary file, and a draft given with --terms uses it, no Python touched."""
    (tmp_path / "extra.vocab").write_text(
        'vocabulary LicenseRef-Extra\n[purpose-platform-work] §1: purpose platform-work "work for a labour platform".\n',
        encoding="utf-8")
    (tmp_path / "draft.terms").write_text(
        "license LicenseRef-Draft\nworks: software\n[grant] §1: may use, run unless purpose platform-work.\n",
        encoding="utf-8")
    runner = CliRunner()
    lint = runner.invoke(main, ["lint", str(tmp_path)])
    result = runner.invoke(main, ["check", "LicenseRef-Draft", "--use", "internal-use", "--unmodified",
                                  "--purpose", "platform-work", "--terms", str(tmp_path)])
    assert 0 == lint.exit_code, lint.output
    assert 1 == result.exit_code, result.output
    assert "check: incompatible" in result.output


def test_lint_checks_the_vocabulary(tmp_path: Path) -> None:
    """A vocabulary entry naming an unknown word is a lint error at the entry."""
    path = tmp_path / "bad.vocab"
    path.write_text('vocabulary LicenseRef-Bad\n[use-x] §1: use hosting "hosting"; performs host.\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert 4 == result.exit_code
    assert f"{path}:2:1: error: unknown act `host` in the declaration of `hosting`" in result.output


def test_the_vocabulary_command_lists_every_word() -> None:
    """`licensecheck vocabulary` lists the uses, kinds and duty kinds, in text and JSON."""
    import json

    runner = CliRunner()
    text = runner.invoke(main, ["vocabulary"])
    document = json.loads(runner.invoke(main, ["vocabulary", "--format", "json"]).output)
    assert 0 == text.exit_code
    assert "static-link            reproduce, combine, distribute" in text.output
    assert "publish" in {u["name"] for u in document["uses"]}
    assert {"name": "offer-source", "active": True} == {k: v for k, v in document["duties"][
        [d["name"] for d in document["duties"]].index("offer-source")].items() if k in ("name", "active")}
