# SPDX-License-Identifier: Apache-2.0
"""The federation registry (docs/spec/federation.md §1) read once, at the edge, into frozen records.

Every bad input is an `InputError` at the position of the value or key at fault, so that the command
prints one `file:line:column: error: ...` line and exits 4. Licence expressions are parsed here (a
malformed one is bad input; an unknown id is not: its cells are `unknown`), and a commons given by
`path` gets its licence from the scanner (`licensecheck.federation.scanned`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensecheck.catalog import Catalog
from licensecheck.errors import InputError
from licensecheck.question import Licensee, attribute_value
from licensecheck.source import Span
from licensecheck.syntax.expression import parse_expression
from licensecheck.vocabulary import ACTIVITIES, Vocabulary
from licensecheck.yamlio import Node, read_yaml, short

FORMAT_VERSION = 1

def default_uses(words: Vocabulary | None = None) -> dict[str, tuple[str, ...]]:
    """The uses asked per kind of work when a registry has no `uses`: the vocabulary's (`work ... asked as`,
    licenses/vocabulary.vocab; documented in docs/federation.md)."""
    if words is None:
        from licensecheck.question import shipped_vocabulary

        words = shipped_vocabulary()
    return dict(words.work_uses)

#: what an id may be made of (ids end up in file names, HTML attributes and filters)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: the licence a commons is asked under when its checkout declares none (its cells are `unknown`)
NO_LICENCE_FOUND = "NOASSERTION"


@dataclass(frozen=True)
class LicenceSource:
    """Where a commons' licence comes from: the registry, or a scan of a checkout."""

    kind: str  # registry | scan
    path: str | None = None  # the checkout, as written in the registry (scan)
    found_at: str | None = None  # where the scanner found the project licence, e.g. `LICENSE:1` (scan)

    def describe(self) -> str:
        """In words, for reports."""
        if self.kind == "registry":
            return "stated in the registry"
        if self.found_at is None:
            return f"no project licence found by a scan of {self.path}"
        return f"found by a scan of {self.path} ({self.found_at})"


@dataclass(frozen=True)
class Product:
    """A platform's own work, where the commons it reuses end up."""

    id: str
    license: str  # canonical spelling of the SPDX expression
    work: str
    reuses: tuple[str, ...] | None  # commons ids; None: every commons of the same kind of work
    name: str | None = None


@dataclass(frozen=True)
class Party:
    """A platform (a member) or an outsider: who reuses, and for which purposes."""

    id: str
    name: str
    licensee: Licensee
    purposes: tuple[str, ...] | None  # None: not stated
    products: tuple[Product, ...] = ()
    member: bool = True


@dataclass(frozen=True)
class Commons:
    """A shared work: software, data or content, under a licence."""

    id: str
    name: str
    owner: str | None
    work: str
    license: str  # canonical spelling of the SPDX expression (NOASSERTION when a scan found none)
    source: LicenceSource


@dataclass(frozen=True)
class Registry:
    """A federation: its platforms, commons, uses per kind of work, and reference outsiders."""

    path: str
    id: str
    name: str
    platforms: tuple[Party, ...]
    commons: tuple[Commons, ...]
    uses: tuple[tuple[str, tuple[str, ...]], ...]  # (kind of work, uses), in the order of WORKS
    uses_default: bool
    outsiders: tuple[Party, ...] = ()

    def uses_for(self, work: str) -> tuple[str, ...]:
        """The uses asked for a kind of work."""
        for kind, uses in self.uses:
            if kind == work:
                return uses
        return ()


#: scans a checkout: (folder, registry node of `path`) -> (licence expression or None, where it was found)
Scanner = Callable[[Path, Node], tuple[str | None, str | None]]

_TOP_KEYS = ("format_version", "federation", "platforms", "commons", "uses", "outsiders")
_FEDERATION_KEYS = ("id", "name")
_PLATFORM_KEYS = ("id", "name", "licensee", "purpose", "products")
_PRODUCT_KEYS = ("id", "name", "license", "work", "reuses")
_COMMONS_KEYS = ("id", "name", "owner", "work", "license", "path")
_OUTSIDER_KEYS = ("id", "name", "licensee", "purpose")


