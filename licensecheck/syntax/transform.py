# SPDX-License-Identifier: Apache-2.0
"""Lark tree to model objects, with a span on every clause and a positioned error for every unknown word."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from licensecheck import model as m
from licensecheck.errors import TermsSyntaxError
from licensecheck.source import Span
from licensecheck.syntax.vocab import VocabularyEntries
from licensecheck.vocabulary import EDGE_LIMITS, LATER_VERSIONS, META_FIELDS, SOURCES, Vocabulary

if TYPE_CHECKING:
    from lark import Token, Tree


def item_span_token(tree: Tree[Any], key: str) -> Token | None:
    """The key token of a metadata line, for errors about its value."""
    from lark import Tree as LarkTree

    for item in tree.children[1:]:
        if isinstance(item, LarkTree) and item.data == "meta" and str(item.children[0]) == key:
            token: Token = item.children[0]  # type: ignore[assignment]
            return token
    return None

_NUMERIC = frozenset({"int", "number"})


class _Builder(VocabularyEntries):
    def __init__(self, text: str, path: str, errors: list[TermsSyntaxError], vocabulary: Vocabulary) -> None:
        self.text = text
        self.path = path
        self.errors = errors
        self.vocab = vocabulary
        self.definitions: dict[str, tuple[m.Cond, Token]] = {}
        self.term_uses: list[Token] = []

    # -- helpers --------------------------------------------------------------------------
    def span(self, item: Tree[Any] | Token) -> Span:
        from lark import Token

        if isinstance(item, Token):
            return Span(self.path, item.line or 1, item.column or 1, item.end_line or 0,
                        item.end_column or 0)
        meta = item.meta
        if getattr(meta, "empty", True):
            return Span(self.path, 1, 1)
        return Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    def error(self, message: str, at: Tree[Any] | Token, hint: str | None = None) -> None:
        self.errors.append(TermsSyntaxError(message, self.span(at), hint=hint))

    def word(self, token: Token, vocabulary: Iterable[str], what: str) -> str:
        value = str(token)
        if value not in vocabulary:
            close = difflib.get_close_matches(value, tuple(vocabulary), n=1)
            hint = f"did you mean `{close[0]}`?" if close else None
            self.error(f"unknown {what} `{value}`", token, hint)
        return value

    def names(self, tree: Tree[Any], vocabulary: Iterable[str] | None, what: str) -> tuple[str, ...]:
        tokens = [child for child in tree.children if not isinstance(child, str) or True]
        known = tuple(vocabulary) if vocabulary is not None else None
        out: list[str] = []
        for token in tokens:
            out.append(self.word(token, known, what) if known is not None else str(token))  # type: ignore[arg-type]
        return tuple(out)

    # -- document --------------------------------------------------------------------------
    def document(self, tree: Tree[Any]) -> m.Document:
        from lark import Tree as LarkTree

        header = tree.children[0]
        assert isinstance(header, LarkTree)
        kind = str(header.children[0].children[0])
        doc_id_token = header.children[1]
        meta: dict[str, tuple[str, ...]] = {}
        meta_spans: dict[str, Span] = {}
        clauses: list[m.Clause] = []
        modules: list[m.Module] = []
        seen: dict[str, Span] = {}
        self.vocab = self.vocab.merged(self.local_entries(tree))
        for item in tree.children[1:]:
            assert isinstance(item, LarkTree)
            if item.data == "meta":
                key_token = item.children[0]
                key = str(key_token)
                if key not in META_FIELDS:
                    self.word(key_token, META_FIELDS, "metadata field")  # type: ignore[arg-type]
                values = tuple(self.value_text(v) for v in item.children[1:])
                if key in meta:
                    self.error(f"metadata field `{key}` is given twice", key_token)
                if not META_FIELDS.get(key, True) and len(values) > 1:
                    self.error(f"metadata field `{key}` takes one value", key_token)
                meta[key] = values
                meta_spans[key] = self.span(key_token)
            elif item.data == "clause":
                clauses.append(self.clause(item, None, seen))
            elif item.data == "module":
                modules.append(self.module(item, seen))
        for key, known in (("later-versions", LATER_VERSIONS), ("sources", SOURCES)):
            value = meta.get(key)
            if value and value[0] not in known:
                self.error(f"unknown `{key}` value `{value[0]}` (known: {', '.join(known)})",
                           item_span_token(tree, key) or doc_id_token)
        self.check_entries(clauses)
        if self.term_uses:
            self.report_unknown_terms()
            where = {c.statement.name: f"{doc_id_token} {' '.join(c.citations)}".strip()
                     for c in [*clauses, *(c for mod in modules for c in mod.clauses)]
                     if isinstance(c.statement, m.Definition)}
            clauses = [self.resolve_terms(c, where) for c in clauses]
            modules = [m.Module(mod.code, mod.title, tuple(self.resolve_terms(c, where) for c in mod.clauses),
                                mod.span) for mod in modules]
        return m.Document(kind=kind, id=str(doc_id_token), span=self.span(doc_id_token), meta=meta,
                          meta_spans=meta_spans, clauses=tuple(clauses), modules=tuple(modules))

    # -- licence-defined terms ---------------------------------------------------------------
    def report_unknown_terms(self) -> None:
        for token in self.term_uses:
            name = str(token)
            if name not in self.definitions:
                close = difflib.get_close_matches(name, list(self.definitions), n=1)
                vocab = self.vocab
                spelled = (f"purpose {name}" if name in vocab.purposes else f"licensee {name}" if name in vocab.attributes
                           else f"licensee is {name}" if name in vocab.kinds else f"use is {name}" if name in vocab.uses
                           else close[0] if close else None)
                hint = f"did you mean `{spelled}`?" if spelled else (
                    "a condition is `licensee ...`, `purpose ...`, `modified`, `use is ...`, `work is ...`, "
                    "`trial N days`, `parameter ...`, `agreement`, or a term defined with `define`")
                self.error(f"unknown term `{token}`", token, hint)

    def resolve_terms(self, clause: m.Clause, where: dict[str, str]) -> m.Clause:
        """The clause with every use of a defined term bound to the term's definition."""
        statement = clause.statement
        condition = getattr(statement, "condition", None)
        if condition is None or isinstance(statement, m.Definition):
            return clause
        bound = self.bind(condition, where, ())
        fields = {name: getattr(statement, name) for name in statement._fields}
        fields["condition"] = bound
        return m.Clause(clause.id, type(statement)(**fields), clause.citations, clause.span, clause.text,
                        clause.unclear, clause.quote, clause.note, clause.module)

    def bind(self, cond: m.Cond, where: dict[str, str], chain: tuple[str, ...]) -> m.Cond:
        if isinstance(cond, m.Term):
            if cond.name not in self.definitions:
                return cond
            if cond.name in chain:
                self.error(f"the term `{cond.name}` is defined in terms of itself", self.definitions[cond.name][1])
                return m.Term(cond.name, m.Any(()), where[cond.name])
            inner = self.bind(self.definitions[cond.name][0], where, (*chain, cond.name))
            return m.Term(cond.name, inner, where[cond.name])
        if isinstance(cond, m.Not):
            return m.Not(self.bind(cond.item, where, chain))
        if isinstance(cond, (m.All, m.Any)):
            return type(cond)(tuple(self.bind(item, where, chain) for item in cond.items))
        return cond

    def module(self, tree: Tree[Any], seen: dict[str, Span]) -> m.Module:
        from lark import Token

        code = str(tree.children[0])
        title = ""
        clauses = []
        for child in tree.children[1:]:
            if isinstance(child, Token):
                title = _unquote(str(child))
            else:
                clauses.append(self.clause(child, code, seen))
        return m.Module(code=code, title=title, clauses=tuple(clauses), span=self.span(tree))

    def clause(self, tree: Tree[Any], module: str | None, seen: dict[str, Span]) -> m.Clause:
        from lark import Token
        from lark import Tree as LarkTree

        id_token = tree.children[0]
        clause_id = str(id_token)
        if clause_id in seen:
            first = seen[clause_id]
            self.error(f"duplicate clause id `{clause_id}` (first at line {first.line})", id_token)
        else:
            seen[clause_id] = self.span(id_token)
        citations: list[str] = []
        statement: m.Statement | None = None
        unclear = quote = note = None
        for child in tree.children[1:]:
            if isinstance(child, Token):
                continue
            if child.data == "citation":
                citations.append(_citation(str(child.children[0])))
            elif child.data == "unclear":
                unclear = _unquote(str(child.children[0]))
            elif child.data == "quote":
                quote = _unquote(str(child.children[0]))
            elif child.data == "note":
                note = _unquote(str(child.children[0]))
            elif isinstance(child, LarkTree):
                statement = self.statement(child)
        assert statement is not None
        span = self.span(tree)
        text = self.statement_text(tree)
        return m.Clause(id=clause_id, statement=statement, citations=tuple(citations), span=span,
                        text=text, unclear=unclear, quote=quote, note=note,
                        module=module)

    def statement_text(self, tree: Tree[Any]) -> str:
        """The clause as written, from its id to the end of its statement (quote and note left out)."""
        from lark import Tree as LarkTree

        meta = tree.meta
        if getattr(meta, "empty", True):
            return ""
        end = meta.end_pos
        for child in tree.children:
            if (isinstance(child, LarkTree) and child.data not in ("citation", "unclear", "quote", "note")
                    and not getattr(child.meta, "empty", True)):
                end = child.meta.end_pos
        text = self.text[meta.start_pos:end].rstrip()
        return " ".join(text.split()) + "."

    # -- statements ------------------------------------------------------------------------
    def statement(self, tree: Tree[Any]) -> m.Statement:
        if tree.data.startswith("v_"):
            return self.vocabulary_statement(tree)
        handler = getattr(self, f"st_{tree.data}")
        result: m.Statement = handler(tree)
        return result

    def _condition(self, children: list[object]) -> m.Cond | None:
        from lark import Tree as LarkTree

        for child in children:
            if isinstance(child, LarkTree) and child.data in ("if_condition", "unless_condition"):
                return self.condition_clause(child)
        return None

    def _sub(self, tree: Tree[Any], name: str) -> Tree[Any] | None:
        from lark import Tree as LarkTree

        for child in tree.children:
            if isinstance(child, LarkTree) and child.data == name:
                return child
        return None

    def st_permission(self, tree: Tree[Any]) -> m.Permission:
        acts = self.names(tree.children[0], self.vocab.acts, "act")
        return m.Permission(acts, self._condition(tree.children))

    def st_prohibition(self, tree: Tree[Any]) -> m.Prohibition:
        acts = self.names(tree.children[0], self.vocab.acts, "act")
        return m.Prohibition(acts, self._condition(tree.children))

    def st_duty(self, tree: Tree[Any]) -> m.Duty:
        duty = self.word(tree.children[0], self.vocab.duties, "duty")  # type: ignore[arg-type]
        trigger = self._sub(tree, "trigger")
        triggers = self.names(trigger.children[0], self.vocab.acts, "act") if trigger else ()
        return m.Duty(duty, triggers, self._condition(tree.children))

    def st_sharealike(self, tree: Tree[Any]) -> m.ShareAlike:
        scope = self.word(tree.children[0], self.vocab.scopes, "share-alike scope")  # type: ignore[arg-type]
        targets = self.targets(tree.children[1])
        return m.ShareAlike(scope, targets, self.work_filter(tree))

    def st_sharealike_excludes(self, tree: Tree[Any]) -> m.ShareAlikeExcludes:
        return m.ShareAlikeExcludes(self.names(tree.children[0], self.vocab.uses, "use"))

    def st_compatible(self, tree: Tree[Any]) -> m.Edge:
        limits = self.edge_limits(tree)
        return m.Edge("compatible", self.targets(tree.children[0]), "combined" in limits, self.work_filter(tree),
                      "adapted" in limits, self._sub(tree, "keeping") is not None)

    def st_convertible(self, tree: Tree[Any]) -> m.Edge:
        limits = self.edge_limits(tree)
        if "combined" in limits:
            sub = self._sub(tree, "edge_when")
            assert sub is not None
            self.error("a conversion is an act on a copy: `when combined` applies to `compatible with` only", sub)
        return m.Edge("convertible", self.targets(tree.children[0]), False, self.work_filter(tree),
                      "adapted" in limits)

    def edge_limits(self, tree: Tree[Any]) -> tuple[str, ...]:
        sub = self._sub(tree, "edge_when")
        return self.names(sub.children[0], EDGE_LIMITS, "edge limit") if sub else ()

    def st_termination(self, tree: Tree[Any]) -> m.Termination:
        acts = self.names(tree.children[0], self.vocab.acts, "act")
        event = self.word(tree.children[1], self.vocab.events, "event")  # type: ignore[arg-type]
        cure = self._sub(tree, "cure")
        days = int(float(str(cure.children[0]))) if cure is not None else None
        return m.Termination(acts, event, days)

    def st_reservation(self, tree: Tree[Any]) -> m.Reservation:
        return m.Reservation()

    def st_definition(self, tree: Tree[Any]) -> m.Definition:
        name = str(tree.children[0])
        if name in self.definitions:
            self.error(f"the term `{name}` is defined twice", tree.children[0])
        condition = self.cond(tree.children[1])
        self.definitions[name] = (condition, tree.children[0])  # type: ignore[assignment]
        return m.Definition(name, condition)

    def st_no_further(self, tree: Tree[Any]) -> m.NoFurtherRestrictions:
        allowed: tuple[str, ...] = ()
        sub = self._sub(tree, "except")
        if sub is not None:
            allowed = self.names(sub.children[0], self.vocab.restriction_kinds(), "restriction")
        return m.NoFurtherRestrictions(allowed)

    def st_removable(self, tree: Tree[Any]) -> m.Removable:
        return m.Removable()

    def st_tier(self, tree: Tree[Any]) -> m.Tier:
        token = tree.children[0]
        return m.Tier(str(token), self.span(token), self._condition(tree.children))

    def st_waiver(self, tree: Tree[Any]) -> m.Waiver:
        duty = self.word(tree.children[0], self.vocab.duties, "duty")  # type: ignore[arg-type]
        trigger = self._sub(tree, "trigger")
        triggers = self.names(trigger.children[0], self.vocab.acts, "act") if trigger else ()
        return m.Waiver(duty, triggers)

    def st_change(self, tree: Tree[Any]) -> m.Change:
        return m.Change(self.value_ref(tree.children[0]), self.value_ref(tree.children[1]))

    def st_policy_rule(self, tree: Tree[Any]) -> m.PolicyRule:
        from lark import Tree as LarkTree

        effect = str(tree.children[0].children[0])
        selectors: list[m.Selector] = []
        uses: tuple[str, ...] = ()
        because = ""
        for child in tree.children[1:]:
            if not isinstance(child, LarkTree):
                continue
            if child.data == "selectors":
                for sel in child.children:
                    assert isinstance(sel, LarkTree)
                    if sel.data == "select_id":
                        selectors.append(m.Selector("id", str(sel.children[0])))
                    elif sel.data == "select_category":
                        selectors.append(m.Selector("category", str(sel.children[0])))
                    else:
                        selectors.append(m.Selector("any"))
            elif child.data == "uses_filter":
                uses = self.names(child.children[0], self.vocab.uses, "use")
            elif child.data == "because":
                because = _unquote(str(child.children[0]))
        return m.PolicyRule(effect, tuple(selectors), uses, self.work_filter(tree), because,
                            self._condition(tree.children))

    def work_filter(self, tree: Tree[Any]) -> tuple[str, ...]:
        sub = self._sub(tree, "work_filter")
        return self.names(sub.children[0], self.vocab.works, "kind of work") if sub else ()

    def targets(self, tree: Tree[Any]) -> tuple[m.Target, ...]:
        from lark import Tree as LarkTree

        out: list[m.Target] = []
        for target in tree.children:
            assert isinstance(target, LarkTree)
            if target.data == "target_self":
                out.append(m.TargetSelf(or_later=bool(target.children)))
            elif target.data == "target_id":
                token = target.children[0]
                out.append(m.TargetId(str(token), self.span(token)))
            else:
                out.append(m.TargetRequiring(self.word(target.children[0], self.vocab.duties, "duty")))  # type: ignore[arg-type]
        return tuple(out)

    # -- conditions ------------------------------------------------------------------------
    def condition_clause(self, tree: Tree[Any]) -> m.Cond:
        parts = [self.cond(child) for child in tree.children]
        if tree.data == "unless_condition":
            return m.Not(parts[0])
        if len(parts) == 2:
            return m.All((parts[0], m.Not(parts[1])))
        return parts[0]

    def cond(self, tree: Tree[Any]) -> m.Cond:
        data = tree.data
        kids = tree.children
        if data == "cond_or":
            items = tuple(self.cond(k) for k in kids)
            return items[0] if len(items) == 1 else m.Any(items)
        if data == "cond_and":
            items = tuple(self.cond(k) for k in kids)
            return items[0] if len(items) == 1 else m.All(items)
        if data == "cond_not":
            return m.Not(self.cond(kids[0]))
        if data == "licensee_kind":
            return m.LicenseeKind(self.word(kids[0], self.vocab.kinds, "licensee kind"))  # type: ignore[arg-type]
        if data == "licensee_member":
            return m.LicenseeMember(str(kids[0]))
        if data == "licensee_activity":
            return m.LicenseeActivity(self.word(kids[0], (*self.vocab.purposes, *self.vocab.activities), "activity"))  # type: ignore[arg-type]
        if data == "licensee_flag":
            attributes = self.vocab.attributes
            name = self.word(kids[0], attributes, "licensee attribute")  # type: ignore[arg-type]
            if name in attributes and attributes[name].type != "bool":
                self.error(f"licensee attribute `{name}` is not yes/no: compare it, e.g. `licensee {name} < 100`",
                           kids[0])
            return m.LicenseeFlag(name)
        if data == "licensee_compare":
            attributes = self.vocab.attributes
            name = self.word(kids[0], attributes, "licensee attribute")  # type: ignore[arg-type]
            value = self.value(kids[2])
            if name in attributes and attributes[name].type in _NUMERIC and not isinstance(value, float):
                self.error(f"licensee attribute `{name}` is a number", kids[2])
            return m.LicenseeCompare(name, str(kids[1]), value)
        if data == "purpose":
            return m.Purpose(self.word(kids[0], self.vocab.purposes, "purpose"))  # type: ignore[arg-type]
        if data == "modified":
            return m.Modified()
        if data == "work_is":
            return m.WorkIs(self.word(kids[0], self.vocab.works, "kind of work"))  # type: ignore[arg-type]
        if data == "trial":
            return m.Trial(int(float(str(kids[0]))))
        if data == "parameter_set":
            return m.ParameterSet(str(kids[0]))
        if data == "parameter_compare":
            return m.ParameterCompare(str(kids[0]), str(kids[1]), self.value(kids[2]))
        if data == "agreement":
            return m.Agreement()
        if data == "use_is":
            return m.UseIs(self.word(kids[0], self.vocab.uses, "use"))  # type: ignore[arg-type]
        if data == "term":
            self.term_uses.append(kids[0])  # type: ignore[arg-type]
            return m.Term(str(kids[0]), m.Any(()))  # resolved once every definition of the file is read
        raise AssertionError(f"unhandled condition {data}")

    def value(self, tree: Tree[Any]) -> str | float:
        token = str(tree.children[0]) if tree.children else ""
        if tree.data == "number":
            return float(token)
        if tree.data == "string":
            return _unquote(token)
        return token

    def value_text(self, tree: Tree[Any]) -> str:
        value = self.value(tree)
        if isinstance(value, float):
            text = str(tree.children[0])
            return text
        return value

    def value_ref(self, tree: Tree[Any]) -> m.ValueRef:
        if tree.data == "parameter_value":
            return m.ValueRef(str(tree.children[0]), parameter=True)
        return m.ValueRef(self.value_text(tree))


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return text


def _citation(text: str) -> str:
    body = text[1:]
    return "§" + _unquote(body)


def build_document(tree: Tree[Any], text: str, path: str, errors: list[TermsSyntaxError],
                   vocabulary: Vocabulary) -> m.Document:
    """Build the `Document` of a parse tree, appending every vocabulary error to `errors`.

    Words are checked against `vocabulary` and the entries the document declares itself.
    """
    return _Builder(text, path, errors, vocabulary).document(tree)
