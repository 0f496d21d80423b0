"""Layout kinds: ``repeat`` (second copies of paragraphs) and ``blank`` (whitespace)."""

from __future__ import annotations

from ..document import Change, Document
from .base import Field, Kind

__all__ = ["BlankRule", "RepeatRule"]


class RepeatRule(Kind):
    """Drop lines whose text already appeared earlier in the same document.

    The first copy stays. Short lines (subheadings, lone symbols) are never repeats.
    Blank lines between repeated lines join them into one run for ``min_lines``.
    ``compare: exact`` (the default) compares lines with their whitespace runs
    collapsed; ``compare: folded`` compares folded views, which also catches copies
    that differ in case, diacritics or letter variants, at about ten times the cost:
    it folds every long line of every document.

    >>> from cleaner.spec import RuleSpec
    >>> rule = RepeatRule(RuleSpec("x/rep", "repeat", "Repeats.", options={"min_chars": 5}))
    >>> rule.find(Document.from_text("Hello world.\\nOther.\\nHello   world. \\n"))
    [(2, None)]
    """

    name = "repeat"
    lossless = True
    fields = {
        "min_chars": Field("int", 40, minimum=1, help="lines shorter than this are never "
                           "treated as repeats (subheadings, `&`)"),
        "min_lines": Field("int", 1, minimum=1, help="shortest run of repeated lines removed"),
        "compare": Field("choice", "exact", choices=("exact", "folded"),
                         help="exact: whitespace runs collapsed; folded: the folded view"),
    }

    def find(self, doc: Document) -> list[Change]:
        min_chars = self.options["min_chars"]
        min_lines = self.options["min_lines"]
        folded = self.options["compare"] == "folded"
        seen: set[str] = set()
        changes: list[Change] = []
        run: list[int] = []
        for index, line in enumerate(doc.lines):
            if len(line) < min_chars:
                if line.strip():
                    _close(run, min_lines, changes)
                continue
            key = doc.folded(index) if folded else _collapse(line)
            if len(key) < min_chars:
                _close(run, min_lines, changes)
            elif key in seen:
                run.append(index)
            else:
                seen.add(key)
                _close(run, min_lines, changes)
        _close(run, min_lines, changes)
        return changes


def _collapse(line: str) -> str:
    line = line.strip()
    if "  " in line or "\t" in line:
        return " ".join(line.split())
    return line


def _close(run: list[int], min_lines: int, changes: list[Change]) -> None:
    if len(run) >= min_lines:
        changes.extend((index, None) for index in run)
    run.clear()


class BlankRule(Kind):
    """Trailing spaces, runs of blank lines, blank edges, one final newline.

    A document that separates paragraphs with one blank line keeps that style. In a
    plan, trailing whitespace is stripped earlier too, with the in-line rules (see
    :class:`~cleaner.kinds.spans.InlineScan`), so that trims see each line's end as the
    output will have it.

    >>> from cleaner.spec import RuleSpec
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
