"""Repair mojibake: UTF-8 text that was decoded with the wrong single-byte codec.

Two kinds are repaired, one line at a time:

* UTF-8 read as Latin-1 or Windows-1252 ("cafÃ©", "â€œ", "Ø§Ù„"). ftfy's
  ``fix_encoding`` does this well (its repairs through other code pages are
  refused: see :func:`fix_latin`). It applies only ftfy's encoding steps, so it
  does not uncurl quotes, change width, normalise, fix line breaks or decode
  HTML entities; those are other rules' jobs.
* UTF-8 read as Windows-1256 ("ط§ظ„", "أ©"), which ftfy never tries. In cp1256
  a UTF-8 lead byte shows up as a letter (0xD8/0xD9, the lead bytes of Arabic,
  as "ط"/"ظ") and a continuation byte as punctuation, a symbol or a Persian
  letter. So a run of mojibake alternates between the two kinds of character.
  Each such run is encoded back to cp1256 and decoded as UTF-8. Only runs that
  decode to characters a corpus really holds (Latin-1, Latin Extended-A,
  Arabic, general punctuation and symbols, presentation forms, emoji) are
  repaired. Decoding can then never fail, and it never produces an exotic
  script by accident.

Genuine Arabic has the same letters (ط ظ ع غ أ ؤ) at the end of words, often
right before punctuation or a symbol: "حافظ…" is also the mojibake of "حافم",
and "تباطؤ©" that of "تباطĩ". So a run is repaired on its own only when it is
surely mojibake:

* it holds a three- or four-byte sequence ("â€œ", "ًںک€");
* it starts with آ, أ, ؤ or إ (lead bytes of Latin letters) inside a Latin
  word, next to an ASCII letter ("cafأ©" is "café", "sأ»r" is "sûr");
* one of its continuations is not a separator (punctuation, quotes, a
  no-break space, ZWNJ...), and it is two or more pairs, or one pair with no
  Arabic letter on either side. A word-final letter always touches its word,
  and the separator test keeps letter lists such as "ط،ظ،" and "أ، إ، آ" safe.

A doubtful run is repaired only when something vouches for it. That is a sure
run in the same segment (no genuine Arabic letter in between), or, when no
Arabic letter is left outside the runs, any mojibake already found on the line.
It must also not touch a genuine Arabic letter. So "dأ©jأ" plus a no-break
space is "déjà", but "حافظ…" is kept.

``has_mojibake`` guards ``repair_mojibake``, which changes nothing unless
``has_mojibake`` says yes. So a repair can never happen where detection says
no, and the corpus-wide cost is one scan per line, in the compiled core
(:func:`cleaner._core.suspect`, a few instructions a character). It looks for
the second character of a suspicious pair: a UTF-8 continuation byte seen
through Latin-1, cp1252 or cp1256, which is rare in clean text; at each such
character it tests whether a lead character comes before it (a C1 control, or
"Ã" before a space, is suspect by itself). ASCII lines return before any scan
(``str.isascii`` is O(1) in CPython).
"""

from __future__ import annotations

import re

from .._core import suspect

__all__ = ["fix_latin", "has_mojibake", "repair_mojibake"]


def _cp1256(first: int, last: int) -> str:
    """Return the characters that Windows-1256 shows for bytes first..last."""
    return bytes(range(first, last + 1)).decode("cp1256")


# A UTF-8 continuation byte (0x80-0xBF) as cp1256 shows it.
_CONT = _cp1256(0x80, 0xBF)
# Continuation look-alikes that genuine text puts after a letter (quotes both
# ways round: some Arabic text writes »...«).
_SEPARATORS = "،؛؟«»…‘’“”‹›–—•·\xa0\xad\u200c\u200d"

# One UTF-8 sequence seen through cp1256, limited to the blocks a corpus holds.
_SEQUENCE = (
    f"آ[{_CONT}]"  # U+0080-00BF: no-break space, « », °, ©, C1 controls
    f"|[أؤإ][{_CONT}]"  # U+00C0-017F: é, à, ç, œ ...
    f"|[طظعغ][{_CONT}]"  # U+0600-06FF: Arabic
    "|ث[†œ]|ئ’"  # ˆ ˜ ƒ: cp1252 letters met when mojibake is garbled again
    f"|â[{_cp1256(0x80, 0xAF)}][{_CONT}]"  # U+2000-2BFF: quotes, dashes, €, symbols
    f"|ï[{_cp1256(0xAD, 0xBF)}][{_CONT}]"  # U+FB40-FFFF: presentation forms, U+FE0F
    f"|ًں[{_cp1256(0x80, 0xAB)}][{_CONT}]"  # U+1F000-1FAFF: emoji
)
_CP1256_RUN = re.compile(f"(?:{_SEQUENCE})+")
_ARABIC = "[\u0620-\u065f\u066e-\u06d3]"  # letters, harakat, tatweel
_ARABIC_LETTER = re.compile(_ARABIC)

