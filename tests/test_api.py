"""The library API: clean, Cleaner.from_yaml, explain, clean_many, selection, pickling."""

from __future__ import annotations

import pickle

import pytest

import cleaner
from cleaner import Cleaner, SelectionError

from conftest import PROMO_RULES

DOC = "بلدي نيوز- (متابعات)\nقال الوزير إن المحادثات مستمرة.\n&\nنص آخر&\n\n\n"


def test_public_names():
    assert set(cleaner.__all__) >= {"Cleaner", "clean", "Edit", "RuleFileError"}


def test_clean_uses_builtin_packs():
    assert cleaner.clean(DOC) == "قال الوزير إن المحادثات مستمرة.\nنص آخر\n"


def test_explain_gives_rule_line_and_removed_text_in_line_order():
    text, edits = Cleaner.from_yaml().explain(DOC)
    assert text == cleaner.clean(DOC)
    assert [(e.rule_id, e.line, e.action, e.removed) for e in edits] == [
        ("credits/outlet-tag-ar", 1, "drop", "بلدي نيوز- (متابعات)"),
        ("symbols/lone-symbol-line", 3, "drop", "&"),
        ("symbols/trailing-ampersand", 4, "trim", "&"),
        ("whitespace/layout", 5, "drop", ""),
        ("whitespace/layout", 6, "drop", ""),
    ]


def test_clean_many_is_lazy_and_ordered():
    c = Cleaner.from_yaml()
    results = c.clean_many(iter(["a\n&\n", "b\n"]))
    assert next(results) == "a\n"
    assert list(results) == ["b\n"]


def test_no_defaults_means_no_rules():
    c = Cleaner.from_yaml(defaults=False)
    assert c.selected == ()
    assert c.clean(DOC) == DOC


def test_disable_pack_and_enable_one_rule_of_it():
    c = Cleaner.from_yaml(disable=["symbols"], enable=["symbols/trailing-ampersand"])
    ids = {spec.id for spec in c.selected}
    assert "symbols/trailing-ampersand" in ids
    assert "symbols/lone-symbol-line" not in ids


def test_unknown_selector_is_an_error_with_a_suggestion():
    with pytest.raises(SelectionError, match="did you mean `whitespace`"):
        Cleaner.from_yaml(disable=["whitespaces"])


def test_cleaner_pickles_as_specs_and_cleans_the_same():
    c = Cleaner.from_yaml(disable=["repeats"])
    copy = pickle.loads(pickle.dumps(c))
    assert copy.selected == c.selected
    assert copy.clean(DOC) == c.clean(DOC)
    assert b"regex" not in pickle.dumps(c)  # no compiled patterns travel


def test_empty_and_blank_documents():
    c = Cleaner.from_yaml()
    assert c.clean("") == ""
    assert c.clean("\n\n  \n") == ""


def test_crlf_and_cr_are_read_as_newlines():
    assert cleaner.clean("a\r\n&\r\nb\rc") == "a\nb\nc\n"




def test_from_string_loads_rules_with_the_same_options_as_from_yaml(tmp_path):
    doc = "Body.\nBuy now!\n&\n"
    assert Cleaner.from_string(PROMO_RULES).clean(doc) == "Body.\n"
    assert Cleaner.from_string(PROMO_RULES, defaults=False).clean(doc) == "Body.\n&\n"
    assert Cleaner.from_string(PROMO_RULES, disable=["mysite"]).clean(doc) == "Body.\nBuy now!\n"
    path = tmp_path / "mysite.yaml"
    path.write_text(PROMO_RULES, encoding="utf-8")
    from_file = Cleaner.from_yaml(path, enable=["corpus"], disable=["symbols"])
    from_text = Cleaner.from_string(PROMO_RULES, enable=["corpus"], disable=["symbols"])
    assert [s.id for s in from_text.selected] == [s.id for s in from_file.selected]


def test_from_string_errors_name_the_string_line_and_column():
    broken = PROMO_RULES.replace("    match:", "    acton: drop\n    match:")
    with pytest.raises(cleaner.RuleFileError) as caught:
        Cleaner.from_string(broken)
    assert str(caught.value) == "<string>:5:5: error[unknown-field] unknown field `acton` " \
        "in a `line` rule"
    assert "did you mean `action`?" in caught.value.render()
    with pytest.raises(cleaner.RuleFileError, match=r"^site\.rules:2:1: error\[yaml-syntax\]"):
        Cleaner.from_string("rules: [a\n", name="site.rules")


def test_from_string_duplicate_of_a_builtin_id_is_an_error():
    duplicate = PROMO_RULES.replace("mysite/promo", "symbols/lone-symbol-line")
    with pytest.raises(cleaner.RuleFileError, match=r"<string>:2:1: error\[duplicate-id\]"):
        Cleaner.from_string(duplicate)


def test_from_dict_takes_a_mapping_with_the_same_options_and_errors():
    import yaml

    rules = yaml.safe_load(PROMO_RULES)
    doc = "Body.\nBuy now!\n&\n"
    assert Cleaner.from_dict(rules).clean(doc) == "Body.\n"
    assert Cleaner.from_dict(rules, defaults=False).clean(doc) == "Body.\n&\n"
    assert Cleaner.from_dict(rules, disable=["mysite/promo"]).clean(doc) == "Body.\nBuy now!\n"
    rules["rules"][0]["acton"] = "drop"
    with pytest.raises(cleaner.RuleFileError, match=r"<dict>:\d+:\d+: error\[unknown-field\]"):
        Cleaner.from_dict(rules)
    with pytest.raises(cleaner.RuleFileError, match=r"<dict>:1:1: error\[wrong-type\] a rule "
                       "file is a mapping"):
        Cleaner.from_dict([rules])  # type: ignore[arg-type]
    with pytest.raises(cleaner.RuleFileError, match=r"<dict>: error\[wrong-type\] not plain"):
        Cleaner.from_dict({"rules": [object()]})


def test_every_refusal_is_a_cleaner_error_and_keeps_its_builtin_base(tmp_path):
    from cleaner import CleanerError, RuleFileError, SelectionError

    with pytest.raises(CleanerError) as selection:
        Cleaner.from_yaml(disable=["no-such-pack"])
    assert isinstance(selection.value, SelectionError)
    assert isinstance(selection.value, ValueError)
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: x\nrules: [\n", encoding="utf-8")
    with pytest.raises(CleanerError) as rule_file:
        Cleaner.from_yaml(broken)
    assert isinstance(rule_file.value, RuleFileError)


def test_the_types_the_api_returns_are_exported():
    import cleaner

    frequencies = cleaner.Cleaner.from_yaml().count(["a\nb\n"])
    assert isinstance(frequencies, cleaner.Frequencies)
    assert {"Frequencies", "Stats", "CleanerError"} <= set(cleaner.__all__)
