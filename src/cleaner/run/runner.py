"""Cleaning many inputs: work units, an executor, ordered output, reports.

Every input becomes a stream of units (:mod:`cleaner.run.work`): text files go in batches of
up to 64, a JSONL file is chunks of whole lines (a few MB each), a Parquet file is record
batches. An executor (:mod:`cleaner.run.executors`: local processes by default, Ray with
:mod:`cleaner.integrations.ray`) runs them and gives their outcomes back in input order, so outputs
are identical whatever runs them; this module writes them and sums the reports.

A run's :class:`~cleaner.run.work.Task` says what it does (clean, count, or what ``clean
discover`` asks); a cleaner whose corpus rules need document frequencies and has none
gets them first, by a count run over the same inputs (:func:`count_first`).
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..engine.api import Cleaner
from ..engine.frequencies import Frequencies
from .executors import Executor, LocalProcesses, Unit, WorkerLost
from .formats import MissingDependency, atomic_output, iter_line_chunks, open_input
from .outputs import sweep_stale_temporaries, write_stdout
from .reports import Stats
from .work import (
    CLEAN,
    COUNT,
    ORDER_BITS,
    STDOUT,
    Count,
    Example,
    InputJob,
    JsonlChunk,
    Options,
    ParquetBatch,
    RecordTally,
    Task,
    TextFile,
    TextFiles,
    Worker,
)

__all__ = ["ORDER_BITS", "STDOUT", "InputJob", "Options", "RunResult", "count", "count_first",
           "run"]

CHUNK_BYTES = 4 << 20
CHUNK_RECORDS = 20_000
TEXT_BATCH_FILES = 64
PARQUET_ROWS = 2048


@dataclass
class RunResult:
    """Totals of a run: statistics, bytes read, whether any input failed, time taken; the
    line counts of a count run; the examples a task collected (``clean discover``)."""

    stats: Stats
    bytes_in: int = 0
    failed: bool = False
    seconds: float = 0.0
    frequencies: Frequencies = field(default_factory=Frequencies)
    examples: dict[tuple[str, int], Example] = field(default_factory=dict)


def _units(jobs: list[InputJob], options: Options) -> Iterator[Unit]:
    batch: list[TextFile] = []
    for index, job in enumerate(jobs):
        if job.problem is not None:
            yield Unit(index, None, True, job.problem)
            continue
        if job.format == "text":
            data = sys.stdin.buffer.read() if job.source is None else None
            batch.append(TextFile(job.source, job.name, job.destination, data, index))
            if len(batch) == TEXT_BATCH_FILES:
                yield Unit(batch[0].job_index, TextFiles(batch), True)
                batch = []
            continue
        if batch:
            yield Unit(batch[0].job_index, TextFiles(batch), True)
            batch = []
        try:
            if job.format == "jsonl":
                yield from _jsonl_units(index, job)
            else:
                yield from _parquet_units(index, job, options)
        except FileNotFoundError:
            yield Unit(index, None, True, "no such file or folder")
        except (MissingDependency, _ColumnError) as error:
            yield Unit(index, None, True, str(error))
        except Exception as error:  # a corrupt archive or file: report it, go on
            yield Unit(index, None, True, f"cannot read: {error}")
    if batch:
        yield Unit(batch[0].job_index, TextFiles(batch), True)


def _with_last(items: Iterator[Any]) -> Iterator[tuple[Any, bool]]:
    previous = next(items, _END)
    while previous is not _END:
        current = next(items, _END)
        yield previous, current is _END
        previous = current


_END = object()


def _jsonl_units(index: int, job: InputJob) -> Iterator[Unit]:
    opened = open_input(job.source) if job.source is not None else contextlib.nullcontext(
        sys.stdin.buffer)
    with opened as stream:
        line = 1
        chunks = iter_line_chunks(stream, CHUNK_BYTES, CHUNK_RECORDS)
        produced = False
        for chunk, last in _with_last(chunks):
            produced = True
            yield Unit(index, JsonlChunk(job.name, line, chunk, job.source, index), last)
            line += chunk.count(b"\n")
        if not produced:
            yield Unit(index, JsonlChunk(job.name, 1, b"", job.source, index), True)


def _parquet_units(index: int, job: InputJob, options: Options) -> Iterator[Unit]:
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
        yield Unit(index, ParquetBatch(job.name, row, batch, job.source, index), last)
        row += batch.num_rows
    if row == 0:  # no rows: the output still has the schema
        import pyarrow as pa

        empty = pa.RecordBatch.from_pylist([], schema=parquet.schema_arrow)
        yield Unit(index, ParquetBatch(job.name, 0, empty, job.source, index), True)


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
    task: Task = CLEAN,
    processes: int = 1,
    executor: Executor | None = None,
    report: Callable[[str], None] = print,
    warn: Callable[[str, str, str], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Run ``task`` on every job (default: clean them and write the outputs); return the
    totals. ``report`` gets explain lines, ``warn(name, level, message)`` problems,
    ``progress(documents, bytes)`` updates. ``executor`` runs the units (default:
    :class:`~cleaner.run.executors.LocalProcesses` with ``processes``). A :class:`Count`
    task returns the line counts (``RunResult.frequencies``) and nothing else.

    ``run([InputJob(Path("in.jsonl"), "in.jsonl", Path("out.jsonl"), "jsonl")],
    Cleaner.from_yaml(), Options(), processes=4).stats.table()``
    """
    executor = executor if executor is not None else LocalProcesses(processes)
    executor.check(jobs, task)
    started = time.perf_counter()
    if isinstance(task, Count):
        counted = executor.count(Worker(cleaner, options, task), _units(jobs, options))
        return RunResult(Stats(), frequencies=counted, seconds=time.perf_counter() - started)
    cleaner = count_first(jobs, cleaner, options, executor)
    result = RunResult(Stats())
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

    writes = task.cleans and not options.dry_run
    if writes:
        sweep_stale_temporaries(job.destination for job in jobs
                                if isinstance(job.destination, Path))
    outcomes = executor.outcomes(Worker(cleaner, options, task), _units(jobs, options))
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


def count(jobs: list[InputJob], cleaner: Cleaner, options: Options, *,
          executor: Executor | None = None, processes: int = 1) -> Frequencies:
    """The first pass of corpus rules: in how many documents of each group each line
    occurs, over ``jobs`` (run by ``executor``, default ``processes`` local processes).

    ``Cleaner.from_yaml(enable=["corpus"]).with_frequencies(count(jobs, cleaner, Options()))``
    """
    return run(jobs, cleaner, replace(options, explain=False), task=COUNT,
               executor=executor, processes=processes).frequencies


def count_first(jobs: list[InputJob], cleaner: Cleaner, options: Options,
                executor: Executor) -> Cleaner:
    """``cleaner`` ready to clean ``jobs``: itself, or, when its corpus rules need document
    frequencies it does not have, a copy with them counted over ``jobs`` first. The one
    place that decides to count before cleaning, whatever the executor."""
    if not cleaner.needs_frequencies or cleaner.frequencies is not None:
        return cleaner
    if any(job.source is None for job in jobs):
        raise ValueError("corpus rules read the input twice; stdin can be read once "
                         "(use files, or --counts from an earlier run)")
    return cleaner.with_frequencies(count(jobs, cleaner, options, executor=executor))
