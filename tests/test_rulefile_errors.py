"""Bad rule files: one clear line each, naming file:line:col, exit code 2, nothing cleaned."""

from __future__ import annotations

import textwrap
import time

import pytest

from cleaner import Cleaner, RuleFileError

GOOD_RULE = """\
rules:
  - id: mysite/newsletter
    kind: line
    summary: Newsletter prompt.
    match: 'sign up for our newsletter.*'
    examples:
      - input: "Body.\\nSign up for our newsletter!\\n"
        output: "Body.\\n"
"""


def write(tmp_path, text, name="site.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path):
    with pytest.raises(RuleFileError) as caught:
        Cleaner.from_yaml(path, defaults=False)
    return caught.value.problems


CASES = {
    "yaml-syntax": ("rules:\n  - id: a/b\n    kind: [line\n", 4, None),
    "unknown-field": (GOOD_RULE.replace("    match:", "    acton: drop\n    match:"), 5, 5),
    "bad-regex": (GOOD_RULE.replace("'sign up for our newsletter.*'",
                                    "'sign up (for our newsletter.*'"), 5, None),
    "wrong-type": (GOOD_RULE.replace("    match:", "    max_chars: many\n    match:"), 5, 16),
    "duplicate-key": (GOOD_RULE.replace("    match:", "    kind: line\n    match:"), 5, 5),
    "yaml-boolean": (GOOD_RULE.replace("    match:", "    enabled: yes\n    match:"), 5, 14),
    "unknown-kind": (GOOD_RULE.replace("kind: line", "kind: lines"), 3, 11),
    "no-examples": (GOOD_RULE.split("    examples:")[0] + "    examples: []\n", 6, 15),
    "pattern-too-complex": (GOOD_RULE.replace("'sign up for our newsletter.*'",
                                              "'(?:(?:a{1,1000}){1,1000}){1,1000}'"), 5, 29),
    "yaml-alias": (GOOD_RULE.replace("summary: Newsletter prompt.", "summary: &s Newsletter.")
                   .replace("    match:", "    note: *s\n    match:"), 4, 14),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_problem_has_one_line_with_file_line_and_column(tmp_path, code):
    text, line, column = CASES[code]
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert [p.code for p in problems] == [code]
    problem = problems[0]
    assert problem.path == str(path)
    assert problem.line == line
    if column is not None:
        assert problem.column == column
    headline = problem.headline()
    assert headline.startswith(f"{path}:{line}:{problem.column}: error[{code}] ")
    assert "\n" not in headline


def test_bad_regex_points_at_the_column_and_hints(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("'sign up for our newsletter.*'",
                                             "'[-•]\\s*(please\\s+do not post.*'"))
    [problem] = problems_of(path)
    assert problem.message.startswith("missing )")
    # the caret stands just after the pattern, on the closing quote, as in DESIGN.md
    assert problem.column == 12 + 1 + len("[-•]\\s*(please\\s+do not post.*")
    assert "\\(" in problem.hint


def test_unknown_field_suggests_the_right_one(tmp_path):
    [problem] = problems_of(write(tmp_path, GOOD_RULE.replace("    match:",
                                                              "    acton: drop\n    match:")))
    assert problem.hint == "did you mean `action`?"


def test_dates_are_refused(tmp_path):
    text = GOOD_RULE.replace("summary: Newsletter prompt.", "summary: 2016-04-15")
    [problem] = problems_of(write(tmp_path, text))
    assert problem.code == "yaml-date"


def test_every_problem_in_a_file_is_reported(tmp_path):
    text = GOOD_RULE.replace("kind: line", "kind: line\n    acton: drop\n    where: middle")
    problems = problems_of(write(tmp_path, text))
    assert {p.code for p in problems} == {"unknown-field", "bad-value"}


def test_duplicate_id_across_files_names_the_first(tmp_path):
    first = write(tmp_path, GOOD_RULE, "a.yaml")
    second = write(tmp_path, GOOD_RULE, "b.yaml")
    with pytest.raises(RuleFileError) as caught:
        Cleaner.from_yaml(first, second, defaults=False)
    [problem] = caught.value.problems
    assert problem.code == "duplicate-id" and problem.path == str(second)
    assert f"{first}:2" in problem.message


def test_duplicate_id_inside_a_file(tmp_path):
    text = GOOD_RULE + GOOD_RULE.split("rules:\n")[1]
    [problem] = problems_of(write(tmp_path, text))
    assert problem.code == "duplicate-id" and problem.line == 9


def test_rule_id_must_belong_to_the_pack(tmp_path):
    [problem] = problems_of(write(tmp_path, "pack: other\n" + GOOD_RULE))
    assert problem.code == "bad-id"
    assert "other/newsletter" in problem.hint


def test_rendering_shows_source_line_and_caret(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("    match:", "    acton: drop\n    match:"))
    with pytest.raises(RuleFileError) as caught:
        Cleaner.from_yaml(path, defaults=False)
    rendered = caught.value.render().splitlines()
    assert rendered[1] == "   5 |     acton: drop"
    assert rendered[2] == "     |     ^"
    assert rendered[3] == "  help: did you mean `action`?"


def test_cli_exits_2_and_writes_nothing_on_a_bad_rule_file(run_cli, tmp_path):
    bad = write(tmp_path, GOOD_RULE.replace("kind: line", "kind: lines"))
    source = tmp_path / "in.txt"
    source.write_text("Body.\n", encoding="utf-8")
    code, _, err = run_cli(source, "--rules", bad, "-o", tmp_path / "out.txt")
    assert code == 2
    assert f"{bad}:3:11: error[unknown-kind]" in err
    assert not (tmp_path / "out.txt").exists()


def test_rules_check_reports_each_file(run_cli, tmp_path):
    good = write(tmp_path, GOOD_RULE, "good.yaml")
    bad = write(tmp_path, "rules: {}\n", "bad.yaml")
    code, out, err = run_cli("rules", "check", good, bad)
    assert code == 2
    assert f"{good}: ok (1 rules)" in out
    assert f"{bad}:1:8: error[no-rules]" in err


def test_rules_check_knows_the_shared_lists_file(run_cli, tmp_path):
    from cleaner.ruleset.packs import builtin_lists_file
    from cleaner.ruleset.rulefile import shared_lists

    code, out, err = run_cli("rules", "check", builtin_lists_file())
    assert (code, err) == (0, "")
    assert out == f"{builtin_lists_file()}: ok ({len(shared_lists())} shared lists)\n"
    # elsewhere, a file of that name is a rule file like any other
    copy = write(tmp_path, builtin_lists_file().read_text(encoding="utf-8"), "lists.yaml")
    code, _, err = run_cli("rules", "check", copy)
    assert code == 2 and f"{copy}:" in err and "error[no-rules]" in err


@pytest.mark.parametrize(("lists", "expected"), [
    ("  days: [mon, tue]\n  weekdays: [tue, mon]\n",
     ":3:3: error[duplicate-list] list `weekdays` holds the same words as `days`"),
    ("  days: [mon, tue]\n  days: [sun]\n", ":3:3: error[duplicate-key] duplicate key `days`"),
])
def test_rules_check_refuses_twin_or_duplicate_shared_lists(run_cli, tmp_path, monkeypatch,
                                                            lists, expected):
    from cleaner.cli import rules

    shared = write(tmp_path, "lists:\n" + lists, "lists.yaml")
    monkeypatch.setattr(rules, "builtin_lists_file", lambda: shared)
    code, out, err = run_cli("rules", "check", shared)
    assert (code, out) == (2, "")
    assert f"{shared}{expected}" in err


def test_missing_rule_file(run_cli, tmp_path):
    code, _, err = run_cli("--rules", tmp_path / "nope.yaml", "-")
    assert code == 2 and "nope.yaml" in err and "not found" in err


def test_alias_bomb_is_refused_at_once(tmp_path):
    # 342 bytes that expand to 9**9 strings: PyYAML alone takes a minute and gigabytes.
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    started = time.perf_counter()
    problems = problems_of(path)
    assert time.perf_counter() - started < 1
    assert {p.code for p in problems} == {"yaml-alias"}
    assert [(p.line, p.column) for p in problems] == [(n, 4) for n in range(1, 9)]


def test_long_pattern_is_refused_before_compiling(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("'sign up for our newsletter.*'",
                                             "'" + "x" * 20_000 + "'"))
    [problem] = problems_of(path)
    assert problem.code == "pattern-too-complex"
    assert "20000 characters long" in problem.message


def test_a_rule_without_examples_is_refused_with_a_hint_showing_how(run_cli, tmp_path):
    without = GOOD_RULE.split("    examples:")[0]
    path = write(tmp_path, without)
    code, out, err = run_cli("rules", "check", path)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"{path}:2:5: error[missing-field] rule has no `examples`"
    assert "help: every rule needs examples (`clean rules test` runs them)" in err
    # the hint's example, pasted under the rule, makes a valid file
    shown = err.split("e.g.\n", 1)[1]
    fixed = write(tmp_path, without + "\n".join(line[6:] for line in shown.splitlines()) + "\n",
                  "fixed.yaml")
    code, out, err = run_cli("rules", "check", fixed)
    assert code == 0, err
