"""Bounded, seeded samples of what a run removed, for the HTML report (``--report``).

While documents are cleaned, :class:`Samples` keeps, per rule, the ``PER_RULE`` edits
with the smallest rank (CRC-32 of the rule, seeded by the document id and line), each with
the lines around it; the ``DOCUMENTS`` changed documents of smallest rank, before and
after; and per-group and per-language tallies. A rank depends only on the edit, never
on the order documents arrive in, so samples merged from any number of workers are
the same as those of one process: merging keeps the smallest ranks of the union.

>>> from cleaner import Edit
>>> one, two = Samples(), Samples()
>>> one.add("a.txt", "Body.\\n&\\n", "Body.\\n", [Edit("x/amp", 2, "drop", "&")], "")
>>> two.add("b.txt", "&\\nText.\\n", "Text.\\n", [Edit("x/amp", 1, "drop", "&")], "")
>>> ab, ba = Samples(), Samples()
>>> ab.merge(one); ab.merge(two); ba.merge(two); ba.merge(one)
>>> ab == ba, [(r.document, r.line) for r in ab.removals["x/amp"]] in (
...     [("a.txt", 2), ("b.txt", 1)], [("b.txt", 1), ("a.txt", 2)])
(True, True)
>>> guess_language("قال الوزير إن المحادثات مستمرة."), guess_language("Body text.")
('Arabic', 'Latin')
"""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..engine.document import Edit

__all__ = ["DOCUMENTS", "PER_RULE", "SEED", "Removal", "SampledDocument", "Samples",
           "Tally", "cut_line", "guess_language"]

#: The seed of every rank: change it and other edits are sampled.
SEED = 13
#: Edits kept per rule, and documents kept before and after.
PER_RULE = 8
DOCUMENTS = 6
#: Lines shown on each side of a sampled edit; longer lines are cut to ``LINE_CHARS``.
CONTEXT_LINES = 2
LINE_CHARS = 240
#: Lines of a sampled document shown before and after cleaning.
DOCUMENT_LINES = 60
#: Characters of a document's start that :func:`guess_language` looks at.
GUESS_CHARS = 200

def _classes(*scripts: tuple[bytes, tuple[tuple[int, int], ...]]) -> bytes:
    """A ``bytes.translate`` table mapping each byte to its script's letter (else ``.``)."""
    table = bytearray(b"." * 256)
    for letter, ranges in scripts:
        for low, high in ranges:
            table[low:high + 1] = letter * (high + 1 - low)
    return bytes(table)


# Scripts told apart by the bytes that start their characters in UTF-8: one
# ``translate`` in C, then a count per script, instead of a loop over characters.
_CLASSES = _classes(
    (b"a", ((0xD8, 0xDB), (0xDD, 0xDD))),  # Arabic: U+0600-06FF, U+0740-077F
    (b"h", ((0xD6, 0xD7),)),  # Hebrew: U+0580-05FF
    (b"c", ((0xD0, 0xD3),)),  # Cyrillic: U+0400-04FF
    (b"j", ((0xE3, 0xED),)),  # CJK: U+3000-DFFF, kana, ideographs, Hangul
    (b"l", ((0x41, 0x5A), (0x61, 0x7A), (0xC3, 0xC9))),  # Latin: A-Z a-z, U+00C0-024F
)
_SCRIPTS = ((b"a", "Arabic"), (b"h", "Hebrew"), (b"c", "Cyrillic"), (b"j", "CJK"),
            (b"l", "Latin"))
# Letters Persian writes and Arabic does not: ی ک گ (the most frequent of them)
_PERSIAN = tuple(letter.encode() for letter in "\u06cc\u06a9\u06af")


def guess_language(text: str) -> str:
    """The script most letters of ``text``'s start are written in (a cheap language guess).

    Persian is Arabic script with at least two of the letters Arabic lacks (ی ک گ).

    >>> guess_language("این یک متن فارسی است که گفتگو می‌کند"), guess_language("שלום עולם")
    ('Persian', 'Hebrew')
    >>> guess_language("12 345"), guess_language("Привет, мир"), guess_language("東京の天気")
    ('other', 'Cyrillic', 'CJK')
    """
    head = text[:GUESS_CHARS].encode("utf-8", "surrogatepass")
    best, best_count = "other", 0
    classes = head.translate(_CLASSES)
    for letter, name in _SCRIPTS:
        count = classes.count(letter)
        if count > best_count:
            best, best_count = name, count
    if best == "Arabic" and sum(head.count(letter) for letter in _PERSIAN) >= 2:
        return "Persian"
    return best


class Removal(NamedTuple):
    """One sampled edit: where it was, the line before and after, the lines around it.

    Removals sort by ``rank`` first: the sample is the smallest ones.
    """

    rank: int
    document: str
    line: int
    rule_id: str
    action: str
    before: str
    after: str | None
    context_before: tuple[str, ...]
    context_after: tuple[str, ...]
    group: str
    language: str

    @property
    def removed(self) -> str:
        """The text the edit took out (see :attr:`cleaner.engine.document.Edit.removed`)."""
        return Edit(self.rule_id, self.line, self.action, self.before, self.after).removed


