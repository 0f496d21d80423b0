"""What a worker does: the task of a run, the work units, and what each unit produced.

A run hands a :class:`Worker` (the cleaner, the :class:`Options`, the :class:`Task`) to
each worker process once; then units (:class:`TextFiles`, :class:`JsonlChunk`,
:class:`ParquetBatch`) go to the workers and come back as an :class:`Outcome`. The task
says what is done with each document: :class:`Clean` it (the only task that writes
outputs) or :class:`Count` its lines for corpus rules; ``clean discover`` adds its own
(:mod:`cleaner.run.discover`). Nothing here keeps state between units.

>>> worker = Worker(Cleaner.from_yaml(), Options(), CLEAN)
>>> outcome = TextFiles([TextFile(None, "a.txt", "-", b"Body.\\n&\\n", 0)]).run(worker)
>>> outcome.data, outcome.stats.documents
(b'Body.\\n', 1)
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol
from urllib.parse import urlsplit

from ..engine.api import Cleaner
from ..engine.document import Edit
from ..engine.frequencies import Frequencies
from .formats import open_input, replace_string_value, set_value
from .reports import Stats, dropped_line, explain_line, removed_by_rule
from .textio import BinaryInputError, decode_bytes, encode_text, keep_form, write_atomic

__all__ = ["CLEAN", "COUNT", "ORDER_BITS", "STDOUT", "Clean", "Count", "Example",
           "InputJob", "JsonlChunk", "Options", "Outcome", "ParquetBatch", "RecordTally", "Task",
           "TextFile", "TextFiles", "Work", "Worker", "group_of", "order_of"]

STDOUT = "-"
#: A document's order (what ``keep: first`` compares) is its input's position in the job
#: list shifted by this many bits, plus its record number inside the input.
ORDER_BITS = 32


@dataclass(frozen=True)
class InputJob:
    """One input (``source is None``: stdin) and where its output goes.

    ``destination`` is a path, ``"-"`` for stdout, or ``None`` for nowhere.
    """

    source: Path | None
    name: str
    destination: Path | str | None
    format: str = "text"
    #: Set when planning found the input unusable (reported, nothing read or written).
    problem: str | None = None


@dataclass(frozen=True)
class Options:
    """What every unit needs to know besides the cleaner and the task."""

    explain: bool = False
    text_field: str = "text"
    in_place: bool = False
    dry_run: bool = False
    group_by: str = "auto"
    #: Sample edits and documents for the HTML report (``--report``).
    report: bool = False
    #: JSONL/Parquet: the field that gets what each rule removed (``--annotate``).
    annotate: str | None = None
    #: JSONL/Parquet: drop records whose text is left shorter than this (``--min-chars``).
    min_chars: int = 0


class Example(Protocol):
    """Something a task found in a document (see :mod:`cleaner.run.discover`); the run keeps,
    per key, the one of the smallest ``order``."""

    @property
    def order(self) -> int: ...


@dataclass
class RecordTally:
    """Records of one input: how many had a text to clean, and the ones passed through
    untouched, by reason: ``reason -> [count, first location, first message]``."""

    texts: int = 0
    passed: dict[str, list[Any]] = field(default_factory=dict)

    def pass_through(self, reason: str, location: str, message: str) -> None:
        entry = self.passed.setdefault(reason, [0, location, message])
        entry[0] += 1

    def merge(self, other: RecordTally) -> None:
        """Add the tally of a later piece of the same input."""
        self.texts += other.texts
        for reason, (count, location, message) in other.passed.items():
            self.passed.setdefault(reason, [0, location, message])[0] += count

    def report(self, name: str, text_field: str) -> Iterator[tuple[str, str]]:
        """``(location, message)`` lines: the first record of each reason, with a count of
        the others (one line per reason and input, not one per record); one line in all
        if no record had a text (a wrong ``--text-field``, or not JSONL at all)."""
        if self.passed and not self.texts:
            counts = ", ".join(f"{count} {_REASONS[reason]}"
                               for reason, (count, _, _) in self.passed.items())
            yield name, (f"no record has a string field `{text_field}` ({counts}); nothing "
                         "cleaned or written (see --text-field)")
            return
        for count, location, message in self.passed.values():
            more = f" ({count - 1} more records like it)" if count > 1 else ""
            yield location, f"{message}; record passed through{more}"


_REASONS = {"json": "not JSON", "field": "without it"}


@dataclass
class Outcome:
    """What one unit produced: output data, counts, report lines, problems."""

    stats: Stats = field(default_factory=Stats)
    explain: list[str] = field(default_factory=list)
    problems: list[tuple[str, str, str, bool]] = field(default_factory=list)
    data: Any = None
    bytes_in: int = 0
    frequencies: Frequencies | None = None
    examples: dict[tuple[str, int], Example] = field(default_factory=dict)
    records: RecordTally = field(default_factory=RecordTally)

    def problem(self, name: str, message: str, level: str = "error", fails: bool = True) -> None:
        self.problems.append((name, level, message, fails))

    def merge(self, other: Outcome) -> None:
        """Add the outcome of a later piece of the same unit."""
        self.stats.merge(other.stats)
        self.explain += other.explain
        self.problems += other.problems
        self.bytes_in += other.bytes_in
        self.records.merge(other.records)
        if other.data is not None:
            self.data = other.data if self.data is None else self.data + other.data
        if other.frequencies is not None:
            self.counted().merge(other.frequencies)
        for key, example in other.examples.items():
            self.examples.setdefault(key, example)

    def counted(self) -> Frequencies:
        """The unit's line counts, started empty on first use."""
        if self.frequencies is None:
            self.frequencies = Frequencies()
        return self.frequencies


