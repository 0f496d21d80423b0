"""The folded view: one spelling for many."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.text.folding import fold


@pytest.mark.parametrize(
    ("line", "folded"),
    [
        ("- الرجاءُ معاملة الآخرين باحترام.", "الرجاء معامله الاخرين باحترام."),
        ("إلـــى الأمـام", "الي الامام"),
        ("  •  Sign   Up  ", "sign up"),
        ("Ｓｈａｒｅ", "share"),
        ("STRASSE straße", "strasse strasse"),
        ("&", "&"),
        ("- ", ""),
        ("— Quote", "quote"),
        ("ماجد هود ـ جدة", "ماجد هود - جده"),
        ("GİRİŞ YAPIN", "giriş yapin"),  # Turkish İ: an i, not an i and a dot above
        ("i\u0307\u0307", "i\u0307"),  # one dot above is dropped, not every one
        ("i \u0307", "i \u0307"),  # a dot above that follows no i stays
    ],
)
def test_fold(line, folded):
    assert fold(line) == folded


def test_fold_keeps_inner_punctuation_and_digits():
    assert fold("PUBLISHED: 12:30 GMT, 3 May 2016") == "published: 12:30 gmt, 3 may 2016"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_folded_text_has_single_spaces_and_no_edges(line):
    folded = fold(line)
    assert folded == " ".join(folded.split())
    assert fold(folded) == folded
