"""Cleaning many inputs: work units, worker processes, ordered output, reports.

Every input becomes a stream of units: text files go in batches of up to 64, a JSONL file is
chunks of whole lines (a few MB each), a Parquet file is record batches. Units go to
worker processes (``jobs > 1``) or run inline (``jobs == 1``, the same code), and
come back in input order, so outputs are identical whatever ``jobs`` is. At most
``2 * jobs`` units are in flight: memory does not grow with the corpus.

A worker receives the :class:`~cleaner.Cleaner` once, as rule specs, and compiles it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .api import Cleaner
from .document import Edit
from .errors import CleanerError
from .formats import (
    MissingDependency,
    atomic_output,
    iter_line_chunks,
    open_input,
    replace_string_value,
    set_value,
)
from .frequencies import Frequencies, line_key
from .lifecycle import guard_worker, stop_workers
from .outputs import sweep_stale_temporaries, write_stdout
from .reports import Stats, dropped_line, explain_line, removed_by_rule
from .textio import BinaryInputError, decode_bytes, encode_text, keep_form, write_atomic

__all__ = ["ORDER_BITS", "Executor", "InputJob", "LineExample", "Options", "Outcome",
           "RecordTally",
           "RunResult", "WorkerLost", "run"]

CHUNK_BYTES = 4 << 20
CHUNK_RECORDS = 20_000
TEXT_BATCH_FILES = 64
PARQUET_ROWS = 2048
STDOUT = "-"
#: A document's order (what ``keep: first`` compares) is its input's position in the job
#: list shifted by this many bits, plus its record number inside the input.
ORDER_BITS = 32


@dataclass(frozen=True)
class Options:
    """What every unit needs to know besides the cleaner."""

    explain: bool = False
    text_field: str = "text"
    in_place: bool = False
    dry_run: bool = False
    group_by: str = "auto"
    #: ``clean``; ``count`` (the first pass of corpus rules); ``survey`` (count the lines
    #: that cleaning leaves, for ``clean discover``); ``examples`` (collect an example of
    #: each line in ``wanted``). Only ``clean`` writes outputs.
    task: str = "clean"
    line_chars: tuple[int, int] = (10, 300)
    wanted: frozenset[tuple[str, int]] = frozenset()
    #: Sample edits and documents for the HTML report (``--report``).
    report: bool = False
    #: JSONL/Parquet: the field that gets what each rule removed (``--annotate``).
    annotate: str | None = None
    #: JSONL/Parquet: drop records whose text is left shorter than this (``--min-chars``).
    min_chars: int = 0


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
    """What cleaning one unit produced: output data, counts, report lines, problems."""

    stats: Stats = field(default_factory=Stats)
    explain: list[str] = field(default_factory=list)
    problems: list[tuple[str, str, str, bool]] = field(default_factory=list)
    data: Any = None
    bytes_in: int = 0
    frequencies: Frequencies | None = None
    examples: dict[tuple[str, int], LineExample] = field(default_factory=dict)
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
            if self.frequencies is None:
                self.frequencies = Frequencies()
            self.frequencies.merge(other.frequencies)
        for key, example in other.examples.items():
            self.examples.setdefault(key, example)


@dataclass
class RunResult:
    """Totals of a run: statistics, bytes read, whether any input failed, time taken."""

    stats: Stats
    bytes_in: int = 0
    failed: bool = False
    seconds: float = 0.0
    frequencies: Frequencies = field(default_factory=Frequencies)
    examples: dict[tuple[str, int], LineExample] = field(default_factory=dict)


# --- worker side ----------------------------------------------------------------------

_CLEANER: Cleaner | None = None
_OPTIONS = Options()


def _init_worker(cleaner: Cleaner, options: Options, main: int | None = None) -> None:
    """Set up a worker (or the main process, ``main is None``) to run units."""
    global _CLEANER, _OPTIONS
    if main is not None:
        guard_worker(main)
    _CLEANER, _OPTIONS = cleaner, options


def _group(record: dict[str, Any] | None, source: Path | None) -> str:
    """The group a document belongs to for corpus rules (see ``--group-by``)."""
    mode = _OPTIONS.group_by
    if mode == "none":
        return ""
    if mode == "file":
        return str(source) if source is not None else ""
    if mode == "folder" or (mode == "auto" and record is None):
        return str(source.parent) if source is not None else ""
    if record is None:
        return ""
    if mode == "auto":
        value = record.get("source")
        if isinstance(value, str) and value:
            return value
        url = record.get("url")
        return (urlsplit(url).hostname or "") if isinstance(url, str) else ""
    if mode.startswith("url:"):
        url = record.get(mode[4:])
        return (urlsplit(url).hostname or "") if isinstance(url, str) else ""
    value = record.get(mode)
    return "" if value is None else str(value)


def _order(job_index: int, record: int) -> int:
    return (job_index << ORDER_BITS) | record


@dataclass(frozen=True)
class LineExample:
    """Where a repeated line was seen: its text, a neighbouring line, and the place
    (``name:line``, the line numbered as in the input, before cleaning)."""

    text: str
    context: str
    location: str
    order: int


def _survey(outcome: Outcome, name: str, text: str, group: str, order: int) -> None:
    """Count (``survey``) or collect examples of (``examples``) the lines cleaning leaves."""
    assert _CLEANER is not None
    low, high = _OPTIONS.line_chars
    doc = _CLEANER.document(text, group=group, order=order)
    keys: list[int] = []
    for index, line in enumerate(doc.lines):
        if not low <= len(line) <= high or line.isspace():
            continue
        key = line_key(doc.folded(index))
        keys.append(key)
        wanted = _OPTIONS.task == "examples" and (group, key) in _OPTIONS.wanted
        if wanted and (group, key) not in outcome.examples:
            neighbours = sorted((doc.lines[i] for i in (index - 1, index + 1)
                                 if 0 <= i < len(doc.lines) and doc.lines[i].strip()),
                                key=len)
            outcome.examples[(group, key)] = LineExample(
                line, neighbours[0] if neighbours else "", f"{name}:{doc.origin[index] + 1}",
                order)
    if _OPTIONS.task == "survey":
        if outcome.frequencies is None:
            outcome.frequencies = Frequencies()
        outcome.frequencies.add_document(group, keys, order)


def _clean_document(outcome: Outcome, name: str, text: str, group: str = "",
                    order: int = 0) -> tuple[str, list[Edit]]:
    assert _CLEANER is not None
    if _OPTIONS.task == "count":
        if outcome.frequencies is None:
            outcome.frequencies = Frequencies()
        outcome.frequencies.add_document(group, _CLEANER.count_keys(text), order)
        return text, []
    if _OPTIONS.task != "clean":
        _survey(outcome, name, text, group, order)
        return text, []
    cleaned, edits = _CLEANER.explain(text, group=group, order=order)
    outcome.stats.add(edits)
    if _OPTIONS.report:
        outcome.stats.sample(name, text, cleaned, edits, group)
    if _OPTIONS.explain:
        outcome.explain.extend(explain_line(name, edit) for edit in edits)
    for edit in edits:
        if edit.action == "timeout":
            outcome.problem(name, f"line {edit.line}: rule {edit.rule_id} ran out of time; "
                            "line kept", "warning")
        elif edit.action == "hold":
            outcome.problem(name, f"{edit.before} (--max-loss)", "warning", fails=False)
    return cleaned, edits


def _text_unit(unit: tuple[Path | None, str, Any, bytes | None, int]) -> Outcome:
    source, name, destination, data, job_index = unit
    outcome = Outcome()
    try:
        if data is not None:
            raw = data
        else:
            with open_input(source) as stream:  # type: ignore[arg-type]
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
    text, _ = _clean_text(outcome, name, decoded.text, _group(None, source),
                          _order(job_index, 0), record=False)
    if _OPTIONS.task != "clean":
        return outcome
    cleaned = encode_text(text, decoded.encoding, decoded.bom)
    if destination == STDOUT:
        outcome.data = cleaned
    elif destination is not None:
        try:
            write_atomic(Path(destination), cleaned, like=source if _OPTIONS.in_place else None,
                         compress=True)
        except OSError as error:
            outcome.problem(str(destination), f"cannot write: {error.strerror or error}")
    return outcome


def _text_batch_unit(payloads: list[tuple[Path | None, str, Any, bytes | None, int]]
                     ) -> Outcome:
    """Several small text files in one unit: one round trip to a worker, not one each."""
    outcome = Outcome()
    for payload in payloads:
        outcome.merge(_text_unit(payload))
    return outcome


def _jsonl_records(outcome: Outcome, name: str, first_line: int, lines: list[bytes]
                   ) -> Iterator[tuple[int, bytes, dict[str, Any] | None, str | None]]:
    """``(line number, raw line, record, text)`` for each line; text is None (and the
    problem reported) where the line is blank, not JSON, or has no string text field."""
    import orjson

    field_name = _OPTIONS.text_field
    for offset, raw in enumerate(lines):
        number = first_line + offset
        if not raw.strip():
            yield number, raw, None, None
            continue
        try:
            record = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            outcome.records.pass_through("json", f"{name}:{number}", f"invalid JSON ({error})")
            yield number, raw, None, None
            continue
        text = record.get(field_name) if isinstance(record, dict) else None
        if not isinstance(text, str):
            outcome.records.pass_through("field", f"{name}:{number}",
                                         f"no string field `{field_name}`")
            yield number, raw, None, None
            continue
        outcome.records.texts += 1
        yield number, raw, record, text


def _clean_text(outcome: Outcome, name: str, text: str, group: str, order: int, *,
                record: bool) -> tuple[str, list[Edit]]:
    """Clean a document and keep its line ends (``\\r\\n`` throughout stays); the text of
    a ``record`` without a final newline does not get one. A text no rule changes comes
    out as it went in. Returns the text and the edits."""
    cleaned, edits = _clean_document(outcome, name, text, group, order)
    return keep_form(cleaned, text, record=record), edits


def _too_short(outcome: Outcome, name: str, cleaned: str) -> bool:
    """True (counted, and explained with ``--explain``) when a record's cleaned text is
    shorter than ``--min-chars``: the record is dropped."""
    if _OPTIONS.task != "clean" or len(cleaned) >= _OPTIONS.min_chars:
        return False
    outcome.stats.dropped += 1
    if _OPTIONS.explain:
        outcome.explain.append(dropped_line(name, len(cleaned), _OPTIONS.min_chars))
    return True


def _annotation(edits: list[Edit]) -> bytes:
    """What ``--annotate`` records for a record: ``{rule id: {"lines": n, "chars": m}}``."""
    import orjson

    return orjson.dumps(removed_by_rule(edits))


def _jsonl_unit(unit: tuple[str, int, bytes, Path | None, int]) -> Outcome:
    name, first_line, data, source, job_index = unit
    outcome = Outcome(bytes_in=len(data))
    bom = b"\xef\xbb\xbf" if first_line == 1 and data.startswith(b"\xef\xbb\xbf") else b""
    lines = data[len(bom):].split(b"\n")
    trailing = lines.pop() if lines and lines[-1] == b"" else None
    out: list[bytes] = []
    for number, raw, record, text in _jsonl_records(outcome, name, first_line, lines):
        if text is None or record is None:
            out.append(raw)
            continue
        cleaned, edits = _clean_text(outcome, f"{name}#{number}", text,
                                     _group(record, source), _order(job_index, number),
                                     record=True)
        if _too_short(outcome, f"{name}#{number}", cleaned):
            continue
        # Only the text value's bytes change; untouched records pass through as they are.
        line = raw if cleaned == text else replace_string_value(raw, _OPTIONS.text_field, cleaned)
        if _OPTIONS.annotate and _OPTIONS.task == "clean":
            line = set_value(line, _OPTIONS.annotate, _annotation(edits))
        out.append(line)
    if trailing is not None:
        out.append(trailing)
    outcome.data = bom + b"\n".join(out)
    return outcome


def _parquet_unit(unit: tuple[str, int, Any, Path | None, int]) -> Outcome:
    import pyarrow as pa

    name, first_row, batch, source, job_index = unit
    outcome = Outcome(bytes_in=batch.nbytes)
    table = pa.Table.from_batches([batch])
    index = table.schema.get_field_index(_OPTIONS.text_field)
    column = table.column(index)
    grouped = _CLEANER is not None and _CLEANER.needs_frequencies
    records = (table.drop_columns([table.schema.field(index).name]).to_pylist() or
               [{}] * table.num_rows) if grouped else None
    cleaned: list[str | None] = []
    annotations: list[Any] = []  # rule id -> counts, as map entries; None: a null text
    kept: list[bool] = []
    for row, text in enumerate(column.to_pylist()):
        result, removed = None, None
        if text is not None:
            result, edits = _clean_text(
                outcome, f"{name}#{first_row + row}", text,
                _group(records[row] if records else {}, source) if grouped else "",
                _order(job_index, first_row + row), record=True)
            removed = list(removed_by_rule(edits).items()) if _OPTIONS.annotate else None
        cleaned.append(result)
        annotations.append(removed)
        kept.append(result is None or not _too_short(outcome, f"{name}#{first_row + row}",
                                                     result))
    table = table.set_column(index, table.schema.field(index),
                             pa.array(cleaned, type=column.type))
    if _OPTIONS.annotate and _OPTIONS.task == "clean":
        table = _with_column(table, _OPTIONS.annotate, pa.array(annotations, _annotation_type()))
    outcome.data = table if all(kept) else table.filter(pa.array(kept))
    return outcome


def _annotation_type() -> Any:
    """The Arrow type of a ``--annotate`` column: rule id -> (lines, chars)."""
    import pyarrow as pa

    return pa.map_(pa.string(), pa.struct([("lines", pa.int64()), ("chars", pa.int64())]))


def _with_column(table: Any, name: str, values: Any) -> Any:
    """``table`` with column ``name`` set to ``values``: replaced where it was, or added
    last."""
    position = table.schema.get_field_index(name)
    if position < 0:
        return table.append_column(name, values)
    return table.set_column(position, name, values)


# --- main side ------------------------------------------------------------------------


@dataclass
class _Unit:
    job_index: int
    worker: Callable[[Any], Outcome]
    payload: Any
    last: bool
    failure: str | None = None


def _with_last(items: Iterator[Any]) -> Iterator[tuple[Any, bool]]:
    previous = next(items, _END)
    while previous is not _END:
        current = next(items, _END)
        yield previous, current is _END
        previous = current


_END = object()


def _units(jobs: list[InputJob], options: Options) -> Iterator[_Unit]:
    batch: list[tuple[Path | None, str, Any, bytes | None, int]] = []
    for index, job in enumerate(jobs):
        if job.problem is not None:
            yield _Unit(index, _text_unit, None, True, job.problem)
            continue
        if job.format == "text":
            data = sys.stdin.buffer.read() if job.source is None else None
            batch.append((job.source, job.name, job.destination, data, index))
            if len(batch) == TEXT_BATCH_FILES:
                yield _Unit(batch[0][-1], _text_batch_unit, batch, True)
                batch = []
            continue
        if batch:
            yield _Unit(batch[0][-1], _text_batch_unit, batch, True)
            batch = []
        try:
            if job.format == "jsonl":
                yield from _jsonl_units(index, job)
            else:
                yield from _parquet_units(index, job, options)
        except FileNotFoundError:
            yield _Unit(index, _text_unit, None, True, "no such file or folder")
        except (MissingDependency, _ColumnError) as error:
            yield _Unit(index, _text_unit, None, True, str(error))
        except Exception as error:  # a corrupt archive or file: report it, go on
            yield _Unit(index, _text_unit, None, True, f"cannot read: {error}")
    if batch:
        yield _Unit(batch[0][-1], _text_batch_unit, batch, True)


def _jsonl_units(index: int, job: InputJob) -> Iterator[_Unit]:
    opened = open_input(job.source) if job.source is not None else contextlib.nullcontext(
        sys.stdin.buffer)
    with opened as stream:
        line = 1
        chunks = iter_line_chunks(stream, CHUNK_BYTES, CHUNK_RECORDS)
        produced = False
        for chunk, last in _with_last(chunks):
            produced = True
            yield _Unit(index, _jsonl_unit, (job.name, line, chunk, job.source, index), last)
            line += chunk.count(b"\n")
        if not produced:
            yield _Unit(index, _jsonl_unit, (job.name, 1, b"", job.source, index), True)


def _parquet_units(index: int, job: InputJob, options: Options) -> Iterator[_Unit]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependency(
            "Parquet needs the pyarrow package: pip install 'cleaner[parquet]'"
        ) from None
    if job.source is None:
        raise ValueError("Parquet cannot be read from stdin")
    parquet = pq.ParquetFile(job.source)
    _check_text_column(parquet.schema_arrow, options.text_field)
    row = 0
    for batch, last in _with_last(iter(parquet.iter_batches(batch_size=PARQUET_ROWS))):
        yield _Unit(index, _parquet_unit, (job.name, row, batch, job.source, index), last)
        row += batch.num_rows
    if row == 0:  # no rows: the output still has the schema
        import pyarrow as pa

        empty = pa.RecordBatch.from_pylist([], schema=parquet.schema_arrow)
        yield _Unit(index, _parquet_unit, (job.name, 0, empty, job.source, index), True)


class _ColumnError(ValueError):
    """A Parquet file's text column is missing or does not hold strings."""


