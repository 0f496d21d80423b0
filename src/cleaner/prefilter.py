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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import ahocorasick

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

__all__ = ["LiteralIndex", "required_literals", "union_literals"]

Literals = frozenset[str]

_LITERAL = sre_constants.LITERAL
_SUBPATTERN = sre_constants.SUBPATTERN
_BRANCH = sre_constants.BRANCH
_IN = sre_constants.IN
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_POSSESSIVE = getattr(sre_constants, "POSSESSIVE_REPEAT", None)
_ATOMIC = getattr(sre_constants, "ATOMIC_GROUP", None)
_AT = sre_constants.AT


def required_literals(pattern: str, *, casefold: bool = True) -> Literals | None:
    """Strings of which every match of ``pattern`` contains one, or None.

    With ``casefold`` (for patterns matched case-insensitively on folded lines) the
    strings are casefolded; without it, patterns with inline flags get no literals.
    """
    try:
        tree = sre_parse.parse(pattern)
    except Exception:  # syntax only the regex module knows: no prefilter, always run
        return None
    if not casefold and _ignores_case(tree):
        return None
    found = _sequence(list(tree))
    if not found or any(not literal for literal in found):
        return None
    return frozenset(literal.casefold() if casefold else literal for literal in found)


def _ignores_case(tree) -> bool:
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


def _sequence(items: list) -> Literals | None:
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
        if op is _IN and len(argument) == 1 and argument[0][0] is _LITERAL:
            consider(frozenset([chr(argument[0][1])]))
        else:
            consider(_element(op, argument))
    if run:
        consider(frozenset(["".join(run)]))
    return best


def _element(op, argument) -> Literals | None:
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
    if op is _AT:
        return None
    return None


class LiteralIndex:
    """One automaton over the literals of many rules; which rules may match a line.

    >>> index = LiteralIndex([frozenset({"©"}), None, frozenset({"lire aussi", "voir"})])
    >>> sorted(index.possible("© 2016 afp"))
    [0, 1]
    """

    def __init__(self, literal_sets: Sequence[Literals | None]):
        self._always = frozenset(i for i, s in enumerate(literal_sets) if s is None)
        self._automaton = ahocorasick.Automaton()
        owners: dict[str, set[int]] = {}
        for number, literals in enumerate(literal_sets):
            for literal in literals or ():
                owners.setdefault(literal, set()).add(number)
        for literal, numbers in owners.items():
            self._automaton.add_word(literal, frozenset(numbers))
        self._empty = not owners
        if not self._empty:
            self._automaton.make_automaton()

    def possible(self, folded_line: str) -> frozenset[int]:
        """Numbers of the literal sets that can match ``folded_line``."""
        if self._empty:
            return self._always
        found = set(self._always)
        for _end, numbers in self._automaton.iter(folded_line):
            found |= numbers
        return frozenset(found)
