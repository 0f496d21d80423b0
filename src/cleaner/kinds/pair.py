"""The ``pair`` kind: a label alone on a line and the value on the next, dropped together.

Some debris is split over two lines by the page's markup: "By" on one line and the
writer's name on the next, "Photo:" above its credit. Neither line can be judged alone
(a name on a line is often content), so a pair rule drops the two only together: a
line whose folded text matches ``first`` entirely, and the next line with text when it
matches ``then`` entirely. A first line that an earlier rule already dropped (a line
rule takes "By" alone) still counts: the line under it goes if it matches ``then``.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from ..engine.document import Change, Document
from ..ruleset.spec import RuleSpec
from ..text.patterns import FoldedPatterns
from .base import Field, Kind, patterns_option
from .lines import _candidates

__all__ = ["PairRule"]


class PairRule(Kind):
    """Drop a line that matches ``first`` and the next line with text, if it matches ``then``.

    >>> from cleaner import RuleSpec
    >>> spec = RuleSpec("x/by", "pair", "Split byline.",
    ...                 options={"first": "by", "then": "[a-z]+ [a-z]+"})
    >>> PairRule(spec).find(Document.from_text("Title\\nBy\\n\\nJane Doe\\nText.\\n"))
    [(1, None), (3, None)]
    """

    name = "pair"
    fields = {
        "first": Field("patterns", help="a pattern or list; the first line must match one "
                       "entirely"),
        "then": Field("patterns", help="a pattern or list; the next line with text must "
                      "match one entirely"),
        "where": Field("choice", "head", choices=("anywhere", "head", "tail"),
                       help="where the first line may be (within `window` non-blank lines)"),
        "window": Field("int", 3, minimum=1, help="how many non-blank lines head/tail cover"),
        "max_chars": Field("int", 80, minimum=1, help="a longer line is never part of a pair"),
    }

    def __init__(self, spec: RuleSpec) -> None:
        super().__init__(spec)
        self.first = FoldedPatterns(patterns_option(self.options["first"]), self.timeout)
        self.then = FoldedPatterns(patterns_option(self.options["then"]), self.timeout)
        self.max_chars: int = self.options["max_chars"]

    def find(self, doc: Document) -> list[Change]:
        nonblank = doc.nonblank()
        following = dict(pairwise(nonblank))
        candidates = sorted(_candidates(doc, self.options["where"], self.options["window"]))
        under = self._under_dropped_first(doc)
        changes: list[Change] = [(index, None) for index in candidates if index in under]
        taken = -1
        for index in candidates:
            second = following.get(index)
            if (index <= taken or second is None or index in under or second in under
                    or not self.fits(doc, index, self.first)
                    or not self.fits(doc, second, self.then)):
                continue
            changes += [(index, None), (second, None)]
            taken = second
        if under:
            changes.sort()
        return changes

    def _under_dropped_first(self, doc: Document) -> set[int]:
        """The lines with text that match ``then`` right under a line that an earlier
        rule dropped and that matched ``first`` (most documents have no drops yet)."""
        if not doc.edits:
            return set()
        lines, origin = doc.lines, doc.origin
        # the last line with text dropped above each line with text
        last_above: dict[int, tuple[int, str]] = {}
        for edit in doc.edits:
            if (edit.action != "drop" or edit.rule_id == self.id
                    or len(edit.before) > self.max_chars or not edit.before.strip()):
                continue
            at = bisect_right(origin, edit.line - 1)
            while at < len(lines) and not lines[at].strip():
                at += 1
            if at < len(lines) and (at not in last_above or last_above[at][0] < edit.line):
                last_above[at] = (edit.line, edit.before)
        return {index for index, (_, before) in last_above.items()
                if self.fits(doc, index, self.then)
                and self.reads_as(doc, index, before, self.first)}
