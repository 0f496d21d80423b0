"""The short benchmark that guards every landing: ``python -m benchmarks.guard``.

`.ci/run` runs it after ``make test``; ``make bench`` stays the full run. It cleans a
slice of each corpus, the generated one (:mod:`benchmarks.corpus`, seed 0) and the real
one (:mod:`benchmarks.realcorpus`), of the sizes in ``guard_slice_mb``, with `clean`,
built-in packs, one process, and compares each run with the floor (orjson read, parse,
serialise, write: :func:`benchmarks.measure.floor_pass`) on the same slice, in the same
run. It fails when a ratio falls more than ``tolerance`` below the figure committed in
``benchmarks/thresholds.json`` (``guard_clean_generated``, ``guard_clean_real``).

The machine is shared and noisy (2 cores, other people's work), so:

* time is CPU time (user + system) of the measured process, not wall time, which
  counts the time other processes held the core; wall-time ratios are printed beside;
* measurements are interleaved: a round times, on one slice, half the floor's passes,
  the `clean` run, then the other half, and then the same on the other slice; its ratio
  is the floor's mean pass over the `clean` run, so both sides of a ratio see the same
  spell of load (a floor pass takes hundredths of a second: a round's passes read
  ``FLOOR_BLOCK_MB`` MB, to average over the load as `clean`'s run does);
* the ratio that counts is the best round's (``--rounds``, default 3). Taking each
  side's best separately pairs a floor and a run from different spells: on the shared
  machine that spread the generated slice's ratio over 0.0075-0.0108 in six runs;
* the slices are written anew each run, from the same seed and files: the same bytes.

A `clean` run includes its start-up (imports, loading the packs, compiling the patterns
it uses or reading them back from the cache; 1.3 s of CPU before the caches): a slow start-up
is a slow landing too. The real slice of 1 MB is two thirds of the real corpus's
documents, each once. ``--figures`` prints the measured
ratios as JSON, to commit when a change makes the engine faster.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import realcorpus
from benchmarks.corpus import generate, write_jsonl
from benchmarks.measure import floor_pass, run

__all__ = ["SLICES", "Timings", "Verdict", "main", "measure_rounds", "verdicts"]

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS_PATH = ROOT / "benchmarks" / "thresholds.json"
CLEAN = str(Path(sys.executable).with_name("clean"))
#: A floor pass over a slice takes a few hundredths of a second, too short to average out
#: a busy moment: a round times passes over the slice until this many MB were read, half
#: before its `clean` run and half after, and takes their mean.
FLOOR_BLOCK_MB = 20


def _generated(path: Path, size: int) -> None:
    write_jsonl(path, generate(size, seed=0))


def _real(path: Path, size: int) -> None:
    realcorpus.write_jsonl(path, realcorpus.repeated(realcorpus.documents(), size))


#: Each guarded slice: its name, how it is written, and its figure in thresholds.json.
SLICES: dict[str, tuple[Callable[[Path, int], None], str]] = {
    "generated": (_generated, "guard_clean_generated"),
    "real": (_real, "guard_clean_real"),
}


@dataclass
class Timings:
    """Per round, CPU and wall seconds of a floor pass (mean of the round's passes) and of
    the `clean` run, on one slice."""

    floor_cpu: list[float] = field(default_factory=list)
    floor_wall: list[float] = field(default_factory=list)
    clean_cpu: list[float] = field(default_factory=list)
    clean_wall: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """The best round's floor over `clean`, in CPU time: the guarded figure.

        >>> Timings([0.2, 0.1], [], [2.0, 2.5], []).ratio
        0.1
        """
        return max(floor / clean for floor, clean in zip(self.floor_cpu, self.clean_cpu))

    @property
    def wall_ratio(self) -> float:
        """The same in wall time (context only: other processes' load is in it)."""
        return max(floor / clean for floor, clean in zip(self.floor_wall, self.clean_wall))


@dataclass(frozen=True)
class Verdict:
    """A measured ratio against its committed figure."""

    name: str
    ratio: float
    figure: float
    tolerance: float

    @property
    def lowest(self) -> float:
        """The lowest ratio that passes: the figure less the tolerance."""
        return self.figure * (1 - self.tolerance)

    @property
    def passed(self) -> bool:
        """True unless the ratio fell more than the tolerance below the figure.

        >>> Verdict("real", 0.0071, 0.010, 0.30).passed, Verdict("real", 0.0069, 0.010, 0.30).passed
        (True, False)
        """
        return self.ratio >= self.lowest


def _floor(path: Path, out: Path, passes: int) -> tuple[float, float]:
    """CPU and wall seconds of ``passes`` floor passes over ``path``."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(passes):
        floor_pass(path, out)
    return time.process_time() - cpu, time.perf_counter() - wall


def _round(path: Path, folder: Path, megabytes: float, timings: Timings) -> None:
    """Half the floor's passes, the `clean` run, the other half."""
    half = max(1, round(FLOOR_BLOCK_MB / megabytes / 2))
    before = _floor(path, folder / "floor.jsonl", half)
    result = run(CLEAN, str(path), "-o", str(folder / "clean.jsonl"), "-q", "-j", "1")
    after = _floor(path, folder / "floor.jsonl", half)
    if result["returncode"] != 0:
        raise RuntimeError(f"clean {path} exited with {result['returncode']}")
    timings.floor_cpu.append((before[0] + after[0]) / (2 * half))
    timings.floor_wall.append((before[1] + after[1]) / (2 * half))
    timings.clean_cpu.append(result["cpu_seconds"])
    timings.clean_wall.append(result["seconds"])


def measure_rounds(folder: Path, megabytes: Mapping[str, float],
                   rounds: int) -> dict[str, Timings]:
    """Write each slice (of ``megabytes[name]`` MB of text) into ``folder``, then time
    floor and `clean` on each, interleaved."""
    paths = {}
    for name, (write, _) in SLICES.items():
        paths[name] = folder / f"{name}.jsonl"
        write(paths[name], int(megabytes[name] * 1_000_000))
    timings = {name: Timings() for name in SLICES}
    for _ in range(rounds):
        for name, path in paths.items():
            _round(path, folder, megabytes[name], timings[name])
    return timings


def verdicts(timings: Mapping[str, Timings], thresholds: Mapping[str, Any]) -> list[Verdict]:
    """Each slice's ratio against its figure in ``thresholds``.

    >>> t = {"generated": Timings([0.1], [0.1], [5.0], [5.0]),
    ...      "real": Timings([0.1], [0.1], [20.0], [20.0])}
    >>> [v.passed for v in verdicts(t, {"tolerance": 0.3, "guard_clean_generated": 0.02,
    ...                                 "guard_clean_real": 0.01})]
    [True, False]
    """
    return [
        Verdict(name, timings[name].ratio, float(thresholds[SLICES[name][1]]),
                float(thresholds["tolerance"]))
        for name in SLICES
    ]


def _table(timings: Mapping[str, Timings], found: list[Verdict],
           megabytes: Mapping[str, float]) -> str:
    lines = ["| slice | clean / floor (CPU) | figure | lowest that passes | wall-time ratio "
             "| clean MB/s (CPU) |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for verdict in found:
        timing = timings[verdict.name]
        rate = megabytes[verdict.name] / min(timing.clean_cpu)
        lines.append(f"| {verdict.name}, {megabytes[verdict.name]:g} MB | {verdict.ratio:.4f} | "
                     f"{verdict.figure:.4f} | {verdict.lowest:.4f} | {timing.wall_ratio:.4f} | "
                     f"{rate:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure, print a table and one verdict line; exit 1 if a ratio fell too far."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.guard",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="best of N (default 3)")
    parser.add_argument("--figures", action="store_true",
                        help="also print the measured ratios as thresholds.json entries")
    args = parser.parse_args(argv)
    thresholds = json.loads(THRESHOLDS_PATH.read_text(encoding="utf-8"))
    megabytes = {name: float(size) for name, size in thresholds["guard_slice_mb"].items()}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cleaner-guard-") as folder:
        timings = measure_rounds(Path(folder), megabytes, args.rounds)
    found = verdicts(timings, thresholds)
    print(_table(timings, found, megabytes))
    if args.figures:
        print(json.dumps({SLICES[v.name][1]: round(v.ratio, 4) for v in found}))
    for verdict in found:
        if not verdict.passed:
            print(f"benchmark guard: {verdict.name}: clean runs at {verdict.ratio:.4f} x the "
                  f"floor, more than {verdict.tolerance:.0%} below the committed "
                  f"{verdict.figure:.4f} (benchmarks/thresholds.json)", file=sys.stderr)
    failed = sum(not verdict.passed for verdict in found)
    print(f"benchmark guard, best of {args.rounds}, {time.perf_counter() - started:.0f} s")
    print(f"guard: {len(found) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
