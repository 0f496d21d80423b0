"""A compiled plan: selected rules in run order, applied to one document at a time.

>>> from cleaner import RuleSpec
>>> plan = Plan([RuleSpec("x/amp", "line", "Lone &.", options={"match": "&"})])
>>> doc = plan.apply("a\\n&\\nb\\n")
>>> doc.text(), doc.edits[0].rule_id
('a\\nb\\n', 'x/amp')
"""

from __future__ import annotations

from collections.abc import Sequence

from ..kinds import CORPUS_STAGE, EDGE_STAGE, KINDS, Kind, stage_of
from ..kinds.corpus import CorpusContext
from ..kinds.layout import BlankRule
from ..kinds.lines import EdgeScan, LineRule, LineScan
from ..kinds.spans import InlineScan
from ..ruleset.spec import RuleSpec
from ..text.prefilter import PatternSlice, literal_index, save_literals
from .document import Document, Edit
from .frequencies import line_key

__all__ = ["DEFAULT_MAX_LOSS", "HOLD_RULE_ID", "MIN_HELD_LOSS", "Plan"]

#: A document that would lose more than this fraction of its characters to rules that
#: remove unique text is left unchanged and reported (repeats and blank lines don't count).
DEFAULT_MAX_LOSS = 0.5
#: ... but only when that is at least this many characters: on a two-line snippet any
#: removal is a large fraction, and a fraction of almost nothing protects nothing.
MIN_HELD_LOSS = 200
#: The rule id that reports a document held back by the safety limit.
HOLD_RULE_ID = "cleaner/max-loss"


def _inline(rules: list[Kind], trailing: BlankRule | None) -> list[Kind | InlineScan]:
    """Replace the in-line rules (the first in stage order) by one :class:`InlineScan`,
    which also strips trailing whitespace for the ``trailing`` blank rule."""
    inline = [rule for rule in rules if rule.inline]
    if not inline:
        return list(rules)
    return [InlineScan(inline, trailing), *(rule for rule in rules if not rule.inline)]


def _fuse(rules: list[Kind | InlineScan], slices: dict[object, PatternSlice]
          ) -> list[Kind | LineScan | InlineScan]:
    """Replace each run of adjacent fusable line rules by one :class:`LineScan`."""
    fused: list[Kind | LineScan | InlineScan] = []
    run: list[LineRule] = []
    for rule in [*rules, None]:
        if isinstance(rule, LineRule) and rule.fusable:  # only line rules fuse
            run.append(rule)
            continue
        if run:
            fused.append(LineScan(run, slices) if len(run) > 1 else run[0])
            run = []
        if rule is not None:
            fused.append(rule)
    return fused


class Plan:
    """Rules compiled once, in stage order, ready to apply to many documents."""

    def __init__(self, specs: Sequence[RuleSpec], max_loss: float = DEFAULT_MAX_LOSS):
        compiled = sorted((KINDS[spec.kind](spec) for spec in specs), key=stage_of)
        self.rules: list[Kind] = compiled
        # Number the patterns in rule order first: the scans below rely on it. Each rule
        # that asks the prefilter is handed its slice of the numbers (documents and scans
        # look it up; no rule is changed).
        literal_sets: list[frozenset[str] | None] = []
        limits: list[int] = []  # per pattern, the longest line its rule takes
        slices: dict[object, PatternSlice] = {}
        for rule in compiled:
            if rule.uses_prefilter:
                slices[rule] = PatternSlice.of(len(literal_sets), len(rule.pattern_literals))
                literal_sets.extend(rule.pattern_literals)
                limits += [rule.max_chars] * len(rule.pattern_literals)
        self._slices = slices
        save_literals()  # read from the patterns once, kept for the next runs
        trailing = next((rule for rule in compiled
                         if isinstance(rule, BlankRule) and rule.strips_trailing), None)
        before = [rule for rule in compiled if stage_of(rule) < EDGE_STAGE]
        self._before = _fuse(_inline(before, trailing), slices)
        edges = [rule for rule in compiled if stage_of(rule) == EDGE_STAGE]
        self._edges = EdgeScan(edges, slices) if edges else None
        # Documents are folded and prefiltered, at once, up to the longest line a rule
        # that asks the prefilter takes (edge rules ask about the lines they can reach).
        longest = max([0, *(rule.max_chars for rule in compiled if rule.uses_prefilter),
                       self._edges.edge_chars if self._edges is not None else 0])
        self._index = literal_index(literal_sets, longest, limits) if literal_sets else None
        self._after = [rule for rule in compiled if stage_of(rule) > EDGE_STAGE]
        self.max_loss = max_loss
        self.corpus_rules = [rule for rule in compiled if rule.reads_corpus]
        # The first pass of corpus rules runs what runs before them (line rules are the
        # last of those, and fuse among themselves only).
        counted = sum(1 for rule in before if stage_of(rule) < CORPUS_STAGE)
        self._counting = _fuse(_inline(before[:counted], trailing), slices)
        self._counts_loss = {rule.id for rule in self.rules if rule.limited}

    @property
    def needs_frequencies(self) -> bool:
        """True when corpus rules are selected: cleaning then needs a counting pass."""
        return bool(self.corpus_rules)

    def count_keys(self, text: str) -> list[int]:
        """The keys a first pass counts for ``text``: its lines as corpus rules will see
        them (after the rules that run before them), within their length bounds."""
        doc = Document.from_text(text, self._index, self._slices)
        for rule in self._counting:
            rule.run(doc)
        low = min(rule.options["min_chars"] for rule in self.corpus_rules)
        high = max(rule.options["max_chars"] for rule in self.corpus_rules)
        return [
            line_key(doc.folded(index))
            for index, line in enumerate(doc.lines)
            if low <= len(line) <= high and not line.isspace()
        ]

    def apply(self, text: str, context: CorpusContext | None = None) -> Document:
        """Clean ``text``; the document holds the result and every edit made."""
        doc = Document.from_text(text, self._index, self._slices)
        doc.context = context
        for rule in self._before:
            rule.run(doc)
        if self._edges is not None:
            self._edges.run(doc)
        for rule in self._after:
            rule.run(doc)
        lost = self._lost(doc.edits) if self.max_loss < 1 and doc.edits else 0
        if lost >= MIN_HELD_LOSS and lost > self.max_loss * len(text):
            held = Document.from_text(text)
            held.edits.append(
                Edit(HOLD_RULE_ID, 1, "hold",
                     f"would remove {lost} of {len(text)} characters; document left unchanged")
            )
            return held
        return doc

    def _lost(self, edits: list[Edit]) -> int:
        return sum(
            len(edit.removed)
            for edit in edits
            if edit.rule_id in self._counts_loss and edit.action in ("drop", "trim")
        )
