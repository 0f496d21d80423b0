"""Hypothesis strategies: documents of prose mixed with the debris the packs target.

Entities (double-escaped, line breaks, no-break spaces), a lone or glued ``&``, no-break
and other Unicode spaces, control characters, mojibake, comment-policy, advertisement
and credit lines, and repeated paragraphs, glued inside lines as well as on lines of
their own, with any newline convention.
"""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["documents"]

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
def documents(draw: st.DrawFn) -> str:
    """Lines of prose and debris; some lines come back later (repeated paragraphs)."""
    lines = draw(st.lists(LINE, max_size=14))
    if lines and draw(st.booleans()):
        copies = draw(st.lists(st.sampled_from(lines), max_size=3))
        lines += copies
        lines = draw(st.permutations(lines))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(lines) + (newline if draw(st.booleans()) else "")


