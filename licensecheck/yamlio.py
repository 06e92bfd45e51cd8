# SPDX-License-Identifier: Apache-2.0
"""YAML read once, safely, into located nodes: case files, configuration, registries, grids, SBOMs.

PyYAML's parser (libyaml when installed) gives a stream of events; this module composes them itself,
without recursion, into `Node`s that keep the position of every key and value, so that every later
error names `file:line:column`. On the way it refuses what a hostile or mistyped file could do:

- aliases whose expansion would build more than `max_nodes` nodes ("billion laughs"), and recursive
  aliases;
- nesting deeper than `max_depth`;
- duplicate keys in a mapping (YAML says they are an error; PyYAML silently keeps the last);
- tags other than YAML's core scalar tags (`!!python/object` and friends);
- scalars that their tag cannot construct (`date: 2027-02-30`, `!!int abc`, a 5,000-digit integer):
  each is an `InputError` at the scalar, never a Python exception from the YAML library.

Messages quote at most a short prefix of a bad value, on one line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensecheck.errors import InputError, LicenseCheckError
from licensecheck.files import DEFAULT_MAX_BYTES, read_text
from licensecheck.source import Span

#: default limits of a YAML document (docs/limits.md)
MAX_DEPTH = 64
MAX_NODES = 2_000_000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))


def short(value: object, limit: int = 40) -> str:
    """A value for an error message: one line, at most `limit` characters, with `...` when cut."""
    text = str(value)
    text = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True, eq=False)
class Node:
    """A YAML value with its place: a scalar (its Python value), a sequence or a mapping of nodes."""

    kind: str  # scalar | sequence | mapping
    span: Span
    value: Any  # scalar: str, int, float, bool, None or date; sequence: tuple[Node, ...]; mapping: tuple[tuple[Node, Node], ...]
    weight: int = 1  # nodes built when aliases are expanded
    error: str | None = None  # a scalar its tag cannot construct: raised where the value is used

    @property
    def is_mapping(self) -> bool:
        """Whether the node is a mapping."""
        return self.kind == "mapping"

    @property
    def is_sequence(self) -> bool:
        """Whether the node is a sequence."""
        return self.kind == "sequence"

    @property
    def is_scalar(self) -> bool:
        """Whether the node is a scalar."""
        return self.kind == "scalar"

    def items(self) -> Iterator[tuple[str, Node, Node]]:
        """A mapping's entries as (key text, key node, value node)."""
        if self.kind != "mapping":
            return iter(())
        return ((str(key.value), key, value) for key, value in self.value)

    def get(self, key: str) -> Node | None:
        """The value node of a key of a mapping, or None."""
        for name, _key, value in self.items():
            if name == key:
                return value
        return None

    def key_node(self, key: str) -> Node | None:
        """The key node itself (for errors about the key), or None."""
        for name, key_node, _value in self.items():
            if name == key:
                return key_node
        return None

    def elements(self) -> tuple[Node, ...]:
        """A sequence's elements (empty for anything else)."""
        return self.value if self.kind == "sequence" else ()

    def what(self) -> str:
        """The kind of value in words, for messages (`a mapping`, `a list`, `the text "x"`)."""
        if self.kind == "mapping":
            return "a mapping"
        if self.kind == "sequence":
            return "a list"
        if self.value is None:
            return "empty"
        if isinstance(self.value, bool):
            return f"`{str(self.value).lower()}`"
        return f"`{short(self.value)}`"

    def scalar(self) -> Any:
        """A scalar's value; raises the scalar's `InputError` when its tag could not construct it."""
        if self.error is not None:
            raise InputError(self.error, self.span)
        return self.value

    def plain(self) -> Any:
        """The node as plain Python values (dicts, lists, scalars); aliases become copies.

        Raises the `InputError` of the first scalar that could not be constructed.
        """
        if self.kind == "scalar":
            return self.scalar()
        if self.kind == "sequence":
            return [item.plain() for item in self.value]
        return {key.plain(): value.plain() for key, value in self.value}


@dataclass
class _Open:
    kind: str
    span: Span
    anchor: str | None
    items: list[Node]
    weight: int = 1


