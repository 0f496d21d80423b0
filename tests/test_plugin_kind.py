"""A new kind is one module plus one registry entry (tests/plugins/shout.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent / "plugins"

RULES = """\
rules:
  - id: mine/shout
    kind: shout
    summary: Lines in capitals.
    min_letters: 5
    examples:
      - input: "Body of the story.\\nSUBSCRIBE NOW\\n"
        output: "Body of the story.\\n"
      - input: "NATO met.\\n"
        unchanged: true
"""

SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
import shout  # registers the kind
from cleaner import Cleaner
from cleaner.ruleset.ruledocs import kinds_markdown
from cleaner.ruleset.ruletests import run_examples
from cleaner.ruleset.schema import schema

cleaner = Cleaner.from_yaml(sys.argv[2], defaults=False)
print(json.dumps({
    "cleaned": cleaner.clean("Body.\\nSUBSCRIBE NOW\\nNATO met.\\n"),
    "examples_failed": [str(f) for spec in cleaner.specs for f in run_examples(spec)],
    "in_schema": "shout" in schema()["$defs"],
    "in_docs": "## `shout`" in kinds_markdown(),
}))
"""


def test_a_registered_kind_is_usable_by_rule_files_and_documented(tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text(RULES, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(PLUGINS), str(rules)],
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == {
        "cleaned": "Body.\nNATO met.\n", "examples_failed": [], "in_schema": True,
        "in_docs": True}


EDGE_SCRIPT = """
from cleaner import Cleaner
from cleaner.kinds import EDGE_STAGE, Document, Kind, Stage, register

class LastDash(Kind):
    name = "last-dash"

    def find(self, doc: Document):
        last = doc.nonblank()[-1:]
        return [(index, None) for index in last if doc.lines[index] == "-"]

register(Stage(LastDash, EDGE_STAGE, "with the other edge rules"))
rule = {"id": "mine/dash", "kind": "last-dash", "summary": "A dash that ends a document.",
        "examples": [{"input": "Text.\\n-\\n", "output": "Text.\\n"}]}
cleaner = Cleaner.from_dict({"rules": [rule]}, defaults=False)
print(repr(cleaner.clean("Text.\\n-\\n-\\n")))
"""


def test_an_edge_kind_needs_no_more_than_find():
    # No fields, no max_chars, no where: the edge rounds run it until it takes nothing.
    done = subprocess.run([sys.executable, "-c", EDGE_SCRIPT], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == repr("Text.\n")
