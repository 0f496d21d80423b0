"""A document while rules work on it: its lines, where each came from, and the edits.

Rules never change a document directly. A rule *finds* changes, a list of
``(index, new_text)`` pairs where ``new_text`` is ``None`` to drop the line; the
document applies them and records one :class:`Edit` per line changed. That split is
what makes ``--explain``, ``--dry-run`` and statistics free.

>>> doc = Document.from_text("a\\n&\\nb\\n")
>>> doc.apply("demo/amp", "drop", [(1, None)])
>>> doc.text(), [e.line for e in doc.edits]
('a\\nb\\n', [2])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..text.folding import fold
from ..text.patterns import TimeBudget
from ..text.prefilter import LiteralIndex, PatternSlice

__all__ = ["Change", "Document", "Edit", "split_lines"]

Change = tuple[int, "str | None"]


def split_lines(text: str) -> list[str]:
    """``text`` cut at its line breaks (``\\r\\n``, ``\\r`` or ``\\n``), as documents read it.

    >>> split_lines("a\\r\\nb\\rc")
    ['a', 'b', 'c']
    """
    return _newlines(text).split("\n")


def _newlines(text: str) -> str:
    """``text`` with universal newlines: ``\\r\\n`` and ``\\r`` become ``\\n``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@dataclass(frozen=True, slots=True)
class Edit:
    """One change to one input line.

    ``line`` is 1-based in the input (after universal newline translation, as Python's
    ``open()`` reads text). ``action`` is ``drop`` (line removed), ``trim`` (spans
    removed from it), ``repair`` (text repaired), ``flag`` (reported only) or ``hold``
    (the whole document was left unchanged by the safety limit). ``after`` is the new
    line, ``None`` for a drop; ``note`` says why, where a rule has more to say (the
    document count behind a corpus rule's removal). A ``timeout`` edit changes nothing:
    a pattern ran out of time on that line, and the line was kept (or, with a note, the
    document's time budget ran out there, and the rule changed nothing in it).
    """

    rule_id: str
    line: int
    action: str
    before: str
    after: str | None = None
    note: str = ""

    @property
    def removed(self) -> str:
        """The text this edit took out (the whole line for a drop)."""
        if self.after is None:
            return self.before
        start = 0
        limit = min(len(self.before), len(self.after))
        while start < limit and self.before[start] == self.after[start]:
            start += 1
        end = 0
        while (
            end < limit - start
            and self.before[len(self.before) - 1 - end] == self.after[len(self.after) - 1 - end]
        ):
            end += 1
        return self.before[start : len(self.before) - end]


