"""The compiled reading of lines for ``section`` rules (``cleaner._core.SectionReader``)
reads every line as the Python it replaced (tests/section_reference.py): each built-in
section rule on every line of the seeds, the labelled sets, the rules' examples and a
generated corpus, and random text made of what its patterns look at (digits, dates, marks,
quotes, capitals).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from section_reference import (
    _SENTENCE_END,
    ReferenceReader,
    _header_shape,
    _sentence_spans,
)

from cleaner import Cleaner, _core
from cleaner.kinds.section import SectionRule, _reading
from cleaner.ruleset.packs import builtin_rule_files
from cleaner.ruleset.rulefile import load_rule_file
from cleaner.text.folding import fold
from cleaner.text.vocabulary import Vocabulary

from benchmarks.corpus import generate
from conftest import text_files


def _lines() -> list[str]:
    """Every distinct line of the text files (with and without its label), of the
    built-in rules' examples (a pack's only text in its language, as Hindi's) and of a
    generated corpus."""
    lines = set()
    for path in text_files():
        for line in path.read_text(encoding="utf-8", errors="surrogateescape").splitlines():
            lines.update((line, line.partition(" ")[2]))
    for path in builtin_rule_files():
        for spec in load_rule_file(path):
            for example in spec.examples:
                lines.update(example.input.splitlines())
    for doc in generate(300_000, seed=5):
        lines.update(doc.text.splitlines())
    return sorted(line for line in lines if line.strip())


LINES = _lines()
RULES = [rule for rule in Cleaner.from_yaml()._plan.rules if isinstance(rule, SectionRule)]


def _reader(vocabulary: Vocabulary) -> _core.SectionReader:
    return _core.SectionReader(vocabulary.index, ["cue", "topic", "policy", "form", "narration"],
                               vocabulary.word_start)


def _same(rule_vocabulary: Vocabulary, lines: list[str]) -> None:
    core, python = _reader(rule_vocabulary), ReferenceReader(rule_vocabulary)
    for line in lines:
        folded = fold(line)
        assert _reading(core.read(line, folded)) == \
            python._classify_line(folded, line, rule_vocabulary.find(folded)), line
        assert _reading(core.classify(folded)) == \
            python._classify(folded), line
        assert core.words(folded) == python._words(folded), line


def test_there_are_section_rules_to_compare():
    assert len(RULES) >= 20


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_each_rule_reads_the_lines_with_its_words_alike(rule):
    vocabulary = rule._vocabulary
    worded = [line for line in LINES if len(line) <= rule.options["max_chars"]
              and vocabulary.find(fold(line))]
    assert worded
    _same(vocabulary, worded)


@pytest.mark.parametrize("word_start", [True, False])
def test_lines_without_a_word_of_the_vocabulary_read_alike(word_start):
    # A line without a word reads the same to every rule that counts words alike.
    _same(Vocabulary({"topic": ["\ue000"]}, (), word_start), LINES)


def test_sentences_and_headers_are_found_alike():
    for line in LINES:
        assert _core.sentence_bounds(line) == list(_sentence_spans(line)), line
        assert _core.sentence_bounds(line, True) == list(_sentence_spans(line, True)), line
        assert _core.sentence_cuts(line) == [m.end() for m in _SENTENCE_END.finditer(line)]
        folded = fold(line)
        assert _core.comment_header(folded) == _header_shape(folded, len(folded.split()))


# What the patterns of a reading look at: digits (Arabic-Indic too), the marks of dates
# and times, the ends of sentences and closing quotes, quotes, spaces, small letters and
# capitals of the scripts a glued node is found in, the words of a comment's age.
PIECES = st.sampled_from([
    "0", "1", "2", "9", "19", "20", "٠", "٣", "12:30", "3h05", "2014/03/22", "1.2.", "-", "/", ".",
    ":", "：", "h", " ", "  ", "\t", "\n", "!", "?", "؟", "。", "…", "।", "۔", '"', "'", "”",
    "’", "»", "«", "“", "„", ")", "]", "*", "_", "a", "z", "A", "Z", "é", "É", "ß", "я", "Я",
    "ґ", "Ґ", "前", "전", "일", "ago", "vor", "il y a", "há", "منذ", "x", "Comment", "reply",
    "Name", "said", "moderated", "\udcff", "²",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=24).map("".join)


@settings(max_examples=400)
@given(TEXTS)
def test_random_text_reads_alike(text):
    assert _core.sentence_bounds(text) == list(_sentence_spans(text))
    assert _core.sentence_bounds(text, True) == list(_sentence_spans(text, True))
    assert _core.sentence_cuts(text) == [m.end() for m in _SENTENCE_END.finditer(text)]
    assert _core.comment_header(text) == _header_shape(text, len(text.split()))
    vocabulary = Vocabulary({"cue": ["comment", "leave a"], "topic": ["reply", "comment"],
                             "policy": ["moderat", "respect", "remove"],
                             "form": ["name", "email"], "narration": ["said"]})
    _same(vocabulary, [text])


def test_the_core_has_this_python_s_character_classes():
    # rust/src/pyunicode.rs is what rust/gen_unicode.py writes with this Python: the
    # core's classes are the ones the reference above reads with. `\w` needs no table of
    # its own: `str.isalnum` is `isalpha` or `isnumeric` on every code point.
    root = Path(__file__).resolve().parents[1]
    written = subprocess.run([sys.executable, str(root / "rust" / "gen_unicode.py")],
                             capture_output=True, text=True, check=True).stdout
    assert written == (root / "rust" / "src" / "pyunicode.rs").read_text(encoding="utf-8")
    assert all(char.isalnum() == (char.isalpha() or char.isnumeric())
               for char in map(chr, range(0x110000)))
