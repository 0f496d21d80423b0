"""Reports built from edits: ``--explain`` lines and ``--stats`` tables.

>>> from cleaner import Edit
>>> print(explain_line("a.txt", Edit("symbols/lone-symbol-line", 2, "drop", "&")))
a.txt:2: symbols/lone-symbol-line: &
>>> stats = Stats(); stats.add([Edit("x/y", 2, "drop", "&")])
>>> stats.rows()[0]["lines_dropped"]
1
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..engine.document import Edit

if TYPE_CHECKING:  # imported when a run samples (--report), as it costs start-up
    from .samples import Samples

__all__ = ["PROBLEM_ROWS", "ProblemLog", "Stats", "chars_removed", "display_name",
           "dropped_line", "explain_line", "removed_by_rule"]


def display_name(name: str) -> str:
    """An input's name as reports print it: as it is, or, when it holds a character that
    is not printable (a newline, a tab, an undecodable byte of a file name), as a Python
    string literal, so that every report line stays one line.

    >>> print(display_name("news/a.txt"), display_name("news/a\\nb.txt"))
    news/a.txt 'news/a\\nb.txt'
    """
    return name if name.isprintable() else repr(name)


def explain_line(source: str, edit: Edit) -> str:
    """``path:line: rule-id: removed text`` (repairs show ``before -> after``; a path is
    quoted by :func:`display_name` when it must be)."""
    if edit.action == "repair":
        detail = f"{_visible(edit.before)} -> {_visible(edit.after or '')}"
    elif edit.action in ("hold", "timeout"):
        detail = f"[{edit.action}] {_visible(edit.before)}"
    else:
        detail = _visible(edit.removed) or "(blank line)"
        if edit.action == "flag":
            detail = f"[flag] {detail}"
    if edit.note:
        detail = f"{detail}  [{edit.note}]"
    return f"{display_name(source)}:{edit.line}: {edit.rule_id}: {detail}"


def dropped_line(source: str, chars_left: int, min_chars: int) -> str:
    """The ``--explain`` line of a record that ``--min-chars`` dropped.

    >>> print(dropped_line("a.jsonl#3", 4, 200))
    a.jsonl#3: min-chars: record dropped, 4 characters left (fewer than 200)
    """
    return (f"{display_name(source)}: min-chars: record dropped, {chars_left} characters "
            f"left (fewer than {min_chars})")


def _visible(text: str) -> str:
    """Text on one line: controls and newlines escaped, everything else as it is."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def removed_by_rule(edits: Iterable[Edit]) -> dict[str, dict[str, int]]:
    """What each rule removed from one document: ``{rule id: {"lines": n, "chars": m}}``,
    in the order the rules first edited it. ``lines`` counts the lines a rule dropped or
    changed, ``chars`` the characters it removed (a dropped line's newline included), as
    ``--stats`` counts them. Flags remove nothing and are left out; so is a document
    that ``--max-loss`` held (nothing was removed).

    >>> removed_by_rule([Edit("x/y", 2, "drop", "&"), Edit("x/y", 4, "drop", "--"),
    ...                  Edit("x/z", 5, "trim", "a &", "a")])
    {'x/y': {'lines': 2, 'chars': 5}, 'x/z': {'lines': 1, 'chars': 2}}
    """
    edits = list(edits)
    removed: dict[str, dict[str, int]] = {}
    if any(edit.action == "hold" for edit in edits):
        return removed
    for edit in edits:
        if edit.action in _REMOVING:
            counts = removed.setdefault(edit.rule_id, {"lines": 0, "chars": 0})
            counts["lines"] += 1
            counts["chars"] += chars_removed(edit)
    return removed


_REMOVING = ("drop", "trim", "repair")


def chars_removed(edit: Edit) -> int:
    """The characters ``edit`` removed: a dropped line and its newline, or what a trim or
    repair made shorter (0 for any other edit)."""
    if edit.action == "drop":
        return len(edit.before) + 1
    if edit.action in ("trim", "repair"):
        return max(0, len(edit.before) - len(edit.after or ""))
    return 0


@dataclass
class _RuleCount:
    documents: int = 0
    lines_dropped: int = 0
    lines_changed: int = 0
    chars_removed: int = 0
    flagged: int = 0