# --- tasks ------------------------------------------------------------------------------


class Task(ABC):
    """What a run does with each document. Only a task that ``cleans`` has outputs
    written, records dropped (``--min-chars``) or annotated (``--annotate``)."""

    #: The task's name in messages (``--engine ray does not run the `survey` task``).
    name: ClassVar[str]
    cleans: ClassVar[bool] = False

    @abstractmethod
    def document(self, worker: Worker, outcome: Outcome, name: str, text: str, group: str,
                 order: int) -> tuple[str, list[Edit]]:
        """Handle one document; return its text as the output should have it, and the
        edits made (a task that does not clean returns ``text, []``)."""


@dataclass(frozen=True)
class Clean(Task):
    """Clean each document: edits counted in the statistics, explained, sampled."""

    name: ClassVar[str] = "clean"
    cleans: ClassVar[bool] = True

    def document(self, worker: Worker, outcome: Outcome, name: str, text: str, group: str,
                 order: int) -> tuple[str, list[Edit]]:
        options = worker.options
        cleaned, edits = worker.cleaner.explain(text, group=group, order=order)
        outcome.stats.add(edits)
        if options.report:
            outcome.stats.sample(name, text, cleaned, edits, group)
        if options.explain:
            outcome.explain.extend(explain_line(name, edit) for edit in edits)
        for edit in edits:
            if edit.action == "timeout":
                outcome.problem(name, f"line {edit.line}: rule {edit.rule_id} ran out of "
                                "time; line kept", "warning")
            elif edit.action == "hold":
                outcome.problem(name, f"{edit.before} (--max-loss)", "warning", fails=False)
        return cleaned, edits


@dataclass(frozen=True)
class Count(Task):
    """The first pass of corpus rules: count, per group, the documents holding each line
    (:attr:`Outcome.frequencies`)."""

    name: ClassVar[str] = "count"

    def document(self, worker: Worker, outcome: Outcome, name: str, text: str, group: str,
                 order: int) -> tuple[str, list[Edit]]:
        outcome.counted().add_document(group, worker.cleaner.count_keys(text), order)
        return text, []


CLEAN = Clean()
COUNT = Count()


@dataclass(frozen=True)
class Worker:
    """Everything a worker needs, sent to each worker process once (the cleaner travels
    as rule specs and is compiled there)."""

    cleaner: Cleaner
    options: Options
    task: Task

    def document(self, outcome: Outcome, name: str, text: str, group: str, order: int, *,
                 record: bool) -> tuple[str, list[Edit]]:
        """Run the task on a document and keep its line ends (``\\r\\n`` throughout
        stays); the text of a ``record`` without a final newline does not get one. A text
        no rule changes comes out as it went in. Returns the text and the edits."""
        result, edits = self.task.document(self, outcome, name, text, group, order)
        return keep_form(result, text, record=record), edits

    def too_short(self, outcome: Outcome, name: str, cleaned: str) -> bool:
        """True (counted, and explained with ``--explain``) when a record's cleaned text
        is shorter than ``--min-chars``: the record is dropped."""
        options = self.options
        if not self.task.cleans or len(cleaned) >= options.min_chars:
            return False
        outcome.stats.dropped += 1
        if options.explain:
            outcome.explain.append(dropped_line(name, len(cleaned), options.min_chars))
        return True

    @property
    def annotates(self) -> bool:
        """Whether records get what each rule removed (``--annotate``, when cleaning)."""
        return bool(self.options.annotate) and self.task.cleans


