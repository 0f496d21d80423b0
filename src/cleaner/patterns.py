"""Compiling rule patterns: folded literals, case-insensitive, cached, with a time limit.

A pattern is compiled once per process: validating a rule file compiles it, and the
plan that runs it gets the same compiled object from the cache.

>>> patterns = FoldedPatterns(["الرجاء .*", "please .*"])
>>> patterns.fullmatch("الرجاء معامله الاخرين")
True
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import regex

from .folding import fold_letters

__all__ = ["MATCH_TIMEOUT", "FoldedPatterns", "compile_folded", "compile_plain"]

#: Seconds one pattern may spend on one line before the line is kept and reported.
MATCH_TIMEOUT = 0.5

_FLAGS = regex.IGNORECASE | regex.FULLCASE


@functools.lru_cache(maxsize=8192)
def compile_folded(pattern: str) -> regex.Pattern[str]:
    """A pattern matched on folded lines: its letters folded, case-insensitive."""
    return regex.compile(fold_letters(pattern), _FLAGS)


@functools.lru_cache(maxsize=1024)
def compile_plain(pattern: str) -> regex.Pattern[str]:
    """A pattern matched on original text, with ``^``/``$`` at line ends."""
    return regex.compile(pattern, regex.MULTILINE)


class FoldedPatterns:
    """Several folded patterns; a line matches when one of them matches.

    Separate patterns rather than one alternation: each is compiled (and cached) once,
    and the literal prefilter already keeps the regexes off almost every line.
    """

    __slots__ = ("patterns",)

    def __init__(self, patterns: Sequence[str]):
        self.patterns = tuple(compile_folded(pattern) for pattern in patterns)

    def fullmatch(self, folded: str) -> bool:
        """True when one pattern matches all of ``folded`` (raises TimeoutError)."""
        return any(p.fullmatch(folded, timeout=MATCH_TIMEOUT) is not None
                   for p in self.patterns)

    def search(self, folded: str) -> bool:
        """True when one pattern is found in ``folded`` (raises TimeoutError)."""
        return any(p.search(folded, timeout=MATCH_TIMEOUT) is not None for p in self.patterns)
