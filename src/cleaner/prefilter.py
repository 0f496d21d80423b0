"""Literal prefilters: skip a rule's regex on lines that cannot match it.

Most pattern rules need some literal text to match: ``(?:copyright ?)?© ?\\d{4}`` needs
``©``; ``lire aussi|a lire aussi`` needs ``lire aussi``. :func:`required_literals` reads
that off a pattern's syntax tree: a set of strings one of which occurs in every line
the pattern matches (or ``None`` when no such set is known, for example for ``.*``
or syntax only the ``regex`` module knows). A :class:`LiteralIndex` holds the literals
of every pattern of every rule in one Aho-Corasick automaton, so one pass over a folded
line tells which patterns can possibly match it; only those regexes run.

>>> sorted(required_literals(r"(?:read|see) more:? .*"))
[' more']
>>> required_literals(r"[\\p{P}\\p{S}]*") is None
True
>>> sorted(required_literals(r"(?=.*(?:19|20)[0-9]{2}).{4,40}"))
['19', '20']
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import ahocorasick

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
else:  # Python 3.10
    import sre_constants
    import sre_parse

__all__ = ["LiteralIndex", "bits", "required_literals", "union_literals"]

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
    """
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


class LiteralIndex:
    """Automata over the literals of many patterns; which may match a line.

    Pattern numbers are bits of an int: set operations on small ints are the cheapest
    thing Python does, and the automaton's values are ORed straight into the answer.

    An automaton looks each character up among the first characters of its literals
    one by one, so literals in twenty alphabets make every character cost twenty
    times what one alphabet costs. A line of ASCII (which Python knows without
    reading it) is searched by an automaton of the ASCII literals only; with
    ``by_script``, any other line by one automaton per script of the literals' first
    characters (Latin, Greek and Cyrillic, Hebrew, Arabic, the rest) that it holds
    one of, found by a character-class search: worth it for the words of many
    languages searched once a document, not for every line. The answer is the same.

    Literals of one character ("©", "-", a space) are tested with ``in``, not by the
    automata: an automaton reports each occurrence, one Python step each, and a
    punctuation mark occurs many times in every line.

    >>> index = LiteralIndex([frozenset({"©"}), None, frozenset({"lire aussi", "voir"})])
    >>> bits(index.possible("© 2016 afp")), bits(index.possible("à voir"))
    ([0, 1], [1, 2])
    >>> words = LiteralIndex([frozenset({"تعليق"}), frozenset({"commenté"})], by_script=True)
    >>> bits(words.possible("déjà commenté")), bits(words.possible("comment"))
    ([1], [])
    """

    def __init__(self, literal_sets: Sequence[Literals | None], by_script: bool = False):
        self._sets = tuple(literal_sets)
        self._always = sum(1 << n for n, literals in enumerate(literal_sets) if literals is None)
        owners: dict[str, int] = {}
        for number, literals in enumerate(literal_sets):
            for literal in literals or ():
                owners[literal] = owners.get(literal, 0) | 1 << number
        self._chars = tuple((literal, mask) for literal, mask in owners.items()
                            if len(literal) == 1)
        owners = {literal: mask for literal, mask in owners.items() if len(literal) > 1}
        self._ascii = _automaton({k: v for k, v in owners.items() if k.isascii()})
        groups: dict[int, dict[str, int]] = {}
        for literal, mask in owners.items():
            groups.setdefault(_script(literal[0]) if by_script else 0, {})[literal] = mask
        #: Per script: a search for the first characters of its literals (None: no need
        #: to search), and its automaton; the Latin one apart (see possible).
        gated = len(groups) > 1
        self._latin = _gated(groups.pop(0, {}), gated)
        self._others = [group for group in (_gated(literals, gated) for literals in
                                            groups.values()) if group is not None]

    def possible_among(self, folded_line: str, mask: int) -> int:
        """:meth:`possible`, for the patterns of ``mask`` only: each one's literals are
        looked for with ``in``, cheaper than the automata when they are few and the
        line is long.

        >>> index = LiteralIndex([frozenset({"©"}), None, frozenset({"voir"})])
        >>> bits(index.possible_among("à voir", 0b101)), bits(index.possible_among("x", 0b11))
        ([2], [1])
        """
        found = 0
        for number in bits(mask):
            literals = self._sets[number]
            if literals is None or any(literal in folded_line for literal in literals):
                found |= 1 << number
        return found

    def possible(self, folded_line: str) -> int:
        """A bit mask of the pattern numbers that can match ``folded_line``."""
        found = self._always
        for char, mask in self._chars:
            if char in folded_line:
                found |= mask
        if folded_line.isascii():
            if self._ascii is not None:
                for _end, mask in self._ascii.iter(folded_line):
                    found |= mask
            return found
        automata = [self._latin] if self._latin is not None else []
        # Without a letter of another script only the Latin automaton can match.
        if self._others and _OTHER_SCRIPTS.search(folded_line):
            automata += self._others
        for gate, automaton in automata:
            if gate is None or gate.search(folded_line):
                for _end, mask in automaton.iter(folded_line):
                    found |= mask
        return found


def _gated(literals: dict[str, int], gated: bool) -> tuple[re.Pattern[str] | None,
                                                           ahocorasick.Automaton] | None:
    """The automaton of ``literals`` with, when ``gated``, a search for their first
    characters (None when there are no literals)."""
    automaton = _automaton(literals)
    if automaton is None:
        return None
    firsts = "".join(sorted({literal[0] for literal in literals}))
    return (re.compile(f"[{re.escape(firsts)}]") if gated else None), automaton


def _automaton(literals: dict[str, int]) -> ahocorasick.Automaton | None:
    """An automaton from each literal to its pattern bits (None when there is none)."""
    if not literals:
        return None
    automaton = ahocorasick.Automaton()
    for literal, mask in literals.items():
        automaton.add_word(literal, mask)
    automaton.make_automaton()
    return automaton


#: Where the scripts start whose literals get an automaton of their own.
_SCRIPT_STARTS = (0x0370, 0x0590, 0x0600, 0x0780)
#: A letter of any of them but the first (general punctuation, such as ’ and —, is
#: not one): one search tells a line of Latin script from the others.
_OTHER_SCRIPTS = re.compile("[\u0370-\u1fff\u2c00-\U0010ffff]")


def _script(char: str) -> int:
    """A number for the script of ``char`` (Latin, punctuation and symbols 0, Greek and
    Cyrillic 1, Hebrew 2, Arabic 3, the rest 4); 0 exactly where _OTHER_SCRIPTS does
    not match."""
    code = ord(char)
    return 0 if 0x2000 <= code < 0x2C00 else bisect.bisect_right(_SCRIPT_STARTS, code)


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
