"""Layout kinds: ``repeat`` (second copies of paragraphs) and ``blank`` (whitespace)."""

from __future__ import annotations

import re
from collections import Counter

from ..engine.document import Change, Document
from .base import Field, Kind

__all__ = ["BlankRule", "RepeatRule"]


class RepeatRule(Kind):
    """Drop a pasted copy: a run of lines that already appeared, as a run, earlier in
    the same document.

    The first copy stays. A repeated line is dropped only with the run it belongs to:
    the repeated lines that follow one another (blank lines between them allowed)
    and whose first copies followed one another in the same order. The run goes
    when it has two lines or more and none is a row of a list or table (a line that
    starts with a bullet or a number, holds a tab or a ``|``, or opens with a short
    ``Label:``), or when one of its lines is a *paragraph*: at least
    ``paragraph_chars`` long and not a row. So a long paragraph pasted again goes even
    alone, and so do the rows pasted with it; rows that recur among
    different neighbours (two models' spec lists sharing "Storage: ..." and
    "Camera: ...") are content and stay. A pasted run carries the short lines beside it
    that equal the lines beside its first copy (a subheading or "Watch:" pasted with
    it). Short lines (subheadings, lone symbols) are never repeats on their own.
    ``compare: exact`` (the default) compares lines with their whitespace runs
    collapsed and their first letter in lower case; ``compare: folded`` compares folded
    views, which also catches copies that differ in case, diacritics or letter variants,
    at about ten times the cost: it folds every long line of every document.

    >>> from cleaner import RuleSpec
    >>> rule = RepeatRule(RuleSpec("x/rep", "repeat", "Repeats.",
    ...                            options={"min_chars": 5, "paragraph_chars": 10}))
    >>> rule.find(Document.from_text("Hello world.\\nOther.\\nHello   world. \\n"))
    [(2, None)]
    >>> rule.find(Document.from_text("Camera: 48 MP\\nA: 1\\nCamera: 48 MP\\nB: 2\\n"))
    []

    ``near`` also takes a lone short copy close under its first one: a title pasted
    again above the picture, a line the page shows twice, also with a short credit
    glued to it ("TITLE©Media365"). A line met three times or more is a column of a
    table or a refrain, and stays; so does a copy with a line between it and its first
    copy that recurs close by (the cells of a table's columns). ``near_chars`` lets
    ``near`` take copies shorter than ``min_chars``, when a paragraph stands within
    ``near`` lines of them (a short line said twice in a poem is a refrain).

    ``pull_quote`` also takes a pull quote: a sentence of the paragraph just above or
    under it, printed again alone on a line. The line (from ``min_chars``, no row) must
    end as a sentence ends and stand word for word in that paragraph where a sentence
    other than its first starts: a title is no sentence, a lede's first sentence printed
    above or under its summary is the article's own start, and a phrase quoted from the
    middle of a sentence stays.

    >>> rule = RepeatRule(RuleSpec("x/rep", "repeat", "Repeats.",
    ...                            options={"min_chars": 5, "paragraph_chars": 20,
    ...                                     "pull_quote": True}))
    >>> rule.find(Document.from_text("It rained. We stayed home.\\nWe stayed home.\\n"))
    [(1, None)]
    >>> rule.find(Document.from_text("It rained. We stayed home.\\nstayed home.\\n"))
    []
    >>> rule.find(Document.from_text("It rained. We stayed home.\\nIt rained.\\n"))
    []
    """

    name = "repeat"
    lossless = True
    fields = {
        "min_chars": Field("int", 40, minimum=1, help="lines shorter than this are never "
                           "treated as repeats (subheadings, `&`)"),
        "paragraph_chars": Field("int", 100, minimum=1,
                                 help="a single repeated line goes only if it is a paragraph: "
                                      "this long and not a list or table row"),
        "min_lines": Field("int", 1, minimum=1, help="shortest run of repeated lines removed"),
        "compare": Field("choice", "exact", choices=("exact", "folded"),
                         help="exact: whitespace runs collapsed, first letter in lower "
                         "case; folded: the folded view"),
        "near": Field("int", 0, minimum=0, help="a single repeated line that is no row also "
                      "goes, however short (from `min_chars`), when its first copy is at "
                      "most this many lines with text above it and the document holds it "
                      "just twice (a title pasted again above its picture, maybe with a "
                      "short credit glued to it); 0: never"),
        "near_chars": Field("int", 0, minimum=0, help="shortest line that `near` takes "
                            "(a short title pasted again); 0: `min_chars`"),
        "pull_quote": Field("bool", False, help="a sentence of the paragraph just above or "
                            "under it, alone on a line (from `min_chars`), also goes: a pull "
                            "quote"),
    }

    #: Removing a copy changes how often the lines around it occur (``near`` counts
    #: them), so the rule runs again until it removes nothing more: cleaning a cleaned
    #: document must change nothing.
    MAX_ROUNDS = 4

    def run(self, doc: Document) -> None:
        for _ in range(self.MAX_ROUNDS):
            version = doc.version
            super().run(doc)
            if doc.version == version:
                break

    def find(self, doc: Document) -> list[Change]:
        min_chars = self.options["min_chars"]
        folded = self.options["compare"] == "folded"
        # key -> rank of its first copy among the long lines
        first: dict[str, int] = {}
        changes: list[Change] = []
        run = _Run(self.options["min_lines"], self.options["paragraph_chars"], doc.lines)
        at_rank: dict[int, int] = {}  # rank of a first copy -> its line
        rank = 0
        for index, line in enumerate(doc.lines):
            if len(line) < min_chars:
                if line.strip():
                    run.close(changes)
                continue
            if folded:
                key = doc.folded(index)
            else:
                key = _collapse(line)
                if key[:1].isupper():  # a pull quote may lower-case a copy's first letter
                    key = key[0].lower() + key[1:]
            if len(key) < min_chars:
                run.close(changes)
                continue
            rank += 1
            if key in first:
                run.add(index, first[key], at_rank[first[key]], changes)
            else:
                first[key] = rank
                at_rank[rank] = index
                run.close(changes)
        run.close(changes)
        if self.options["near"]:
            taken = {index for index, _ in changes}
            changes += [(index, None) for index in self._near_copies(doc) if index not in taken]
            changes.sort()
        if self.options["pull_quote"]:
            taken = {index for index, _ in changes}
            changes += [(index, None) for index in self._pull_quotes(doc) if index not in taken]
            changes.sort()
        return changes

    def _pull_quotes(self, doc: Document) -> list[int]:
        """Lines that are a sentence of the paragraph with text just above or under
        them: from ``min_chars`` long, no row, ending as a sentence ends, and found in
        the paragraph where a sentence other than its first starts."""
        min_chars, paragraph = self.options["min_chars"], self.options["paragraph_chars"]
        nonblank = doc.nonblank()
        texts = [_collapse(doc.lines[index]) for index in nonblank]
        quotes: list[int] = []
        for at, text in enumerate(texts):
            if (len(text) < min_chars or not _SENTENCE_END.search(text)
                    or _ROW.search(doc.lines[nonblank[at]])):
                continue
            for beside in (at - 1, at + 1):
                if not 0 <= beside < len(texts):
                    continue
                other = texts[beside]
                if len(other) >= paragraph and len(other) > len(text) and _sentence_in(text, other):
                    quotes.append(nonblank[at])
                    break
        return quotes

    def _near_copies(self, doc: Document) -> list[int]:
        """Second copies of lines the document holds just twice, at most ``near`` lines
        with text under the first, no line between them met again close by (the cells
        of a table's column recur), and neither copy a row of a list or table unless
        the copies are next to each other (a row is not listed twice in a row). A copy
        may carry a short credit glued to it ("TITLE©Media365", "CAPTION - RMC",
        "OUTLET - TITLE")."""
        near = self.options["near"]
        min_chars = self.options["near_chars"] or self.options["min_chars"]
        folded = self.options["compare"] == "folded"
        nonblank = doc.nonblank()
        keys = [
            (doc.folded(index) if folded else _collapse(doc.lines[index]))
            if len(doc.lines[index]) >= min_chars else ""
            for index in nonblank
        ]
        # A copy holds its first (glued credit or not): most documents have no such
        # pair of lines, and need no counting.
        if not any(first and first in key
                   for at, key in enumerate(keys) if key
                   for first in keys[max(at - near, 0):at]):
            return []
        texts = [_collapse(doc.lines[index]) for index in nonblank]
        counts = Counter(texts)
        copies: list[int] = []
        for second_at, key in enumerate(keys):
            if not key:
                continue
            for first_at in range(max(second_at - near, 0), second_at):
                first = keys[first_at]
                if not first or not _copy_of(key, first):
                    continue
                once = key != first and counts[texts[first_at]] == 1
                twice = key == first and counts[texts[first_at]] == 2
                rows = (_ROW.search(doc.lines[nonblank[first_at]])
                        or _ROW.search(doc.lines[nonblank[second_at]]))
                if ((once or twice) and (second_at - first_at == 1 or not rows)
                        and not _recurs_close(texts, counts, first_at, second_at, near)
                        and (len(key) >= self.options["min_chars"]
                             or self._in_prose(doc, nonblank, first_at, second_at))):
                    copies.append(nonblank[second_at])
                    break
        return copies


    def _in_prose(self, doc: Document, nonblank: list[int], first_at: int,
                  second_at: int) -> bool:
        """A paragraph is within ``near`` lines of the copies: a short copy in an
        article's prose is a pasted title, in a poem or a table it is a refrain or a
        cell."""
        near, paragraph = self.options["near"], self.options["paragraph_chars"]
        low, high = max(first_at - near, 0), min(second_at + near + 1, len(nonblank))
        return any(len(doc.lines[index]) >= paragraph for index in nonblank[low:high])


