"""The compiled pass of the fused line rules (``cleaner._core.LineScan``) drops and flags
the same lines, with the same edits, as the Python pass it replaced
(tests/linescan_reference.py): the built-in rules on every document of the seeds, the
labelled sets and a generated corpus, and random rule sets (built-in, so untimed, or
timed as a rule file's are; flags, ``unless``, length limits) on random documents.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from linescan_reference import ReferenceLineScan

from cleaner import Cleaner, RuleSpec
from cleaner.engine.document import Document
from cleaner.engine.plan import Plan
from cleaner.kinds.lines import LineScan
from cleaner.ruleset.packs import builtin_rules_dir

from benchmarks.corpus import generate
from conftest import text_files


def _texts() -> list[str]:
    files = text_files()
    documents = [path.read_text(encoding="utf-8", errors="surrogateescape") for path in files]
    documents += [doc.text for doc in generate(1_000_000, seed=12)]
    return documents


def assert_same_scans(plan: Plan, texts: list[str]) -> int:
    """Run each fused pass of ``plan`` and its reference on the same documents (as the
    rules before the pass leave them); the number of passes compared."""
    rules = plan._before
    scans = [(at, ReferenceLineScan(rule.rules, plan._slices))
             for at, rule in enumerate(rules) if isinstance(rule, LineScan)]
    for text in texts:
        for at, reference in scans:
            core = Document.from_text(text, plan._index, plan._slices)
            python = Document.from_text(text, plan._index, plan._slices)
            for rule in rules[:at]:
                rule.run(core)
                rule.run(python)
            rules[at].run(core)
            reference.run(python)
            assert (core.lines, core.origin, core.edits) == (
                python.lines, python.origin, python.edits), text[:200]
    return len(scans)


def test_builtin_rules_take_the_same_lines_on_every_document():
    plan = Cleaner.from_yaml()._plan
    assert assert_same_scans(plan, _texts()) >= 1


PATTERNS = ["advertisement", "read more.*", r"share( on)? \w+", ".*©.*", "(a|b)+",
            r"\d+ comments?", "اقرا ايضا.*", ".{0,5}", "werbung|anzeige", "a.*", r"\w+ \w+"]
LINES = ["Advertisement", "READ MORE: the story", "Share on Facebook", "© 2024 AFP", "ab",
         "abba", "12 comments", "1 Comment", "اقرأ أيضا: خبر", "Werbung", "a b", "  ", "",
         "A long line of prose that no rule of these takes, longer than twenty characters.",
         "x", "\t", "Anzeige", "share"]
RULES = st.tuples(
    st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=3, unique=True),
    st.sampled_from(["drop", "flag"]),
    st.one_of(st.none(), st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=2)),
    st.sampled_from([3, 12, 200]),
)
DOCUMENTS = st.lists(st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=12)),
                              max_size=14).map("\n".join), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(st.lists(RULES, min_size=2, max_size=6), st.booleans(), DOCUMENTS)
def test_random_rules_take_the_same_lines(rules, builtin, texts):
    source = str(builtin_rules_dir() / "test.yaml") if builtin else "<memory>"
    specs = [RuleSpec(f"t/r{n}", "line", "A rule.", action=action, source=source,
                      options={"match": match, "unless": unless, "max_chars": max_chars})
             for n, (match, action, unless, max_chars) in enumerate(rules)]
    plan = Plan(specs)
    assert all(rule.timeout is None for rule in plan.rules) == builtin
    assert assert_same_scans(plan, texts) == 1
