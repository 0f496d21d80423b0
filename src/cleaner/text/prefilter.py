"""Literal prefilters: skip a rule's regex on lines that cannot match it.

Most pattern rules need some literal text to match: ``(?:copyright ?)?© ?\\d{4}`` needs
``©``; ``lire aussi|a lire aussi`` needs ``lire aussi``. :func:`required_literals` reads
that off a pattern's syntax tree: a set of strings one of which occurs in every line
the pattern matches (or ``None`` when no such set is known, for example for ``.*``
or syntax only the ``regex`` module knows). A :class:`LiteralIndex` (compiled, see
:func:`literal_index`) holds the literals of every pattern of every rule in one
Aho-Corasick automaton, so one pass over a folded line tells which patterns can
possibly match it; only those regexes run.

>>> sorted(required_literals(r"(?:read|see) more:? .*"))
[' more']
>>> required_literals(r"[\\p{P}\\p{S}]*") is None
True
>>> sorted(required_literals(r"(?=.*(?:19|20)[0-9]{2}).{4,40}"))
['19', '20']
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._core import LiteralIndex
from ..usercache import cache_folder
from .literalcache import LiteralCache

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
else:  # Python 3.10
    import sre_constants
    import sre_parse

__all__ = ["LiteralIndex", "PatternSlice", "bits", "literal_index", "required_literals",
           "save_literals", "union_literals"]

Literals = frozenset[str]

_LITERAL = sre_constants.LITERAL
_SUBPATTERN = sre_constants.SUBPATTERN
_BRANCH = sre_constants.BRANCH
_IN = sre_constants.IN
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_POSSESSIVE = getattr(sre_constants, "POSSESSIVE_REPEAT", None)
_ATOMIC = getattr(sre_constants, "ATOMIC_GROUP", None)
_ASSERT = sre_constants.ASSERT
_RANGE = sre_constants.RANGE
_MAX_CLASS = 16


@functools.lru_cache(maxsize=8192)
def required_literals(pattern: str, *, casefold: bool = True) -> Literals | None:
    """Strings of which every match of ``pattern`` contains one, or None.

    With ``casefold`` (for patterns matched case-insensitively on folded lines) the
    strings are casefolded; without it, patterns with inline flags get no literals.
    Read from the user's cache folder when an earlier run found them (see
    :mod:`cleaner.text.literalcache`; :func:`save_literals` keeps new ones there).
    """
    cache = _literal_cache()
    try:
        return cache.get(pattern, casefold)
    except KeyError:
        found = _parsed_literals(pattern, casefold)
        cache.put(pattern, casefold, found)
        return found


def save_literals() -> None:
    """Save the literal sets this process read, for the next run to find."""
    _literal_cache().save()


@functools.cache
def _literal_cache() -> LiteralCache:
    """The cache of this version of the code: the literals a pattern gets depend on this
    module and on Python's own pattern parser."""
    try:
        source = Path(__file__).read_bytes()
    except OSError:  # no source to read (a frozen build): cache by Python's version only
        source = b""
    stamp = hashlib.blake2b(source + sys.version.encode(), digest_size=8).hexdigest()
    return LiteralCache(cache_folder() / f"literals-{stamp}.json")


def _parsed_literals(pattern: str, casefold: bool) -> Literals | None:
    """:func:`required_literals`, read off the pattern's syntax tree."""
    try:
        tree: Any = sre_parse.parse(pattern)
    except Exception:  # syntax only the regex module knows: no prefilter, always run
        return None
    if not casefold and _ignores_case(tree):
        return None
    found = _sequence(list(tree))
    if not found or any(not literal for literal in found):
        return None
    return frozenset(literal.casefold() if casefold else literal for literal in found)


def _ignores_case(tree: Any) -> bool:
    """True when any part of the parsed pattern matches case-insensitively."""
    if tree.state.flags & sre_constants.SRE_FLAG_IGNORECASE:
        return True
    stack = [list(tree)]
    while stack:
        for op, argument in stack.pop():
            if op is _SUBPATTERN:
                if argument[1] & sre_constants.SRE_FLAG_IGNORECASE:
                    return True
                stack.append(list(argument[-1]))
            elif op is _BRANCH:
                stack.extend(list(alternative) for alternative in argument[1])
            elif op in _REPEATS or op is _POSSESSIVE:
                stack.append(list(argument[2]))
    return False


def union_literals(sets: Iterable[Literals | None]) -> Literals | None:
    """The literals of an alternation of patterns: None if any of them has none."""
    result: set[str] = set()
    for literals in sets:
        if literals is None:
            return None
        result |= literals
    return frozenset(result)