def _recurs_close(texts: list[str], counts: Counter[str], first_at: int, second_at: int,
                  near: int) -> bool:
    """Some line between positions ``first_at`` and ``second_at`` occurs again within
    ``near`` lines of them: the pair is two cells of a table's column, not a title and
    its copy (a section label that a page repeats far below does not count)."""
    low, high = max(first_at - near, 0), min(second_at + near + 1, len(texts))
    return any(
        counts[texts[at]] > 1 and texts[low:high].count(texts[at]) > 1
        for at in range(first_at + 1, second_at)
    )


def _sentence_in(text: str, paragraph: str) -> bool:
    """``text`` stands in ``paragraph`` where a sentence other than its first starts
    (after a sentence's end and a space)."""
    start = paragraph.find(text, 1)
    while start > 0:
        if _SENTENCE_BREAK.search(paragraph, 0, start):
            return True
        start = paragraph.find(text, start + 1)
    return False


#: A line that ends as a sentence ends; what comes before a sentence's start.
_SENTENCE_END = re.compile(r"[.!?؟…][\"'”’»)]*$")
_SENTENCE_BREAK = re.compile(r"[.!?؟…][\"'”’»)]* $")


def _copy_of(line: str, first: str) -> bool:
    """``line`` is ``first``, or ``first`` with a short credit glued before or after it."""
    if line == first:
        return True
    if line.startswith(first):
        return bool(_GLUED_AFTER.fullmatch(line[len(first):]))
    if line.endswith(first):
        return bool(_GLUED_BEFORE.fullmatch(line[:-len(first)]))
    return False


