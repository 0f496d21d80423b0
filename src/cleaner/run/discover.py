"""``clean discover``: the lines a corpus repeats that no rule removes yet.

Two passes over the inputs, after cleaning each document with the selected rules:
first count, per group, in how many documents each remaining line occurs; then collect
an example (text, a neighbouring line, a location) of the most repeated ones. The
result is a table to read and, with ``--write-rules``, a pack of ``line`` rules to
review: unknown boilerplate -> reviewed rule -> explained removal.

>>> print(pattern_for("published 12 may 2016 | updated 13:45")[:40])
published \\d+ (?:jan|feb|mar|apr|may|jun
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar, cast

import regex
import yaml

from ..engine.api import Cleaner
from ..engine.document import Document, Edit
from ..engine.frequencies import line_key
from ..text.folding import fold
from .reports import display_name
from .runner import run
from .textio import write_atomic
from .work import InputJob, Options, Outcome, Task, Worker

__all__ = ["Examples", "LineExample", "Repeated", "Survey", "discover", "pattern_for",
           "render_table", "rules_yaml", "runs"]

#: The lengths of the lines considered, in characters (``--min-chars``, ``--max-chars``).
LINE_CHARS = (10, 300)


@dataclass(frozen=True)
class LineExample:
    """Where a repeated line was seen: its text, a neighbouring line, and the place
    (``name:line``, the line numbered as in the input, before cleaning)."""

    text: str
    context: str
    location: str
    order: int


def _lines_left(worker: Worker, text: str, group: str, order: int, line_chars: tuple[int, int]
                ) -> Iterator[tuple[Document, int, int]]:
    """``(document, line index, line key)`` of each line cleaning leaves in ``text`` whose
    length is within ``line_chars``."""
    low, high = line_chars
    doc = worker.cleaner.document(text, group=group, order=order)
    for index, line in enumerate(doc.lines):
        if low <= len(line) <= high and not line.isspace():
            yield doc, index, line_key(doc.folded(index))


@dataclass(frozen=True)
class Survey(Task):
    """The first pass of ``clean discover``: count, per group, the documents holding each
    line that cleaning leaves (:attr:`~cleaner.run.work.Outcome.frequencies`)."""

    name: ClassVar[str] = "survey"
    line_chars: tuple[int, int] = LINE_CHARS

    def document(self, worker: Worker, outcome: Outcome, name: str, text: str, group: str,
                 order: int) -> tuple[str, list[Edit]]:
        keys = [key for _, _, key in _lines_left(worker, text, group, order, self.line_chars)]
        outcome.counted().add_document(group, keys, order)
        return text, []


@dataclass(frozen=True)
class Examples(Task):
    """The second pass of ``clean discover``: an example of each ``wanted``
    ``(group, line key)`` that cleaning leaves (:attr:`~cleaner.run.work.Outcome.examples`)."""

    name: ClassVar[str] = "examples"
    wanted: frozenset[tuple[str, int]] = frozenset()
    line_chars: tuple[int, int] = LINE_CHARS

    def document(self, worker: Worker, outcome: Outcome, name: str, text: str, group: str,
                 order: int) -> tuple[str, list[Edit]]:
        for doc, index, key in _lines_left(worker, text, group, order, self.line_chars):
            if (group, key) not in self.wanted or (group, key) in outcome.examples:
                continue
            lines = doc.lines
            neighbours = sorted((lines[i] for i in (index - 1, index + 1)
                                 if 0 <= i < len(lines) and lines[i].strip()), key=len)
            outcome.examples[(group, key)] = LineExample(
                lines[index], neighbours[0] if neighbours else "",
                f"{name}:{doc.origin[index] + 1}", order)
        return text, []


@dataclass(frozen=True)
class Repeated:
    """A line repeated in ``documents`` of the ``total`` documents of ``group``."""

    group: str
    documents: int
    total: int
    example: LineExample

    @property
    def share(self) -> float:
        return self.documents / self.total if self.total else 0.0


def discover(
    jobs: list[InputJob],
    cleaner: Cleaner,
    options: Options,
    *,
    line_chars: tuple[int, int] = LINE_CHARS,
    min_docs: int = 5,
    min_fraction: float = 0.02,
    top: int = 20,
    processes: int = 1,
) -> list[Repeated]:
    """The most repeated lines per group (at most ``top`` each), most repeated first;
    lines of ``line_chars`` characters (shortest, longest) are considered."""
    options = replace(options, explain=False)
    survey = run(jobs, cleaner, options, task=Survey(line_chars),
                 processes=processes).frequencies
    chosen: dict[tuple[str, int], tuple[int, int]] = {}
    for group, counts in survey.counts.items():
        total = survey.documents(group)
        needed = max(min_docs, min_fraction * total)
        frequent = sorted(((count, key) for key, count in counts.items() if count >= needed),
                          reverse=True)[:top]
        for count, key in frequent:
            chosen[(group, key)] = (count, total)
    if not chosen:
        return []
    examples = run(jobs, cleaner, options, task=Examples(frozenset(chosen), line_chars),
                   processes=processes).examples
    found = [Repeated(group, count, total, cast(LineExample, examples[(group, key)]))
             for (group, key), (count, total) in chosen.items() if (group, key) in examples]
    return sorted(found, key=lambda r: (-r.share, -r.documents, r.group, r.example.location))


def runs(found: Sequence[Repeated]) -> list[list[Repeated]]:
    """Group lines whose examples stand on consecutive lines of one document into runs.

    >>> ex = lambda line: LineExample("x", "", f"a.txt:{line}", 0)
    >>> [len(run) for run in runs([Repeated("g", 9, 9, ex(n)) for n in (4, 5, 9)])]
    [2, 1]
    """
    by_place = {(item.group, *_place(item)): item for item in found}
    result = []
    for item in found:
        document, line = _place(item)
        if (item.group, document, line - 1) in by_place:
            continue  # continues a run that starts on an earlier line
        run = [item]
        while (item.group, document, line + len(run)) in by_place:
            run.append(by_place[(item.group, document, line + len(run))])
        result.append(run)
    return result


def _place(item: Repeated) -> tuple[str, int]:
    document, _, line = item.example.location.rpartition(":")
    return document, int(line)


def render_table(found: Sequence[Repeated], width: int = 60) -> str:
    """A plain-text table: group, documents, share, line (or run), example location."""
    rows = [("group", "docs", "share", "line", "example")]
    for group_run in runs(found):
        item = group_run[0]
        text = item.example.text.strip()
        if len(group_run) > 1:
            text = f"[{len(group_run)} lines] {text} ⏎ " + " ⏎ ".join(
                other.example.text.strip() for other in group_run[1:])
        if len(text) > width:
            text = text[: width - 1] + "…"
        documents = min(other.documents for other in group_run)
        rows.append((item.group or "(all)", f"{documents}/{item.total}",
                     f"{documents / item.total:.0%}", text,
                     display_name(item.example.location)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        for row in rows
    )


_MONTHS = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zé.]*",
    r"(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec)[a-zé.]*",
)
_MONTH_WORD = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|janvier|février|fevrier|"
    r"mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\b"
)
_FRENCH_MONTHS = {"janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet",
                  "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre"}


def pattern_for(folded: str) -> str:
    """A pattern for a folded line: literal, with numbers and month names generalised."""
    pieces: list[str] = []
    position = 0
    for match in re.finditer(r"\d+|" + _MONTH_WORD.pattern, folded):
        pieces.append(_escape(folded[position:match.start()]))
        word = match.group()
        if word.isdigit():
            pieces.append(r"\d+")
        else:
            pieces.append(_MONTHS[1] if word in _FRENCH_MONTHS else _MONTHS[0])
        position = match.end()
    pieces.append(_escape(folded[position:]))
    return "".join(pieces)


def _escape(text: str) -> str:
    return regex.escape(text, special_only=True, literal_spaces=True)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40] or "all"


def rules_yaml(found: Sequence[Repeated], pack: str = "discovered") -> str:
    """A rule pack with one ``line`` rule per pattern, each with examples.

    Lines that fold to the same pattern (one footer in several groups, lines that differ
    only in their numbers) become one rule whose summary names every group.
    """
    by_match: dict[str, list[Repeated]] = {}
    for item in found:
        by_match.setdefault(pattern_for(fold(item.example.text)), []).append(item)
    rules: list[dict[str, Any]] = []
    numbers: dict[str, int] = {}
    for match, items in by_match.items():
        first = items[0]
        slug = _slug(first.group)
        numbers[slug] = numbers.get(slug, 0) + 1
        context = first.example.context or "Article text."
        where = "; ".join(f"{item.documents} of {item.total} documents of "
                          f"{item.group or 'the corpus'}" for item in items[:3])
        if len(items) > 3:
            where += f"; and {len(items) - 3} more"
        rules.append({
            "id": f"{pack}/{slug}-{numbers[slug]}",
            "kind": "line",
            "summary": f"Repeated in {where} (seen at {first.example.location}).",
            "match": match,
            "max_chars": max(len(item.example.text) for item in items) + 40,
            "examples": [
                {"input": f"{context}\n{first.example.text}\n", "output": f"{context}\n"},
                {"input": f"{context}\n", "unchanged": True},
            ],
        })
    header = ("# Written by `clean discover`: review every rule before use; delete the\n"
              "# ones that match article text. Test with: clean rules test FILE\n")
    body = yaml.safe_dump({"pack": pack, "summary": "Lines found repeated by clean discover.",
                           "rules": rules}, allow_unicode=True, sort_keys=False, width=1000)
    return header + body


def write_rules(path: Path, found: Sequence[Repeated]) -> None:
    """Write :func:`rules_yaml` to ``path`` atomically."""
    write_atomic(path, rules_yaml(found).encode("utf-8"))
