"""Cleaning on a Ray cluster: a Ray Data API for libraries, and the ``--engine ray`` runner.

Install with ``pip install 'cleaner[ray]'``; importing :mod:`cleaner` never imports Ray,
and this module imports it only when one of its functions runs.

Two ways in:

- :func:`clean_dataset` cleans one column of a Ray Dataset, as Arrow batches, in an
  actor pool whose actors each receive the :class:`~cleaner.Cleaner` as rule specs and
  compile it once. Other columns pass through untouched. :func:`count_dataset` is the
  first pass of corpus rules (a distributed group-by of line hashes) and
  :func:`gather_stats` sums the per-document statistics column::

      import ray, cleaner
      from cleaner.integrations.ray import clean_dataset, gather_stats

      ds = ray.data.read_parquet("s3://bucket/corpus/")
      out = clean_dataset(ds, cleaner.Cleaner.from_yaml(), stats_column="cleaner_stats")
      out = out.materialize()
      print(gather_stats(out, "cleaner_stats").table())
      out.drop_columns(["cleaner_stats"]).write_parquet("s3://bucket/cleaned/")

- :class:`RayExecutor` is what ``clean --engine ray`` runs: an
  :class:`~cleaner.run.executors.Executor` of :func:`cleaner.run.runner.run`, so the same inputs,
  units and outputs (JSONL and Parquet files), with the units run in Ray tasks. The
  driver reads the inputs, the tasks clean, and the driver writes the results in input
  order, so the output is byte for byte the local engine's. A task whose worker dies is
  retried by Ray (``max_retries``); its result is written once, in its place. Counting
  (the first pass of corpus rules) merges partial counts in a tree of tasks.
  :func:`run_ray` is ``run`` with a ``RayExecutor`` that it closes at the end.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..engine.api import Cleaner
from ..engine.frequencies import Frequencies
from ..errors import CleanerError
from ..run.executors import Executor, Unit, WorkerLost
from ..run.reports import Stats
from ..run.runner import RunResult, run
from ..run.work import (
    CLEAN,
    STDOUT,
    Clean,
    Count,
    InputJob,
    Options,
    Outcome,
    Task,
    Work,
    Worker,
    group_of,
)

if TYPE_CHECKING:
    import pyarrow as pa
    import ray.data

__all__ = [
    "MAX_RETRIES",
    "RayExecutor",
    "RayUnavailable",
    "clean_dataset",
    "count_dataset",
    "gather_stats",
    "run_ray",
]

#: How many times Ray re-runs a task whose worker process died.
MAX_RETRIES = 3
#: Partial counts merged by one task of the counting tree.
FAN_IN = 8

# --- worker side ---------------------------------------------------------------------

#: The worker of this Ray process and the token of the run it belongs to: a Ray process
#: serves many tasks, and compiles a run's rules once.
_ACTIVE: tuple[str, Worker] | None = None


def _activate(box: list[Any]) -> Worker:
    """The worker of ``[token, ObjectRef of the Worker]``, fetched once per process."""
    global _ACTIVE
    token, reference = box
    if _ACTIVE is None or _ACTIVE[0] != token:
        import ray

        _ACTIVE = (token, ray.get(reference))  # compiles the rules here, once
    return _ACTIVE[1]


def _run_unit(box: list[Any], work: Work) -> Outcome:
    return work.run(_activate(box))


def _count_unit(box: list[Any], work: Work) -> Frequencies:
    outcome = _run_unit(box, work)
    return outcome.frequencies if outcome.frequencies is not None else Frequencies()


def _merge(*parts: Frequencies) -> Frequencies:
    total = Frequencies()
    for part in parts:
        total.merge(part)
    return total


@functools.cache
def _remote(function: Callable[..., Any]) -> Any:
    import ray

    return ray.remote(max_retries=MAX_RETRIES)(function)


# --- driver side: the executor ----------------------------------------------------------


class RayUnavailable(CleanerError, ValueError):
    """Ray is not installed, or the cluster named by ``address`` cannot be reached."""


#: How long to wait for a named cluster's port before giving up on it.
CONNECT_SECONDS = 5.0


def _check_reachable(address: str | None) -> None:
    """Fail fast on a ``host:port`` (or ``ray://host:port``) nothing listens on; ``ray.init``
    itself retries such an address for a minute or more."""
    address = address or os.environ.get("RAY_ADDRESS")
    if not address or address in ("auto", "local"):
        return
    host, _, port = address.split("://", 1)[-1].rpartition(":")
    if not host or not port.isdigit():
        return  # not host:port: left to Ray, which says what it expects
    try:
        socket.create_connection((host.strip("[]"), int(port)), CONNECT_SECONDS).close()
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise RayUnavailable(f"cannot reach the Ray cluster at {address}: {reason}") from None


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise RayUnavailable(f"--engine ray needs Ray: pip install 'cleaner[ray]' ({error})"
                             ) from None
    return ray


class _Connection:
    """``ray.init`` unless Ray is already initialised; ``shutdown`` only what it started."""

    def __init__(self, address: str | None, processes: int | None):
        _check_reachable(address)
        ray = _import_ray()
        self.started = not ray.is_initialized()
        if self.started:
            try:
                ray.init(address=address, num_cpus=processes if address is None else None,
                         include_dashboard=False, logging_level=logging.WARNING,
                         log_to_driver=False)
            except (ConnectionError, TimeoutError) as error:
                first = (str(error).strip().splitlines() or [type(error).__name__])[0]
                raise RayUnavailable(f"cannot start or join Ray: {first}") from None

    def close(self) -> None:
        import ray

        if self.started:
            ray.shutdown()


class RayExecutor(Executor):
    """Runs units in Ray tasks (``--engine ray``), JSONL and Parquet files only.

    ``address``: the cluster (``"auto"``, ``"ray://head:10001"``); without one, and when
    Ray is not initialised yet, a local Ray with ``processes`` CPUs is started on first
    use (and shut down by :meth:`close`). At most ``2 * processes`` units (default: the
    cluster's CPUs) are in flight.

    ``executor = RayExecutor("auto"); run(jobs, cleaner, Options(), executor=executor);
    executor.close()``
    """

    def __init__(self, address: str | None = None, processes: int | None = None):
        self.address = address
        self.processes = processes
        self._connection: _Connection | None = None
        self._window = 0

    def check(self, jobs: Sequence[InputJob], task: Task) -> None:
        for job in jobs:
            if job.problem is not None:  # reported by the runner, like a local run
                continue
            if job.source is None:
                raise ValueError("--engine ray reads files, not stdin")
            if job.format not in ("jsonl", "parquet"):
                raise ValueError(f"--engine ray cleans JSONL and Parquet files; {job.name} "
                                 f"is {job.format} (use the local engine)")
            if job.destination == STDOUT:
                raise ValueError("--engine ray writes files; name an output with -o")
        if not isinstance(task, (Clean, Count)):
            raise ValueError(f"--engine ray does not run the `{task.name}` task")

    def _connect(self) -> int:
        """Connect (once); the number of units to keep in flight."""
        if self._connection is None:
            self._connection = _Connection(self.address, self.processes)
            import ray

            cpus = self.processes or int(ray.cluster_resources().get("CPU", 1))
            self._window = max(2, 2 * cpus)
        return self._window

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def outcomes(self, worker: Worker, units: Iterable[Unit]) -> Iterator[tuple[Unit, Outcome]]:
        window = self._connect()  # first: says in one line if Ray is missing
        import ray
        from ray.exceptions import RayError

        task, box = _remote(_run_unit), _box(worker)
        pending: deque[tuple[Unit, Any]] = deque()

        def resolve() -> tuple[Unit, Outcome]:
            unit, reference = pending.popleft()
            return unit, (Outcome() if reference is None else ray.get(reference))

        try:
            for unit in units:
                pending.append((unit, None if unit.work is None
                                else task.remote(box, unit.work)))
                while len(pending) > window:
                    yield resolve()
            while pending:
                yield resolve()
        except RayError as error:
            text = str(error).strip()
            first = text.splitlines()[0] if text else type(error).__name__
            raise WorkerLost(f"a Ray task failed after {MAX_RETRIES} retries; the run was "
                             f"stopped ({first})") from None

    def count(self, worker: Worker, units: Iterable[Unit]) -> Frequencies:
        """Count in tasks; merge the partial counts in a tree of tasks, ``FAN_IN`` at a
        time (the driver receives one merged count)."""
        window = self._connect()
        import ray

        task, merge, box = _remote(_count_unit), _remote(_merge), _box(worker)
        running: list[Any] = []
        levels: list[list[Any]] = [[]]  # levels[n]: partial counts merged n times

        def settle(limit: int) -> None:
            while len(running) > limit:
                done, running[:] = ray.wait(running, num_returns=1)
                _push(levels, 0, done[0], merge)

        for unit in units:
            if unit.work is not None:
                running.append(task.remote(box, unit.work))
                settle(window)
        settle(0)
        parts = [part for level in levels for part in level]
        while len(parts) > 1:
            parts = [merge.remote(*parts[i:i + FAN_IN]) for i in range(0, len(parts), FAN_IN)]
        return ray.get(parts[0]) if parts else Frequencies()


def _box(worker: Worker) -> list[Any]:
    import ray

    return [uuid.uuid4().hex, ray.put(worker)]


def _push(levels: list[list[Any]], depth: int, part: Any, merge: Any) -> None:
    if depth == len(levels):
        levels.append([])
    levels[depth].append(part)
    if len(levels[depth]) == FAN_IN:
        parts, levels[depth] = levels[depth], []
        _push(levels, depth + 1, merge.remote(*parts), merge)


def run_ray(
    jobs: list[InputJob],
    cleaner: Cleaner,
    options: Options,
    *,
    task: Task = CLEAN,
    address: str | None = None,
    processes: int | None = None,
    report: Callable[[str], None] = print,
    warn: Callable[[str, str, str], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """:func:`cleaner.run.runner.run` with a :class:`RayExecutor` (closed at the end).

    Raises ``ValueError`` for what this engine does not do (text files, stdin, stdout, a
    task other than clean or count), before it connects.

    ``run_ray([InputJob(Path("in.jsonl"), "in.jsonl", Path("out.jsonl"), "jsonl")],
    Cleaner.from_yaml(), Options(), address="auto")``
    """
    executor = RayExecutor(address, processes)
    try:
        return run(jobs, cleaner, options, task=task, executor=executor, report=report,
                   warn=warn, progress=progress)
    finally:
        executor.close()


# --- Ray Data -----------------------------------------------------------------------


def _document_stats(edits: list[Any]) -> bytes:
    one = Stats()
    one.add(edits)
    return one.to_bytes()


def _stats_from(values: Iterable[Any]) -> Stats:
    stats = Stats()
    for value in values:
        if value is not None:
            stats.merge(Stats.from_bytes(value))
    return stats


class _Batches:
    """Shared by the Ray Data actors: the cleaner, compiled once, and document groups."""

    def __init__(self, cleaner: Cleaner, column: str, group_by: str, order_column: str | None):
        self.cleaner = cleaner  # unpickled from its specs: compiled here, once per actor
        self.column = column
        self.group_by = group_by
        self.order_column = order_column

    def documents(self, table: pa.Table) -> Iterator[tuple[int, str | None, str, int]]:
        """``(row, text, group, order)`` of each row of ``table``."""
        index = table.schema.get_field_index(self.column)
        if index < 0:
            raise KeyError(f"no column `{self.column}`")
        grouped = self.cleaner.needs_frequencies
        records = ((table.drop_columns([self.column]).to_pylist() or [{}] * table.num_rows)
                   if grouped else None)
        orders = (table.column(self.order_column).to_pylist() if self.order_column
                  else [0] * table.num_rows)
        for row, text in enumerate(table.column(index).to_pylist()):
            group = group_of(records[row], None, self.group_by) if records is not None else ""
            yield row, text, group, orders[row] or 0


class _CleanBatches(_Batches):
    def __init__(self, cleaner: Cleaner, column: str, group_by: str, order_column: str | None,
                 stats_column: str | None):
        super().__init__(cleaner, column, group_by, order_column)
        self.stats_column = stats_column

    def __call__(self, table: pa.Table) -> pa.Table:
        import pyarrow as pa

        index = table.schema.get_field_index(self.column)
        cleaned: list[str | None] = []
        stats: list[bytes | None] = []
        for _, text, group, order in self.documents(table):
            if text is None:
                cleaned.append(None)
                stats.append(None)
                continue
            clean, edits = self.cleaner.explain(text, group=group, order=order)
            cleaned.append(clean)
            stats.append(_document_stats(edits))
        field = table.schema.field(index)
        table = table.set_column(index, field, pa.array(cleaned, type=field.type))
        if self.stats_column is not None:
            table = table.append_column(self.stats_column, pa.array(stats, type=pa.binary()))
        return table


class _CountBatches(_Batches):
    def __call__(self, table: pa.Table) -> pa.Table:
        import pyarrow as pa

        groups: list[str] = []
        keys: list[int] = []
        totals: list[bool] = []
        orders: list[int] = []
        for _, text, group, order in self.documents(table):
            if text is None:
                continue
            groups.append(group)
            keys.append(0)
            totals.append(True)
            orders.append(order)
            for key in set(self.cleaner.count_keys(text)):
                groups.append(group)
                keys.append(key)
                totals.append(False)
                orders.append(order)
        return pa.table({"group": pa.array(groups, pa.string()),
                         "key": pa.array(keys, pa.uint64()),
                         "total": pa.array(totals, pa.bool_()),
                         "order": pa.array(orders, pa.int64())})


def _compute(concurrency: int | None) -> Any:
    import ray
    import ray.data

    if concurrency is None:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        return ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, cpus))
    return ray.data.ActorPoolStrategy(size=concurrency)


def clean_dataset(
    ds: ray.data.Dataset,
    cleaner: Cleaner,
    column: str = "text",
    *,
    group_by: str = "auto",
    order_column: str | None = None,
    stats_column: str | None = None,
    concurrency: int | None = None,
    batch_size: int | None = 1024,
) -> ray.data.Dataset:
    """``ds`` with ``column`` cleaned (lazily, as Arrow batches, in an actor pool).

    The column keeps its Arrow type; ``None`` passes through; other columns are
    untouched. With ``stats_column``, each row also gets its document's statistics
    (binary JSON, ``None`` for ``None`` texts): sum them with :func:`gather_stats`, then
    drop the column. Corpus rules need ``cleaner.with_frequencies(count_dataset(...))``;
    they take each row's group as ``clean --group-by`` does (``auto``: the ``source``
    column, else the host of ``url``) and its order from ``order_column`` (else 0).
    ``concurrency``: actors (default: 1 up to the cluster's CPUs).

    ``clean_dataset(ray.data.read_parquet(path), Cleaner.from_yaml()).write_parquet(out)``
    """
    if cleaner.needs_frequencies and cleaner.frequencies is None:
        raise ValueError("corpus rules are selected but no document frequencies were "
                         "counted: pass cleaner.with_frequencies(count_dataset(ds, cleaner))")
    return ds.map_batches(
        _CleanBatches, fn_constructor_args=(cleaner, column, group_by, order_column,
                                            stats_column),
        batch_format="pyarrow", batch_size=batch_size, compute=_compute(concurrency),
        zero_copy_batch=True, udf_modifying_row_count=False)


def gather_stats(ds: ray.data.Dataset, stats_column: str) -> Stats:
    """The :class:`~cleaner.run.reports.Stats` of a dataset cleaned with ``stats_column``.

    Each block is summed where it lies; the driver merges one small row per block.
    ``gather_stats(out, "cleaner_stats").rows()``
    """
    import pyarrow as pa

    def summed(table: pa.Table) -> pa.Table:
        stats = _stats_from(table.column(stats_column).to_pylist())
        return pa.table({stats_column: pa.array([stats.to_bytes()], pa.binary())})

    parts = ds.select_columns([stats_column]).map_batches(
        summed, batch_format="pyarrow", batch_size=None, udf_modifying_row_count=True)
    total = Stats()
    for row in parts.iter_rows():
        total.merge(_stats_from([row[stats_column]]))
    return total


def count_dataset(
    ds: ray.data.Dataset,
    cleaner: Cleaner,
    column: str = "text",
    *,
    group_by: str = "auto",
    order_column: str | None = None,
    concurrency: int | None = None,
    batch_size: int | None = 1024,
) -> Frequencies:
    """The first pass of corpus rules on Ray Data: (group, line hash) counted across workers.

    Actors emit one row per distinct line key of each document (and one per document
    for the group totals); a distributed group-by counts them and keeps the smallest
    order; the driver builds the :class:`~cleaner.Frequencies` from the grouped rows.

    ``freq = count_dataset(ds, c, order_column="n"); clean_dataset(ds, c.with_frequencies(freq),
    order_column="n")``
    """
    from ray.data.aggregate import Count, Min

    frequencies = Frequencies()
    if not cleaner.needs_frequencies:
        return frequencies
    keyed = ds.map_batches(
        _CountBatches, fn_constructor_args=(cleaner.with_frequencies(Frequencies()), column,
                                            group_by, order_column),
        batch_format="pyarrow", batch_size=batch_size, compute=_compute(concurrency),
        zero_copy_batch=True, udf_modifying_row_count=True)
    grouped = keyed.groupby(["group", "key", "total"]).aggregate(Count(), Min("order"))
    batches: Iterable[Any] = grouped.iter_batches(batch_format="pyarrow", batch_size=65536)
    for batch in batches:  # pyarrow tables
        columns = batch.to_pydict()
        for group, key, total, count, first in zip(
                columns["group"], columns["key"], columns["total"], columns["count()"],
                columns["min(order)"]):
            if total:
                frequencies.add_counted(group, count, [])
            else:
                frequencies.add_counted(group, 0, [(key, count, first)])
    return frequencies