#: A short credit glued after a copy ("©Media365", " - RMC") or before it ("OUTLET - ").
_GLUED_AFTER = re.compile(r"\s?(?:©|[-–—|] )\s?\S.{0,24}")
_GLUED_BEFORE = re.compile(r"[^.!?؟]{1,25}? [-–—|] ?")


#: A line that is a row of a list or table, not a paragraph: it starts with a bullet or a
#: number, holds a tab or a ``|`` between cells, or opens with a short label and a colon.
_ROW = re.compile(
    r"^\s*(?:[-–—•·▪●◦■□►▶➢✓✔*+]|\(?\d{1,3}[.)\-]\s)"
    r"|[\t|]"
    r"|^\s*[^\s:.!?؟،,;؛]{1,20}(?: [^\s:.!?؟،,;؛]{1,20}){0,2}\s?:"
)


class _Run:
    """The repeated lines that follow one another and whose first copies did too.

    A pasted run carries the short lines pasted with it: the lines with text just above
    and under it (up to ``CARRIED`` each way) that are no paragraph and equal the lines
    just above and under its first copy ("A" / paragraph / "Watch:" pasted again whole).
    """

    CARRIED = 3

    def __init__(self, min_lines: int, paragraph_chars: int, lines: list[str]):
        self.min_lines = min_lines
        self.paragraph_chars = paragraph_chars
        self.lines = lines
        self.indices: list[int] = []
        self.firsts: list[int] = []
        self.last_rank = -1

    def add(self, index: int, first_rank: int, first_index: int,
            changes: list[Change]) -> None:
        """Add a repeat whose first copy has ``first_rank`` (at line ``first_index``); a
        first copy that did not follow the previous one's starts a new run."""
        if first_rank != self.last_rank + 1:
            self.close(changes)
        self.indices.append(index)
        self.firsts.append(first_index)
        self.last_rank = first_rank

    def close(self, changes: list[Change]) -> None:
        indices = self.indices
        if len(indices) >= self.min_lines and self._pasted(indices):
            carried = self._carried(-1) + self._carried(1)
            changes.extend((index, None) for index in sorted(indices + carried))
        indices.clear()
        self.firsts.clear()
        self.last_rank = -1

    def _carried(self, step: int) -> list[int]:
        """The short lines pasted with the run, above it (``step`` -1) or under it (1)."""
        copy, first = ((self.indices[0], self.firsts[0]) if step < 0
                       else (self.indices[-1], self.firsts[-1]))
        # the lines beside the first copy must not reach into the copy, nor the other way
        low, high = ((self.firsts[-1], len(self.lines)) if step < 0
                     else (-1, self.indices[0]))
        carried: list[int] = []
        for _ in range(self.CARRIED):
            next_copy, next_first = self._next_text(copy, step), self._next_text(first, step)
            if (next_copy is None or next_first is None
                    or not low < next_copy < len(self.lines)
                    or not -1 < next_first < high or next_first in self.firsts):
                break
            copy, first = next_copy, next_first
            text = _collapse(self.lines[copy])
            if len(text) >= self.paragraph_chars or text != _collapse(self.lines[first]):
                break
            carried.append(copy)
        return carried

    def _next_text(self, index: int, step: int) -> int | None:
        """The next line with text from ``index`` in direction ``step``."""
        index += step
        while 0 <= index < len(self.lines):
            if self.lines[index].strip():
                return index
            index += step
        return None

    def _pasted(self, indices: list[int]) -> bool:
        """A pasted copy: a run that holds a paragraph, or two lines or more of which
        none is a row of a list or table."""
        rows = [bool(_ROW.search(self.lines[index])) for index in indices]
        if len(indices) >= 2 and not any(rows):
            return True
        return any(
            not row and len(self.lines[index].strip()) >= self.paragraph_chars
            for index, row in zip(indices, rows)
        )


