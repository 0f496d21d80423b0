"""The Python pass of fused line rules that cleaner._core.LineScan replaced, kept only
to test the core against.

This is ``LineScan`` of src/cleaner/kinds/lines.py as it was before the pass moved to
Rust: tests/test_core_linescan.py checks that the core takes and flags the same lines of
every document, with the same edits. It is not imported by the package.
"""

from __future__ import annotations

from collections.abc import Mapping

from cleaner.engine.document import Change, Document
from cleaner.kinds.base import note_budget_spent
from cleaner.kinds.lines import LineRule
from cleaner.text.patterns import BudgetSpent
from cleaner.text.prefilter import PatternSlice

__all__ = ["ReferenceLineScan"]


class ReferenceLineScan:
    """Several ``where: anywhere`` line rules in one pass over a document's lines.

    Equivalent to running them one after another (a line dropped by one rule is not
    seen by the next; a ``flag`` rule reports and lets the next rules look), but each
    line is length-checked, folded and prefiltered once, not once per rule.
    """

    rules: list[LineRule]

    def __init__(self, rules: list[LineRule], slices: Mapping[object, PatternSlice]):
        self.rules = rules
        self.max_chars = max(rule.max_chars for rule in rules)
        self._masks = {id(rule): slices[rule].mask for rule in rules}
        self._by_number = {slices[rule].first: rule for rule in rules}
        # Per length limit of the rules, longest first: the patterns of the rules that
        # take lines up to that long. A line is offered only to the rules that may take
        # it, before any rule is asked (most lines of prose are longer than most limits).
        limits = sorted({rule.max_chars for rule in rules}, reverse=True)
        self._by_length = [(limit, sum(slices[rule].mask for rule in rules
                                       if rule.max_chars >= limit)) for limit in limits]

    def _reach(self, length: int) -> int:
        """The patterns of the rules that take a line of ``length`` characters."""
        reach = 0
        for limit, mask in self._by_length:
            if length > limit:
                break
            reach = mask
        return reach

    def run(self, doc: Document) -> None:
        drops: dict[str, list[Change]] = {}
        flags: dict[str, list[Change]] = {}
        spent: set[str] = set()
        max_chars = self.max_chars
        for index, line in enumerate(doc.lines):
            if len(line) > max_chars or not line or line.isspace():
                continue
            reach = self._reach(len(line))
            possible = doc.possible(index)
            hits = reach if possible is None else possible & reach
            # Pattern numbers follow rule order: the lowest bit is the next rule to ask.
            while hits:
                rule = self._rule_of(hits & -hits)
                hits &= ~self._masks[id(rule)]
                if rule.id in spent:
                    continue
                try:
                    accepted = rule.accepts(doc, index)
                except BudgetSpent as error:
                    # That rule makes no change to this document; the others go on.
                    spent.add(rule.id)
                    note_budget_spent(doc, rule.id, error)
                    flags.pop(rule.id, None)
                    drops.pop(rule.id, None)
                    continue
                if accepted:
                    if rule.action == "flag":
                        flags.setdefault(rule.id, []).append((index, None))
                        continue
                    drops.setdefault(rule.id, []).append((index, None))
                    break
        if drops or flags:
            doc.apply_all([*((rule_id, "flag", found) for rule_id, found in flags.items()),
                           *((rule_id, "drop", found) for rule_id, found in drops.items())])

    def _rule_of(self, bit: int) -> LineRule:
        """The rule that owns pattern ``bit`` (a power of two)."""
        number = bit.bit_length() - 1
        while number not in self._by_number:
            number -= 1
        return self._by_number[number]