def has_mojibake(text: str) -> bool:
    """Cheap check: True when `text` may contain mojibake that repair_mojibake would fix.

    False means ``repair_mojibake(text)`` returns `text` unchanged. True only
    means "worth a look": clean French or Arabic is sometimes a candidate.

    >>> has_mojibake("cafÃ©"), has_mojibake("ط§ظ„ظ…طھط­ط¯ط©"), has_mojibake("café")
    (True, True, False)
    """
    return not text.isascii() and suspect(text)


def _is_mojibake(run: str, glued: bool, in_latin_word: bool) -> bool:
    """Tell whether a cp1256 run is surely mojibake (rules in the module docstring)."""
    if any(c in "âïً" for c in run) or (run[0] in "آأؤإ" and in_latin_word):
        return True
    return (len(run) > 2 or not glued) and any(c not in _SEPARATORS for c in run[1::2])


def _repair_cp1256(text: str, garbled: bool) -> str:
    """Decode the runs of UTF-8-read-as-cp1256 in `text` (see the module docstring).

    `garbled` says mojibake was already found on the line.
    """
    runs, segment, end = [], 0, 0
    for match in _CP1256_RUN.finditer(text):
        segment += _ARABIC_LETTER.search(text, end, match.start()) is not None
        around = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        glued = any(_ARABIC_LETTER.fullmatch(c) for c in around)
        in_latin_word = any(c.isascii() and c.isalpha() for c in around)
        runs.append((match, segment, _is_mojibake(match[0], glued, in_latin_word), glued))
        end = match.end()
    arabic_left = segment > 0 or _ARABIC_LETTER.search(text, end) is not None
    vouched = {seg for _, seg, sure, _ in runs if sure or (garbled and not arabic_left)}
    pieces, end = [], 0
    for match, seg, sure, glued in runs:
        if sure or (seg in vouched and not glued):
            pieces += [text[end : match.start()], match[0].encode("cp1256").decode("utf-8")]
            end = match.end()
    return "".join(pieces) + text[end:]


# The encodings ftfy may undo for us: the two this module is about. ftfy also tries
# Cyrillic, Greek, Baltic, Central European, Mac and DOS code pages, which would turn
# "×Ø" into Hebrew; a corpus of Arabic, French and English never needs those.
_LATIN_ENCODINGS = frozenset({"latin-1", "sloppy-windows-1252", "windows-1252"})


def fix_latin(text: str) -> str:
    """ftfy's encoding repair, kept only when it undid Latin-1 or Windows-1252.

    >>> fix_latin("cafÃ©"), fix_latin("×Ø")
    ('café', '×Ø')
    """
    import ftfy  # only lines that look garbled get here; the import costs 0.1 s of start-up

    fixed = ftfy.fix_encoding_and_explain(text)
    if any(step == "encode" and encoding not in _LATIN_ENCODINGS
           for step, encoding in fixed.explanation or ()):
        return text
    return fixed.text


def repair_mojibake(text: str) -> str:
    """Repair mojibake in one line of text; return it unchanged when nothing is wrong.

    Both repairs run until nothing changes, so text garbled twice ("cafأƒآ©",
    UTF-8 read as Latin-1 and then again as cp1256) comes back whole, and a
    second call changes nothing.

    >>> repair_mojibake("â€œcafÃ©â€\\x9d")
    '“café”'
    >>> repair_mojibake("ط§ظ„ظ…طھط­ط¯ط©")
    'المتحدة'
    >>> repair_mojibake("حافظ…")
    'حافظ…'
    """
    if not has_mojibake(text):
        return text
    original = text
    while True:
        latin_fixed = fix_latin(text)
        repaired = _repair_cp1256(latin_fixed, garbled=latin_fixed != original)
        if repaired == text:
            return text
        text = repaired
