"""Named word lists in rule files: expansion, its errors (file:line:col), and the
built-in packs' use of them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import regex

from cleaner import Cleaner, RuleFileError
from cleaner.ruleset import rulefile
from cleaner.ruleset.packs import builtin_lists_file, builtin_rule_files
from cleaner.ruleset.rulefile import load_rule_text, shared_lists
from cleaner.ruleset.wordlists import REFERENCE, alternation, expand

LISTED_RULE = """\
lists:
  months: [jan, january, feb., february]
rules:
  - id: mysite/dated
    kind: line
    summary: A date alone.
    match: '\\d{1,2} {{months}} \\d{4}'
    examples:
      - input: "Body.\\n3 January 2020\\n"
        output: "Body.\\n"
"""


def problems_of(tmp_path, text):
    path = tmp_path / "site.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        Cleaner.from_yaml(path, defaults=False)
    return caught.value.problems


def test_alternation_escapes_and_puts_longer_words_first():
    assert alternation(["jan", "january", "feb.", "a b"]) == "(?:january|feb\\.|jan|a b)"


def test_a_reference_expands_and_counted_repeats_stay():
    expansion = expand(r"\d{2,5} {{m}}", {"m": ["may", "mai"]})
    assert expansion.text == r"\d{2,5} (?:may|mai)"
    assert expansion.used == ("m",)


def test_escaped_braces_are_not_a_reference():
    assert expand(r"\{{m}}", {"m": ["x"]}).text == r"\{{m}}"


def test_longest_first_takes_the_whole_word():
    pattern = regex.compile(expand("{{m}}", {"m": ["jun", "june"]}).text)
    assert pattern.match("june").group() == "june"


def test_a_rule_file_expands_its_lists_at_load_time():
    [spec] = load_rule_text(LISTED_RULE, "site.yaml")
    assert spec.options["match"] == r"\d{1,2} (?:february|january|feb\.|jan) \d{4}"
    assert Cleaner([spec]).clean("Body.\n3 feb. 2020\n") == "Body.\n"


def test_lists_work_in_a_list_of_patterns():
    text = LISTED_RULE.replace("    match: '\\d{1,2} {{months}} \\d{4}'",
                               "    match:\n      - 'x'\n      - '{{months}} \\d{4}'")
    [spec] = load_rule_text(text, "site.yaml")
    assert spec.options["match"] == ["x", r"(?:february|january|feb\.|jan) \d{4}"]


@pytest.mark.parametrize(("text", "code", "line", "column"), [
    (LISTED_RULE.replace("{{months}}", "{{monts}}"), "unknown-list", 7, 21),
    (LISTED_RULE.replace("[jan, january, feb., february]", "[]"), "empty-list", 2, 11),
    (LISTED_RULE.replace("[jan, january, feb., february]", "[jan, 3]"), "wrong-type", 2, 11),
    (LISTED_RULE.replace("  months:", "  Months:").replace("{{months}}", "x"),
     "bad-list-name", 2, 3),
    (LISTED_RULE.replace("{{months}} \\d{4}", "{{months}} (\\d{4}"), "bad-regex", 7, None),
])
def test_list_problems_name_file_line_and_column(tmp_path, text, code, line, column):
    problems = problems_of(tmp_path, text)
    assert [p.code for p in problems] == [code], problems
    assert problems[0].line == line
    if column is not None:
        assert problems[0].column == column


def test_unknown_list_suggests_the_defined_one(tmp_path):
    [problem] = problems_of(tmp_path, LISTED_RULE.replace("{{months}}", "{{monts}}"))
    assert problem.hint == "did you mean `months`?"


def test_a_regex_error_after_a_reference_points_into_the_pattern_as_written(tmp_path):
    text = LISTED_RULE.replace("{{months}} \\d{4}", "{{months}} (\\d{4}")
    [problem] = problems_of(tmp_path, text)
    written = "'\\d{1,2} {{months}} (\\d{4}'"
    # the caret stays on the written line, not beyond it (offsets of the expanded text)
    assert problem.column <= 12 + len(written)


def load_yaml_fragments(text):
    import yaml

    return (yaml.safe_load(text) or {}).get("fragments") or {}


def load_yaml_lists(text):
    import yaml

    return (yaml.safe_load(text) or {}).get("lists") or {}


def test_no_word_list_is_written_twice():
    seen: dict[tuple[str, ...], str] = {}
    for path in [builtin_lists_file(), *builtin_rule_files()]:
        for name, words in load_yaml_lists(Path(path).read_text(encoding="utf-8")).items():
            key = tuple(sorted(set(words)))
            where = f"{path.name}: {name}"
            assert key not in seen, f"{where} repeats {seen[key]}"
            seen.setdefault(key, where)


def test_a_builtin_pack_names_a_shared_list():
    assert "months_en" in shared_lists()
    assert "months_en" not in load_yaml_lists(
        (builtin_lists_file().parent / "news-debris.yaml").read_text(encoding="utf-8"))
    assert "{{months_en}}" in _pattern_text("news-debris/timestamp")


def test_a_user_file_sees_only_its_own_lists(tmp_path):
    [problem] = problems_of(tmp_path, LISTED_RULE.replace("{{months}}", "{{months_en}}"))
    assert (problem.code, problem.line, problem.column) == ("unknown-list", 7, 21)
    assert "lists.yaml" not in problem.message


def _as_builtin(tmp_path, monkeypatch, text, shared):
    """Validate ``text`` as a built-in pack whose shared lists file says ``shared``."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "lists.yaml").write_text(shared, encoding="utf-8")
    (folder / "site.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(rulefile, "builtin_lists_file", lambda: folder / "lists.yaml")
    monkeypatch.setattr(rulefile, "is_builtin", lambda name: True)
    rulefile._shared_lists_text.cache_clear()
    try:
        with pytest.raises(RuleFileError) as caught:
            load_rule_text(text, str(folder / "site.yaml"))
        return caught.value.problems
    finally:
        rulefile._shared_lists_text.cache_clear()


def test_a_pack_may_not_define_a_shared_list_again(tmp_path, monkeypatch):
    shared = "lists:\n  months: [jan]\n"
    [problem] = _as_builtin(tmp_path, monkeypatch, LISTED_RULE, shared)
    assert (problem.code, problem.line, problem.column) == ("duplicate-list", 2, 3)
    assert problem.hint == "name it as `{{months}}` and delete this one"


def test_an_unknown_list_in_a_pack_names_both_places(tmp_path, monkeypatch):
    shared = "lists:\n  days: [mon]\n"
    text = LISTED_RULE.replace("{{months}}", "{{dayz}}")
    [problem] = _as_builtin(tmp_path, monkeypatch, text, shared)
    assert problem.message == "no list `dayz` in this file's `lists` or lists.yaml"
    assert problem.hint == "did you mean `days`?"


def test_a_bad_shared_list_names_its_own_file_line_and_column(tmp_path, monkeypatch):
    shared = "# shared\nlists:\n  days: [mon]\n  Nights: [x]\n"
    [problem] = _as_builtin(tmp_path, monkeypatch, LISTED_RULE, shared)
    assert problem.path.endswith("lists.yaml")
    assert (problem.code, problem.line, problem.column) == ("bad-list-name", 4, 3)


def test_a_shared_lists_file_holds_lists_only(tmp_path, monkeypatch):
    shared = "lists:\n  days: [mon]\nrules: []\n"
    [problem] = _as_builtin(tmp_path, monkeypatch, LISTED_RULE, shared)
    assert (problem.code, problem.line) == ("unknown-field", 3)


def test_the_pack_cache_depends_on_the_shared_lists(monkeypatch):
    seen = []
    monkeypatch.setattr(rulefile, "cached_pack",
                        lambda text, name, validate, depends_on: seen.append(depends_on))
    rulefile._builtin_pack.cache_clear()
    try:
        rulefile._builtin_pack("rules: []", "a.yaml", "lists: {a: [b]}")
    finally:
        rulefile._builtin_pack.cache_clear()
    assert seen == ["lists: {a: [b]}"]


#: An alternation of plain words in a pattern: ``(?:share|tweet|email)``.
_PLAIN_ALTERNATION = regex.compile(r"\(\?:([^()\[\]{}\\|?*+.^$]+(?:\|[^()\[\]{}\\|?*+.^$]+)+)\)")


def test_no_pattern_spells_out_a_list_of_its_pack():
    for path in builtin_rule_files():
        lists = {**shared_lists(), **load_yaml_lists(Path(path).read_text(encoding="utf-8"))}
        named = {frozenset(words): name for name, words in lists.items()}
        spelled = [(rule_id, named[frozenset(found.split("|"))])
                   for rule_id, pattern in _written_patterns(path)
                   for found in _PLAIN_ALTERNATION.findall(pattern)
                   if frozenset(found.split("|")) in named]
        assert spelled == [], f"{path.name}: write {{{{name}}}} for these"


#: A pattern as written fits on a screen line: a longer one names its word lists
#: (``{{name}}``) or is split into several patterns of its rule.
SCREEN_LINE = 100
_PATTERN_KEYS = ("match", "unless", "lines", "first", "then", "cue", "items", "pattern")


def _written_patterns(path):
    import yaml

    for rule in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["rules"]:
        for key in _PATTERN_KEYS:
            value = rule.get(key)
            for pattern in [value] if isinstance(value, str) else value or []:
                if isinstance(pattern, str):
                    yield rule["id"], pattern


@pytest.mark.parametrize("path", builtin_rule_files(), ids=lambda path: path.name)
def test_builtin_patterns_fit_on_a_screen_line(path):
    too_long = [(rule_id, len(pattern)) for rule_id, pattern in _written_patterns(path)
                if len(pattern) > SCREEN_LINE]
    assert too_long == []
    fragments = load_yaml_fragments(path.read_text(encoding="utf-8"))
    assert [name for name, text in fragments.items() if len(text) > SCREEN_LINE] == []


def test_every_builtin_list_and_fragment_is_used():
    used_by_packs: dict[str, set[str]] = {}
    for path in builtin_rule_files():
        text = Path(path).read_text(encoding="utf-8")
        fragments = load_yaml_fragments(text)
        used = {name for pattern in [*(p for _, p in _written_patterns(path)),
                                     *fragments.values()]
                for name in REFERENCE.findall(pattern)}
        assert set(load_yaml_lists(text)) | set(fragments) <= used, path
        for name in used:
            used_by_packs.setdefault(name, set()).add(path.name)
    # a shared list is shared: named by more than one pack
    assert [name for name in shared_lists() if len(used_by_packs.get(name, ())) < 2] == []


def _pattern_text(rule_id):
    return "".join(pattern for path in builtin_rule_files()
                   for found_id, pattern in _written_patterns(path) if found_id == rule_id)


def test_the_byline_and_timestamp_rules_name_their_words():
    patterns: dict[str, str] = {}
    for path in builtin_rule_files():
        for rule_id, pattern in _written_patterns(path):
            patterns[rule_id] = patterns.get(rule_id, "") + pattern
    assert "{{agencies}}" in patterns["credits/agency-line"]
    assert "{{months_en}}" in patterns["news-debris/timestamp"]


def test_the_example_of_docs_rules_md_runs():
    page = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(
        encoding="utf-8")
    block = page.split("## Word lists", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    [spec] = load_rule_text(block, "rules.md")
    assert Cleaner([spec]).clean("Body.\n3 Sept. 2020\n") == "Body.\n"


def test_rule_docs_show_why_notes_and_sources():
    from cleaner.ruleset.ruledocs import rules_markdown

    text = LISTED_RULE.replace(
        "    summary: A date alone.\n",
        "    summary: A date alone.\n    description: Dates the page, not the story.\n"
        "    sources: [mysite.example]\n").replace(
        '        output: "Body.\\n"\n',
        '        output: "Body.\\n"\n        note: a day, a month, a year\n'
        '      - input: "On 3 January 2020 it rained.\\n"\n        unchanged: true\n')
    page = rules_markdown(load_rule_text(text, "site.yaml"))
    order = ["#### What it removes", "A date alone.", "#### Why",
             "Dates the page, not the story.", "#### Examples it removes",
             "*a day, a month, a year*", "#### Examples it keeps", "On 3 January 2020",
             "#### Sources", "- mysite.example"]
    positions = [page.index(part) for part in order]
    assert positions == sorted(positions)


FRAGMENT_RULE = LISTED_RULE.replace("rules:\n", """\
fragments:
  date: '\\d{1,2} {{months}} \\d{4}'
rules:
""").replace("match: '\\d{1,2} {{months}} \\d{4}'", "match: 'on {{date}}|{{date}}'")


def test_a_fragment_is_regex_text_in_a_group_and_may_name_lists():
    [spec] = load_rule_text(FRAGMENT_RULE, "site.yaml")
    date = r"(?:\d{1,2} (?:february|january|feb\.|jan) \d{4})"
    assert spec.options["match"] == f"on {date}|{date}"
    assert Cleaner([spec]).clean("Body.\nOn 3 Jan 2020\n3 feb. 2020\n") == "Body.\n"


@pytest.mark.parametrize(("old", "new", "code", "line", "column"), [
    ("\\d{4}'\nrules", "(\\d{4}'\nrules", "bad-regex", 4, None),
    ("  date:", "  months: x\n  date:", "duplicate-list", 4, 3),
    ("  date:", "  Date: x\n  date:", "bad-list-name", 4, 3),
    ("{{months}} \\d{4}'\nrules", "{{monthz}} \\d{4}'\nrules", "unknown-list", 4, 18),
    ("on {{date}}|", "on {{dates}}|", "unknown-list", 9, 16),
    ("  date:", "  early: '{{date}}'\n  date:", "unknown-list", 4, 11),
])
def test_fragment_problems_name_file_line_and_column(tmp_path, old, new, code, line, column):
    assert old in FRAGMENT_RULE
    problems = problems_of(tmp_path, FRAGMENT_RULE.replace(old, new, 1))
    assert [p.code for p in problems] == [code], problems
    assert problems[0].line == line
    if column is not None:
        assert problems[0].column == column


def test_a_fragment_may_name_the_fragments_above_it():
    text = FRAGMENT_RULE.replace("rules:\n", "  dated: 'on {{date}}'\nrules:\n", 1).replace(
        "match: 'on {{date}}|{{date}}'", "match: '{{dated}}'")
    [spec] = load_rule_text(text, "site.yaml")
    assert spec.options["match"] == (
        r"(?:on (?:\d{1,2} (?:february|january|feb\.|jan) \d{4}))")


def test_the_fragments_example_of_docs_rules_md_runs():
    page = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(
        encoding="utf-8")
    block = page.split("## Regex fragments", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    [spec] = load_rule_text(block, "rules.md")
    assert Cleaner([spec]).clean("Body.\nOn 3 Jan. 2020\n3 February 2021\n") == "Body.\n"
