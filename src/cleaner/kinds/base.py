"""What every rule kind shares: its declared fields, its stage, and how it finds changes.

A kind is a class registered by short name. Its ``fields`` table is the single source
for validating rule files, for the JSON Schema, and for the docs, so the three never
disagree.

>>> sorted(KINDS)[:3]
['blank', 'block', 'corpus']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..document import Change, Document
from ..packs import is_builtin
from ..patterns import MATCH_TIMEOUT, BudgetSpent
from ..spec import RuleSpec

__all__ = ["EDGE_STAGE", "KINDS", "Field", "Kind", "note_budget_spent", "register"]

#: Rules that look at the head or the tail of a document (``where: head|tail`` lines,
#: blocks) run in this stage, again and again until they change nothing: removing
#: one edge line brings the next one into view.
EDGE_STAGE = 50

_REQUIRED = object()


@dataclass(frozen=True)
class Field:
    """A key a kind accepts: its type (``str int float bool pattern patterns choice words
    vocabulary``; a vocabulary's word classes are its ``choices``)."""

    type: str
    default: Any = _REQUIRED
    help: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


class Kind:
    """Base class: a compiled rule of one kind.

    Subclasses set ``name``, ``stage`` (kinds run in stage order), ``fields`` and
    implement :meth:`find`. ``repairs`` kinds change text rather than remove it;
    ``inline`` kinds work inside lines;
    ``lossless`` kinds remove nothing unique (blank lines, second copies) and so do
    not count against the safety limit.
    """

    name: ClassVar[str]
    stage: int
    fields: ClassVar[dict[str, Field]] = {}
    repairs: ClassVar[bool] = False
    #: Kinds that change text inside lines rather than drop lines; a plan runs them
    #: together, in rounds (see :class:`~cleaner.kinds.spans.InlineScan`).
    inline: ClassVar[bool] = False
    lossless: bool = False
    default_action: ClassVar[str] = "drop"
    #: Kinds that match folded lines set ``pattern_literals``, the literals each of their
    #: patterns needs (see :mod:`cleaner.prefilter`); the plan numbers every pattern, in
    #: rule order, into one index, and sets ``first_pattern`` (the rule's first number)
    #: and ``pattern_mask`` (the bits of all its numbers).
    pattern_literals: tuple[frozenset[str] | None, ...] = ()
    first_pattern: int = 0
    pattern_mask: int = 0
    uses_prefilter: ClassVar[bool] = False
    #: Edge kinds may instead name words (folded) that offer them a document when one
    #: occurs in its last ``window`` lines with text (see :class:`EdgeScan`).
    trigger_words: frozenset[str] | None = None

    def __init__(self, spec: RuleSpec):
        self.spec = spec
        self.id = spec.id
        self.action = "repair" if self.repairs and spec.action == "drop" else spec.action
        self.options = {
            key: spec.options.get(key, field.default) for key, field in self.fields.items()
        }
        # Time limits guard against user patterns that backtrack catastrophically; the
        # built-in packs' patterns are checked for that by the test suite instead.
        self.timeout = None if is_builtin(spec.source) else MATCH_TIMEOUT

    @property
    def limited(self) -> bool:
        """Whether this rule's removals count against the safety limit (see
        :class:`~cleaner.plan.Plan`): not a lossless rule's, nor those of a kind that
        bounds its own removals."""
        return not self.lossless

    def find(self, doc: Document) -> list[Change]:
        """The changes this rule makes to ``doc``; the document applies them."""
        raise NotImplementedError

    def run(self, doc: Document) -> None:
        """Find and apply this rule's changes; none when the document's time budget
        runs out (see :data:`~cleaner.patterns.DOCUMENT_TIMEOUT`)."""
        try:
            changes = self.find(doc)
        except BudgetSpent as spent:
            note_budget_spent(doc, self.id, spent)
            return
        if changes:
            doc.apply(self.id, self.action, changes)


def note_budget_spent(doc: Document, rule_id: str, spent: BudgetSpent) -> None:
    """Report that ``rule_id`` left ``doc`` unchanged: its time budget ran out."""
    doc.note_timeout(rule_id, min(spent.index, max(len(doc.lines) - 1, 0)),
                     "time budget of the document spent; the rule changed nothing in it")


KINDS: dict[str, type[Kind]] = {}


def register(kind: type[Kind]) -> type[Kind]:
    """Class decorator: make ``kind`` available to rule files by its ``name``."""
    KINDS[kind.name] = kind
    return kind


def patterns_option(value: Any) -> list[str]:
    """A ``pattern | [pattern, ...]`` field as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


