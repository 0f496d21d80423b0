"""The JSON Schema of rule files, generated from the kinds' own field tables.

Editors (VS Code's YAML extension, JetBrains) use it to check rule files as you type:
put ``# yaml-language-server: $schema=<path to rules.schema.json>`` at the top of a
file. The copy shipped as ``cleaner/rules.schema.json`` is tested to equal this.

>>> schema()["required"]
['rules']
"""

from __future__ import annotations

import json
from typing import Any

from ..kinds import KINDS
from .rulefile import COMMON_FIELDS, PACK_NAME, RULE_ID
from .wordlists import LIST_NAME

__all__ = ["schema", "schema_text"]

_PATTERNS = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"},
                                             "minItems": 1}]}
_EXAMPLE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["input"],
    "properties": {
        "input": {"type": "string"},
        "output": {"type": "string"},
        "unchanged": {"const": True},
        "note": {"type": "string"},
        "corpus": {"type": "array", "items": {"type": "string"},
                   "description": "other documents of the group, for corpus rules"},
    },
    "oneOf": [{"required": ["output"]}, {"required": ["unchanged"]}],
}


def _rule(name: str) -> dict[str, Any]:
    fields = {key: value for key, value in COMMON_FIELDS.items() if key != "kind"}
    fields.update(KINDS[name].fields)
    properties = {key: field.schema() for key, field in fields.items()}
    properties["id"]["pattern"] = f"^{RULE_ID.pattern}$"
    properties["kind"] = {"const": name}
    required = ["id", "kind", "summary", "examples"]
    required += [key for key, field in KINDS[name].fields.items() if field.required]
    return {
        "type": "object",
        "description": (KINDS[name].__doc__ or "").strip().splitlines()[0],
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def schema() -> dict[str, Any]:
    """The schema as a dictionary."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cleaner rule file",
        "type": "object",
        "additionalProperties": False,
        "required": ["rules"],
        "properties": {
            "pack": {"type": "string", "pattern": f"^{PACK_NAME.pattern}$"},
            "summary": {"type": "string"},
            "lists": {
                "type": "object",
                "description": "named word lists; a pattern writes {{name}} where one of "
                               "the words goes (an alternation of them, escaped, longest "
                               "first)",
                "minProperties": 1,
                "propertyNames": {"pattern": f"^{LIST_NAME.pattern}$"},
                "additionalProperties": {"type": "array", "minItems": 1,
                                         "items": {"type": "string", "minLength": 1}},
            },
            "fragments": {
                "type": "object",
                "description": "named pieces of regex; a pattern writes {{name}} where the "
                               "piece goes (its text as written, in a non-capturing group); "
                               "a fragment may name the file's lists and the fragments "
                               "above it",
                "minProperties": 1,
                "propertyNames": {"pattern": f"^{LIST_NAME.pattern}$"},
                "additionalProperties": {"type": "string", "minLength": 1},
            },
            "rules": {"type": "array", "minItems": 1,
                      "items": {"oneOf": [{"$ref": f"#/$defs/{name}"} for name in sorted(KINDS)]}},
        },
        "$defs": {"patterns": _PATTERNS, "example": _EXAMPLE,
                  **{name: _rule(name) for name in sorted(KINDS)}},
    }


def schema_text() -> str:
    """The schema as the JSON text that ships with the package."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
