"""The rule kinds, and the order they run in: one table, :data:`RUN_ORDER`.

A kind is a class in a module of its own (a :class:`Kind` with a ``name``, a ``fields``
table and a ``find`` method) plus one entry in :data:`RUN_ORDER`: its stage, and why it
runs there; a kind of your own (a plug-in) is added with :func:`register`. Rules run in
stage order, whatever the order of files and rules, and in load order within a stage.
Rules that look only at a document's head or tail run together at :data:`EDGE_STAGE`,
in rounds (see :class:`~cleaner.kinds.lines.EdgeScan`). docs/kinds.md (the keys of
every kind, and the run order) is generated from this table by ``clean rules kinds``.

This package is public API (with :mod:`cleaner` and :mod:`cleaner.integrations`): a
plug-in needs only its names, :class:`Kind`, :class:`Field`, :class:`Stage`,
:func:`register`, and the :class:`Document` and :data:`Change` that ``find`` takes and
returns.

>>> [entry.kind.name for entry in RUN_ORDER][:4]
['entities', 'unicode', 'trim', 'line']
>>> len(KINDS), sorted(KINDS)[:5]
(13, ['blank', 'block', 'corpus', 'entities', 'lead'])
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.document import Change, Document
from .base import EDGE_STAGE, Field, Kind
from .corpus import CorpusRule
from .layout import BlankRule, RepeatRule
from .lead import LeadRule
from .lines import BlockRule, LineRule
from .lists import ListRule
from .pair import PairRule
from .section import SectionRule
from .spans import EntitiesRule, TrimRule, UnicodeRule
from .teasers import TeasersRule

__all__ = ["CORPUS_STAGE", "EDGE_STAGE", "EDGE_WHY", "KINDS", "RUN_ORDER", "Change", "Document",
           "Field", "Kind", "Stage", "register", "run_order", "stage_of"]


@dataclass(frozen=True)
class Stage:
    """One kind's place in the run order, and why it runs there."""

    kind: type[Kind]
    stage: int
    why: str


#: The built-in kinds, in the order their rules run.
RUN_ORDER: tuple[Stage, ...] = (
    Stage(EntitiesRule, 5, "text is repaired before any line is judged: an `&amp;` line "
          "becomes a lone `&` that `line` rules then see"),
    Stage(UnicodeRule, 10, "mojibake, control characters and normalization, for the same "
          "reason"),
    Stage(TrimRule, 20, "glued debris is cut off, so the rest of the line can be judged"),
    Stage(LineRule, 30, "`where: anywhere` line rules, in one pass over the lines"),
    Stage(CorpusRule, 35, "`where: anywhere` corpus rules judge the lines that line and "
          "trim rules left, the same lines their counting pass counted"),
    Stage(RepeatRule, 40, "second copies, once debris between them is gone"),
    Stage(BlockRule, EDGE_STAGE, "with the other edge rules"),
    Stage(PairRule, EDGE_STAGE, "with the other edge rules"),
    Stage(ListRule, EDGE_STAGE, "with the other edge rules"),
    Stage(SectionRule, EDGE_STAGE, "with the other edge rules"),
    Stage(LeadRule, EDGE_STAGE, "with the other edge rules: the lead is the lines the "
          "phrase rules at the head left, and shrinks as they remove more"),
    Stage(TeasersRule, EDGE_STAGE, "with the other edge rules"),
    Stage(BlankRule, 90, "whitespace last, once every line that goes is gone"),
)

#: Why the edge rules run together, again and again.
EDGE_WHY = ("`block`, `pair`, `list`, `section`, `lead` and `teasers` rules, and `line` "
            "and `corpus` rules with `where: head` or `tail`, run again and again until they "
            "remove nothing more: removing one edge line brings the next into view (a "
            "credit line under a removed navigation line, a comment notice above a removed "
            "share prompt); `teasers` rules judge lines by shape, not words, and run in a "
            "round only once the others remove nothing more")

_ORDER: list[Stage] = list(RUN_ORDER)
#: Kinds by the name rule files give them.
KINDS: dict[str, type[Kind]] = {entry.kind.name: entry.kind for entry in _ORDER}
_STAGES = {entry.kind.name: entry.stage for entry in _ORDER}
#: The stage of ``where: anywhere`` corpus rules: what runs before it runs in their
#: counting pass too.
CORPUS_STAGE = _STAGES[CorpusRule.name]


def register(entry: Stage) -> None:
    """Make a kind of your own available to rule files, at ``entry.stage``.

    Register it before loading rule files that use it; rules of equal stage run in
    load order, whatever their kind.
    """
    if entry.kind.name in KINDS:
        raise ValueError(f"a kind named {entry.kind.name!r} is already registered")
    _ORDER.append(entry)
    KINDS[entry.kind.name] = entry.kind
    _STAGES[entry.kind.name] = entry.stage


def run_order() -> tuple[Stage, ...]:
    """Every registered kind, in the order its rules run (built-in kinds first among
    kinds of equal stage)."""
    return tuple(sorted(_ORDER, key=lambda entry: entry.stage))


def stage_of(rule: Kind) -> int:
    """The stage ``rule`` runs in: its kind's, or :data:`EDGE_STAGE` for a rule that
    looks only at a document's head or tail.

    >>> from cleaner import RuleSpec
    >>> spec = RuleSpec("x/ad", "line", "Ads.", options={"match": "ad", "where": "tail"})
    >>> stage_of(LineRule(spec)) == EDGE_STAGE
    True
    """
    return EDGE_STAGE if rule.at_edges else _STAGES[rule.name]
