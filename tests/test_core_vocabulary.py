"""The compiled vocabulary search (``cleaner._core.WordIndex``) finds the same words, at
the same places and in the same order, as the Python search it replaced
(tests/vocabulary_reference.py): the vocabularies of the built-in section rules on every
line of the seeds and the labelled sets, and random words on random text (prefixes,
words inside words, overlaps, non-ASCII letters and digits, lone surrogates).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from vocabulary_reference import reference_find

from cleaner import Cleaner
from cleaner._core import WordIndex
from cleaner.kinds.section import SectionRule
from cleaner.text.folding import fold
from cleaner.text.vocabulary import Vocabulary

from conftest import text_files


def _lines() -> list[str]:
    files = text_files()
    return sorted({fold(line) for path in files for line in
                   path.read_text(encoding="utf-8", errors="surrogateescape").splitlines()})


def test_the_builtin_vocabularies_find_the_same_words():
    rules = [rule for rule in Cleaner.from_yaml()._plan.rules if isinstance(rule, SectionRule)]
    assert len(rules) > 10
    lines = _lines()
    hits = 0
    for rule in rules:
        for vocabulary in (rule._vocabulary, rule._topic):
            entries = list(vocabulary._entries().items())
            for line in lines:
                found = vocabulary.find(line)
                assert found == reference_find(entries, vocabulary.word_start, line), line
                hits += len(found)
    assert hits > 1000


def test_an_empty_vocabulary_finds_nothing():
    assert Vocabulary({"topic": [""]}).find("anything") == []
    assert WordIndex([]).find("anything") == []


ALPHABET = st.sampled_from(list("ab_ 1éé٣ال\ud800中x"))
KEYS = st.lists(st.text(ALPHABET, min_size=1, max_size=4).filter(
    lambda key: "\ud800" not in key), min_size=1, max_size=8, unique=True)


@settings(max_examples=300, deadline=None)
@given(KEYS, st.booleans(), st.lists(st.text(ALPHABET, max_size=30), min_size=1, max_size=5))
def test_random_words_are_found_where_python_finds_them(keys, word_start, texts):
    entries = [(key, [("c", key), ("d", key[::-1])][: 1 + n % 2]) for n, key in enumerate(keys)]
    index = WordIndex(entries, word_start)
    for text in texts:
        assert index.find(text) == reference_find(entries, word_start, text)
