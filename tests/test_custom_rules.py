"""A custom rule file written from the README works with `--rules` and `Cleaner.from_yaml`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.ruleset.rulefile import load_rule_file

ROOT = Path(__file__).resolve().parents[1]


def readme_rule_file() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    [block] = [b for b in blocks if "mysite/tip-line" in b]
    return block


@pytest.fixture
def rule_file(tmp_path):
    path = tmp_path / "mysite.yaml"
    path.write_text(readme_rule_file(), encoding="utf-8")
    return path


TIP = "Got a tip? Write to desk@mysite.example"


def test_readme_rule_works_from_python(rule_file):
    text = f"Body text here.\n{TIP}\n"
    for defaults in (True, False):  # no built-in removes the line first: the rule fires
        cleaned, edits = Cleaner.from_yaml(rule_file, defaults=defaults).explain(text)
        assert cleaned == "Body text here.\n"
        assert [(e.rule_id, e.line) for e in edits] == [("mysite/tip-line", 2)]


def test_readme_rule_works_from_the_command_line(run_cli, rule_file, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Body text here.\n• GOT A NEWS TIP?  Call the desk\n", encoding="utf-8")
    code, out, err = run_cli(source, "--rules", rule_file, "--explain")
    assert (code, out) == (0, "Body text here.\n"), err
    assert err.splitlines() == [f"{source}:2: mysite/tip-line: • GOT A NEWS TIP?  Call the desk"]


def test_readme_rule_examples_pass(run_cli, rule_file):
    code, out, _ = run_cli("rules", "test", rule_file)
    assert code == 0
    assert out.strip().endswith("2 passed, 0 failed")


def test_a_failing_example_fails_rules_test(run_cli, tmp_path):
    path = tmp_path / "wrong.yaml"
    path.write_text(readme_rule_file().replace('output: "Body text here.\\n"',
                                               'output: "Something else.\\n"'), "utf-8")
    code, _, err = run_cli("rules", "test", path)
    assert code == 1
    assert "mysite/tip-line: expected 'Something else.\\n'" in err


def test_readme_language_of_comment_sections_works(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S)
               if "my-comments/fi" in b]
    path = tmp_path / "fi.yaml"
    path.write_text(block, encoding="utf-8")
    cleaner = Cleaner.from_yaml(path)
    for example in load_rule_file(path)[0].examples:
        assert cleaner.clean(example.input) == example.expected
    assert cleaner.explain(load_rule_file(path)[0].examples[0].input).edits[0].rule_id \
        == "my-comments/fi"
