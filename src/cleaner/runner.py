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
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .api import Cleaner
from .formats import MissingDependency, atomic_output, iter_line_chunks, open_input
from .frequencies import Frequencies, line_key
from .reports import Stats, explain_line
from .textio import BinaryInputError, decode_bytes, encode_text, write_atomic

__all__ = ["ORDER_BITS", "Executor", "InputJob", "LineExample", "Options", "Outcome",
           "RunResult", "WorkerLost", "run"]

CHUNK_BYTES = 4 << 20
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


@dataclass(frozen=True)
class InputJob:
    """One input (``source is None``: stdin) and where its output goes.

    ``destination`` is a path, ``"-"`` for stdout, or ``None`` for nowhere.
    """

    source: Path | None
    name: str
    destination: Path | str | None
    format: str = "text"


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

    def problem(self, name: str, message: str, level: str = "error", fails: bool = True) -> None:
        self.problems.append((name, level, message, fails))

    def merge(self, other: Outcome) -> None:
        """Add the outcome of a later piece of the same unit."""
        self.stats.merge(other.stats)
        self.explain += other.explain
        self.problems += other.problems
        self.bytes_in += other.bytes_in
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


def _init_worker(cleaner: Cleaner, options: Options) -> None:
    global _CLEANER, _OPTIONS
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
                    order: int = 0) -> str:
    assert _CLEANER is not None
    if _OPTIONS.task == "count":
        if outcome.frequencies is None:
            outcome.frequencies = Frequencies()
        outcome.frequencies.add_document(group, _CLEANER.count_keys(text), order)
        return text
    if _OPTIONS.task != "clean":
        _survey(outcome, name, text, group, order)
        return text
    cleaned, edits = _CLEANER.explain(text, group=group, order=order)
    outcome.stats.add(edits)
    if _OPTIONS.explain:
        outcome.explain.extend(explain_line(name, edit) for edit in edits)
    for edit in edits:
        if edit.action == "timeout":
            outcome.problem(name, f"line {edit.line}: rule {edit.rule_id} ran out of time; "
                            "line kept", "warning")
        elif edit.action == "hold":
            outcome.problem(name, f"{edit.before} (--max-loss)", "warning", fails=False)
    return cleaned


def _text_unit(unit: tuple[Path | None, str, Any, bytes | None, int]) -> Outcome:
    source, name, destination, data, job_index = unit
    outcome = Outcome()
    try:
        raw = data if data is not None else source.read_bytes()  # type: ignore[union-attr]
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
    outcome.bytes_in = len(raw)
    if decoded.first_bad_byte is not None:
        outcome.problem(name, f"invalid UTF-8 at byte {decoded.first_bad_byte}; undecodable "
                        "bytes kept as they are", "warning")
    text = _clean_document(outcome, name, decoded.text, _group(None, source),
                           _order(job_index, 0))
    if _OPTIONS.task != "clean":
        return outcome
    cleaned = encode_text(text)
    if destination == STDOUT:
        outcome.data = cleaned
    elif destination is not None:
        try:
            write_atomic(Path(destination), cleaned, like=source if _OPTIONS.in_place else None)
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
            outcome.problem(f"{name}:{number}", f"invalid JSON ({error}); record passed through")
            yield number, raw, None, None
            continue
        text = record.get(field_name) if isinstance(record, dict) else None
        if not isinstance(text, str):
            outcome.problem(f"{name}:{number}", f"no string field `{field_name}`; record "
                            "passed through")
            yield number, raw, None, None
            continue
        yield number, raw, record, text