def _score(literals: Literals | None) -> tuple[int, int]:
    if not literals:
        return (-1, 0)
    return (min(len(s) for s in literals), -len(literals))


def _sequence(items: list[Any]) -> Literals | None:
    """The best requirement of a sequence: a run of literals or one element's set."""
    best: Literals | None = None
    run: list[str] = []

    def consider(candidate: Literals | None) -> None:
        nonlocal best
        if _score(candidate) > _score(best):
            best = candidate

    for op, argument in items:
        if op is _LITERAL:
            run.append(chr(argument))
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if op is _IN:
            consider(_charset(argument))
        else:
            consider(_element(op, argument))
    if run:
        consider(frozenset(["".join(run)]))
    return best


def _charset(items: Iterable[tuple[Any, Any]]) -> Literals | None:
    """A small character class (``[0-9]``, ``[©®]``) as the set of its characters."""
    chars: set[str] = set()
    for op, value in items:
        if op is _LITERAL:
            chars.add(chr(value))
        elif op is _RANGE and value[1] - value[0] < _MAX_CLASS:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        else:  # negated classes, categories (\d, \w), wide ranges: no requirement
            return None
        if len(chars) > _MAX_CLASS:
            return None
    return frozenset(chars) or None


def _element(op: Any, argument: Any) -> Literals | None:
    if op is _SUBPATTERN:
        return _sequence(list(argument[-1]))
    if op is _ATOMIC:
        return _sequence(list(argument))
    if op is _BRANCH:
        alternatives = [_sequence(list(alternative)) for alternative in argument[1]]
        return union_literals(alternatives)
    if op in _REPEATS or op is _POSSESSIVE:
        low, _high, body = argument
        return _sequence(list(body)) if low >= 1 else None
    if op is _ASSERT:
        # A positive look-around must find its content in the line too.
        return _sequence(list(argument[1]))
    return None


def literal_index(literal_sets: Sequence[Literals | None], max_chars: int = sys.maxsize,
                  limits: Sequence[int] | None = None) -> LiteralIndex:
    """The compiled index of the literals of many patterns (pattern ``n`` needs one of
    ``literal_sets[n]``, or None: any line may match it): which patterns may match a
    folded line, as the bits of an int. With ``limits`` (the longest line, in
    characters, the rule of pattern ``n`` takes), only the patterns whose rules take a
    line that long: a long line is searched for the literals of those few rules only.

    Its ``scan`` folds and prefilters every line of a document up to ``max_chars`` long
    in one call into the core (see :meth:`cleaner.engine.document.Document.possible`); one
    Aho-Corasick pass over a folded line finds the literals of every script at once.

    >>> index = literal_index([frozenset({"©"}), None, frozenset({"lire aussi", "voir"})])
    >>> bits(index.possible("© 2016 afp")), bits(index.possible("à voir"))
    ([0, 1], [1, 2])
    >>> words = literal_index([frozenset({"تعليق"}), frozenset({"commenté"})])
    >>> bits(words.possible("déjà commenté")), bits(words.possible("comment"))
    ([1], [])
    >>> short = literal_index([frozenset({"voir"}), None], limits=[10, 300])
    >>> bits(short.possible("à voir", 6)), bits(short.possible("à voir", 20))
    ([0, 1], [1])
    """
    return LiteralIndex([None if literals is None else sorted(literals)
                         for literals in literal_sets], max_chars,
                        None if limits is None else list(limits))


@dataclass(frozen=True)
class PatternSlice:
    """Where one rule's patterns are in a plan's :class:`LiteralIndex`: the number of
    its first pattern, and the bits of all of them. A plan hands each rule that asks the
    prefilter its slice (see :meth:`cleaner.engine.document.Document.patterns_possible`).

    >>> part = PatternSlice.of(first=2, count=2)
    >>> part.mask == 0b1100, part.patterns(0b0110)
    (True, [0])
    """

    first: int
    mask: int

    @classmethod
    def of(cls, first: int, count: int) -> PatternSlice:
        """The slice of ``count`` patterns numbered from ``first``."""
        return cls(first, ((1 << count) - 1) << first)

    def patterns(self, possible: int) -> list[int]:
        """The rule's own pattern numbers (0: its first) among the bits ``possible``."""
        return bits((possible & self.mask) >> self.first)


def bits(mask: int) -> list[int]:
    """The numbers of the set bits of ``mask``, lowest first.

    >>> bits(0b10110)
    [1, 2, 4]
    """
    numbers = []
    while mask:
        low = mask & -mask
        numbers.append(low.bit_length() - 1)
        mask ^= low
    return numbers
