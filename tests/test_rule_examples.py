"""Every example of every built-in rule passes: a rule without a passing example can't land."""

from __future__ import annotations

import pytest

from cleaner.kinds import KINDS
from cleaner.ruleset.packs import builtin_rule_files
from cleaner.ruleset.rulefile import load_rule_file
from cleaner.ruleset.ruletests import run_examples

SPECS = [spec for path in builtin_rule_files() for spec in load_rule_file(path)]


def test_builtin_packs_are_found():
    names = {path.stem for path in builtin_rule_files()}
    assert {"comment-policy", "credits", "news-debris", "repeats", "symbols", "unicode",
            "whitespace"} <= names


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.id)
def test_rule_examples_pass(spec):
    failures = run_examples(spec)
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.id)
def test_removing_rules_show_what_they_keep(spec):
    # A rule that removes text shows both sides: at least one example that changes the
    # input and, for pattern rules, at least one that must stay unchanged.
    assert any(example.output is not None for example in spec.examples)
    if spec.kind in ("line", "block", "trim") and not KINDS[spec.kind].repairs:
        assert any(example.output is None for example in spec.examples), spec.id


def test_every_builtin_rule_says_why_it_removes_what_it_removes():
    # The docs show each rule as ruff shows its rules: what it removes (the summary), why
    # (the description), the examples it removes and those it keeps, and their notes.
    assert [spec.id for spec in SPECS if not spec.description.strip()] == []


def test_every_builtin_rule_says_where_its_phrasings_come_from():
    # ... and where its phrasings were seen (its sources): a site, a labelled set, a convention.
    assert [spec.id for spec in SPECS if not any(source.strip() for source in spec.sources)] == []


def test_rule_ids_are_unique_across_packs():
    ids = [spec.id for spec in SPECS]
    assert len(ids) == len(set(ids))