def group_of(record: dict[str, Any] | None, source: Path | None, group_by: str) -> str:
    """The group a document belongs to for corpus rules (see ``--group-by``): ``record``
    is its JSONL record or Parquet row (None for a text file), ``source`` its input.

    >>> group_of({"url": "https://example.org/a"}, None, "auto")
    'example.org'
    """
    if group_by == "none":
        return ""
    if group_by == "file":
        return str(source) if source is not None else ""
    if group_by == "folder" or (group_by == "auto" and record is None):
        return str(source.parent) if source is not None else ""
    if record is None:
        return ""
    if group_by == "auto":
        value = record.get("source")
        if isinstance(value, str) and value:
            return value
        url = record.get("url")
        return (urlsplit(url).hostname or "") if isinstance(url, str) else ""
    if group_by.startswith("url:"):
        url = record.get(group_by[4:])
        return (urlsplit(url).hostname or "") if isinstance(url, str) else ""
    value = record.get(group_by)
    return "" if value is None else str(value)


def order_of(job_index: int, record: int) -> int:
    """A document's order: its input's position in the job list, then its record."""
    return (job_index << ORDER_BITS) | record


# --- work units -------------------------------------------------------------------------


class Work(ABC):
    """A piece of one or more inputs that one worker handles in one go."""

    @abstractmethod
    def run(self, worker: Worker) -> Outcome:
        """Handle the unit; write its output if it is a text file with a destination."""


@dataclass
class TextFile(Work):
    """One text file (``source``), or stdin (``data`` already read), and where its output
    goes: a path, ``"-"`` for stdout (returned as data), or None."""

    source: Path | None
    name: str
    destination: Path | str | None
    data: bytes | None
    job_index: int

    def run(self, worker: Worker) -> Outcome:
        name, destination = self.name, self.destination
        outcome = Outcome()
        try:
            if self.data is not None:
                raw = self.data
            else:
                with open_input(self.source) as stream:  # type: ignore[arg-type]
                    raw = stream.read()
            decoded = decode_bytes(raw)
        except FileNotFoundError:
            outcome.problem(name, "no such file or folder")
            return outcome
        except BinaryInputError as error:
            outcome.problem(name, str(error))
            return outcome
        except OSError as error:
            outcome.problem(name, error.strerror or str(error))
            return outcome
        except Exception as error:  # a corrupt or truncated archive
            outcome.problem(name, f"cannot read: {error}")
            return outcome
        outcome.bytes_in = len(raw)
        if decoded.first_bad_byte is not None:
            outcome.problem(name, f"invalid UTF-8 at byte {decoded.first_bad_byte}; cleaned, "
                            "undecodable bytes written back unchanged in the lines kept",
                            "warning")
        text, _ = worker.document(outcome, name, decoded.text,
                                  group_of(None, self.source, worker.options.group_by),
                                  order_of(self.job_index, 0), record=False)
        if not worker.task.cleans:
            return outcome
        cleaned = encode_text(text, decoded.encoding, decoded.bom)
        if destination == STDOUT:
            outcome.data = cleaned
        elif destination is not None:
            try:
                write_atomic(Path(destination), cleaned,
                             like=self.source if worker.options.in_place else None,
                             compress=True)
            except OSError as error:
                outcome.problem(str(destination), f"cannot write: {error.strerror or error}")
        return outcome


@dataclass
class TextFiles(Work):
    """Several small text files in one unit: one round trip to a worker, not one each."""

    files: list[TextFile]

    def run(self, worker: Worker) -> Outcome:
        outcome = Outcome()
        for text_file in self.files:
            outcome.merge(text_file.run(worker))
        return outcome