class SampledDocument(NamedTuple):
    """A changed document before and after (its first ``DOCUMENT_LINES`` lines).

    ``marks`` are ``(line, action, rule_id, removed)`` of the edits on those lines.
    """

    rank: int
    document: str
    group: str
    language: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    marks: tuple[tuple[int, str, str, str], ...]
    more_lines: int


@dataclass
class Tally:
    """Documents, changed documents, characters in and out, of a group or a language."""

    documents: int = 0
    changed: int = 0
    chars_in: int = 0
    chars_out: int = 0

    def count(self, changed: bool, chars_in: int, chars_out: int) -> None:
        """Count one document of ``chars_in`` characters, ``chars_out`` after cleaning."""
        self.documents += 1
        self.changed += changed
        self.chars_in += chars_in
        self.chars_out += chars_out

    def add(self, other: Tally) -> None:
        """Add the counts of ``other``."""
        self.documents += other.documents
        self.changed += other.changed
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out


@dataclass
class Samples:
    """What the report shows besides the per-rule counts of :class:`~cleaner.Stats`."""

    per_rule: int = PER_RULE
    documents_kept: int = DOCUMENTS
    seed: int = SEED
    removals: dict[str, list[Removal]] = field(default_factory=dict)
    documents: list[SampledDocument] = field(default_factory=list)
    groups: dict[str, Tally] = field(default_factory=dict)
    languages: dict[str, Tally] = field(default_factory=dict)
    held: int = 0
    chars_in: int = 0
    chars_out: int = 0

    def add(self, name: str, text: str, cleaned: str, edits: Sequence[Edit],
            group: str) -> None:
        """Sample one cleaned document ``name`` (``edits`` as ``Cleaner.explain`` gives)."""
        language = guess_language(text)
        changed = cleaned != text
        for tallies, key in ((self.groups, group), (self.languages, language)):
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = Tally()
            tally.count(changed, len(text), len(cleaned))
        self.chars_in += len(text)
        self.chars_out += len(cleaned)
        if not edits:
            return
        held = edits[-1].action == "hold"
        self.held += held
        lines: list[str] | None = None
        document_rank = zlib.crc32(name.encode(), self.seed)
        removals, per_rule = self.removals, self.per_rule
        for edit in edits[-1:] if held else edits:
            if edit.action == "timeout":
                continue
            rank = zlib.crc32(edit.rule_id.encode(), document_rank ^ edit.line)
            kept = removals.get(edit.rule_id)
            if kept is None:
                kept = removals[edit.rule_id] = []
            elif len(kept) >= per_rule and rank >= kept[-1].rank:
                continue
            if lines is None:
                lines = _lines(text)
            self._keep(kept, _removal(rank, name, edit, lines, group, language))
        if changed:
            rank = document_rank
            if len(self.documents) < self.documents_kept or rank < self.documents[-1].rank:
                self._keep_document(_document(rank, name, lines or _lines(text),
                                              _lines(cleaned), edits, group, language))

    def merge(self, other: Samples) -> None:
        """Add the samples of other documents: the result does not depend on the order."""
        for rule_id, theirs in other.removals.items():
            kept = self.removals.setdefault(rule_id, [])
            for removal in theirs:
                self._keep(kept, removal)
        for document in other.documents:
            self._keep_document(document)
        for tallies, more in ((self.groups, other.groups), (self.languages, other.languages)):
            for key, tally in more.items():
                tallies.setdefault(key, Tally()).add(tally)
        self.held += other.held
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out

    def _keep(self, kept: list[Removal], removal: Removal) -> None:
        position = bisect.bisect_left(kept, removal)
        if position < len(kept) and kept[position] == removal:
            return
        kept.insert(position, removal)
        del kept[self.per_rule:]

    def _keep_document(self, document: SampledDocument) -> None:
        position = bisect.bisect_left(self.documents, document)
        if position < len(self.documents) and self.documents[position] == document:
            return
        self.documents.insert(position, document)
        del self.documents[self.documents_kept:]


def _lines(text: str) -> list[str]:
    """Lines as :class:`~cleaner.engine.document.Document` numbers them (universal newlines)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def cut_line(line: str, limit: int = LINE_CHARS) -> str:
    """``line``, cut to ``limit`` characters (the last one an ellipsis) if longer."""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _removal(rank: int, name: str, edit: Edit, lines: list[str], group: str,
             language: str) -> Removal:
    index = edit.line - 1
    return Removal(
        rank, name, edit.line, edit.rule_id, edit.action, cut_line(edit.before, 2 * LINE_CHARS),
        None if edit.after is None else cut_line(edit.after, 2 * LINE_CHARS),
        tuple(cut_line(line) for line in lines[max(0, index - CONTEXT_LINES):max(0, index)]),
        tuple(cut_line(line) for line in lines[index + 1:index + 1 + CONTEXT_LINES]),
        group, language)


def _document(rank: int, name: str, before: list[str], after: list[str],
              edits: Sequence[Edit], group: str, language: str) -> SampledDocument:
    marks = tuple((edit.line, edit.action, edit.rule_id, cut_line(edit.removed))
                  for edit in edits
                  if edit.line <= DOCUMENT_LINES and edit.action not in ("timeout", "hold"))
    return SampledDocument(
        rank, name, group, language, tuple(cut_line(line) for line in before[:DOCUMENT_LINES]),
        tuple(cut_line(line) for line in after[:DOCUMENT_LINES]), marks,
        max(0, len(before) - DOCUMENT_LINES))