def _jsonl_unit(unit: tuple[str, int, bytes, Path | None, int]) -> Outcome:
    import orjson

    name, first_line, data, source, job_index = unit
    outcome = Outcome(bytes_in=len(data))
    lines = data.split(b"\n")
    trailing = lines.pop() if lines and lines[-1] == b"" else None
    out: list[bytes] = []
    for number, raw, record, text in _jsonl_records(outcome, name, first_line, lines):
        if text is None or record is None:
            out.append(raw)
            continue
        cleaned = _clean_document(outcome, f"{name}#{number}", text, _group(record, source),
                                  _order(job_index, number))
        if cleaned == text:
            out.append(raw)  # untouched records pass through byte for byte
        else:
            record[_OPTIONS.text_field] = cleaned
            out.append(orjson.dumps(record))
    if trailing is not None:
        out.append(trailing)
    outcome.data = b"\n".join(out)
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
    cleaned = [
        None if text is None else _clean_document(
            outcome, f"{name}#{first_row + row}", text,
            _group(records[row] if records else {}, source) if grouped else "",
            _order(job_index, first_row + row))
        for row, text in enumerate(column.to_pylist())
    ]
    outcome.data = table.set_column(index, table.schema.field(index),
                                    pa.array(cleaned, type=column.type))
    return outcome


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
        except MissingDependency as error:
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
        chunks = iter_line_chunks(stream, CHUNK_BYTES)
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
    if parquet.schema_arrow.get_field_index(options.text_field) < 0:
        raise ValueError(f"no column `{options.text_field}`")
    row = 0
    for batch, last in _with_last(iter(parquet.iter_batches(batch_size=PARQUET_ROWS))):
        yield _Unit(index, _parquet_unit, (job.name, row, batch, job.source, index), last)
        row += batch.num_rows


class WorkerLost(RuntimeError):
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
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(cleaner, options)) as pool:
        pending: deque = deque()
        try:
            for unit in units:
                future = None if unit.failure else pool.submit(unit.worker, unit.payload)
                pending.append((unit, future))
                while len(pending) > 2 * jobs:
                    yield _resolve(*pending.popleft())
            while pending:
                yield _resolve(*pending.popleft())
        except BrokenProcessPool:
            raise WorkerLost("a worker process died; the run was stopped") from None


def _resolve(unit: _Unit, future: Any) -> tuple[_Unit, Outcome]:
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
            sys.stdout.buffer.write(data if isinstance(data, bytes) else b"")
            return
        if self._context is None:
            self._context = atomic_output(Path(destination), compress=self.job.format == "jsonl")
            self._stream = self._context.__enter__()
        if self.job.format == "parquet":
            import pyarrow.parquet as pq

            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self._stream, data.schema)
            self._parquet.write_table(data)
        else:
            self._stream.write(data)

    def close(self, ok: bool) -> None:
        if self._context is None:
            return
        if self._parquet is not None:
            self._parquet.close()
        if ok:
            self._context.__exit__(None, None, None)
        else:
            self._context.__exit__(RuntimeError, RuntimeError("input failed"), None)


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

    def problem(name: str, level: str, message: str, fails: bool) -> None:
        result.failed = result.failed or fails
        if warn is not None:
            warn(name, level, message)

    if executor is None:
        def executor(units: Iterable[_Unit]) -> Iterator[tuple[_Unit, Outcome]]:
            return _ordered(units, processes, cleaner, options)

    try:
        for unit, outcome in executor(_units(jobs, options)):
            job = jobs[unit.job_index]
            if unit.failure:
                problem(job.name, "error", unit.failure, True)
                failed_jobs.add(unit.job_index)
            for name, level, message, fails in outcome.problems:
                problem(name, level, message, fails)
            for line in outcome.explain:
                report(line)
            result.stats.merge(outcome.stats)
            result.bytes_in += outcome.bytes_in
            if outcome.frequencies is not None:
                result.frequencies.merge(outcome.frequencies)
            for key, example in outcome.examples.items():
                if key not in result.examples or example.order < result.examples[key].order:
                    result.examples[key] = example
            if outcome.data is not None and not options.dry_run and options.task == "clean":
                if job.format == "text":
                    _Sink(job).write(outcome.data)
                else:
                    sinks.setdefault(unit.job_index, _Sink(job)).write(outcome.data)
            if unit.last and unit.job_index in sinks:
                sinks.pop(unit.job_index).close(ok=unit.job_index not in failed_jobs)
            if progress is not None:
                progress(result.stats.documents, result.bytes_in)
    except WorkerLost as error:
        problem("clean", "error", str(error), True)
    finally:
        for sink in sinks.values():
            sink.close(ok=False)
    result.seconds = time.perf_counter() - started
    return result
