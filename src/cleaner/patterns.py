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
    ``timeout`` (seconds, or None) bounds each match: the ``regex`` module's timer costs
    about 2 µs a call, five times a typical match, so built-in patterns, which the test
    suite checks against backtracking, run without it and rule files of users with it.
    """

    __slots__ = ("_fullmatch", "_search", "patterns")

    def __init__(self, patterns: Sequence[str], timeout: float | None = MATCH_TIMEOUT):
        self.patterns = tuple(compile_folded(pattern) for pattern in patterns)
        if timeout is None:
            self._fullmatch = tuple(p.fullmatch for p in self.patterns)
            self._search = tuple(p.search for p in self.patterns)
        else:
            self._fullmatch = tuple(functools.partial(p.fullmatch, timeout=timeout)
                                    for p in self.patterns)
            self._search = tuple(functools.partial(p.search, timeout=timeout)
                                 for p in self.patterns)

    def fullmatch(self, folded: str, only: Sequence[int] | None = None) -> bool:
        """True when one pattern (of those at positions ``only``, if given) matches all
        of ``folded``; may raise TimeoutError."""
        if only is None:
            return any(match(folded) is not None for match in self._fullmatch)
        return any(self._fullmatch[position](folded) is not None for position in only)

    def search(self, folded: str) -> bool:
        """True when one pattern is found in ``folded`` (may raise TimeoutError)."""
        return any(search(folded) is not None for search in self._search)
