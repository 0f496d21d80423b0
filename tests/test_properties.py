"""Invariants of the built-in packs on arbitrary text (hypothesis).

- cleaning never raises and is idempotent: clean(clean(x)) == clean(x);
- the packs only remove lines or remove spans from lines: every output line is an
  input line (in order) or a subsequence of one, except lines with a declared repair
  edit (mojibake, entities, NFC); and the edits account for every dropped line.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.ruletests import only_removes

CLEANER = Cleaner.from_yaml()

DEBRIS = [
    "&", "&amp;", "&nbsp;", " ", "", "\t", "***", "- الرجاء معاملة الآخرين باحترام.",
    "Advertisement", "Share this article", "بلدي نيوز- (متابعات)", "تهدئة&", "cafÃ©",
    "ظˆط²ظٹط±", "Comments are moderated.", "(Reuters) -", "Read more:",
]
PROSE = [
    "وقال كيري إن المحادثات مع روسيا اقتربت من نهايتها في جنيف يوم الاثنين.",
    "He declined to comment on the report, which was published on Monday.",
    "Le ministre a refusé de commenter l'information publiée par le journal.",
    "كيري وميستورا",
    "Is this the end?",
    "هل انتهت الهدنة؟",
]
LINE = st.one_of(
    st.sampled_from(DEBRIS),
    st.sampled_from(PROSE),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
)
TEXT = st.builds(
    lambda lines, newline, final: newline.join(lines) + (newline if final else ""),
    st.lists(LINE, max_size=14),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_clean_is_idempotent(text):
    once = CLEANER.clean(text)
    assert CLEANER.clean(once) == once


@SETTINGS
@given(TEXT)
def test_builtin_packs_only_remove_or_trim(text):
    cleaned, edits = CLEANER.explain(text)
    assert only_removes(text, cleaned, edits)


@SETTINGS
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
