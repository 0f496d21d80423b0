"""The Python folding that cleaner._core replaced, kept only to test the core against.

This is src/cleaner/folding.py (now src/cleaner/text/folding.py) as it was before the
step moved to Rust (Python 3.11, Unicode 14): tests/test_core_folding.py checks that
the core folds every line the same way. It is not imported by the package.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["reference_fold", "reference_fold_letters"]

# Arabic marks that change pronunciation, not identity: tashkeel, superscript alef,
# Quranic annotation signs, tatweel (kashida), and invisible direction marks.
_REMOVED = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]
)
# Letter variants that writers and keyboards use interchangeably.
_VARIANTS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ة": "ه",
    "ک": "ك",
}
_LETTER_TABLE = str.maketrans({**dict.fromkeys(_REMOVED), **_VARIANTS})
_MARKS = re.compile("[" + "".join(_REMOVED) + "]")
_LONE_TATWEEL = re.compile("(?<!\\S)ـ+(?!\\S)")
# List markers and bullets that scrapers leave at the start of a line.
_BULLETS = "-–—•·*‣⁃∙●○◦■□▪▫►▶➢➤→>|"
_LEADING_BULLETS = re.compile(f"^(?:[{re.escape(_BULLETS)}]+ ?)+")


def reference_fold_letters(text: str) -> str:
    """Apply only the letter folding (diacritics, tatweel, variants): safe on patterns."""
    return text.translate(_LETTER_TABLE)


def reference_fold(line: str) -> str:
    """Return the folded view of ``line`` (NFKC, case, Arabic letters, bullets, spaces)."""
    # str.translate costs ~60 ns a character on non-ASCII text; a search for the rare
    # characters plus str.replace for the few variants present costs a third of that.
    if line.isascii():
        folded = line.lower()
        if "  " in folded or not folded.isprintable():
            folded = " ".join(folded.split())
    else:
        folded = unicodedata.normalize("NFKC", line).casefold()
        if "ـ" in folded:  # a tatweel standing alone is a dash ("محمد ـ جدة"), not a stretch
            folded = _LONE_TATWEEL.sub("-", folded)
        if _MARKS.search(folded):
            folded = _MARKS.sub("", folded)
        for variant, letter in _VARIANT_PAIRS:
            if variant in folded:
                folded = folded.replace(variant, letter)
        if "\u0307" in folded:  # Turkish "İ" folds to "i" and a dot above: "GİRİŞ" is "giriş"
            folded = folded.replace("i\u0307", "i")
        # Every whitespace but the space is unprintable; isprintable() is a fast C loop.
        if "  " in folded or not folded.isprintable():
            folded = " ".join(folded.split())
    folded = folded.strip()
    if folded and folded[0] in _BULLETS:
        folded = _LEADING_BULLETS.sub("", folded)
    return folded


_VARIANT_PAIRS = tuple(_VARIANTS.items())