@dataclass
class JsonlChunk(Work):
    """Whole lines of a JSONL input, the first of them line ``first_line``."""

    name: str
    first_line: int
    data: bytes
    source: Path | None
    job_index: int

    def run(self, worker: Worker) -> Outcome:
        options = worker.options
        outcome = Outcome(bytes_in=len(self.data))
        bom = (b"\xef\xbb\xbf" if self.first_line == 1 and self.data.startswith(b"\xef\xbb\xbf")
               else b"")
        lines = self.data[len(bom):].split(b"\n")
        trailing = lines.pop() if lines and lines[-1] == b"" else None
        out: list[bytes] = []
        for number, raw, record, text in self._records(outcome, options.text_field, lines):
            if text is None or record is None:
                out.append(raw)
                continue
            cleaned, edits = worker.document(
                outcome, f"{self.name}#{number}", text,
                group_of(record, self.source, options.group_by),
                order_of(self.job_index, number), record=True)
            if worker.too_short(outcome, f"{self.name}#{number}", cleaned):
                continue
            # Only the text value's bytes change; untouched records pass through as they are.
            line = (raw if cleaned == text
                    else replace_string_value(raw, options.text_field, cleaned))
            if worker.annotates:
                line = set_value(line, options.annotate, _annotation(edits))  # type: ignore[arg-type]
            out.append(line)
        if trailing is not None:
            out.append(trailing)
        outcome.data = bom + b"\n".join(out)
        return outcome

    def _records(self, outcome: Outcome, field_name: str, lines: list[bytes]
                 ) -> Iterator[tuple[int, bytes, dict[str, Any] | None, str | None]]:
        """``(line number, raw line, record, text)`` for each line; text is None (and the
        problem reported) where the line is blank, not JSON, or has no string text field."""
        import orjson

        for offset, raw in enumerate(lines):
            number = self.first_line + offset
            if not raw.strip():
                yield number, raw, None, None
                continue
            try:
                record = orjson.loads(raw)
            except orjson.JSONDecodeError as error:
                outcome.records.pass_through("json", f"{self.name}:{number}",
                                             f"invalid JSON ({error})")
                yield number, raw, None, None
                continue
            text = record.get(field_name) if isinstance(record, dict) else None
            if not isinstance(text, str):
                outcome.records.pass_through("field", f"{self.name}:{number}",
                                             f"no string field `{field_name}`")
                yield number, raw, None, None
                continue
            outcome.records.texts += 1
            yield number, raw, record, text


def _annotation(edits: list[Edit]) -> bytes:
    """What ``--annotate`` records for a record: ``{rule id: {"lines": n, "chars": m}}``."""
    import orjson

    return orjson.dumps(removed_by_rule(edits))


@dataclass
class ParquetBatch(Work):
    """A record batch of a Parquet input, its first row numbered ``first_row``."""

    name: str
    first_row: int
    batch: Any
    source: Path | None
    job_index: int

    def run(self, worker: Worker) -> Outcome:
        import pyarrow as pa

        options, name, first_row = worker.options, self.name, self.first_row
        outcome = Outcome(bytes_in=self.batch.nbytes)
        table = pa.Table.from_batches([self.batch])
        index = table.schema.get_field_index(options.text_field)
        column = table.column(index)
        grouped = worker.cleaner.needs_frequencies
        records = (table.drop_columns([table.schema.field(index).name]).to_pylist() or
                   [{}] * table.num_rows) if grouped else None
        cleaned: list[str | None] = []
        annotations: list[Any] = []  # rule id -> counts, as map entries; None: a null text
        kept: list[bool] = []
        for row, text in enumerate(column.to_pylist()):
            result, removed = None, None
            if text is not None:
                group = (group_of(records[row] if records else {}, self.source,
                                  options.group_by) if grouped else "")
                result, edits = worker.document(
                    outcome, f"{name}#{first_row + row}", text, group,
                    order_of(self.job_index, first_row + row), record=True)
                removed = list(removed_by_rule(edits).items()) if options.annotate else None
            cleaned.append(result)
            annotations.append(removed)
            kept.append(result is None or not worker.too_short(
                outcome, f"{name}#{first_row + row}", result))
        table = table.set_column(index, table.schema.field(index),
                                 pa.array(cleaned, type=column.type))
        if worker.annotates:
            table = _with_column(table, options.annotate, pa.array(annotations,
                                                                   _annotation_type()))
        outcome.data = table if all(kept) else table.filter(pa.array(kept))
        return outcome


def _annotation_type() -> Any:
    """The Arrow type of a ``--annotate`` column: rule id -> (lines, chars)."""
    import pyarrow as pa

    return pa.map_(pa.string(), pa.struct([("lines", pa.int64()), ("chars", pa.int64())]))


def _with_column(table: Any, name: str | None, values: Any) -> Any:
    """``table`` with column ``name`` set to ``values``: replaced where it was, or added
    last."""
    position = table.schema.get_field_index(name)
    if position < 0:
        return table.append_column(name, values)
    return table.set_column(position, name, values)