class Stats:
    """Per-rule counts over many documents.

    ``samples`` (for ``--report``; None unless a run asks for them) travel and merge
    with the counts, so every worker's samples reach the run's totals.
    """

    def __init__(self) -> None:
        self.documents = 0
        self.changed_documents = 0
        #: Records dropped because cleaning left them shorter than ``--min-chars``.
        self.dropped = 0
        self.counts: dict[str, _RuleCount] = {}
        self.samples: Samples | None = None

    def add(self, edits: Iterable[Edit]) -> None:
        """Count one document's edits."""
        self.documents += 1
        touched: set[str] = set()
        changed = False
        for edit in edits:
            count = self.counts.setdefault(edit.rule_id, _RuleCount())
            if edit.rule_id not in touched:
                touched.add(edit.rule_id)
                count.documents += 1
            if edit.action == "drop":
                count.lines_dropped += 1
                count.chars_removed += chars_removed(edit)
                changed = True
            elif edit.action in ("trim", "repair"):
                count.lines_changed += 1
                count.chars_removed += chars_removed(edit)
                changed = True
            else:
                count.flagged += 1
        self.changed_documents += changed

    def sample(self, name: str, text: str, cleaned: str, edits: list[Edit], group: str) -> None:
        """Add one document to :attr:`samples` (see :meth:`Samples.add`)."""
        if self.samples is None:
            from .samples import Samples

            self.samples = Samples()
        self.samples.add(name, text, cleaned, edits, group)

    def merge(self, other: Stats) -> None:
        """Add another :class:`Stats` (from another process or file) into this one."""
        self.documents += other.documents
        self.changed_documents += other.changed_documents
        self.dropped += other.dropped
        for rule_id, theirs in other.counts.items():
            mine = self.counts.setdefault(rule_id, _RuleCount())
            for name in vars(theirs):
                setattr(mine, name, getattr(mine, name) + getattr(theirs, name))
        if other.samples is not None:
            if self.samples is None:
                from .samples import Samples

                self.samples = Samples()
            self.samples.merge(other.samples)

    def to_bytes(self) -> bytes:
        """A compact JSON form of the counts (not the samples), to send between processes
        (see :meth:`from_bytes`)."""
        import orjson  # only runs of many processes send counts: it costs start-up

        return orjson.dumps({"d": self.documents, "c": self.changed_documents,
                             "x": self.dropped, "r": {rule: list(vars(count).values())
                                   for rule, count in self.counts.items()}})

    @classmethod
    def from_bytes(cls, data: bytes) -> Stats:
        """The :class:`Stats` that :meth:`to_bytes` wrote.

        >>> one = Stats(); one.add([Edit("x/y", 2, "drop", "&")])
        >>> Stats.from_bytes(one.to_bytes()).rows() == one.rows()
        True
        """
        import orjson

        payload = orjson.loads(data)
        stats = cls()
        stats.documents, stats.changed_documents = payload["d"], payload["c"]
        stats.dropped = payload.get("x", 0)
        for rule, numbers in payload["r"].items():
            stats.counts[rule] = _RuleCount(*numbers)
        return stats

    def rows(self) -> list[dict[str, int | str]]:
        """One mapping per rule, most characters removed first."""
        ordered = sorted(self.counts.items(), key=lambda item: (-item[1].chars_removed, item[0]))
        return [{"rule": rule_id, **vars(count)} for rule_id, count in ordered]

    def table(self) -> str:
        """A plain-text table for a terminal."""
        headers = ["rule", "documents", "lines_dropped", "lines_changed", "chars_removed",
                   "flagged"]
        rows = [[str(row[h]) for h in headers] for row in self.rows()]
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
        lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                           for i, (h, w) in enumerate(zip(headers, widths)))]
        for row in rows:
            lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                   for i, (c, w) in enumerate(zip(row, widths))))
        lines.append(f"{self.changed_documents} of {self.documents} documents changed")
        if self.dropped:
            lines.append(f"{self.dropped} dropped: shorter than --min-chars after cleaning")
        return "\n".join(lines)


#: Problems a run keeps to show (in the report); the counts cover them all.
PROBLEM_ROWS = 100


class ProblemLog:
    """The problems a run reported: counts per level and the first ``PROBLEM_ROWS``.

    >>> log = ProblemLog(); log.add("a.txt", "error", "no such file or folder")
    >>> log.failed_inputs, log.counts
    (['a.txt'], {'error': 1})
    """

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.first: list[tuple[str, str, str]] = []
        self.failed_inputs: list[str] = []

    def add(self, name: str, level: str, message: str) -> None:
        self.counts[level] = self.counts.get(level, 0) + 1
        if len(self.first) < PROBLEM_ROWS:
            self.first.append((name, level, message))
        if level == "error" and len(self.failed_inputs) < PROBLEM_ROWS:
            self.failed_inputs.append(name)