def _check_text_column(schema: Any, text_field: str) -> None:
    """Refuse (one line) a Parquet file whose text column is missing or not strings."""
    import pyarrow as pa

    position = schema.get_field_index(text_field)
    if position < 0:
        raise _ColumnError(f"no column `{text_field}`; not cleaned (see --text-field)")
    kind = schema.field(position).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)
            or pa.types.is_null(kind)):
        raise _ColumnError(f"column `{text_field}` holds {kind}, not strings; not cleaned")


class WorkerLost(CleanerError, RuntimeError):
    """A worker died (or its retries ran out); the run stops and says so."""


#: Runs units and yields ``(unit, outcome)`` in input order: local processes by default,
#: Ray tasks for ``--engine ray`` (see :mod:`cleaner.ray`).
Executor = Callable[[Iterable["_Unit"]], Iterator[tuple["_Unit", Outcome]]]


def _ordered(units: Iterable[_Unit], jobs: int, cleaner: Cleaner, options: Options
             ) -> Iterator[tuple[_Unit, Outcome]]:
    """Run units inline or in ``jobs`` processes; yield outcomes in input order."""
    if jobs <= 1:
        _init_worker(cleaner, options)
        for unit in units:
            yield unit, (Outcome() if unit.failure else unit.worker(unit.payload))
        return
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker,
                               initargs=(cleaner, options, os.getpid()))
    pending: deque[tuple[_Unit, Future[Outcome] | None]] = deque()
    try:
        for unit in units:
            future = None if unit.failure else pool.submit(unit.worker, unit.payload)
            pending.append((unit, future))
            while len(pending) > 2 * jobs:
                yield _resolve(*pending.popleft())
        while pending:
            yield _resolve(*pending.popleft())
    except BrokenProcessPool:
        stop_workers(pool)
        raise WorkerLost("a worker process died; the run was stopped") from None
    except BaseException:  # SIGTERM, Ctrl-C, stdout gone, or the caller stopped early
        stop_workers(pool)
        raise
    pool.shutdown()


