"""Invariants of the built-in packs on arbitrary text (hypothesis).

- cleaning never raises and is idempotent: clean(clean(x)) == clean(x);
- the packs only remove lines or remove spans from lines: every output line is an
  input line (in order) or a subsequence of one, except lines with a declared repair
  edit (mojibake, entities, NFC); and the edits account for every dropped line.

The strategies mix prose with the debris the packs target (entities, a lone or glued
``&``, no-break and other Unicode spaces, control characters, comment-policy and
advertisement lines, repeated paragraphs), glued inside lines as well as on lines of
their own. The CI profile (tests/conftest.py) runs a fixed set of examples; ``make
fuzz`` runs many more, random ones.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.ruletests import only_removes

CLEANER = Cleaner.from_yaml()

DEBRIS = [
    "&", "&&", "&amp;", "&amp;amp;", "&nbsp;", "&#160;", "&#10;", "&#xA;", "&#13;", "&#133;",
    "&#x2028;", "&#8203;", "&lt;p&gt;", "&am\x00p;", "\xa0", "\u2028", "\u2029", "\u3000",
    " ", "", "\t", "\x00", "\x0b", "\x0c", "\x1c", "\x1e", "\x85", "\u200b", "\ufeff", "***",
    "- الرجاء معاملة الآخرين باحترام.", "الرجاء معاملة الآخرين باحترام", "Advertisement",
    "Share this article", "بلدي نيوز- (متابعات)", "تهدئة&", "cafÃ©", "ظˆط²ظٹط±",
    "Comments are moderated.", "(Reuters) -", "Read more:", "e\u0301",
]
PROSE = [
    "وقال كيري إن المحادثات مع روسيا اقتربت من نهايتها في جنيف يوم الاثنين.",
    "He declined to comment on the report, which was published on Monday.",
    "Le ministre a refusé de commenter l'information publiée par le journal.",
    "The minister spoke", "Body text here.", "كيري وميستورا", "Is this the end?",
    "هل انتهت الهدنة؟",
]
PIECE = st.one_of(st.sampled_from(DEBRIS), st.sampled_from(PROSE))
LINE = st.one_of(
    st.lists(PIECE, min_size=1, max_size=4).map("".join),
    st.lists(PIECE, min_size=1, max_size=3).map(" ".join),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
)


@st.composite
def documents(draw) -> str:
    """Lines of prose and debris; some lines come back later (repeated paragraphs)."""
    lines = draw(st.lists(LINE, max_size=14))
    if lines and draw(st.booleans()):
        copies = draw(st.lists(st.sampled_from(lines), max_size=3))
        lines += copies
        lines = draw(st.permutations(lines))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(lines) + (newline if draw(st.booleans()) else "")


TEXT = documents()


@pytest.mark.parametrize(
    "text",
    [
        "Body text here.\nThe minister spoke &\xa0\n",  # the no-break space hid the `&`
        "Body text here.&#10;Advertisement\n",  # the entity is a line break
        "Body text here. &am\x00p;\n",  # removing the control makes an entity
        "Body text here.\nThe minister spoke &&#160;\n",
        "Body text here.\nThe minister spoke&\u2029\n",
    ],
)
def test_known_second_pass_changes_are_made_in_the_first(text):
    once = CLEANER.clean(text)
    assert CLEANER.clean(once) == once
    assert "&" not in once and "Advertisement" not in once


@given(TEXT)
def test_clean_is_idempotent(text):
    once = CLEANER.clean(text)
    assert CLEANER.clean(once) == once


@given(TEXT)
def test_builtin_packs_only_remove_or_trim(text):
    cleaned, edits = CLEANER.explain(text)
    assert only_removes(text, cleaned, edits)


@given(TEXT)
def test_output_layout_is_normalised(text):
    cleaned, edits = CLEANER.explain(text)
    if not cleaned or any(edit.action == "hold" for edit in edits):
        return
    assert cleaned.endswith("\n")
    lines = cleaned[:-1].split("\n")
    assert lines[0].strip() and lines[-1].strip()
    assert all(line == line.rstrip() for line in lines)
    assert all(a.strip() or b.strip() for a, b in pairwise(lines))