def read_registry(path: Path, catalog: Catalog, shown: str | None = None, scanner: Scanner | None = None) -> Registry:
    """Read and check a registry file; raises `InputError` at the position of the first bad input."""
    name = shown if shown is not None else str(path)
    root = read_yaml(path, name, what="federation registry")
    return registry_from(root, name, catalog, path.parent, scanner)


def registry_from(root: Node | None, shown: str, catalog: Catalog, base: Path,
                  scanner: Scanner | None = None) -> Registry:
    """A registry from its YAML nodes; `base` is the folder that `path` entries are relative to."""
    if root is None or not root.is_mapping:
        raise InputError("a federation registry is a mapping with `format_version`, `federation`, `platforms` "
                         "and `commons`", root.span if root is not None else Span(shown, 1, 1))
    _known_keys(root, _TOP_KEYS, "the registry")
    version = _required(root, "format_version", "the registry")
    if version.scalar() != FORMAT_VERSION or isinstance(version.value, bool):
        raise InputError(f"`format_version` must be {FORMAT_VERSION}, not {version.what()}", version.span)
    federation = _required(root, "federation", "the registry")
    _mapping(federation, "`federation`")
    _known_keys(federation, _FEDERATION_KEYS, "`federation`")
    fed_id = _id(_required(federation, "id", "`federation`"))
    fed_name = _text(federation.get("name")) or fed_id

    words = catalog.vocabulary
    uses, uses_default = _uses(root.get("uses"), words)
    commons_node = _required(root, "commons", "the registry")
    commons_ids = _ids_of(commons_node, "commons")
    products_seen: dict[str, str] = {}
    platforms = tuple(_party(node, _PLATFORM_KEYS, "platform", commons_ids, catalog, products_seen)
                      for node in _unique(_required(root, "platforms", "the registry"), "platform"))
    commons = tuple(_commons(node, catalog, base, scanner) for node in _unique(commons_node, "commons"))
    outsiders_node = root.get("outsiders")
    outsiders: tuple[Party, ...] = ()
    if outsiders_node is not None and outsiders_node.value is not None:
        outsiders = tuple(_party(node, _OUTSIDER_KEYS, "outsider", commons_ids, catalog, {}, member=False)
                          for node in _unique(outsiders_node, "outsider"))
    return Registry(shown, fed_id, fed_name, platforms, commons, uses, uses_default, outsiders)


# -- parts -------------------------------------------------------------------------------------


def _uses(node: Node | None, words: Vocabulary) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], bool]:
    if node is None:
        defaults = default_uses(words)
        return tuple((kind, tuple(u for u in defaults[kind] if u in words.uses)) for kind in words.works
                     if kind in defaults), True
    _mapping(node, "`uses`")
    given: dict[str, tuple[str, ...]] = {}
    for kind, key, value in node.items():
        if kind not in words.works:
            raise InputError(f"unknown kind of work `{short(kind)}` in `uses` ({', '.join(words.works)})"
                             + _did_you_mean(kind, words.works), key.span)
        if not value.is_sequence:
            raise InputError(f"`uses: {short(kind)}` must be a list of uses, not {value.what()}", value.span)
        listed: list[str] = []
        for element in value.elements():
            use = _text(element, f"a use in `uses: {short(kind)}`")
            if use not in words.uses:
                raise InputError(f"unknown use `{short(use)}`" + _did_you_mean(use, words.uses), element.span)
            if words.uses[use].has("own-work"):
                raise InputError(f"`{use}` is not a use of a commons (it is about the licensee's own work)",
                                 element.span)
            if use in listed:
                raise InputError(f"use `{use}` is listed twice in `uses: {kind}`", element.span)
            listed.append(use)
        given[kind] = tuple(listed)
    return tuple((kind, given[kind]) for kind in words.works if kind in given), False


def _party(node: Node, keys: tuple[str, ...], what: str, commons_ids: dict[str, Node], catalog: Catalog,
           products_seen: dict[str, str], member: bool = True) -> Party:
    _known_keys(node, keys, f"a {what}")
    party_id = _id(_required(node, "id", f"a {what}"))
    name = _text(node.get("name")) or party_id
    licensee = _licensee(node.get("licensee"), catalog.vocabulary)
    purposes = _purposes(node.get("purpose"), catalog.vocabulary)
    products: tuple[Product, ...] = ()
    products_node = node.get("products")
    if products_node is not None and products_node.value is not None:
        products = tuple(_product(p, commons_ids, catalog, party_id, products_seen)
                         for p in _unique(products_node, "product"))
    return Party(party_id, name, licensee, purposes, products, member)


