"""Compiling rule patterns: folded literals, case-insensitive, cached, with a time limit.

A pattern is compiled once per process, when first needed: validating a user's rule
file compiles it (to report a bad one with its line and column), and the plan that
runs it gets the same compiled object from the cache.

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
    ``timeout`` (seconds, or None) bounds each match: the ``regex`` module's timer costs
    about 2 µs a call, five times a typical match, so built-in patterns, which the test
    suite checks against backtracking, run without it and rule files of users with it.
    """

    __slots__ = ("_compiled", "sources", "timeout")

    def __init__(self, patterns: Sequence[str], timeout: float | None = MATCH_TIMEOUT):
        self.sources = tuple(patterns)
        self.timeout = timeout
        # Compiled on first use: thanks to the prefilter most patterns never run at all.
        self._compiled: list[regex.Pattern[str] | None] = [None] * len(self.sources)

    def _pattern(self, position: int) -> regex.Pattern[str]:
        pattern = self._compiled[position]
        if pattern is None:
            pattern = self._compiled[position] = compile_folded(self.sources[position])
        return pattern

    def fullmatch(self, folded: str, only: Sequence[int] | None = None) -> bool:
        """True when one pattern (of those at positions ``only``, if given) matches all
        of ``folded``; may raise TimeoutError."""
        positions = range(len(self.sources)) if only is None else only
        if self.timeout is None:
            return any(self._pattern(p).fullmatch(folded) is not None for p in positions)
        return any(self._pattern(p).fullmatch(folded, timeout=self.timeout) is not None
                   for p in positions)

    def search(self, folded: str) -> bool:
        """True when one pattern is found in ``folded`` (may raise TimeoutError)."""
        if self.timeout is None:
            return any(self._pattern(p).search(folded) is not None
                       for p in range(len(self.sources)))
        return any(self._pattern(p).search(folded, timeout=self.timeout) is not None
                   for p in range(len(self.sources)))
