"""The shipped JSON Schema matches the kinds, and accepts every built-in pack."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import cleaner
from cleaner.ruleset.packs import builtin_rule_files
from cleaner.ruleset.schema import schema, schema_text

SHIPPED = Path(cleaner.__file__).with_name("rules.schema.json")


def test_shipped_schema_is_up_to_date():
    # Regenerate with: clean rules schema > src/cleaner/rules.schema.json
    assert SHIPPED.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", builtin_rule_files(), ids=lambda p: p.name)
def test_builtin_packs_validate_against_schema(path):
    jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema())


def test_schema_rejects_an_unknown_key():
    bad = {"rules": [{"id": "a/b", "kind": "line", "summary": "s", "match": "x",
                      "acton": "drop", "examples": [{"input": "x", "unchanged": True}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema())


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json.loads(SHIPPED.read_text("utf-8")))


def test_builtin_rule_docs_are_up_to_date():
    # Regenerate with: clean rules docs > docs/builtin-rules.md
    from cleaner import Cleaner
    from cleaner.ruleset.ruledocs import rules_markdown

    docs = Path(__file__).resolve().parents[1] / "docs" / "builtin-rules.md"
    assert docs.read_text(encoding="utf-8") == rules_markdown(Cleaner.from_yaml().specs)


def test_kind_docs_are_up_to_date():
    # Regenerate with: clean rules kinds > docs/kinds.md
    from cleaner.ruleset.ruledocs import kinds_markdown

    docs = Path(__file__).resolve().parents[1] / "docs" / "kinds.md"
    assert docs.read_text(encoding="utf-8") == kinds_markdown()
