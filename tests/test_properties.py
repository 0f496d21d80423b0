"""Invariants of the built-in packs on arbitrary text (hypothesis).

- cleaning never raises and is idempotent: clean(clean(x)) == clean(x);
- the packs only remove lines or remove spans from lines: every output line is an
  input line (in order) or a subsequence of one, except lines with a declared repair
  edit (mojibake, entities, NFC); and the edits account for every dropped line.

The documents (tests/debris.py) mix prose with the debris the packs target, glued
inside lines as well as on lines of their own. The CI profile (tests/conftest.py) runs
a fixed set of examples; ``make fuzz`` runs many more, random ones.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from debris import documents
from hypothesis import given

from cleaner import Cleaner
from cleaner.ruleset.ruletests import only_removes

CLEANER = Cleaner.from_yaml()

TEXT = documents()


@pytest.mark.parametrize(
    "text",
    [
        "Body text here.\nThe minister spoke &\xa0\n",  # the no-break space hid the `&`
        "Body text here.&#10;Advertisement\n",  # the entity is a line break
        "Body text here. &am\x00p;\n",  # removing the control makes an entity
        "Body text here.\nThe minister spoke &&#160;\n",
        "Body text here.\nThe minister spoke&\u2029\n",
    ],
)
def test_known_second_pass_changes_are_made_in_the_first(text):
    once = CLEANER.clean(text)
    assert CLEANER.clean(once) == once
    assert "&" not in once and "Advertisement" not in once


@given(TEXT)
def test_clean_is_idempotent(text):
    once = CLEANER.clean(text)
    assert CLEANER.clean(once) == once


@given(TEXT)
def test_builtin_packs_only_remove_or_trim(text):
    cleaned, edits = CLEANER.explain(text)
    assert only_removes(text, cleaned, edits)


@given(TEXT)
def test_output_layout_is_normalised(text):
    cleaned, edits = CLEANER.explain(text)
    if not cleaned or any(edit.action == "hold" for edit in edits):
        return
    assert cleaned.endswith("\n")
    lines = cleaned[:-1].split("\n")
    assert lines[0].strip() and lines[-1].strip()
    assert all(line == line.rstrip() for line in lines)
    assert all(a.strip() or b.strip() for a, b in pairwise(lines))