def _resolve(unit: _Unit, future: Future[Outcome] | None) -> tuple[_Unit, Outcome]:
    return unit, (Outcome() if future is None else future.result())


class _Sink:
    """Where the outcomes of one streamed input (JSONL, Parquet) are written, in order."""

    def __init__(self, job: InputJob):
        self.job = job
        self._context: Any = None
        self._stream: Any = None
        self._parquet: Any = None

    def write(self, data: Any) -> None:
        destination = self.job.destination
        if destination is None:
            return
        if destination == STDOUT:
            write_stdout(data if isinstance(data, bytes) else b"")
            return
        if self._context is None:
            context = atomic_output(Path(destination), compress=self.job.format == "jsonl")
            self._stream = context.__enter__()
            self._context = context
        if self.job.format == "parquet":
            import pyarrow.parquet as pq

            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self._stream, data.schema)
            self._parquet.write_table(data)
        else:
            self._stream.write(data)

    def close(self, ok: bool) -> None:
        """Complete the output (``ok``) or discard it. An OSError: it could not be
        completed, and was discarded."""
        context, self._context = self._context, None
        if context is None:
            return
        try:
            if self._parquet is not None:
                self._parquet.close()
            if not ok:
                raise _Discarded()
        except BaseException as error:
            context.__exit__(type(error), error, error.__traceback__)
            if not isinstance(error, _Discarded):
                raise
            return
        context.__exit__(None, None, None)


