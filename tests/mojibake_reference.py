"""The mojibake search as it was before the compiled core took it over: a regex.

``tests/test_core_scan.py`` checks that :func:`cleaner._core.suspect` answers as this
search does, on every line and document of the labelled sets and on random text.
"""

from __future__ import annotations

import re

from cleaner.text.mojibake import _ARABIC, _CONT, _SEPARATORS

__all__ = ["CONTROL_CHARS", "suspect_pattern"]

_NOT_SEPARATORS = "".join(c for c in _CONT if c not in _SEPARATORS)
_PAIR_LEADS = "آأؤإطظعغثئ"  # lead bytes 0xC2-0xC5, 0xD8-0xDB, 0xCB, 0xC6
_LEADS = _PAIR_LEADS + "âïً"  # and 0xE2, 0xEF, 0xF0
# What UTF-8 continuation bytes look like through Latin-1 and Windows-1252
# (ftfy also reads bytes cp1252 leaves undefined as the C1 controls).
_LATIN_CONT = "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" + (
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
#: The characters the unicode rule removes (cleaner.kinds.spans._CONTROL_CHARS).
CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff\ufff9-\ufffb"


def suspect_pattern(also: str = "") -> re.Pattern[str]:
    """The search behind ``has_mojibake``; characters in ``also`` (a character-class
    body) are accepted at once, so one scan can look for them as well."""
    extra = f"(?<=[{also}])|" if also else ""
    return re.compile(
        f"[{_LATIN_CONT}{_CONT}Ã{also}]"
        f"(?:{extra}(?<=[\x80-\x9f])"  # a C1 control: cp1252 read as Latin-1
        "|(?<=Ã) "  # "à" whose no-break space became a space
        f"|(?<=[\xc2-\xf4{_LEADS}].)(?:"
        f"(?<=[\xc2-\xf4][{_LATIN_CONT}])"  # UTF-8 read as Latin-1 / cp1252
        f"|(?<=[A-Za-z][آأؤإ][{_CONT}])|(?<=[آأؤإ][{_CONT}])[A-Za-z]"  # in a Latin word
        f"|(?<=[{_PAIR_LEADS}][{_NOT_SEPARATORS}])(?<!{_ARABIC}..)(?!{_ARABIC})"  # a lone pair
        f"|(?<=[{_PAIR_LEADS}][{_CONT}])[{_LEADS}]"  # two sequences in a row
        f"|(?<=[âïً][{_CONT}])[{_CONT}]"  # a three- or four-byte sequence
        "))"
    )
