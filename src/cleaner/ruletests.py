"""Running the examples that every rule carries (``clean rules test``, the test suite).

For each example, with only that rule enabled: the output must equal the expected
text, cleaning the output again must change nothing, and (except for repair kinds)
every output line must be an input line, or one with spans removed, in input order.

>>> from cleaner.spec import Example, RuleSpec
>>> spec = RuleSpec("x/amp", "line", "Lone &.", options={"match": "&"},
...                 examples=(Example("a\\n&\\n", "a\\n"),))
>>> run_examples(spec)
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .document import Document
from .kinds import KINDS
from .plan import Plan
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
    plan = Plan([replace(spec, enabled=True)], max_loss=1.0)
    repairs = KINDS[spec.kind].repairs
    failures = []
    for example in spec.examples:
        doc = plan.apply(example.input)
        got = doc.text()
        if got != example.expected:
            reason = f"expected {example.expected!r}, got {got!r}"
        elif (again := plan.apply(got).text()) != got:
            reason = f"not idempotent: a second run gave {again!r}"
        elif not repairs and not only_removes(example.input, doc):
            reason = "changed text instead of only removing lines or spans"
        else:
            continue
        failures.append(ExampleFailure(spec, example, reason))
    return failures


def only_removes(original: str, doc: Document, repaired_lines: Sequence[int] = ()) -> bool:
    """True when every line of ``doc`` is its input line with nothing added.

    A line may be unchanged, or have characters removed (it is a subsequence of the
    input line). Input line numbers in ``repaired_lines`` (1-based) are exempt: a
    declared repair may change them.
    """
    source = Document.from_text(original).lines
    exempt = set(repaired_lines)
    last = -1
    for line, origin in zip(doc.lines, doc.origin):
        if origin <= last:
            return False
        last = origin
        if origin + 1 in exempt:
            continue
        if not _is_subsequence(line, source[origin]):
            return False
    return True


def _is_subsequence(short: str, long: str) -> bool:
    if short == long:
        return True
    chars = iter(long)
    return all(char in chars for char in short)