class _Discarded(Exception):
    """Closes an output that must not appear (its input failed)."""


def _report_records(tally: RecordTally, job: InputJob, options: Options,
                    problem: Callable[[str, str, str, bool], None]) -> bool:
    """Report the records of ``job`` passed through; True if none had a text to clean
    (a wrong ``--text-field``): then nothing is written for it."""
    for location, message in tally.report(job.name, options.text_field):
        problem(location, "error", message, True)
    return bool(tally.passed) and not tally.texts


def run(
    jobs: list[InputJob],
    cleaner: Cleaner,
    options: Options,
    *,
    processes: int = 1,
    executor: Executor | None = None,
    report: Callable[[str], None] = print,
    warn: Callable[[str, str, str], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Clean every job; write outputs; return totals. ``report`` gets explain lines,
    ``warn(name, level, message)`` problems, ``progress(documents, bytes)`` updates.
    ``executor`` runs the units (default: ``processes`` local processes)."""
    result = RunResult(Stats())
    started = time.perf_counter()
    sinks: dict[int, _Sink] = {}
    failed_jobs: set[int] = set()
    tallies: dict[int, RecordTally] = {}

    def problem(name: str, level: str, message: str, fails: bool) -> None:
        result.failed = result.failed or fails
        if warn is not None:
            warn(name, level, message)

    def cannot_write(index: int, error: OSError) -> None:
        failed_jobs.add(index)
        problem(str(jobs[index].destination), "error",
                f"cannot write: {error.strerror or error}", True)

    def write(index: int, data: Any) -> None:
        """Write to the job's output; a file that cannot be written fails that job only
        (stdout failing stops the run)."""
        job = jobs[index]
        sink = _Sink(job) if job.format == "text" else sinks.setdefault(index, _Sink(job))
        try:
            sink.write(data)
        except OSError as error:
            if job.destination == STDOUT:
                raise
            cannot_write(index, error)
            sinks.pop(index, None)
            with contextlib.suppress(OSError):
                sink.close(ok=False)

    if executor is None:
        def executor(units: Iterable[_Unit]) -> Iterator[tuple[_Unit, Outcome]]:
            return _ordered(units, processes, cleaner, options)

    writes = options.task == "clean" and not options.dry_run
    if writes:
        sweep_stale_temporaries(job.destination for job in jobs
                                if isinstance(job.destination, Path))
    outcomes = executor(_units(jobs, options))
    try:
        for unit, outcome in outcomes:
            job = jobs[unit.job_index]
            if unit.failure:
                problem(job.name, "error", unit.failure, True)
                failed_jobs.add(unit.job_index)
            for name, level, message, fails in outcome.problems:
                problem(name, level, message, fails)
            for line in outcome.explain:
                report(line)
            tallies.setdefault(unit.job_index, RecordTally()).merge(outcome.records)
            if unit.last and _report_records(tallies.pop(unit.job_index), job, options, problem):
                failed_jobs.add(unit.job_index)
            result.stats.merge(outcome.stats)
            result.bytes_in += outcome.bytes_in
            if outcome.frequencies is not None:
                result.frequencies.merge(outcome.frequencies)
            for key, example in outcome.examples.items():
                if key not in result.examples or example.order < result.examples[key].order:
                    result.examples[key] = example
            if outcome.data is not None and writes and unit.job_index not in failed_jobs:
                write(unit.job_index, outcome.data)
            if unit.last and unit.job_index in sinks:
                try:
                    sinks.pop(unit.job_index).close(ok=unit.job_index not in failed_jobs)
                except OSError as error:
                    cannot_write(unit.job_index, error)
            if progress is not None:
                progress(result.stats.documents, result.bytes_in)
    except WorkerLost as error:
        problem("clean", "error", str(error), True)
    finally:
        getattr(outcomes, "close", lambda: None)()  # stops the workers if still running
        for sink in sinks.values():
            with contextlib.suppress(OSError):
                sink.close(ok=False)
    result.seconds = time.perf_counter() - started
    return result