class Document:
    """Lines of one document, the input line each came from, and the edits so far."""

    __slots__ = ("_budget", "_folded", "_joined", "_nonblank", "_possible", "context", "edits",
                 "final_newline", "index", "lines", "origin", "reported", "slices", "version")

    def __init__(self, lines: list[str], final_newline: bool, joined: str | None = None,
                 index: LiteralIndex | None = None,
                 slices: Mapping[object, PatternSlice] | None = None):
        self.lines = lines
        self.origin = list(range(len(lines)))
        self.final_newline = final_newline
        self.edits: list[Edit] = []
        self.index = index
        # Each rule's patterns in ``index``, by rule (see :meth:`patterns_possible`).
        self.slices: Mapping[object, PatternSlice] = slices or {}
        self.context: Any = None  # what corpus rules judge by (a CorpusContext)
        self.reported: set[Edit] = set()  # flags and timeouts, each reported once
        # The folded view and possible patterns of each line (None: not known yet),
        # found for the whole document in one call into the core.
        self._folded: list[str | None]
        self._possible: list[int | None]
        if index is not None and lines:
            self._folded, self._possible = index.scan(lines)
        else:
            self._folded = [None] * len(lines)
            self._possible = [None] * len(lines)
        self._joined = joined
        self._nonblank: list[int] | None = None
        self.version = 0  # counts the changes made: rules that run in rounds stop on it
        self._budget: TimeBudget | None = None

    @classmethod
    def from_text(cls, text: str, index: LiteralIndex | None = None,
                  slices: Mapping[object, PatternSlice] | None = None) -> Document:
        """Split ``text`` into lines with universal newlines (``\\r\\n``, ``\\r`` -> ``\\n``).

        ``index`` is the plan's literal prefilter (see :meth:`possible`): with it, the
        lines are folded and prefiltered at once; ``slices`` says which of its patterns
        are each rule's.
        """
        text = _newlines(text)
        if not text:
            return cls([], False, None, index, slices)
        lines = text.split("\n")
        final_newline = lines[-1] == ""
        if final_newline:
            lines.pop()
        return cls(lines, final_newline, text, index, slices)

    def text(self) -> str:
        """The document as text, ending with a newline when it had one."""
        if not self.lines:
            return ""
        body = "\n".join(self.lines)
        return body + "\n" if self.final_newline else body

    def joined(self) -> str:
        """The text of the lines (perhaps with a final newline): what pre-checks search.

        Computed once per version of the document, so several rules that first ask
        "is there anything for me here at all?" share one string.
        """
        if self._joined is None:
            self._joined = "\n".join(self.lines)
        return self._joined

    def nonblank(self) -> list[int]:
        """Indices of the lines with text, in order (computed once per version)."""
        if self._nonblank is None:
            self._nonblank = [i for i, line in enumerate(self.lines) if line and not line.isspace()]
        return self._nonblank

    def folded(self, index: int) -> str:
        """The folded view of line ``index`` (cached)."""
        value = self._folded[index]
        if value is None:
            value = self._folded[index] = fold(self.lines[index])
        return value

    def possible(self, index: int) -> int | None:
        """Bit mask of the patterns that may match line ``index``, among those whose
        rules take a line that long (None: all may, for a line longer than the index's
        ``max_chars``, which no rule that asks takes).

        Known for every line from the start (see :meth:`from_text`), and found again
        for a line a rule changes; see :mod:`cleaner.text.prefilter`.
        """
        found = self._possible[index]
        if found is None:
            if self.index is None or len(self.lines[index]) > self.index.max_chars:
                return None
            found = self._possible[index] = self.index.possible(self.folded(index),
                                                                len(self.lines[index]))
        return found

    def patterns_possible(self, index: int, rule: object) -> list[int] | None:
        """The patterns of ``rule`` (0: its first) that may match line ``index``, from
        the prefilter (None: any may, as for a document made without a plan).

        >>> Document.from_text("Text.\\n").patterns_possible(0, object()) is None
        True
        """
        possible = self.possible(index)
        if possible is None:
            return None
        return self.slices[rule].patterns(possible)

    @property
    def budget(self) -> TimeBudget:
        """The time the patterns of rule files may still spend on this document."""
        if self._budget is None:
            self._budget = TimeBudget()
        return self._budget

    def note_timeout(self, rule_id: str, index: int, note: str = "") -> None:
        """Record that ``rule_id`` ran out of time on line ``index`` (which is kept)."""
        line = self.lines[index] if self.lines else ""
        origin = self.origin[index] + 1 if self.lines else 1
        edit = Edit(rule_id, origin, "timeout", line, line, note)
        if edit not in self.reported:  # rules that run in rounds meet the same line again
            self.reported.add(edit)
            self.edits.append(edit)

    def apply(self, rule_id: str, action: str, changes: Iterable[Change],
              notes: Mapping[int, str] | None = None) -> None:
        """Record and (unless ``action`` is ``flag``) carry out a rule's changes;
        ``notes`` says why, per line index, where the rule has more to say.

        A new text with line breaks in it (an entity such as ``&#10;`` decoded) becomes
        that many lines, each from the same input line: later rules, and a second run,
        see the same lines.
        """
        self.apply_all([(rule_id, action, changes)], notes or {})

    def apply_all(self, batches: Iterable[tuple[str, str, Iterable[Change]]],
                  notes: Mapping[int, str] | None = None) -> None:
        """Apply several rules' changes, all found on this same version of the document."""
        notes = notes or {}
        dropped: set[int] = set()
        split: dict[int, list[str]] = {}
        for rule_id, action, changes in batches:
            for index, new_text in changes:
                before = self.lines[index]
                if new_text == before:
                    continue
                kind = "drop" if new_text is None else ("trim" if action == "drop" else action)
                edit = Edit(rule_id, self.origin[index] + 1,
                            "flag" if action == "flag" else kind, before, new_text,
                            notes.get(index, ""))
                if action == "flag":
                    if edit not in self.reported:  # edge rules run in rounds: flag once
                        self.reported.add(edit)
                        self.edits.append(edit)
                    continue
                self.edits.append(edit)
                self.version += 1
                if new_text is None:
                    dropped.add(index)
                elif "\n" in new_text or "\r" in new_text:
                    split[index] = split_lines(new_text)
                    self.lines[index] = new_text
                else:
                    self.lines[index] = new_text
                    self._folded[index] = None
                    self._possible[index] = None
                self._joined = None
                self._nonblank = None
        if dropped or split:
            self._rebuild(dropped, split)

    def _rebuild(self, dropped: set[int], split: dict[int, list[str]]) -> None:
        """Remove the ``dropped`` lines and replace each ``split`` line by its pieces."""
        lines: list[str] = []
        origin: list[int] = []
        folded: list[str | None] = []
        possible: list[int | None] = []
        for index, line in enumerate(self.lines):
            if index in dropped:
                continue
            if index in split:
                pieces = split[index]
                lines += pieces
                origin += [self.origin[index]] * len(pieces)
                folded += [None] * len(pieces)
                possible += [None] * len(pieces)
                continue
            lines.append(line)
            origin.append(self.origin[index])
            folded.append(self._folded[index])
            possible.append(self._possible[index])
        self.lines, self.origin, self._folded, self._possible = lines, origin, folded, possible
