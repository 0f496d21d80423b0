"""``--resume``: which inputs are finished, and corpus counts that still cover them all.

An input is finished when its output file exists (outputs are written atomically, so an
existing one is complete). Corpus rules judge a line by how many documents of the
*whole* corpus repeat it, so the first pass counts every input, finished or not; the
second pass cleans only the pending ones. Document orders (what ``keep: first`` refers
to) encode the input's position in the job list, so counts taken over every input are
renumbered for the pending list: a line first seen in a finished input has had its
first copy written already, and every pending copy is a later one.

>>> from pathlib import Path
>>> from cleaner.run.runner import InputJob
>>> jobs = [InputJob(Path("a"), "a", None), InputJob(Path("b"), "b", None)]
>>> pending_positions(jobs, finished=lambda job: job.name == "a")
[1]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..engine.frequencies import Frequencies
from .runner import ORDER_BITS, InputJob

__all__ = ["is_finished", "pending_positions", "renumber_for_pending"]


def is_finished(job: InputJob) -> bool:
    """True when ``job`` writes a file other than its input and that file exists."""
    destination = job.destination
    return isinstance(destination, Path) and destination != job.source and destination.is_file()


def pending_positions(jobs: Sequence[InputJob],
                      finished: Callable[[InputJob], bool] = is_finished) -> list[int]:
    """Positions in ``jobs`` of the inputs still to clean."""
    return [position for position, job in enumerate(jobs) if not finished(job)]


def renumber_for_pending(frequencies: Frequencies, pending: Sequence[int]) -> Frequencies:
    """``frequencies`` counted over every job, with first orders renumbered for the
    list of ``pending`` job positions (a first copy in a finished job becomes -1: no
    pending document is the first)."""
    new_position = {old: new for new, old in enumerate(pending)}
    renumbered = Frequencies()
    renumbered.totals = frequencies.totals
    renumbered.counts = frequencies.counts
    for group, firsts in frequencies.first.items():
        renumbered.first[group] = {key: _moved(order, new_position)
                                   for key, order in firsts.items()}
    return renumbered


def _moved(order: int, new_position: dict[int, int]) -> int:
    position, record = order >> ORDER_BITS, order & ((1 << ORDER_BITS) - 1)
    if position not in new_position:
        return -1
    return (new_position[position] << ORDER_BITS) | record
