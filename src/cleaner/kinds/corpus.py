"""The ``corpus`` kind: lines that a whole group of documents repeats (site boilerplate).

Judged against :class:`~cleaner.engine.frequencies.Frequencies` gathered in a first pass over
the corpus: a line whose folded text occurs in at least ``min_docs`` documents, and at
least ``min_fraction`` of the documents, of the document's group is removed from all
of them (``keep: none``) or from all but the first (``keep: first``). Wire copy, the
same paragraph in two or three documents, stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.document import Change, Document
from ..engine.frequencies import Frequencies, line_key
from ..ruleset.spec import RuleSpec
from .base import Field, Kind
from .lines import _candidates

__all__ = ["CorpusContext", "CorpusRule"]


@dataclass(frozen=True)
class CorpusContext:
    """What a corpus rule needs to judge one document: the counts, its group, its order."""

    frequencies: Frequencies
    group: str = ""
    order: int = 0


class CorpusRule(Kind):
    """Drop lines repeated across many documents of the same group.

    >>> from cleaner import RuleSpec
    >>> freq = Frequencies()
    >>> for n in range(10):
    ...     freq.add_document("s", [line_key("© site s"), line_key(f"story {n}")], order=n)
    >>> rule = CorpusRule(RuleSpec("x/c", "corpus", "Site lines.", options={"min_chars": 3}))
    >>> doc = Document.from_text("Story 3\\n© Site S\\n")
    >>> doc.context = CorpusContext(freq, "s", 3)
    >>> rule.find(doc)
    [(1, None)]
    """

    name = "corpus"
    reads_corpus = True
    fields = {
        "min_docs": Field("int", 10, minimum=2, help="fewest documents of the group that "
                          "must hold the line"),
        "min_fraction": Field("float", 0.05, minimum=0, maximum=1,
                              help="smallest share of the group's documents that must hold it"),
        "min_chars": Field("int", 15, minimum=1, help="shorter lines are never judged"),
        "max_chars": Field("int", 300, minimum=1, help="longer lines are never judged"),
        "where": Field("choice", "anywhere", choices=("anywhere", "head", "tail"),
                       help="anywhere, or within `window` non-blank lines of the head or tail"),
        "window": Field("int", 5, minimum=1, help="non-blank lines that head/tail cover"),
        "keep": Field("choice", "none", choices=("none", "first"),
                      help="none: removed from every document; first: kept in the first "
                      "one"),
    }

    def __init__(self, spec: RuleSpec) -> None:
        super().__init__(spec)
        self.lossless = self.options["keep"] == "first"
        self.max_chars = self.options["max_chars"]

    def find(self, doc: Document) -> list[Change]:
        return [(index, None) for index in self.judge(doc)]

    def run(self, doc: Document) -> None:
        judged = self.judge(doc)
        if judged:
            doc.apply(self.id, self.action, [(index, None) for index in judged], judged)

    def judge(self, doc: Document) -> dict[int, str]:
        """The lines of ``doc`` to drop, each with its note: how many documents of its
        group hold it."""
        context = doc.context
        if context is None:
            raise RuntimeError(f"rule {self.id} needs document frequencies (a first pass)")
        freq, group = context.frequencies, context.group
        total = freq.documents(group)
        needed = max(self.options["min_docs"], self.options["min_fraction"] * total)
        low, high = self.options["min_chars"], self.options["max_chars"]
        keep_first = self.options["keep"] == "first"
        judged: dict[int, str] = {}
        for index in _candidates(doc, self.options["where"], self.options["window"]):
            line = doc.lines[index]
            if not low <= len(line) <= high or line.isspace():
                continue
            key = line_key(doc.folded(index))
            count = freq.count(group, key)
            if count < needed:
                continue
            if keep_first and freq.first_order(group, key) == context.order:
                continue
            judged[index] = f"in {count} of {total} documents of {group or 'the corpus'}"
        return judged