def _product(node: Node, commons_ids: dict[str, Node], catalog: Catalog, platform_id: str,
             products_seen: dict[str, str]) -> Product:
    _known_keys(node, _PRODUCT_KEYS, "a product")
    id_node = _required(node, "id", "a product")
    product_id = _id(id_node)
    if product_id in products_seen:
        raise InputError(f"duplicate product id `{product_id}` (also a product of platform "
                         f"`{products_seen[product_id]}`)", id_node.span)
    products_seen[product_id] = platform_id
    license = _expression(_required(node, "license", "a product"), catalog)
    work = _work(_required(node, "work", "a product"), catalog.vocabulary)
    reuses_node = node.get("reuses")
    reuses: tuple[str, ...] | None = None
    if reuses_node is not None:
        if not reuses_node.is_sequence:
            raise InputError(f"`reuses` must be a list of commons ids, not {reuses_node.what()}", reuses_node.span)
        listed: list[str] = []
        for element in reuses_node.elements():
            commons_id = _text(element, "a commons id in `reuses`")
            if commons_id not in commons_ids:
                raise InputError(f"unknown commons `{short(commons_id)}` in `reuses`"
                                 + _did_you_mean(commons_id, commons_ids), element.span)
            if commons_id in listed:
                raise InputError(f"commons `{commons_id}` is listed twice in `reuses`", element.span)
            listed.append(commons_id)
        reuses = tuple(listed)
    return Product(product_id, license, work, reuses, _text(node.get("name")))


def _commons(node: Node, catalog: Catalog, base: Path, scanner: Scanner | None) -> Commons:
    _known_keys(node, _COMMONS_KEYS, "a commons")
    commons_id = _id(_required(node, "id", "a commons"))
    name = _text(node.get("name")) or commons_id
    owner_node = node.get("owner")
    owner = _text(owner_node, "`owner`") if owner_node is not None and owner_node.value is not None else None
    work = _work(_required(node, "work", "a commons"), catalog.vocabulary)
    license_node, path_node = node.get("license"), node.get("path")
    if license_node is not None and path_node is not None:
        raise InputError("give a commons `license` or `path`, not both", path_node.span)
    if license_node is not None:
        return Commons(commons_id, name, owner, work, _expression(license_node, catalog), LicenceSource("registry"))
    if path_node is None:
        raise InputError(f"commons `{commons_id}` needs `license` (an SPDX expression) or `path` (a checkout)",
                         node.span)
    written = _text(path_node, "`path`")
    folder = (base / written) if not Path(written).is_absolute() else Path(written)
    if not folder.exists():
        raise InputError(f"cannot read `path` `{short(written)}`: no such folder (relative to the registry)",
                         path_node.span)
    if not folder.is_dir():
        raise InputError(f"cannot read `path` `{short(written)}`: not a folder", path_node.span)
    if scanner is None:
        from licensecheck.federation.scanned import project_licence

        scanner = project_licence
    expression, found_at = scanner(folder, path_node)
    if expression is None:
        return Commons(commons_id, name, owner, work, NO_LICENCE_FOUND, LicenceSource("scan", written, None))
    try:
        canonical = str(parse_expression(expression, catalog))
    except InputError as exc:
        raise InputError(f"the licence found by a scan of `{short(written)}` is not a valid expression: "
                         f"{exc.message}", path_node.span) from None
    return Commons(commons_id, name, owner, work, canonical, LicenceSource("scan", written, found_at))


def _licensee(node: Node | None, words: Vocabulary) -> Licensee:
    if node is None or node.value is None:
        return Licensee()
    _mapping(node, "`licensee`")
    kind = "any"
    attributes: list[tuple[str, Any]] = []
    for name, key, value in node.items():
        if name == "kind":
            kind = _text(value, "`kind`")
            if kind not in words.kinds:
                raise InputError(f"unknown licensee kind `{short(kind)}`" + _did_you_mean(kind, words.kinds),
                                 value.span)
            continue
        if name not in words.attributes:
            raise InputError(f"unknown licensee attribute `{short(name)}`" + _did_you_mean(name, words.attributes),
                             key.span)
        plain = value.plain()
        if name == ACTIVITIES and isinstance(plain, list):
            for element, tag in zip(value.elements(), plain, strict=True):
                if str(tag) not in words.purposes and str(tag) not in words.activities:
                    raise InputError(f"unknown activity `{short(tag)}`"
                                     + _did_you_mean(str(tag), [*words.purposes, *words.activities]), element.span)
        attributes.append((name, attribute_value(name, plain, value.span, words)))
    attributes.sort()
    return Licensee(kind, tuple(attributes))


