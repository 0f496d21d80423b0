"""Patterns of rule files run under time limits: per line, and per document.

A pattern that backtracks catastrophically costs at most ``MATCH_TIMEOUT`` on a line
(the line is kept) and all of them together at most ``DOCUMENT_TIMEOUT`` on a
document: a rule that runs out leaves the document as it found it. Either way the run
goes on, with a ``timeout`` edit to say so, never an exception.
"""

from __future__ import annotations

import textwrap
import time

from cleaner import Cleaner
from cleaner.text.patterns import DOCUMENT_TIMEOUT, MATCH_TIMEOUT

HOSTILE = "(a|aa)+b"  # exponential on a run of a's with no b
SLOW_LINE = "a" * 60


def cleaner(tmp_path, *rules: str, defaults: bool = False) -> Cleaner:
    body = "".join(textwrap.indent(textwrap.dedent(rule), "  ") for rule in rules)
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n" + body, encoding="utf-8")
    return Cleaner.from_yaml(path, defaults=defaults)


LINE_RULE = f"""\
- id: slow/line
  kind: line
  summary: Backtracks.
  match: '{HOSTILE}'
  examples:
    - input: "aab\\n"
      output: ""
"""


def test_hostile_pattern_stops_after_the_document_budget(tmp_path):
    text = "Body text.\n" + (SLOW_LINE + "\n") * 300 + "aab\n"
    started = time.perf_counter()
    cleaned, edits = cleaner(tmp_path, LINE_RULE).explain(text)
    elapsed = time.perf_counter() - started
    # Not 300 x 0.5 s; the regex module's timer overshoots a limit by up to 3x here.
    assert elapsed < DOCUMENT_TIMEOUT + 6 * MATCH_TIMEOUT + 2
    assert cleaned == text  # the rule that ran out changed nothing, not even "aab"
    spent = [e for e in edits if "time budget" in e.note]
    assert [(e.rule_id, e.action) for e in spent] == [("slow/line", "timeout")]
    assert all(e.action == "timeout" for e in edits)


def test_builtin_rules_go_on_after_the_budget(tmp_path):
    text = "Body text.\n" + (SLOW_LINE + "\n") * 300 + "Advertisement\n"
    cleaned, edits = cleaner(tmp_path, LINE_RULE, defaults=True).explain(text)
    assert "Advertisement" not in cleaned and SLOW_LINE in cleaned
    assert any(e.rule_id == "slow/line" and "time budget" in e.note for e in edits)


def test_catastrophic_unless_keeps_the_line(tmp_path, monkeypatch):
    monkeypatch.setattr("cleaner.text.patterns.DOCUMENT_TIMEOUT", 60.0)  # only the line limit
    rule = f"""\
    - id: slow/unless
      kind: line
      summary: Backtracks in its exception.
      match: 'a+'
      unless: '{HOSTILE}'
      examples:
        - input: "aa\\n"
          output: ""
    """
    text = f"Body text.\n{SLOW_LINE}\naa\n"
    cleaned, edits = cleaner(tmp_path, rule).explain(text)
    assert cleaned == "Body text.\n" + SLOW_LINE + "\n"
    assert [(e.line, e.action) for e in edits] == [(2, "timeout"), (3, "drop")]


def test_catastrophic_trim_keeps_the_line(tmp_path, monkeypatch):
    monkeypatch.setattr("cleaner.text.patterns.DOCUMENT_TIMEOUT", 60.0)  # only the line limit
    rule = f"""\
    - id: slow/trim
      kind: trim
      summary: Backtracks.
      pattern: '{HOSTILE}'
      examples:
        - input: "x aab\\n"
          output: "x \\n"
    """
    text = f"Body text.\n{SLOW_LINE} x\nx aab\n"
    cleaned, edits = cleaner(tmp_path, rule).explain(text)
    assert cleaned == f"Body text.\n{SLOW_LINE} x\nx \n"
    assert [(e.line, e.action) for e in edits] == [(2, "timeout"), (3, "trim")]


def test_command_reports_the_spent_budget_and_goes_on(run_cli, tmp_path):
    rules = tmp_path / "slow.yaml"
    rules.write_text("rules:\n" + textwrap.indent(LINE_RULE, "  "), encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text((SLOW_LINE + "\n") * 300, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Text.\naab\n", encoding="utf-8")
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out", "--rules", rules,
                           "--no-defaults", "--jobs", "1")
    assert "Traceback" not in err
    assert "rule slow/line ran out of time" in err
    assert (tmp_path / "out" / "a.txt").read_text("utf-8") == (SLOW_LINE + "\n") * 300
    assert (tmp_path / "out" / "b.txt").read_text("utf-8") == "Text.\n"
    assert code == 1
