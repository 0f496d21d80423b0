"""Executors: what runs the work units of a run, and gives back their outcomes in order.

:func:`cleaner.run.runner.run` cuts its inputs into :class:`Unit` s and hands them, with the
:class:`~cleaner.run.work.Worker`, to an :class:`Executor`; the executor yields
``(unit, outcome)`` in the order the units came, so the outputs are the same whatever
runs them. Two executors come with cleaner: :class:`LocalProcesses` (``--jobs``; one
process runs the units inline) and :class:`cleaner.integrations.ray.RayExecutor` (``--engine ray``).
A new one subclasses :class:`Executor` and implements :meth:`Executor.outcomes`::

    class Threads(Executor):
        def outcomes(self, worker, units):
            with ThreadPoolExecutor(4) as pool:
                futures = [(unit, pool.submit(unit.run, worker)) for unit in units]
                for unit, future in futures:
                    yield unit, future.result()
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..engine.frequencies import Frequencies
from ..errors import CleanerError
from .lifecycle import guard_worker, stop_workers
from .work import InputJob, Outcome, Task, Work, Worker

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["Executor", "LocalProcesses", "Unit", "WorkerLost"]


@dataclass
class Unit:
    """A unit of a run: the ``work`` (None when the input failed before it was read:
    then ``failure`` says why), the position of its input in the job list, and whether
    it is the ``last`` unit of that input."""

    job_index: int
    work: Work | None
    last: bool
    failure: str | None = None

    def run(self, worker: Worker) -> Outcome:
        """The unit's outcome (empty for a failed input)."""
        return Outcome() if self.work is None else self.work.run(worker)


class WorkerLost(CleanerError, RuntimeError):
    """A worker died (or its retries ran out); the run stops and says so."""


class Executor(ABC):
    """Runs units and yields ``(unit, outcome)`` in the order of the units.

    An executor may start workers when :meth:`outcomes` or :meth:`count` starts and must
    stop them when the iterator is closed (or runs out); one that loses a worker for good
    raises :class:`WorkerLost`. :meth:`check` refuses, before anything is read, what it
    cannot run; :meth:`close` releases what the executor holds between runs.
    """

    @abstractmethod
    def outcomes(self, worker: Worker, units: Iterable[Unit]) -> Iterator[tuple[Unit, Outcome]]:
        """Run ``worker`` on each unit; yield the outcomes in the units' order."""

    def count(self, worker: Worker, units: Iterable[Unit]) -> Frequencies:
        """The line counts of every unit, summed (``worker.task`` is a count task). An
        executor that can sum where the work runs overrides this."""
        total = Frequencies()
        for _, outcome in self.outcomes(worker, units):
            if outcome.frequencies is not None:
                total.merge(outcome.frequencies)
        return total

    def check(self, jobs: Sequence[InputJob], task: Task) -> None:
        """Raise ``ValueError`` (one line) for inputs or a task this executor does not
        run; every input and task by default."""
        return

    def close(self) -> None:
        """Release what the executor holds (a cluster connection); nothing by default."""
        return


class LocalProcesses(Executor):
    """``processes`` local worker processes (``--jobs``); with one, the units run inline
    in this process. At most ``2 * processes`` units are in flight: memory does not grow
    with the corpus. A worker dies with this process (see :mod:`cleaner.run.lifecycle`).

    >>> LocalProcesses(1).processes
    1
    """

    def __init__(self, processes: int = 1):
        self.processes = processes

    def outcomes(self, worker: Worker, units: Iterable[Unit]) -> Iterator[tuple[Unit, Outcome]]:
        if self.processes <= 1:
            for unit in units:
                yield unit, unit.run(worker)
            return
        # Imported here: multiprocessing costs a one-process run a tenth of its start-up.
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(self.processes, initializer=_start_process,
                                   initargs=(worker, os.getpid()))
        pending: deque[tuple[Unit, Future[Outcome] | None]] = deque()
        try:
            for unit in units:
                future = None if unit.work is None else pool.submit(_run_in_process, unit.work)
                pending.append((unit, future))
                while len(pending) > 2 * self.processes:
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


#: The worker of this process, when it is one of a :class:`LocalProcesses` pool: sent
#: once, by the pool's initializer, so that the rules are compiled once per process.
_PROCESS_WORKER: Worker | None = None


def _start_process(worker: Worker, parent: int) -> None:
    global _PROCESS_WORKER
    guard_worker(parent)
    _PROCESS_WORKER = worker


def _run_in_process(work: Work) -> Outcome:
    assert _PROCESS_WORKER is not None, "the pool's initializer sets the worker"
    return work.run(_PROCESS_WORKER)


def _resolve(unit: Unit, future: Future[Outcome] | None) -> tuple[Unit, Outcome]:
    return unit, (Outcome() if future is None else future.result())
