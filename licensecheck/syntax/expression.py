# SPDX-License-Identifier: Apache-2.0
"""SPDX licence expressions to a small tree, with license-expression doing the parsing.

One `Licensing` is built per catalog from the library's own ids and aliases (building one costs
tens of milliseconds). Workarounds for license-expression's known gaps: the generic `+` suffix is
ours (`MIT+`), `validate()` is never called (it can raise AttributeError), `LicenseRef-` ids are
valid but unknown unless the library has them, and parse errors become one-line `InputError`s.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from licensecheck.errors import InputError
from licensecheck.expr import And, Expr, Leaf, Or

if TYPE_CHECKING:
    from licensecheck.catalog import Catalog


class ExpressionParser:
    """Parses SPDX expressions against one catalog's ids."""

    def __init__(self, known: Mapping[str, str], exceptions: frozenset[str],
                 resolve: Callable[[str], str | None] | None = None) -> None:
        from license_expression import LicenseSymbol, Licensing

        self.known = dict(known)
        self.exceptions = exceptions
        self.resolve = resolve
        groups: dict[str, list[str]] = {}
        for alias, canonical in self.known.items():
            groups.setdefault(canonical, []).append(alias)
        symbols: list[Any] = []
        for canonical, aliases in groups.items():
            others = tuple(sorted({a for a in aliases if a != canonical.lower()}))
            if canonical.lower() in exceptions:
                symbols.append(LicenseSymbol(canonical, aliases=others, is_exception=True))
            else:
                symbols.append(LicenseSymbol(canonical, aliases=others))
        self.licensing = Licensing(symbols)
        self.parse = functools.lru_cache(maxsize=4096)(self._parse)

    def _canonical(self, key: str) -> tuple[str, bool]:
        lowered = key.lower()
        if lowered in self.known:
            return self.known[lowered], True
        if lowered.endswith("+") and lowered[:-1] in self.known:
            base = self.known[lowered[:-1]]
            later = self.known.get(f"{base.lower()}+")
            return (later or f"{base}+"), True
        if self.resolve is not None:
            resolved = self.resolve(key)
            if resolved is not None:
                return resolved, True
        return key, False

    def _parse(self, text: str) -> Expr:
        from license_expression import ExpressionError

        if not text or not text.strip():
            raise InputError("empty licence expression")
        cleaned = re.sub(r"\s+", " ", text.strip())
        try:
            parsed = self.licensing.parse(cleaned)
        except ExpressionError as exc:
            position = getattr(exc, "position", None)
            where = f" at column {position + 1}" if isinstance(position, int) and position >= 0 else ""
            raise InputError(f"malformed licence expression `{text}`{where}: {_reason(exc)}") from None
        except Exception as exc:  # license-expression raises assorted errors on odd input
            raise InputError(f"malformed licence expression `{text}`: {exc}") from None
        if parsed is None:
            raise InputError(f"malformed licence expression `{text}`")
        return self._convert(parsed, text)

    def _convert(self, node: Any, text: str) -> Expr:
        from license_expression import AND, OR, LicenseSymbol, LicenseWithExceptionSymbol

        if isinstance(node, LicenseWithExceptionSymbol):
            lid, known = self._canonical(node.license_symbol.key)
            eid, eknown = self._canonical(node.exception_symbol.key)
            return Leaf(lid, eid, known, eknown)
        if isinstance(node, LicenseSymbol):
            lid, known = self._canonical(node.key)
            if known and lid.lower() in self.exceptions:
                raise InputError(f"malformed licence expression `{text}`: `{lid}` is an exception; "
                                 "write it after `WITH`")
            return Leaf(lid, None, known)
        if isinstance(node, AND):
            return And(tuple(self._convert(arg, text) for arg in node.args))
        if isinstance(node, OR):
            return Or(tuple(self._convert(arg, text) for arg in node.args))
        raise InputError(f"malformed licence expression `{text}`")


def _reason(exc: Exception) -> str:
    message = str(exc).split("\n")[0]
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message or "cannot parse it"


_PARSERS: dict[int, tuple[Catalog, ExpressionParser]] = {}


def parser_for(catalog: Catalog) -> ExpressionParser:
    """The expression parser of a catalog, built once per catalog."""
    entry = _PARSERS.get(id(catalog))
    if entry is not None and entry[0] is catalog:
        return entry[1]
    exception_ids = frozenset(doc.id.lower() for doc in catalog.documents.values()
                              if doc.kind in ("exception", "addendum"))
    known = catalog.known_ids()
    exceptions = frozenset(alias for alias, canonical in known.items() if canonical.lower() in exception_ids)
    parser = ExpressionParser(known, exceptions, catalog.canonical)
    _PARSERS[id(catalog)] = (catalog, parser)
    return parser


_SIMPLE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9.+:_-]*)(?:\s+(?i:with)\s+([A-Za-z0-9][A-Za-z0-9.+:_-]*))?\s*$")


def simple_leaf(text: str, catalog: Catalog) -> Leaf | None:
    """A one-licence expression (`ID` or `ID WITH EXCEPTION`) of known ids, read without building a parser."""
    match = _SIMPLE.match(text)
    if match is None or match.group(1).upper() in ("AND", "OR", "WITH"):
        return None
    license = catalog.resolve(match.group(1))
    if license is None or license.kind != "license":
        return None
    if match.group(2) is None:
        return Leaf(license.id)
    exception = catalog.resolve(match.group(2))
    if exception is None or exception.kind not in ("exception", "addendum"):
        return None
    return Leaf(license.id, exception.id)


def parse_expression(text: str, catalog: Catalog) -> Expr:
    """Parse an SPDX expression; unknown ids become leaves with `known=False`."""
    leaf = simple_leaf(text, catalog)
    if leaf is not None:
        return leaf
    parser = parser_for(catalog)
    fast = _FAST.get((id(parser), text))
    if fast is None:
        from licensecheck.syntax.fastexpr import fast_parse

        fast = fast_parse(text, parser) or parser.parse(text)
        if len(_FAST) > 20_000:
            _FAST.clear()
        _FAST[(id(parser), text)] = fast
    return fast


_FAST: dict[tuple[int, str], Expr] = {}
