"""The compiled core folds exactly as the Python folding it replaced.

``tests/folding_reference.py`` is that Python code (Python 3.11, Unicode 14). The core
must give the same folded line for every code point, for blocks of neighbouring code
points (composition, combining marks), for random text, for every line of the seeds,
the labelled sets and a generated benchmark corpus, and the same letter folding for
every line of the built-in rule packs (the patterns it is applied to).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from folding_reference import reference_fold, reference_fold_letters
from hypothesis import given
from hypothesis import strategies as st

from cleaner import _core
from cleaner.text.folding import fold, fold_letters, fold_lines

from benchmarks.corpus import generate
from conftest import text_files

ROOT = Path(__file__).resolve().parents[1]
SAME_UNICODE = unicodedata.unidata_version == _core.UNICODE_VERSION
needs_same_unicode = pytest.mark.skipif(
    not SAME_UNICODE,
    reason=f"Python's Unicode {unicodedata.unidata_version} is not the core's "
    f"{_core.UNICODE_VERSION}: characters assigned in between fold differently",
)
CODE_POINTS = [chr(c) for c in range(sys.maxunicode + 1)]  # lone surrogates too


def assert_same_folds(lines: list[str]) -> None:
    """The core's folds of ``lines`` equal the reference's; a failure names the lines."""
    folded = fold_lines(lines)
    differ = [(line, got, reference_fold(line))
              for line, got in zip(lines, folded) if got != reference_fold(line)]
    assert not differ, f"{len(differ)} lines fold differently, first: {differ[:5]!r}"


@needs_same_unicode
def test_every_code_point_folds_as_before():
    assert_same_folds(CODE_POINTS)
    assert_same_folds([f" {c} " for c in CODE_POINTS])


@needs_same_unicode
def test_blocks_of_neighbouring_code_points_fold_as_before():
    for width in (2, 3, 64):
        assert_same_folds(["".join(CODE_POINTS[i : i + width])
                           for i in range(0, len(CODE_POINTS), width)])


@needs_same_unicode
def test_combining_marks_after_every_letter_fold_as_before():
    marks = [c for c in CODE_POINTS if unicodedata.combining(c)]
    bases = ["a", "e", "A", "ا", "ـ", "ي", "ω", "Å", "가", "ᄀ", "ﷺ", " "]
    assert_same_folds([base + mark + mark for base in bases for mark in marks])


@needs_same_unicode
def test_letter_folding_of_every_code_point_is_as_before():
    assert list(map(fold_letters, CODE_POINTS)) == list(map(reference_fold_letters, CODE_POINTS))


# Pieces that exercise each step: Arabic letters and marks, tatweels standing alone or
# not, bullets, every kind of whitespace, compatibility forms, case with full folding.
PIECES = ["ـ", "ـــ", "أ", "إ", "آ", "ٱ", "ى", "ی", "ة", "ک", "\u064e", "\u0670", "\u06d6",
          "\u200f", "\ufeff", "-", "•", "—", ">", "|", "*", " ", "  ", "\t", "\n", "\x1c",
          "\x85", "\xa0", "\u2028", "\u3000", "ﻻ", "ﷲ", "Ｆ", "ß", "ẞ", "İ", "ŉ", "ΐ", "ﬁ",
          "Σ", "ς", "é", "e\u0301", "١", "x", "i", "I", "\u0307", "محمد", "Read more", "\x00",
          "\u0085",
          "\udcff", "\udc80", "\ud800"]  # lone surrogates: bytes read with surrogateescape


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_lines_of_tricky_pieces_fold_as_before(line):
    assert fold(line) == reference_fold(line)
    assert fold_lines([line, line]) == [reference_fold(line)] * 2


@given(st.text(alphabet=st.characters(), max_size=60))
def test_random_text_folds_as_before(line):
    assert fold(line) == reference_fold(line)
    assert fold_letters(line) == reference_fold_letters(line)


def test_every_line_of_seeds_and_labelled_sets_folds_as_before():
    files = text_files()
    lines = [line for path in files for line in path.read_text(encoding="utf-8").split("\n")]
    assert_same_folds(lines)


def test_every_line_of_a_generated_corpus_folds_as_before():
    lines = [line for doc in generate(3_000_000, seed=7) for line in doc.text.split("\n")]
    assert_same_folds(lines)


def test_letter_folding_of_every_rule_pack_line_is_as_before():
    lines = [line for path in sorted((ROOT / "rules").glob("*.yaml"))
             for line in path.read_text(encoding="utf-8").split("\n")]
    assert list(map(fold_letters, lines)) == list(map(reference_fold_letters, lines))
