"""Compiling rule patterns: folded literals, case-insensitive, cached, with a time limit.

A pattern is compiled once per process, when first needed: validating a user's rule
file compiles it (to report a bad one with its line and column), and the plan that
runs it gets the same compiled object from the cache. What the compiler made of it is
kept between runs too (see :mod:`cleaner.text.patterncache`).

>>> patterns = FoldedPatterns(["الرجاء .*", "please .*"])
>>> patterns.fullmatch("الرجاء معامله الاخرين")
True
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from typing import Any

import regex

from ..errors import CleanerError
from .folding import fold_letters
from .patterncache import cached_compile

__all__ = [
    "DOCUMENT_TIMEOUT",
    "MATCH_TIMEOUT",
    "MAX_PATTERN_CHARS",
    "MAX_REPEAT",
    "BudgetSpent",
    "FoldedPatterns",
    "PatternTooComplex",
    "TimeBudget",
    "check_complexity",
    "compile_folded",
    "compile_plain",
]

#: Seconds one pattern may spend on one line before the line is kept and reported.
MATCH_TIMEOUT = 0.5
#: Seconds the patterns of rule files (not the built-in packs) may spend on one
#: document, all rules together: a pattern that takes the line limit on every line of
#: a long document stops after this. Each rule that runs out leaves the document as
#: it found it, and is reported.
DOCUMENT_TIMEOUT = 2.0
#: Longest pattern compiled. Compiling costs time in its length (a 20,000-character
#: literal takes 0.4 s case-insensitive); rule patterns are a line or two.
MAX_PATTERN_CHARS = 5000
#: Most repetitions counted repeats may nest to: ``(?:(?:a{1000}){1000}){1000}`` is
#: expanded by the compiler into a billion items (18 s, then MemoryError).
MAX_REPEAT = 100_000

_FLAGS = regex.IGNORECASE | regex.FULLCASE
_COUNTED = regex.compile(r"\{(\d+)(?:,(\d*))?\}")


class PatternTooComplex(CleanerError, ValueError):
    """A pattern over the limits above; ``pos`` is where in it the problem is."""

    def __init__(self, message: str, pos: int):
        super().__init__(message)
        self.msg = message
        self.pos = pos


def check_complexity(pattern: str) -> None:
    r"""Raise :class:`PatternTooComplex` when ``pattern`` is too long, or its counted
    repeats (``{m}``, ``{m,n}``, ``{m,}``) nest to more than :data:`MAX_REPEAT`
    repetitions, counting each by the larger number written. A cheap scan, before the
    compiler sees the pattern: rule files may come from anyone.

    >>> check_complexity(r"(?:\d{1,4}[-/]){2}\d{2,4}")
    >>> try:
    ...     check_complexity("(?:(?:a{100}){100}){100}")
    ... except PatternTooComplex as error:
    ...     print(error)
    counted repeats nest to 1000000 repetitions (at most 100000)
    """
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternTooComplex(
            f"pattern is {len(pattern)} characters long (at most {MAX_PATTERN_CHARS})",
            MAX_PATTERN_CHARS)
    # Nesting multiplies counted repeats: when all of them multiplied stay within the
    # limit (almost every pattern: most have none), no nesting of them can exceed it.
    bound = 1
    for repeat in _COUNTED.finditer(pattern):
        least, most = repeat.groups()
        bound *= max(1, int(least), int(most or 0))
    if bound <= MAX_REPEAT:
        return
    inside = [1]  # per open group: the most repetitions nested inside it so far
    last = 1  # repetitions of the atom just read (a closed group: those inside it)
    position, in_class = 0, 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            last = 1
            continue
        if in_class:
            if char == "[":
                in_class += 1
            elif char == "]" and pattern[position - 1] not in "[^":
                in_class -= 1
        elif char == "[":
            in_class, last = 1, 1
        elif char == "(":
            inside.append(1)
        elif char == ")" and len(inside) > 1:
            last = inside.pop()
            inside[-1] = max(inside[-1], last)
        elif char == "{" and (counted := _COUNTED.match(pattern, position)):
            low, high = counted.groups()
            last *= max(int(low), int(high or 0))
            if last > MAX_REPEAT:
                raise PatternTooComplex(
                    f"counted repeats nest to {last} repetitions (at most {MAX_REPEAT})",
                    position)
            inside[-1] = max(inside[-1], last)
            position = counted.end()
            continue
        else:
            last = 1
        position += 1


class BudgetSpent(TimeoutError):
    """The time budget of a document is spent; ``index`` is the line it ran out on."""

    index = 0


class TimeBudget:
    """The seconds timed patterns may still spend on one document.

    >>> budget = TimeBudget(1.0)
    >>> budget.call(0.5, compile_plain("b+").search, "abbc").group()
    'bb'
    """

    __slots__ = ("remaining",)

    def __init__(self, seconds: float | None = None):
        self.remaining = DOCUMENT_TIMEOUT if seconds is None else seconds

    def call(self, limit: float, method: Callable[..., Any], *args: Any) -> Any:
        """``method(*args)`` with a timeout of ``limit`` seconds, or less: what is left.

        Raises TimeoutError when the call runs out of its time, :class:`BudgetSpent`
        when the budget runs out (before or during the call).
        """
        if self.remaining <= 0:
            raise BudgetSpent
        start = time.perf_counter()
        try:
            return method(*args, timeout=min(limit, self.remaining))
        except TimeoutError:
            if self.remaining - (time.perf_counter() - start) <= 0:
                raise BudgetSpent from None
            raise
        finally:
            self.remaining -= time.perf_counter() - start


@functools.lru_cache(maxsize=8192)
def compile_folded(pattern: str) -> regex.Pattern[str]:
    """A pattern matched on folded lines: its letters folded, case-insensitive."""
    check_complexity(pattern)
    return cached_compile(fold_letters(pattern), _FLAGS)


@functools.lru_cache(maxsize=1024)
def compile_plain(pattern: str) -> regex.Pattern[str]:
    """A pattern matched on original text, with ``^``/``$`` at line ends."""
    check_complexity(pattern)
    return cached_compile(pattern, regex.MULTILINE)


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

    def fullmatch(self, folded: str, only: Sequence[int] | None = None,
                  budget: TimeBudget | None = None) -> bool:
        """True when one pattern (of those at positions ``only``, if given) matches all
        of ``folded``. Timed patterns spend ``budget`` (a fresh one if None), and may
        raise TimeoutError or :class:`BudgetSpent`."""
        positions = range(len(self.sources)) if only is None else only
        if self.timeout is None:
            return any(self._pattern(p).fullmatch(folded) is not None for p in positions)
        return self._timed("fullmatch", folded, positions, budget or TimeBudget())

    def search(self, folded: str, budget: TimeBudget | None = None) -> bool:
        """True when one pattern is found in ``folded`` (timed as :meth:`fullmatch`)."""
        positions = range(len(self.sources))
        if self.timeout is None:
            return any(self._pattern(p).search(folded) is not None for p in positions)
        return self._timed("search", folded, positions, budget or TimeBudget())

    def _timed(self, method: str, folded: str, positions: Sequence[int],
               budget: TimeBudget) -> bool:
        assert self.timeout is not None
        return any(
            budget.call(self.timeout, getattr(self._pattern(p), method), folded) is not None
            for p in positions
        )