def _purposes(node: Node | None, words: Vocabulary) -> tuple[str, ...] | None:
    if node is None or node.value is None:
        return None
    elements = node.elements() if node.is_sequence else (node,) if node.is_scalar else None
    if elements is None:
        raise InputError(f"`purpose` must be a list of purpose tags, not {node.what()}", node.span)
    tags: set[str] = set()
    for element in elements:
        tag = _text(element, "a purpose tag")
        if tag not in words.purposes:
            raise InputError(f"unknown purpose `{short(tag)}`" + _did_you_mean(tag, words.purposes), element.span)
        tags.add(tag)
    return tuple(sorted(tags))


def _expression(node: Node, catalog: Catalog) -> str:
    text = _text(node, "a licence expression")
    try:
        return str(parse_expression(text, catalog))
    except InputError as exc:
        raise InputError(exc.message, node.span) from None


def _work(node: Node, words: Vocabulary) -> str:
    work = _text(node, "`work`")
    if work not in words.works:
        raise InputError(f"unknown kind of work `{short(work)}` ({', '.join(words.works)})", node.span)
    return work


# -- helpers -----------------------------------------------------------------------------------


def _mapping(node: Node, what: str) -> None:
    if not node.is_mapping:
        raise InputError(f"{what} must be a mapping, not {node.what()}", node.span)


def _known_keys(node: Node, keys: tuple[str, ...], what: str) -> None:
    _mapping(node, what)
    for name, key, _value in node.items():
        if name not in keys:
            raise InputError(f"unknown key `{short(name)}` in {what}" + _did_you_mean(name, keys), key.span)


def _required(node: Node, key: str, what: str) -> Node:
    value = node.get(key)
    if value is None or value.value is None:
        at = node.key_node(key)
        raise InputError(f"{what} needs `{key}`", at.span if at is not None else node.span)
    return value


def _text(node: Node | None, what: str = "a name") -> str:
    if node is None:
        return ""
    value = node.scalar()
    if not node.is_scalar or value is None or isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"{what} must be text, not {node.what()}", node.span)
    return str(value)


def _id(node: Node) -> str:
    text = _text(node, "an id")
    if not _ID.match(text):
        raise InputError(f"an id is made of letters, digits, `.`, `_` and `-`, not `{short(text)}`", node.span)
    return text


def _ids_of(listed: Node, what: str) -> dict[str, Node]:
    """The ids of a list of mappings (for references; the list itself is checked later)."""
    out: dict[str, Node] = {}
    for element in listed.elements():
        id_node = element.get("id") if element.is_mapping else None
        if id_node is not None and id_node.is_scalar and id_node.value is not None and id_node.error is None:
            out.setdefault(str(id_node.value), id_node)
    return out


def _unique(listed: Node, what: str) -> Iterable[Node]:
    """The elements of a list of mappings, refusing a duplicate id."""
    if not listed.is_sequence:
        raise InputError(f"`{_plural(what)}` must be a list, not {listed.what()}", listed.span)
    seen: dict[str, Span] = {}
    for element in listed.elements():
        if not element.is_mapping:
            raise InputError(f"a {what} is a mapping with an `id`, not {element.what()}", element.span)
        id_node = _required(element, "id", f"a {what}")
        key = _text(id_node, "an id")
        if key in seen:
            raise InputError(f"duplicate {what} id `{short(key)}` (first at line {seen[key].line})", id_node.span)
        seen[key] = id_node.span
        yield element


def _plural(what: str) -> str:
    return what if what == "commons" else what + "s"


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def distributing(use: str, words: Vocabulary) -> bool:
    """Whether a use distributes or publishes a result (so that the cell has an outbound licence)."""
    definition = words.uses.get(use)
    return definition is not None and definition.has("distributes")


__all__ = ["FORMAT_VERSION", "NO_LICENCE_FOUND", "Commons", "LicenceSource", "Party", "Product",
           "Registry", "Scanner", "default_uses", "distributing", "read_registry", "registry_from"]
