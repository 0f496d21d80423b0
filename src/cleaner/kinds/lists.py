"""The ``list`` kind: a cue line and the list of short lines under it, at an edge.

Related-story widgets and menus reach scraped text as a cue ("Editors'
Recommendations:", "À lire aussi :", "45 خبر") and a list of headlines or section names
under it. The headlines alone look like any headline, so a list rule takes them only
under their cue, and only at an edge:

* ``where: tail``: the cue and its items end the document (every line with text after
  the cue is an item, at most ``max_items`` of them). A cue that an earlier rule
  already removed (a line rule takes "À lire aussi" alone) still heads its items: the
  document's edits keep the removed line, and the items go if it reads as the cue.
  With ``leads``, a line that is no item (a sentence, a longer line) may stand right
  under an item: a story's lead under its headline. The list is then taken only if it
  holds ``leads`` or more lines of ``lead_chars`` characters or more right under an
  item, so a closing paragraph under the cue, or under a lone headline, keeps it all;
* ``where: head``: the cue is the first line with text; the items run to the first line
  that is not one. A title is as short as a menu item, so a head list needs ``items``
  patterns or ``twice``: a menu that the page carries twice (the bar and the drawer)
  has every item at least twice, and the list ends before the title, which it has once.
"""

from __future__ import annotations

from collections import Counter

from ..engine.document import Change, Document
from ..ruleset.spec import RuleSpec
from ..text.patterns import FoldedPatterns
from .base import Field, Kind, patterns_option

__all__ = ["ListRule"]


class ListRule(Kind):
    """Drop a cue line and the list of short lines under it, at the head or the tail.

    >>> from cleaner import RuleSpec
    >>> spec = RuleSpec("x/more", "list", "Related list.",
    ...                 options={"cue": "read more:", "where": "tail"})
    >>> text = "Title\\nText.\\nRead more:\\nOne headline\\n\\nAnother headline\\n"
    >>> ListRule(spec).find(Document.from_text(text))
    [(2, None), (3, None), (5, None)]
    """

    name = "list"
    fields = {
        "cue": Field("patterns", help="a pattern or list; the cue line's folded text must "
                     "match one entirely"),
        "where": Field("choice", "tail", choices=("head", "tail"), help="tail: the cue and "
                       "its items end the document; head: the cue is the first line with "
                       "text and the items run to the first line that is not one"),
        "items": Field("patterns", None, help="a pattern or list; each item's folded text "
                       "must match one entirely (default: any line up to `max_chars`)"),
        "twice": Field("bool", False, help="every item's text occurs at least twice in the "
                       "list (a menu the page carries twice); the list ends before the "
                       "first line that breaks this"),
        "min_items": Field("int", 1, minimum=1, help="fewest items under the cue"),
        "max_items": Field("int", 8, minimum=1, help="most items under the cue: a longer "
                           "run is not a list of links"),
        "max_chars": Field("int", 200, minimum=1, help="a longer line (original characters) "
                           "is neither a cue nor an item"),
        "leads": Field("int", 0, minimum=0, help="with `where: tail`, a line that is no item "
                       "(up to twice `max_chars`) may stand right under an item, as a story's "
                       "lead under its headline, when the list holds at least this many lines "
                       "of `lead_chars` or more right under an item; 0: never"),
        "lead_chars": Field("int", 100, minimum=1, help="a line right under an item at least "
                            "this long (original characters) counts as a lead (see `leads`)"),
    }

    def __init__(self, spec: RuleSpec) -> None:
        super().__init__(spec)
        self.cue = FoldedPatterns(patterns_option(self.options["cue"]), self.timeout)
        items = patterns_option(self.options["items"])
        self.items = FoldedPatterns(items, self.timeout) if items else None
        self.max_chars: int = self.options["max_chars"]

    def find(self, doc: Document) -> list[Change]:
        nonblank = doc.nonblank()
        if self.options["where"] == "tail":
            found = self._tail(doc, nonblank)
        else:
            found = self._head(doc, nonblank)
        return [(index, None) for index in found]

    def _tail(self, doc: Document, nonblank: list[int]) -> list[int]:
        """The cue and every line after it, when all of those are items (or, with
        ``leads``, leads right under items)."""
        items: list[int] = []
        under: int | None = None  # the line just taken as a lead, waiting for its item
        loose = False  # whether a line that is no item was taken as a lead
        leads = 0
        for index in reversed(nonblank):
            if len(items) >= self.options["min_items"]:
                cue = self.fits(doc, index, self.cue)
                if cue or (doc.edits and self.dropped_above(doc, index, items[-1], self.cue)):
                    if under is not None or (loose and leads < self.options["leads"]):
                        return []
                    return [index, *reversed(items)] if cue else list(reversed(items))
            if len(items) == self.options["max_items"]:
                return []
            if self._is_item(doc, index):
                if items and (under is not None
                              or len(doc.lines[items[-1]]) >= self.options["lead_chars"]):
                    leads += 1
                under = None
            elif (self.options["leads"] and under is None
                  and len(doc.lines[index]) <= 2 * self.max_chars):
                under = index
                loose = True
            else:
                return []
            items.append(index)
        return []

    def _head(self, doc: Document, nonblank: list[int]) -> list[int]:
        """The first line, if a cue, and the items that follow it."""
        if not nonblank or not self.fits(doc, nonblank[0], self.cue):
            return []
        items: list[int] = []
        for index in nonblank[1:self.options["max_items"] + 1]:
            if not self._is_item(doc, index):
                break
            items.append(index)
        if self.options["twice"]:
            items = _doubled_prefix(doc, items)
        if len(items) < self.options["min_items"]:
            return []
        return [nonblank[0], *items]

    def _is_item(self, doc: Document, index: int) -> bool:
        if len(doc.lines[index]) > self.max_chars:
            return False
        return self.items is None or self.fits(doc, index, self.items)


def _doubled_prefix(doc: Document, items: list[int]) -> list[int]:
    """The longest leading part of ``items`` in which every line's folded text occurs
    at least twice."""
    for end in range(len(items), 0, -1):
        counts = Counter(doc.folded(index) for index in items[:end])
        if min(counts.values()) >= 2:
            return items[:end]
    return []
