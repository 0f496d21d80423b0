"""Compiling rule patterns: folded literals, case-insensitive, with a time limit.

>>> p = compile_folded(["الرجاء .*", "please .*"])
>>> bool(p.fullmatch("الرجاء معامله الاخرين"))
True
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .folding import fold_letters

__all__ = ["MATCH_TIMEOUT", "PatternTimeout", "compile_folded", "compile_plain"]

#: Seconds one pattern may spend on one line before the line is kept and reported.
MATCH_TIMEOUT = 0.5

PatternTimeout = TimeoutError

_FLAGS = regex.IGNORECASE | regex.FULLCASE


def compile_folded(patterns: Sequence[str]) -> regex.Pattern[str]:
    """One alternation of ``patterns``, their letters folded like the lines they match."""
    joined = "|".join(f"(?:{fold_letters(p)})" for p in patterns)
    return regex.compile(joined, _FLAGS)


def compile_plain(pattern: str) -> regex.Pattern[str]:
    """A pattern matched on original text, with ``^``/``$`` at line ends."""
    return regex.compile(pattern, regex.MULTILINE)
