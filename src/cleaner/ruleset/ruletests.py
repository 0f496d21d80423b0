"""Running the examples that every rule carries (``clean rules test``, the test suite).

For each example, with only that rule enabled: the output must equal the expected
text, cleaning the output again must change nothing, and (except for repair kinds)
every output line must be an input line, or one with spans removed, in input order.
Examples of corpus rules list the other documents of the group under ``corpus``.

>>> from cleaner import Example, RuleSpec
>>> spec = RuleSpec("x/amp", "line", "Lone &.", options={"match": "&"},
...                 examples=(Example("a\\n&\\n", "a\\n"),))
>>> run_examples(spec)
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..engine.api import Cleaner
from ..engine.document import Document, Edit, split_lines
from ..kinds import KINDS
from .spec import Example, RuleSpec

__all__ = ["ExampleFailure", "only_removes", "run_examples"]


@dataclass(frozen=True)
class ExampleFailure:
    """One failed example of one rule, and why it failed."""

    spec: RuleSpec
    example: Example
    reason: str

    def __str__(self) -> str:
        where = f"{self.spec.source}:{self.example.line}"
        return f"{where}: {self.spec.id}: {self.reason}"


def run_examples(spec: RuleSpec) -> list[ExampleFailure]:
    """Run every example of ``spec`` alone; return the failures (none means it passed)."""
    alone = Cleaner([replace(spec, enabled=True)], max_loss=1.0)
    repairs = KINDS[spec.kind].repairs
    failures = []
    for example in spec.examples:
        cleaner = alone
        if alone.needs_frequencies:
            cleaner = alone.with_frequencies(alone.count([example.input, *example.corpus]))
        got, edits = cleaner.explain(example.input)
        if got != example.expected:
            reason = f"expected {example.expected!r}, got {got!r}"
        elif (again := cleaner.clean(got)) != got:
            reason = f"not idempotent: a second run gave {again!r}"
        elif not repairs and not only_removes(example.input, got, edits):
            reason = "changed text instead of only removing lines or spans"
        else:
            continue
        failures.append(ExampleFailure(spec, example, reason))
    return failures


def only_removes(original: str, cleaned: str, edits: Sequence[Edit]) -> bool:
    """True when ``cleaned`` is ``original`` with lines or spans removed, as ``edits`` say.

    The input lines without a ``drop`` edit must be the output lines, in order, each
    unchanged or with characters removed (a subsequence), except lines with a
    ``repair`` edit, which a declared repair may change (and split: a decoded ``&#10;``
    is a line break; each drop then takes one of the pieces). A document held back by
    the safety limit must be unchanged.
    """
    if any(edit.action == "hold" for edit in edits):
        return cleaned == original
    source = Document.from_text(original).lines
    pieces = dict.fromkeys(range(1, len(source) + 1), 1)
    repaired = set()
    for edit in edits:
        if edit.action == "repair":
            repaired.add(edit.line)
            pieces[edit.line] += len(split_lines(edit.after or "")) - 1
        elif edit.action == "drop":
            pieces[edit.line] -= 1
    survivors = [number for number, count in pieces.items() for _ in range(count)]
    output = Document.from_text(cleaned).lines
    if len(output) != len(survivors):
        return False
    for line, number in zip(output, survivors):
        if number not in repaired and not _is_subsequence(line, source[number - 1]):
            return False
    return True


def _is_subsequence(short: str, long: str) -> bool:
    if short == long:
        return True
    chars = iter(long)
    return all(char in chars for char in short)
