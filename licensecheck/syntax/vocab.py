# SPDX-License-Identifier: Apache-2.0
"""Vocabulary entries (`use ...`, `kind ...`, `duty ...`, `scope ...`) from parse trees, and their checks.

A mixin of the document builder: vocabulary documents consist of these entries, and a licence may declare
its own next to its clauses. Entries are read in a first pass, so that the document's clauses may use the
words it declares; their references (the acts a use performs, a kind's parent, the duties that cover a
duty, ...) are checked once every entry of the document is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from licensecheck import model as m
from licensecheck import vocabulary as v

if TYPE_CHECKING:
    from lark import Tree

    from licensecheck.errors import TermsSyntaxError

_BUILDERS = {"v_act", "v_use", "v_kind", "v_attribute", "v_purpose", "v_activity", "v_work", "v_duty",
             "v_scope", "v_restriction", "v_event", "v_class"}


def _text(token: Any) -> str:
    raw = str(token)
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        return raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return raw


class VocabularyEntries:
    """Building and checking vocabulary entries; mixed into the document builder."""

    vocab: v.Vocabulary
    errors: list[TermsSyntaxError]

    # provided by the builder
    def error(self, message: str, at: Any, hint: str | None = None) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def cond(self, tree: Tree[Any]) -> m.Cond:  # pragma: no cover - overridden
        raise NotImplementedError

    def value(self, tree: Tree[Any]) -> str | float:  # pragma: no cover - overridden
        raise NotImplementedError

    # -- the first pass ------------------------------------------------------------------------
    def local_entries(self, tree: Tree[Any]) -> list[v.Entry | v.Simple]:
        """The entries a document declares (except derived facts, which are conditions)."""
        from lark import Tree as LarkTree

        out: list[v.Entry | v.Simple] = []
        self._built: dict[int, v.Entry | v.Simple] = {}
        for item in tree.children[1:]:
            if not isinstance(item, LarkTree) or item.data != "clause":
                continue
            for child in item.children[1:]:
                if isinstance(child, LarkTree) and child.data in _BUILDERS:
                    entry = self._built[id(child)] = self._entry(child)
                    out.append(entry)
        return out

    def _entry(self, tree: Tree[Any]) -> v.Entry | v.Simple:
        handler = getattr(self, f"_{tree.data}")
        entry: v.Entry | v.Simple = handler(tree)
        return entry

    def _props(self, tree: Tree[Any]) -> list[Tree[Any]]:
        from lark import Tree as LarkTree

        return [child for child in tree.children[2:] if isinstance(child, LarkTree)]

    def _v_act(self, tree: Tree[Any]) -> v.ActDef:
        covered: tuple[str, ...] = ()
        for prop in self._props(tree):
            covered = tuple(str(t) for t in prop.children[0].children)
        return v.ActDef(str(tree.children[0]), _text(tree.children[1]), covered)

    def _v_use(self, tree: Tree[Any]) -> v.UseDef:
        acts: tuple[str, ...] = ()
        neighbours: tuple[str, ...] = ()
        flags: set[str] = set()
        for prop in self._props(tree):
            if prop.data == "use_performs":
                acts = tuple(str(t) for t in prop.children[0].children)
            elif prop.data == "use_neighbours":
                neighbours = tuple(str(t) for t in prop.children[0].children)
            else:
                flag = str(prop.children[0])
                if flag not in v.USE_FLAGS:
                    self.error(f"unknown use flag `{flag}` (known: {', '.join(v.USE_FLAGS)})", prop.children[0])
                flags.add(flag)
        return v.UseDef(str(tree.children[0]), _text(tree.children[1]), acts, frozenset(flags), neighbours)

    def _v_kind(self, tree: Tree[Any]) -> v.KindDef:
        parent: str | None = None
        fixes: list[tuple[str, Any]] = []
        unsettled: set[str] = set()
        activity: str | None = None
        for prop in self._props(tree):
            if prop.data == "kind_under":
                parent = str(prop.children[0])
            elif prop.data == "kind_fixes":
                for fixed in prop.children:
                    fixes.append((str(fixed.children[0]), self._fixed_value(fixed.children[1])))
            elif prop.data == "kind_unsettled":
                unsettled.update(str(t) for t in prop.children[0].children)
            else:
                activity = str(prop.children[0])
        return v.KindDef(str(tree.children[0]), _text(tree.children[1]), parent, tuple(fixes), frozenset(unsettled),
                         activity)

    def _fixed_value(self, tree: Tree[Any]) -> Any:
        value = self.value(tree)
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value

    def _v_attribute(self, tree: Tree[Any]) -> v.AttributeDef:
        kind = str(tree.children[2])
        if kind not in v.ATTRIBUTE_TYPES:
            self.error(f"unknown attribute type `{kind}` (known: {', '.join(v.ATTRIBUTE_TYPES)})", tree.children[2])
        return v.AttributeDef(str(tree.children[0]), kind, _text(tree.children[1]))

    def _v_purpose(self, tree: Tree[Any]) -> v.Simple:
        excludes = tuple(str(t) for t in tree.children[2].children) if len(tree.children) > 2 else ()
        return v.Simple("purpose", str(tree.children[0]), _text(tree.children[1]), excludes)

    def _v_activity(self, tree: Tree[Any]) -> v.Simple:
        return v.Simple("activity", str(tree.children[0]), _text(tree.children[1]))

    def _v_work(self, tree: Tree[Any]) -> v.Simple:
        asked = tuple(str(t) for t in tree.children[2].children) if len(tree.children) > 2 else ()
        return v.Simple("work", str(tree.children[0]), _text(tree.children[1]), asked=asked)

    def _v_restriction(self, tree: Tree[Any]) -> v.Simple:
        return v.Simple("restriction", str(tree.children[0]), _text(tree.children[1]))

    def _v_duty(self, tree: Tree[Any]) -> v.DutyDef:
        active: bool | None = None
        carries = False
        works: tuple[str, ...] = ()
        covered: tuple[str, ...] = ()
        requires: tuple[str, ...] = ()
        for prop in self._props(tree):
            if prop.data == "duty_flag":
                flag = str(prop.children[0])
                if flag not in v.DUTY_FLAGS:
                    self.error(f"unknown duty flag `{flag}` (known: {', '.join(v.DUTY_FLAGS)})", prop.children[0])
                if flag == "carries-restrictions":
                    carries = True
                else:
                    active = flag == "active"
            elif prop.data == "duty_works":
                works = tuple(str(t) for t in prop.children[0].children)
            elif prop.data == "duty_covered_by":
                covered = tuple(str(t) for t in prop.children[0].children)
            else:
                requires = tuple(str(t) for t in prop.children[0].children)
        if active is None:
            self.error("a duty kind says whether it is `active` or `passive`", tree.children[0])
        return v.DutyDef(str(tree.children[0]), _text(tree.children[1]), bool(active), works, covered, requires,
                         carries)

    def _v_scope(self, tree: Tree[Any]) -> v.ScopeDef:
        reach: list[tuple[str, str]] = []
        for prop in self._props(tree):
            how = str(prop.children[0])
            if how not in v.REACHES:
                self.error(f"unknown reach `{how}` (known: {', '.join(v.REACHES)})", prop.children[0])
            reach.extend((str(t), how) for t in prop.children[1].children)
        return v.ScopeDef(str(tree.children[0]), _text(tree.children[1]), tuple(reach))

    def _v_event(self, tree: Tree[Any]) -> v.EventDef:
        flags = [str(t) for t in tree.children[3:]]
        for flag, token in zip(flags, tree.children[3:], strict=True):
            if flag not in v.EVENT_FLAGS:
                self.error(f"unknown event flag `{flag}` (known: {', '.join(v.EVENT_FLAGS)})", token)
        return v.EventDef(str(tree.children[0]), _text(tree.children[1]), str(tree.children[2]),
                          "further-restriction" in flags)

    def _v_class(self, tree: Tree[Any]) -> v.ClassDef:
        return v.ClassDef(str(tree.children[0]), _text(tree.children[1]),
                          tuple(str(t) for t in tree.children[2].children))

    # -- statements of the second pass -------------------------------------------------------------
    def vocabulary_statement(self, tree: Tree[Any]) -> m.Declares:
        """The `Declares` statement of a vocabulary clause (derived facts get their condition here)."""
        if tree.data == "v_derive":
            return m.Declares(self._derivation(tree))
        built = getattr(self, "_built", {}).get(id(tree))
        return m.Declares(built if built is not None else self._entry(tree))

    def _derivation(self, tree: Tree[Any]) -> v.Derivation:
        target = tree.children[0]
        condition = self.cond(tree.children[1])
        if target.data == "derive_attribute":
            name = str(target.children[0])
            if name not in self.vocab.attributes:
                self.error(f"unknown licensee attribute `{name}`", target.children[0])
            return v.Derivation("attribute", name, self._fixed_value(target.children[1]), condition)
        name = str(target.children[0])
        if name not in self.vocab.purposes:
            self.error(f"unknown purpose `{name}`", target.children[0])
        return v.Derivation("purpose", name, target.data == "derive_purpose", condition)

    # -- checks once the document is read -----------------------------------------------------------
    def check_entries(self, clauses: list[m.Clause]) -> None:
        """Every name an entry refers to is a word of the vocabulary; no entry is declared twice."""
        vocab = self.vocab
        seen: dict[tuple[str, str], m.Clause] = {}
        for clause in clauses:
            statement = clause.statement
            if not isinstance(statement, m.Declares):
                continue
            entry = statement.entry
            if not isinstance(entry, v.Derivation):
                key = (type(entry).__name__ + getattr(entry, "category", ""), getattr(entry, "name", ""))
                if key in seen:
                    self._at(clause, f"`{key[1]}` is declared twice (first in clause `{seen[key].id}`)")
                seen[key] = clause
            for what, names, known in self._references(entry, vocab):
                for name in names:
                    if name not in known:
                        self._at(clause, f"unknown {what} `{name}` in the declaration of `{getattr(entry, 'name', '')}`")

    def _references(self, entry: object, vocab: v.Vocabulary) -> list[tuple[str, tuple[str, ...], Any]]:
        if isinstance(entry, v.ActDef):
            return [("act", entry.covered_by, vocab.acts)]
        if isinstance(entry, v.UseDef):
            return [("act", entry.acts, vocab.acts), ("use", entry.neighbours, vocab.uses)]
        if isinstance(entry, v.KindDef):
            return [("licensee kind", (entry.parent,) if entry.parent else (), vocab.kinds),
                    ("licensee attribute", tuple(k for k, _ in entry.fixes) + tuple(sorted(entry.unsettled)),
                     vocab.attributes),
                    ("activity", (entry.activity,) if entry.activity else (), {**vocab.purposes, **vocab.activities})]
        if isinstance(entry, v.DutyDef):
            return [("kind of work", entry.works, vocab.works), ("duty", entry.covered_by, vocab.duties),
                    ("act", entry.requires, vocab.acts)]
        if isinstance(entry, v.ScopeDef):
            return [("use", tuple(u for u, _ in entry.reach), vocab.uses)]
        if isinstance(entry, v.EventDef):
            return [("licensee attribute", (entry.attribute,), vocab.attributes)]
        if isinstance(entry, v.ClassDef):
            return [("restriction", entry.members, set(vocab.restriction_kinds()))]
        if isinstance(entry, v.Simple) and (entry.excludes or entry.asked):
            return [("purpose", entry.excludes, vocab.purposes), ("use", entry.asked, vocab.uses)]
        return []

    def _at(self, clause: m.Clause, message: str) -> None:
        from licensecheck.errors import TermsSyntaxError

        self.errors.append(TermsSyntaxError(message, clause.span))


__all__ = ["VocabularyEntries"]
