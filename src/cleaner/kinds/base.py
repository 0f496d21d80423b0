"""What every rule kind shares: its declared fields and how it finds changes.

A kind's ``fields`` table is the single source for validating rule files, for the JSON
Schema, and for the docs, so the three never disagree. When it runs is not the kind's
to say: :data:`cleaner.kinds.RUN_ORDER` is the one table of kinds and stages.

>>> Kind.fields, Kind.reads_corpus
({}, False)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from ..engine.document import Change, Document
from ..ruleset.fields import Field
from ..ruleset.packs import is_builtin
from ..ruleset.spec import RuleSpec
from ..text.folding import fold
from ..text.patterns import MATCH_TIMEOUT, BudgetSpent, FoldedPatterns

__all__ = ["EDGE_STAGE", "Field", "Kind", "note_budget_spent", "patterns_option"]

#: Rules that look at the head or the tail of a document (``where: head|tail`` lines,
#: blocks) run in this stage, again and again until they change nothing: removing
#: one edge line brings the next one into view.
EDGE_STAGE = 50

class Kind:
    """Base class: a compiled rule of one kind.

    Subclasses set ``name`` and ``fields`` and implement :meth:`find`; an entry in
    :data:`cleaner.kinds.RUN_ORDER` gives their stage. ``repairs`` kinds change text
    rather than remove it; ``inline`` kinds work inside lines;
    ``lossless`` kinds remove nothing unique (blank lines, second copies) and so do
    not count against the safety limit.
    """

    name: ClassVar[str]
    fields: ClassVar[dict[str, Field]] = {}
    repairs: ClassVar[bool] = False
    #: Kinds that change text inside lines rather than drop lines; a plan runs them
    #: together, in rounds (see :class:`~cleaner.kinds.spans.InlineScan`).
    inline: ClassVar[bool] = False
    lossless: bool = False
    default_action: ClassVar[str] = "drop"
    #: Kinds that match folded lines set ``pattern_literals``, the literals each of their
    #: patterns needs (see :mod:`cleaner.text.prefilter`); the plan numbers every pattern, in
    #: rule order, into one index, and hands each rule's slice of it to the documents and
    #: scans that ask (:meth:`~cleaner.engine.document.Document.patterns_possible`).
    pattern_literals: tuple[frozenset[str] | None, ...] = ()
    uses_prefilter: ClassVar[bool] = False
    #: Kinds that judge lines by how many documents of a corpus hold them: a run with
    #: such rules needs a counting pass first (see :class:`~cleaner.engine.plan.Plan`).
    reads_corpus: ClassVar[bool] = False
    #: Edge kinds that judge lines by their shape rather than by words run in a round of
    #: the edge rules only once the other edge rules change nothing more, so that they
    #: see the edge those leave (see :class:`~cleaner.kinds.lines.EdgeScan`).
    by_shape: ClassVar[bool] = False
    #: Edge kinds may instead name words (folded) that offer them a document when one
    #: occurs in its last ``window`` lines with text (see :class:`EdgeScan`).
    trigger_words: frozenset[str] | None = None

    @staticmethod
    def trigger_depth(tail: list[str]) -> int:
        """Worded kinds: how many lines with text, from the end, their words are looked
        for in when the last ``window`` lines ``tail`` hold none of them (0: no more
        than the window). A long thread of readers' comments pushes its section's
        heading far above the end; its headers (author, date) say so."""
        return 0

    @staticmethod
    def trigger_glued(line: str) -> str:
        """Worded kinds: text of ``line``, the last line longer than they read, besides
        its last characters, in which their words are looked for ("": none). A thread
        of readers' comments glued under its counted heading puts the heading far
        above the line's end."""
        return ""

    #: Edge kinds: the longest line they judge; :class:`EdgeScan` sizes the stretch of
    #: a document's edges it reads by it (0: none said, as for a plug-in that does not
    #: ask the prefilter: such a rule is run in every round and reads what it needs).
    max_chars: int = 0

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
    def at_edges(self) -> bool:
        """Whether this rule looks only at the head or the tail of a document: such rules
        run with the edge rules, whatever their kind's stage (``where: head|tail``)."""
        return "where" in self.fields and self.options["where"] != "anywhere"

    @property
    def fusable(self) -> bool:
        """Whether this rule can share one pass over the lines with its neighbours of the
        same kind (see :class:`~cleaner.kinds.lines.LineScan`)."""
        return False

    @property
    def strips_trailing(self) -> bool:
        """Whether this rule strips trailing whitespace, which the in-line rules' rounds
        then do for it (see :class:`~cleaner.kinds.spans.InlineScan`)."""
        return False

    @property
    def limited(self) -> bool:
        """Whether this rule's removals count against the safety limit (see
        :class:`~cleaner.engine.plan.Plan`): not a lossless rule's, nor those of a kind that
        bounds its own removals."""
        return not self.lossless

    def ask(self, doc: Document, index: int, question: Callable[..., bool],
            *args: object) -> bool | None:
        """``question(*args, doc.budget)`` about line ``index``: None when it ran out of
        time (reported; the line is kept). :class:`BudgetSpent` is left to the caller."""
        if self.timeout is None:  # built-in patterns: untimed, no budget to spend
            return question(*args)
        try:
            return question(*args, doc.budget)
        except BudgetSpent as spent:
            spent.index = index
            raise
        except TimeoutError:
            doc.note_timeout(self.id, index)
            return None

    def fits(self, doc: Document, index: int, patterns: FoldedPatterns) -> bool:
        """True when line ``index`` is at most ``max_chars`` long and its folded view
        matches one of ``patterns`` entirely (a match that runs out of time: False)."""
        if len(doc.lines[index]) > self.max_chars:
            return False
        return self.ask(doc, index, patterns.fullmatch, doc.folded(index), None) is True

    def dropped_above(self, doc: Document, above: int | None, below: int,
                      patterns: FoldedPatterns) -> bool:
        """Whether the last line with text that earlier rules dropped between line ``above`` (None:
        the start) and line ``below`` matched ``patterns`` entirely: a cue or a label
        that a line rule already took still heads what follows it (an edge rule's own
        drops do not count)."""
        low = doc.origin[above] if above is not None else -1
        high = doc.origin[below]
        last = None
        for edit in doc.edits:
            if (edit.action == "drop" and edit.rule_id != self.id and edit.before.strip()
                    and low < edit.line - 1 < high and (last is None or edit.line > last.line)):
                last = edit
        return last is not None and self.reads_as(doc, below, last.before, patterns)

    def reads_as(self, doc: Document, index: int, text: str,
                 patterns: FoldedPatterns) -> bool:
        """Like :meth:`fits`, for a ``text`` that is no longer a line of ``doc`` (a line
        an earlier rule dropped); a timeout is reported at line ``index``."""
        if len(text) > self.max_chars:
            return False
        return self.ask(doc, index, patterns.fullmatch, fold(text), None) is True

    def find(self, doc: Document) -> list[Change]:
        """The changes this rule makes to ``doc``; the document applies them."""
        raise NotImplementedError

    def run(self, doc: Document) -> None:
        """Find and apply this rule's changes; none when the document's time budget
        runs out (see :data:`~cleaner.text.patterns.DOCUMENT_TIMEOUT`)."""
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


def patterns_option(value: Any) -> list[str]:
    """A ``pattern | [pattern, ...]`` field as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