class _Composer:
    def __init__(self, shown: str, max_depth: int, max_nodes: int, what: str) -> None:
        import yaml

        self.what = what
        self.yaml = yaml
        self.shown = shown
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.anchors: dict[str, Node | None] = {}  # None: the anchored collection is still open
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def span(self, mark: Any) -> Span:
        return Span(self.shown, mark.line + 1, mark.column + 1) if mark is not None else Span(self.shown, 1, 1)

    def fail(self, message: str, mark: Any) -> InputError:
        return InputError(message, self.span(mark))

    def compose(self, text: str) -> Node | None:
        yaml = self.yaml
        loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        loader = loader_class(text)
        try:
            return self._compose(loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            problem = getattr(exc, "problem", None) or "not valid YAML"
            raise InputError(f"malformed {self.what}: {short(problem, 80)}", self.span(mark)) from None
        finally:
            loader.dispose()

    def _compose(self, loader: Any) -> Node | None:
        ev = self.yaml.events
        stack: list[_Open] = []
        root: Node | None = None
        documents = 0
        while True:
            event = loader.get_event()
            if isinstance(event, ev.StreamEndEvent):
                return root
            if isinstance(event, (ev.StreamStartEvent, ev.DocumentEndEvent)):
                continue
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.fail("expected one YAML document, found several", event.start_mark)
                continue
            node: Node | None = None
            if isinstance(event, ev.AliasEvent):
                if event.anchor not in self.anchors:
                    raise self.fail(f"unknown alias `*{short(event.anchor)}`", event.start_mark)
                node = self.anchors[event.anchor]
                if node is None:
                    raise self.fail(f"alias `*{short(event.anchor)}` refers to a value that contains it",
                                    event.start_mark)
            elif isinstance(event, ev.ScalarEvent):
                node = self._scalar(event)
            elif isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
                self._check_tag(event, "sequence" if isinstance(event, ev.SequenceStartEvent) else "mapping")
                if len(stack) >= self.max_depth:
                    raise self.fail(f"YAML nested deeper than {self.max_depth} levels", event.start_mark)
                kind = "sequence" if isinstance(event, ev.SequenceStartEvent) else "mapping"
                if event.anchor is not None:
                    self.anchors[event.anchor] = None
                stack.append(_Open(kind, self.span(event.start_mark), event.anchor, []))
                continue
            elif isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
                node = self._close(stack.pop(), event)
            if node is None:
                continue
            if not stack:
                root = node
                continue
            parent = stack[-1]
            parent.weight += node.weight
            if parent.weight > self.max_nodes:
                raise self.fail(f"YAML aliases expand to more than {self.max_nodes:,} values", event.start_mark)
            parent.items.append(node)

    def _close(self, open_: _Open, event: Any) -> Node:
        if open_.kind == "sequence":
            node = Node("sequence", open_.span, tuple(open_.items), open_.weight)
        else:
            items = open_.items
            pairs: list[tuple[Node, Node]] = []
            seen: dict[Any, Span] = {}
            for index in range(0, len(items) - 1, 2):
                key, value = items[index], items[index + 1]
                if key.kind != "scalar":
                    raise InputError("a mapping key must be a plain value, not a list or a mapping", key.span)
                marker = key.value if not isinstance(key.value, (dict, list)) else id(key)
                if isinstance(marker, str) and marker == "<<":
                    raise InputError("YAML merge keys (`<<`) are not supported; write the keys out", key.span)
                if marker in seen:
                    raise InputError(f"duplicate key `{short(key.value)}` (first at line {seen[marker].line})",
                                     key.span)
                seen[marker] = key.span
                pairs.append((key, value))
            node = Node("mapping", open_.span, tuple(pairs), open_.weight)
        if open_.anchor is not None:
            self.anchors[open_.anchor] = node
        return node

    def _check_tag(self, event: Any, kind: str) -> None:
        tag = getattr(event, "tag", None)
        if tag in (None, "!", f"{_CORE}{'seq' if kind == 'sequence' else 'map'}"):
            return
        raise self.fail(f"unsupported YAML tag `{short(tag)}`", event.start_mark)

    def _scalar(self, event: Any) -> Node:
        yaml = self.yaml
        text: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = f"{_CORE}str" if tag == "!" else self.resolver.resolve(yaml.ScalarNode, text, event.implicit)  # type: ignore[no-untyped-call]
        span = self.span(event.start_mark)
        weight = 1 + len(text) // 256
        value: Any
        error: str | None
        if tag not in _SCALAR_TAGS:
            value, error = text, f"unsupported YAML tag `{short(tag)}`"
        else:
            value, error = self._construct(tag, text, event)
        node = Node("scalar", span, value, weight, error)
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node

    def _construct(self, tag: str, text: str, event: Any) -> tuple[Any, str | None]:
        """The value of a scalar, or its raw text and why its tag cannot construct it."""
        yaml = self.yaml
        raw = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
        name = tag[len(_CORE):]
        try:
            value: Any = getattr(self.constructor, f"construct_yaml_{name}")(raw)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError, yaml.YAMLError) as exc:
            what = {"timestamp": "date", "int": "integer", "float": "number", "bool": "yes/no value"}.get(name, name)
            detail = f": {short(exc, 60)}" if isinstance(exc, ValueError) and str(exc) else ""
            return text, f"invalid {what} `{short(text)}`{detail}"
        if isinstance(value, dt.datetime):
            value = value.date() if value.time() == dt.time() and value.tzinfo is None else value
        return value, None


def parse_yaml(text: str, shown: str, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES,
               what: str = "YAML file") -> Node | None:
    """The one document of a YAML text as nodes (None when the text holds no document)."""
    return _Composer(shown, max_depth, max_nodes, what).compose(text)


def read_yaml(path: Path, shown: str | None = None, error: type[LicenseCheckError] = InputError,
              max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = MAX_DEPTH,
              max_nodes: int = MAX_NODES, what: str = "YAML file") -> Node | None:
    """Read a YAML file (a regular file within `max_bytes`) into nodes."""
    name = shown if shown is not None else str(path)
    text = read_text(path, name, error, max_bytes)
    try:
        return parse_yaml(text, name, max_depth, max_nodes, what)
    except InputError as exc:
        if error is InputError:
            raise
        raise error(exc.message, exc.span) from None


__all__ = ["MAX_DEPTH", "MAX_NODES", "Node", "parse_yaml", "read_yaml", "short"]