def _collapse(line: str) -> str:
    line = line.strip()
    if "  " in line or "\t" in line:
        return " ".join(line.split())
    return line


class BlankRule(Kind):
    """Trailing spaces, runs of blank lines, blank edges, one final newline.

    A document that separates paragraphs with one blank line keeps that style. In a
    plan, trailing whitespace is stripped earlier too, with the in-line rules (see
    :class:`~cleaner.kinds.spans.InlineScan`), so that trims see each line's end as the
    output will have it.

    >>> from cleaner import RuleSpec
    >>> rule = BlankRule(RuleSpec("x/ws", "blank", "Whitespace."))
    >>> doc = Document.from_text("\\nA  \\n\\n\\n\\nB")
    >>> rule.run(doc); doc.text()
    'A\\n\\nB\\n'
    """

    name = "blank"
    lossless = True
    fields = {
        "trailing": Field("bool", True, help="strip trailing spaces and tabs"),
        "max_blank": Field("int", 1, minimum=0, help="longest run of blank lines kept inside "
                           "the document"),
        "edges": Field("bool", True, help="remove blank lines at the start and end"),
        "final_newline": Field("bool", True, help="a non-empty output ends with exactly one "
                               "newline"),
    }

    @property
    def strips_trailing(self) -> bool:
        return bool(self.options["trailing"]) and self.action != "flag"

    def find(self, doc: Document) -> list[Change]:
        lines = doc.lines
        blank = [not line.strip() for line in lines]
        if False in blank:
            first = blank.index(False)
            last = len(lines) - 1 - blank[::-1].index(False)
        else:
            first, last = len(lines), -1
        edges = self.options["edges"]
        max_blank = self.options["max_blank"]
        changes: list[Change] = []
        run = 0
        for index, line in enumerate(lines):
            if blank[index]:
                run += 1
                inside = first < index < last
                if (inside and run > max_blank) or (not inside and edges):
                    changes.append((index, None))
                    continue
            else:
                run = 0
            if self.options["trailing"] and line and line[-1].isspace():
                changes.append((index, line.rstrip()))
        return changes

    def strip_trailing(self, doc: Document) -> None:
        """Strip the trailing whitespace of the lines with text (blank lines are
        :meth:`find`'s), when ``trailing`` is on."""
        if not self.options["trailing"]:
            return
        changes: list[Change] = [
            (index, line.rstrip())
            for index, line in enumerate(doc.lines)
            if line and line[-1].isspace() and not line.isspace()
        ]
        if changes:
            doc.apply(self.id, self.action, changes)

    def run(self, doc: Document) -> None:
        super().run(doc)
        if self.options["final_newline"] and self.action != "flag" and doc.lines:
            doc.final_newline = True
