# SPDX-License-Identifier: Apache-2.0
"""The JSON Schema of the registry (`licensecheck federation --schema`), shipped beside this module.

The shipped file is `build_schema` of the shipped library's vocabulary (a test keeps them equal); after a
change of `licenses/vocabulary.vocab`, rewrite it with `python -m licensecheck.federation.schema`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from licensecheck.vocabulary import Vocabulary

SCHEMA_FILE = "registry.schema.json"
_ID = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"}
_TYPES: dict[str, dict[str, Any]] = {"bool": {"type": "boolean"}, "int": {"type": "integer"}, "number": {"type": "number"},
          "list": {"type": "array", "items": {"type": "string"}}, "code": {"type": "string"}}


def schema_text() -> str:
    """The schema as shipped (JSON, draft 2020-12)."""
    return resources.files("licensecheck.federation").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def registry_schema() -> dict[str, Any]:
    """The shipped schema as a mapping."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


def build_schema(words: Vocabulary) -> dict[str, Any]:
    """The schema of docs/spec/federation.md §1 for a vocabulary."""
    licensee: dict[str, Any] = {
        "type": "object", "additionalProperties": False,
        "description": "who reuses (docs/spec/questions.md §3): a kind and the attributes that are known; "
                       "absent = unknown",
        "properties": {"kind": {"enum": list(words.kinds)}}}
    for name, attribute in words.attributes.items():
        shape: dict[str, Any] = dict(_TYPES.get(attribute.type, {"type": "string"}))
        if name == "activities":
            shape["items"] = {"enum": sorted({*words.purposes, *words.activities})}
        shape["description"] = words.phrase(name)
        licensee["properties"][name] = shape
    commons_uses = [use for use, definition in words.uses.items() if not definition.has("own-work")]
    text = {"type": ["string", "number"]}
    party = {"id": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"},
             "licensee": {"oneOf": [{"$ref": "#/$defs/licensee"}, {"type": "null"}]},
             "purpose": {"oneOf": [{"$ref": "#/$defs/purpose"}, {"type": "null"}]}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "licensecheck federation registry, format_version 1",
        "description": "docs/spec/federation.md §1. Beyond this schema, `licensecheck federation` checks that ids "
                       "are unique in their lists (product ids across the registry), that `reuses` names known "
                       "commons, that `path` is a readable folder and that licence expressions parse; each such "
                       "error is one `file:line:column: error:` line.",
        "type": "object",
        "required": ["format_version", "federation", "platforms", "commons"],
        "additionalProperties": False,
        "properties": {
            "format_version": {"const": 1},
            "federation": {"type": "object", "required": ["id"], "additionalProperties": False,
                           "properties": {"id": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"}}},
            "platforms": {"type": "array", "items": {"$ref": "#/$defs/platform"}},
            "commons": {"type": "array", "items": {"$ref": "#/$defs/commons"}},
            "uses": {"type": "object", "additionalProperties": False,
                     "description": "the uses asked per kind of work; absent = the defaults of docs/federation.md",
                     "properties": {work: {"type": "array", "items": {"enum": commons_uses}, "uniqueItems": True}
                                    for work in words.works}},
            "outsiders": {"type": ["array", "null"], "items": {"$ref": "#/$defs/outsider"}},
        },
        "$defs": {
            "id": _ID,
            "text": text,
            "expression": {"type": "string", "minLength": 1,
                           "description": "an SPDX licence expression (AND, OR, WITH, -or-later, LicenseRef- ids)"},
            "work": {"enum": list(words.works)},
            "licensee": licensee,
            "purpose": {"description": "purpose tags (questions §4); absent = not stated", "oneOf": [
                {"type": "array", "items": {"enum": list(words.purposes)}, "uniqueItems": True},
                {"enum": list(words.purposes)}]},
            "product": {"type": "object", "required": ["id", "license", "work"], "additionalProperties": False,
                        "properties": {
                            "id": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"},
                            "license": {"$ref": "#/$defs/expression"}, "work": {"$ref": "#/$defs/work"},
                            "reuses": {"type": "array", "items": {"$ref": "#/$defs/id"}, "uniqueItems": True,
                                       "description": "commons ids; absent = every commons of the same kind of work"}}},
            "platform": {"type": "object", "required": ["id"], "additionalProperties": False, "properties": {
                **party, "products": {"type": ["array", "null"], "items": {"$ref": "#/$defs/product"}}}},
            "commons": {"type": "object", "required": ["id", "work"], "additionalProperties": False,
                        "oneOf": [{"required": ["license"]}, {"required": ["path"]}],
                        "properties": {
                            "id": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"},
                            "owner": {"type": ["string", "null"],
                                      "description": "a platform id, or any other name (an outside steward)"},
                            "work": {"$ref": "#/$defs/work"}, "license": {"$ref": "#/$defs/expression"},
                            "path": {"type": "string", "minLength": 1,
                                     "description": "a checkout, relative to the registry file: its licence is the "
                                                    "project licence `licensecheck scan` finds there"}}},
            "outsider": {"type": "object", "required": ["id"], "additionalProperties": False, "properties": party},
        },
    }


def schema_json(words: Vocabulary) -> str:
    """The schema as the shipped file's text."""
    return json.dumps(build_schema(words), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # rewrite the shipped file from the shipped vocabulary
    from licensecheck.library import load_library

    target = Path(__file__).with_name(SCHEMA_FILE)
    target.write_text(schema_json(load_library().vocabulary), encoding="utf-8")
    print(f"wrote {target}")
