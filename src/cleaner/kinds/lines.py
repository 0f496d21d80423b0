"""Whole-line kinds: ``line`` (each line on its own) and ``block`` (runs of lines).

Both match patterns against the folded view of a line and never look at blank lines
or at lines longer than ``max_chars`` (counted on the original line): debris is short,
prose is long, and that length check is what keeps them fast on long paragraphs, which
are never folded at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .. import _core
from ..engine.document import Change, Document
from ..ruleset.spec import RuleSpec
from ..text.folding import fold, fold_letters
from ..text.patterns import BudgetSpent, FoldedPatterns, compile_folded
from ..text.prefilter import PatternSlice, literal_index, required_literals
from .base import Field, Kind, note_budget_spent, patterns_option

__all__ = ["BlockRule", "EdgeScan", "LineRule", "LineScan"]

_WHERE = ("anywhere", "head", "tail")


class _FoldedMatcher(Kind):
    """Shared by line and block: a folded-line full match with a length limit."""

    uses_prefilter = True

    def __init__(self, spec: RuleSpec) -> None:
        super().__init__(spec)
        patterns = patterns_option(self.options[self._patterns_key])
        self.pattern = FoldedPatterns(patterns, self.timeout)
        self.pattern_literals = tuple(required_literals(fold_letters(p)) for p in patterns)
        self.max_chars: int = self.options["max_chars"]

    _patterns_key = "match"

    def matches(self, doc: Document, index: int) -> bool | None:
        line = doc.lines[index]
        if len(line) > self.max_chars or not line.strip():
            return False
        only = doc.patterns_possible(index, self)
        if only == []:
            return False
        return self.ask(doc, index, self.pattern.fullmatch, doc.folded(index), only)


class LineRule(_FoldedMatcher):
    """Drop each line whose folded text matches ``match`` entirely.

    >>> from cleaner import RuleSpec
    >>> rule = LineRule(RuleSpec("x/ad", "line", "Ads.", options={"match": "advertisement"}))
    >>> doc = Document.from_text("Text.\\nADVERTISEMENT\\n")
    >>> rule.find(doc)
    [(1, None)]
    """

    name = "line"
    fields = {
        "match": Field("patterns", help="a pattern or a list of patterns; the folded line "
                       "must match one entirely"),
        "unless": Field("patterns", None, help="a pattern or list; a line where one of them "
                        "is found (anywhere) is kept"),
        "where": Field("choice", "anywhere", choices=_WHERE, help="anywhere, or among the "
                       "first (head) or last (tail) `window` non-blank lines"),
        "window": Field("int", 3, minimum=1, help="how many non-blank lines head/tail look at"),
        "max_chars": Field("int", 200, minimum=1, help="lines longer than this (in characters "
                           "of the original line) are never matched: prose is long, debris "
                           "is short, and long lines are never folded, which keeps the rule "
                           "fast"),
    }

    def __init__(self, spec: RuleSpec) -> None:
        super().__init__(spec)
        unless = patterns_option(self.options["unless"])
        self.unless = FoldedPatterns(unless, self.timeout) if unless else None

    @property
    def fusable(self) -> bool:
        """``where: anywhere`` rules can share one pass over the lines (see LineScan)."""
        return bool(self.options["where"] == "anywhere")

    def accepts(self, doc: Document, index: int) -> bool:
        """True when line ``index`` matches and no ``unless`` pattern is found in it
        (a search that runs out of time keeps the line)."""
        if not self.matches(doc, index):
            return False
        if self.unless is None:
            return True
        return self.ask(doc, index, self.unless.search, doc.folded(index)) is False

    def find(self, doc: Document) -> list[Change]:
        where, window = self.options["where"], self.options["window"]
        return [(index, None) for index in _candidates(doc, where, window)
                if self.accepts(doc, index)]


class LineScan:
    """Several ``where: anywhere`` line rules in one pass over a document's lines.

    Equivalent to running them one after another (a line dropped by one rule is not
    seen by the next; a ``flag`` rule reports and lets the next rules look), but each
    line is length-checked, folded and prefiltered once, not once per rule. The pass
    runs in the core (:class:`cleaner._core.LineScan`): a line is offered, in rule
    order, only to the rules that take a line that long and whose patterns the
    prefilter allows, and the core calls the compiled ``regex`` patterns of built-in
    rules itself; a rule with a time limit (a rule file's) is asked
    :meth:`LineRule.accepts`.
    """

    def __init__(self, rules: list[LineRule], slices: Mapping[object, PatternSlice]):
        self.rules = rules
        self._scan = _core.LineScan(
            [(rule.max_chars, slices[rule].first, list(rule.pattern.sources),
              list(rule.unless.sources) if rule.unless is not None else [],
              rule.action == "flag", rule.timeout is not None) for rule in rules],
            compile_folded)

    def run(self, doc: Document) -> None:
        flags, drops = self._scan.run(doc, self._ask)
        if flags or drops:
            doc.apply_all([
                *((self.rules[position].id, "flag", [(index, None) for index in found])
                  for position, found in flags),
                *((self.rules[position].id, "drop", [(index, None) for index in found])
                  for position, found in drops),
            ])

    def _ask(self, doc: Document, position: int, index: int) -> bool | None:
        """Whether the timed rule at ``position`` takes line ``index``; None when the
        document's time budget ran out (reported: that rule then changes nothing)."""
        rule = self.rules[position]
        try:
            return rule.accepts(doc, index)
        except BudgetSpent as error:
            note_budget_spent(doc, rule.id, error)
            return None


def _candidates(doc: Document, where: str, window: int) -> list[int]:
    """The lines a rule may look at: all of them, or the first/last ``window`` with text
    (the tail ones last line first)."""
    if where == "anywhere":
        return list(range(len(doc.lines)))
    nonblank = doc.nonblank()
    return nonblank[:window] if where == "head" else nonblank[::-1][:window]


class BlockRule(_FoldedMatcher):
    """Drop a run of consecutive lines that each match one of ``lines``.

    ``where: tail`` (the default) takes the run that ends the document, ``head`` the
    run that starts it, ``anywhere`` every run. Blank lines inside a run belong to it.
    ``title_words: N`` also asks that every word of every line of the run occurs in the
    document's first N lines with text: a page's tags, one a line, drawn from its title
    ("انقلاب", "حافلة", "سياحية" under "قتلى وجرحى في انقلاب حافلة سياحية بنيويورك").

    >>> from cleaner import RuleSpec
    >>> spec = RuleSpec("x/f", "block", "Footer.", options={"lines": ["please .*"]})
    >>> BlockRule(spec).find(Document.from_text("Body.\\nPlease be nice.\\nPlease stay.\\n"))
    [(1, None), (2, None)]
    """

    name = "block"
    fields = {
        "lines": Field("patterns", help="list of patterns; every line of the run must match "
                       "one of them entirely"),
        "where": Field("choice", "tail", choices=_WHERE, help="tail: the run ends at the last "
                       "non-blank line (blank lines inside and after it are allowed); head: "
                       "it starts at the first non-blank line; or anywhere"),
        "min_lines": Field("int", 1, minimum=1, help="shortest run removed"),
        "max_chars": Field("int", 300, minimum=1, help="longest line (original characters) "
                           "that can be part of a run"),
        "title_words": Field("int", 0, minimum=0, help="every word of the run's lines occurs "
                             "in the document's first N lines with text, which stay out of "
                             "the run (tags drawn from the title); 0: any words"),
    }
    _patterns_key = "lines"

    def find(self, doc: Document) -> list[Change]:
        where = self.options["where"]
        runs: list[list[int]] = []
        if where == "anywhere":
            run: list[int] = []
            for index in range(len(doc.lines)):
                if self.matches(doc, index):
                    run.append(index)
                elif doc.lines[index].strip():
                    runs.append(run)
                    run = []
            runs.append(run)
        else:
            order = range(len(doc.lines))
            runs.append(self._edge_run(doc, order if where == "head" else reversed(order)))
        return [
            (index, None)
            for run in runs
            if len(run) >= self.options["min_lines"]
            for index in sorted(run)
        ]

    def _edge_run(self, doc: Document, order: Iterable[int]) -> list[int]:
        run: list[int] = []
        title: tuple[set[str], int] | None = None
        for index in order:
            if self.matches(doc, index):
                if self.options["title_words"]:
                    title = title or self._title_words(doc)  # only once a line matches
                    if not self._drawn_from(doc, index, title):
                        break
                run.append(index)
            elif doc.lines[index].strip():
                break
        return run

    def _title_words(self, doc: Document) -> tuple[set[str], int]:
        """The folded words of the first ``title_words`` lines with text, and the index
        of the last of them."""
        head = doc.nonblank()[:self.options["title_words"]]
        words = {word for index in head for word in doc.folded(index).split()}
        return words, head[-1] if head else -1

    @staticmethod
    def _drawn_from(doc: Document, index: int, title: tuple[set[str], int]) -> bool:
        words, last = title
        return index > last and all(word in words for word in doc.folded(index).split())


class EdgeScan:
    """The edge rules (head/tail lines, blocks), run in rounds until nothing changes.

    Removing an edge line brings the next one into view, hence the rounds. Each round
    first collects the patterns possible on the lines edge rules can reach (the first
    and last ``window`` lines with text) and skips the head and tail rules whose
    literals occur in none of them: on most documents no edge rule runs its regex.
    Rules offered documents by words (``section``) are looked up in one search of the
    last lines of their own, longer window.
    """

    MAX_ROUNDS = 20

    def __init__(self, rules: list[Kind], slices: Mapping[object, PatternSlice]):
        self.rules = rules
        # The patterns of each rule that asks the prefilter (see Document.patterns_possible).
        self._masks = {id(rule): slices[rule].mask for rule in rules if rule.uses_prefilter}
        # Rules offered a document by words at its end (see Kind.trigger_words) have
        # an index of their own: their words never slow the prefilter of every line,
        # and their window (often longer) never widens the lines the others look at.
        worded = [rule for rule in rules if rule.trigger_words]
        windows = [rule.options["window"] for rule in rules
                   if "window" in rule.options and rule not in worded]
        self.window = max([1, *windows])
        self.word_window = max([1, *(rule.options["window"] for rule in worded)])
        # The longest line a worded rule reads for its words (a policy paragraph of a
        # section; longer lines are prose to it, but for a footer glued to their end).
        self.word_chars = max([0, *(rule.options.get("max_chars", rule.max_chars)
                                    for rule in worded)])
        anywhere = [rule for rule in rules if rule.options.get("where") == "anywhere"]
        self.edge_chars = max([0, *(r.max_chars for r in rules if r not in anywhere)])
        self._anywhere = {id(rule) for rule in anywhere}
        self._word_bits = {id(rule): 1 << n for n, rule in enumerate(worded)}
        # Their words are looked for in lines joined together, which have no one length
        # (0, see _words_present): an index of the words for long lines would never be
        # asked, and building it doubled the cost of this one.
        self._words = literal_index([rule.trigger_words for rule in worded],
                                    limits=[0] * len(worded)) if worded else None
        self._depths = list({type(rule).trigger_depth: None for rule in worded})
        self._glued = list({type(rule).trigger_glued: None for rule in worded})
        self._by_shape = [rule for rule in rules if rule.by_shape]

    def run(self, doc: Document) -> None:
        for _ in range(self.MAX_ROUNDS):
            count = len(doc.lines)
            reach = _candidates(doc, "head", self.window) + _candidates(doc, "tail", self.window)
            present = self._present(doc, reach, self.edge_chars)
            words = self._words_present(doc) if self._words is not None else 0
            for rule in self.rules:
                bit = self._word_bits.get(id(rule))
                if rule.by_shape:
                    continue
                if bit is not None:
                    if words & bit:
                        rule.run(doc)
                # Rules that may act anywhere prefilter each line themselves.
                elif (id(rule) in self._anywhere or not rule.uses_prefilter or present is None
                        or present & self._masks[id(rule)]):
                    rule.run(doc)
            if len(doc.lines) == count:
                # Rules that judge by shape see the edges only once the others are done.
                for rule in self._by_shape:
                    rule.run(doc)
                if len(doc.lines) == count:
                    break

    #: How much of the end of the last long line is looked at for glued footers.
    GLUED_CHARS = 120

    def _words_present(self, doc: Document) -> int:
        """Bits of the worded rules whose words occur on the last ``word_window`` lines
        with text (those short enough for the worded rules to read: their folded views,
        searched in one pass), or at the end of the last long line (scrapers glue
        footers there, above short debris)."""
        assert self._words is not None
        lines, limit = doc.lines, self.word_chars
        tail = doc.nonblank()[-self.word_window:]
        present = self._words.possible(
            "\n".join([doc.folded(index) for index in tail if len(lines[index]) <= limit]))
        # The last long line (the article's last paragraph, short debris below it).
        last_long = next((index for index in reversed(tail) if len(lines[index]) > limit), None)
        if last_long is not None:
            line = lines[last_long]
            present |= self._words.possible(fold(line[-self.GLUED_CHARS:]))
            for glued in self._glued:  # a glued thread's heading, further up the line
                if text := glued(line):
                    present |= self._words.possible(fold(text))
        if tail:  # a long thread of readers' comments: its heading is further up
            depth = max(depth([lines[index] for index in tail]) for depth in self._depths)
            if depth > len(tail):
                above = doc.nonblank()[-depth:-len(tail)]
                present |= self._words.possible("\n".join(
                    [doc.folded(index) for index in above if len(lines[index]) <= limit]))
        return present

    @staticmethod
    def _present(doc: Document, reach: Iterable[int], max_chars: int) -> int | None:
        """Patterns possible on the lines of ``reach``, a bit mask (None: any may match)."""
        lines = doc.lines
        present = 0
        for index in reach:
            line = lines[index]
            if len(line) > max_chars or not line or line.isspace():
                continue
            possible = doc.possible(index)
            if possible is None:
                return None
            present |= possible
        return present
