r"""Named word lists and regex fragments of a rule file, and the patterns that refer to them.

A rule file may name lists of words under its top-level ``lists`` key; a pattern of
that file writes ``{{name}}`` where one of those words goes. At load time the
reference becomes a non-capturing alternation of the words, escaped (a list holds
words, not patterns) and longest first, so that ``{{months}}`` never stops at
``jun`` when the line says ``june``. Double braces cannot be read as a counted
repeat (``{2,5}``) and no pattern writes them for a literal brace.

A file may also name pieces of pattern under ``fragments`` (a name shape, a date
shape): ``{{name}}`` of a fragment becomes its regex text as written, in a
non-capturing group, so that a pattern longer than a screen line can be written from
named parts (a fragment may name the lists, and the fragments above it). Lists and
fragments share one namespace.

>>> expand(r"\d+ {{months}} \d{4}", {"months": ["june", "jun", "sept."]}).text
'\\d+ (?:sept\\.|june|jun) \\d{4}'
>>> expand("by {{name}}", {}, {"name": "[a-z]+(?: [a-z]+)?"}).text
'by (?:[a-z]+(?: [a-z]+)?)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

__all__ = ["LIST_NAME", "REFERENCE", "Expansion", "alternation", "expand"]

#: What a list may be called: lower case letters, digits and ``_``, a letter first.
LIST_NAME = regex.compile(r"[a-z][a-z0-9_]*")
#: A reference to a list inside a pattern: ``{{name}}`` (not after a backslash).
REFERENCE = regex.compile(r"(?<!\\)\{\{([a-z][a-z0-9_]*)\}\}")


def alternation(words: Sequence[str]) -> str:
    r"""The words as one non-capturing group, escaped, longest first (then in order).

    >>> alternation(["a.b", "ab c"])
    '(?:ab c|a\\.b)'
    """
    ordered = sorted(dict.fromkeys(words), key=lambda word: -len(word))
    escaped = (regex.escape(word, special_only=True, literal_spaces=True) for word in ordered)
    return "(?:" + "|".join(escaped) + ")"


@dataclass(frozen=True)
class Expansion:
    """A pattern with its references replaced: ``used`` names the lists it read,
    ``unknown`` the references to no list (with their offsets in the pattern), and
    ``spans`` where each reference went: (start, end) in ``text``, then (start, end)
    in the pattern as written."""

    text: str
    used: tuple[str, ...] = ()
    unknown: tuple[tuple[str, int], ...] = ()
    spans: tuple[tuple[int, int, int, int], ...] = ()

    def written_offset(self, offset: int) -> int:
        """Where ``offset`` in :attr:`text` lies in the pattern as written (inside an
        expanded reference: the reference's first brace).

        >>> expand("a{{x}}(", {"x": ["bb"]}).written_offset(7)
        6
        """
        shift = 0
        for start, end, written_start, written_end in self.spans:
            if offset < start:
                break
            if offset < end:
                return written_start
            shift += (end - start) - (written_end - written_start)
        return offset - shift


def expand(pattern: str, lists: Mapping[str, Sequence[str]],
           fragments: Mapping[str, str] | None = None) -> Expansion:
    """Replace every ``{{name}}`` of ``pattern`` by its list's alternation, or by its
    fragment in a non-capturing group.

    >>> expand("{{nope}} x", {}).unknown
    (('nope', 0),)
    """
    if "{{" not in pattern:
        return Expansion(pattern)
    parts: list[str] = []
    used: list[str] = []
    unknown: list[tuple[str, int]] = []
    spans: list[tuple[int, int, int, int]] = []
    position = 0
    length = 0
    fragments = fragments or {}
    for found in REFERENCE.finditer(pattern):
        name = found.group(1)
        before = pattern[position:found.start()]
        parts.append(before)
        length += len(before)
        if name in lists or name in fragments:
            replacement = (alternation(lists[name]) if name in lists
                           else "(?:" + fragments[name] + ")")
            if name not in used:
                used.append(name)
        else:
            unknown.append((name, found.start()))
            replacement = found.group(0)
        parts.append(replacement)
        spans.append((length, length + len(replacement), found.start(), found.end()))
        length += len(replacement)
        position = found.end()
    parts.append(pattern[position:])
    return Expansion("".join(parts), tuple(used), tuple(unknown), tuple(spans))
