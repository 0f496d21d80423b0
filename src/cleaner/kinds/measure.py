"""How long a line is, read alike in scripts written with and without spaces.

A line of Chinese or Japanese has no spaces between its words, so counting the runs
between spaces makes a whole sentence one word. These measures count a wide (CJK)
character as two columns, and two of them as one word, so a shape rule reads a CJK
line the way it reads a spaced one.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["width", "words"]

#: A word of two letters or more: a date's numbers and a lone symbol are no words.
_TWO_LETTERS = re.compile(r"[^\W\d_].*[^\W\d_]")


def width(text: str) -> int:
    """Display columns of ``text``: a wide (CJK) character counts two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def words(text: str) -> float:
    """Words of ``text``: runs between spaces with two letters or more (a date's numbers
    are no words), where two wide (CJK) characters count as one word."""
    wide = 0
    if not text.isascii():
        narrow = "".join(" " if unicodedata.east_asian_width(char) in "WF" else char
                         for char in text)
        wide = sum(1 for a, b in zip(text, narrow, strict=True) if a != b)
        text = narrow
    return sum(1 for word in text.split() if _TWO_LETTERS.search(word)) + wide / 2
