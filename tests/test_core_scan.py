"""The compiled core's document scans answer as the Python code they replaced.

* ``_core.suspect`` (the mojibake and control character search) as the regex search of
  ``tests/mojibake_reference.py``;
* ``_core.is_normalized`` as ``unicodedata.is_normalized``;
* ``LiteralIndex`` (the prefilter) as a plain search for each pattern's literals, and
  its per-document ``scan`` as folding and prefiltering line by line;

on every line and every document of the seeds, the labelled sets and a generated
corpus (mojibake injected), and on random text.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mojibake_reference import CONTROL_CHARS, suspect_pattern

from cleaner import Cleaner, _core
from cleaner.text.folding import fold
from cleaner.text.prefilter import bits, literal_index

from benchmarks.corpus import generate
from conftest import text_files

SUSPECT = suspect_pattern()
SUSPECT_OR_CONTROL = suspect_pattern(CONTROL_CHARS)
needs_same_unicode = pytest.mark.skipif(
    unicodedata.unidata_version != _core.UNICODE_VERSION,
    reason="Python's Unicode is not the core's: characters assigned in between differ")


def _texts() -> list[str]:
    files = text_files()
    documents = [path.read_text(encoding="utf-8", errors="surrogateescape") for path in files]
    documents += [doc.text for doc in generate(3_000_000, seed=11)]
    return documents


TEXTS = _texts()
LINES = sorted({line for text in TEXTS for line in text.split("\n")})


def assert_same_suspects(texts: list[str]) -> None:
    differ = [text[:80] for text in texts
              if _core.suspect(text) != (SUSPECT.search(text) is not None)
              or _core.suspect(text, controls=True) != (
                  SUSPECT_OR_CONTROL.search(text) is not None)]
    assert not differ, f"{len(differ)} texts judged differently, first: {differ[:5]!r}"


def test_every_document_and_line_is_suspect_as_before():
    assert_same_suspects(TEXTS)
    assert_same_suspects(LINES)
    assert sum(_core.suspect(line) for line in LINES) > 50  # the corpus has mojibake


# The characters the search reads: continuation look-alikes of every code page, lead
# characters, Arabic letters, ASCII letters, spaces, controls, line breaks.
SUSPECT_PIECES = [*"\x80\x85\x9f\xa0©«»é\u0152\u2019\u201c\u2026\u20ac\u2122",
                  *"آأؤإطظعغثئâïًÃÂ", *"\u067e\u0679\u06af\u060c\u061b\u061f\u200c\u200d",
                  *"ابةمحد", *"aZé ", "\n", "\t", "\x00", "\x1f", "\x7f", "\u200b", "\ufeff",
                  "\ufffa", "\udcff", "Ø§Ù„", "cafÃ©", "â€œ", "ط§ظ„", "ًںک€"]


@given(st.lists(st.sampled_from(SUSPECT_PIECES), max_size=12).map("".join))
def test_text_of_tricky_pieces_is_suspect_as_before(text):
    assert_same_suspects([text])


@given(st.text(alphabet=st.characters(), max_size=40))
def test_random_text_is_suspect_as_before(text):
    assert_same_suspects([text])


@needs_same_unicode
@pytest.mark.parametrize("form", ["NFC", "NFKC"])
def test_normal_forms_are_told_as_before(form):
    code_points = [chr(c) for c in range(sys.maxunicode + 1)]
    blocks = ["".join(code_points[i : i + 3]) for i in range(0, len(code_points), 3)]
    marks = [c for c in code_points if unicodedata.combining(c)][:400]
    texts = [*TEXTS, *blocks, *(base + mark for base in "aeAÅاω가ᄀ" for mark in marks)]
    differ = [text[:40] for text in texts
              if _core.is_normalized(form, text) != unicodedata.is_normalized(form, text)]
    assert not differ, f"{len(differ)} texts told differently, first: {differ[:5]!r}"


@given(st.text(alphabet=st.characters(), max_size=30))
def test_normal_forms_of_random_text_are_told_as_before(text):
    for form in ("NFC", "NFKC"):
        assert _core.is_normalized(form, text) == unicodedata.is_normalized(form, text)


def test_an_unknown_form_is_refused():
    with pytest.raises(ValueError, match="NFD"):
        _core.is_normalized("NFD", "x")


def _reference_possible(literal_sets, folded: str) -> int:
    """The patterns whose literals occur in ``folded``, by plain search."""
    return sum(1 << number for number, literals in enumerate(literal_sets)
               if literals is None or any(literal in folded for literal in literals))


def _plan_literals():
    plan = Cleaner.from_yaml(enable=["corpus"])._plan
    return [literals for rule in plan.rules if rule.uses_prefilter
            for literals in rule.pattern_literals]


def test_the_prefilter_finds_what_a_plain_search_finds_on_every_line():
    literal_sets = _plan_literals()
    assert len(literal_sets) > 300
    index = literal_index(literal_sets)
    folded = [fold(line) for line in LINES]
    differ = [line for line in folded
              if index.possible(line) != _reference_possible(literal_sets, line)]
    assert not differ, f"{len(differ)} lines prefiltered differently, first: {differ[:5]!r}"


def test_a_document_scan_folds_and_prefilters_its_short_lines_with_text():
    literal_sets = _plan_literals()
    index = literal_index(literal_sets, max_chars=120)
    for text in TEXTS[:300]:
        lines = text.split("\n")
        folded, possible = index.scan(lines)
        expected = [(None, None) if len(line) > 120 or not line.strip() else
                    (fold(line), _reference_possible(literal_sets, fold(line)))
                    for line in lines]
        assert list(zip(folded, possible)) == expected


LINE_PIECES = [*SUSPECT_PIECES, "©", "lire aussi", "Voir", " ", "\u3000", "ß"]


def test_a_long_line_is_prefiltered_only_for_the_rules_that_take_it():
    literal_sets = _plan_literals()
    limits = [40 + 97 * n % 600 for n in range(len(literal_sets))]
    index = literal_index(literal_sets, limits=limits)
    for line in LINES:
        folded = fold(line)
        taken = sum(1 << n for n, limit in enumerate(limits) if limit >= len(line))
        assert index.possible(folded, len(line)) == (
            _reference_possible(literal_sets, folded) & taken), line[:80]


@given(st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=8).map("".join), max_size=6))
def test_scans_of_random_lines_are_line_by_line_folds(lines):
    sets = [frozenset({"©"}), None, frozenset({"lire aussi", "voir"}), frozenset({"ss", "é"})]
    folded, possible = literal_index(sets).scan(lines)
    assert folded == [fold(line) if line.strip() else None for line in lines]
    assert possible == [_reference_possible(sets, fold(line)) if line.strip() else None
                        for line in lines]
    assert all(bits(mask) for mask in possible if mask is not None)
