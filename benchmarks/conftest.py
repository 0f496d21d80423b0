"""Shared benchmark fixtures: one generated and one real corpus per session, and the floor.

Machines here are shared and noisy, so every throughput is reported as a ratio to a
floor measured in the same run on the same corpus: read + parse + serialise + write
with orjson, the fastest JSON library (a slower floor would only flatter the ratio).
MB/s is given as context. Sizes: ``CLEANER_BENCH_MB`` (default 200) for each corpus,
``CLEANER_BENCH_LARGE_MB`` (default 0: skipped) for the flat-memory check.

The generated corpus is :mod:`benchmarks.corpus`; the real one is
:mod:`benchmarks.realcorpus` (the repository's labelled real articles, repeated to the
size). ``thresholds.json`` holds the figures measured on the project's machine; a ratio
more than ``tolerance`` below its figure fails (:func:`allowed`).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from benchmarks import realcorpus
from benchmarks.corpus import generate, write_jsonl, write_truth
from benchmarks.measure import floor_pass, run

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
BENCH_MB = int(os.environ.get("CLEANER_BENCH_MB", "200"))
LARGE_MB = int(os.environ.get("CLEANER_BENCH_LARGE_MB", "0"))
THRESHOLDS = json.loads((ROOT / "benchmarks" / "thresholds.json").read_text("utf-8"))
RESULTS: list[tuple[str, str, str]] = []


def allowed(figure: str) -> float:
    """The lowest value of ``THRESHOLDS[figure]`` that passes: the figure less the tolerance.

    >>> allowed("jobs_2_speedup") == THRESHOLDS["jobs_2_speedup"] * (1 - THRESHOLDS["tolerance"])
    True
    """
    return float(THRESHOLDS[figure]) * (1 - float(THRESHOLDS["tolerance"]))


@dataclass(frozen=True)
class Corpus:
    path: Path
    truth: Path | None
    bytes: int


def make_corpus(megabytes: int, seed: int = 0) -> Corpus:
    """Generate (or reuse from benchmarks/.cache/) a JSONL corpus of ``megabytes``."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"corpus-{megabytes}mb-seed{seed}.jsonl"
    truth = CACHE / f"truth-{megabytes}mb-seed{seed}.jsonl"
    if not (path.exists() and truth.exists()):
        write_jsonl(path, generate(megabytes * 1_000_000, seed))
        write_truth(truth, generate(megabytes * 1_000_000, seed))
    return Corpus(path, truth, path.stat().st_size)


def make_real_corpus(megabytes: int) -> Corpus:
    """Write the real corpus of ``megabytes`` of text to benchmarks/.cache/ (always anew:
    it is quick, and the labelled sets it comes from change)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"real-{megabytes}mb.jsonl"
    realcorpus.write_jsonl(path, realcorpus.repeated(realcorpus.documents(),
                                                     megabytes * 1_000_000))
    return Corpus(path, None, path.stat().st_size)


def measure(*command: str) -> dict:
    """Run ``command`` in a fresh process: seconds, CPU seconds, peak RSS (MB), return code."""
    return run(*command)


@dataclass(frozen=True)
class Floor:
    """The floor's best wall time and best CPU time on a corpus, in seconds."""

    wall: float
    cpu: float


def floor_seconds(path: Path, repeat: int = 3) -> Floor:
    """Best of ``repeat`` of the floor (:func:`benchmarks.measure.floor_pass`), both clocks."""
    out = path.with_suffix(".floor.jsonl")
    wall = cpu = float("inf")
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        floor_pass(path, out)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    out.unlink()
    return Floor(wall, cpu)


def record(name: str, value: str, note: str = "") -> None:
    """Add a row to the results table printed at the end of the session."""
    RESULTS.append((name, value, note))


def record_run(name: str, corpus: Corpus, floor: Floor, result: dict, threshold: str) -> None:
    """Record a measured one-process ``clean`` run as a ratio to the floor, in CPU time,
    and check it against ``allowed(threshold)`` and the peak-memory limit.

    CPU time, because on a shared machine wall time counts the time other people's
    processes held the core (at a load of 9 on 2 cores, a run's wall time was 5.5 times
    its CPU time); the wall-time ratio is given as context.
    """
    ratio = floor.cpu / result["cpu_seconds"]
    record(name, f"{ratio:.4f} x floor",
           f"{corpus.bytes / 1e6 / result['cpu_seconds']:.2f} MB/s of CPU; wall-time ratio "
           f"{floor.wall / result['seconds']:.4f}; peak {result['max_rss_mb']:.0f} MB; "
           f"figure {THRESHOLDS[threshold]}")
    assert result["returncode"] == 0
    assert ratio >= allowed(threshold), f"{name}: {ratio:.3f} x floor < {allowed(threshold):.3f}"
    assert result["max_rss_mb"] < THRESHOLDS["peak_rss_mb"]


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return make_corpus(BENCH_MB)


#: In-memory benchmarks (one rule kind, one peer step) use the first 20 MB of the corpus.
SAMPLE_BYTES = 20_000_000


@pytest.fixture(scope="session")
def sample(corpus: Corpus) -> tuple[list[str], int]:
    """The texts of the first ``SAMPLE_BYTES`` of the corpus, and their UTF-8 size."""
    texts, size = [], 0
    with open(corpus.path, "rb") as lines:
        for line in lines:
            if size >= SAMPLE_BYTES:
                break
            texts.append(orjson.loads(line)["text"])
            size += len(line)
    return texts, sum(len(text.encode("utf-8")) for text in texts)


def _record_floor(name: str, corpus: Corpus, floor: Floor) -> None:
    record(name, f"{corpus.bytes / 1e6 / floor.cpu:.0f} MB/s of CPU",
           f"{floor.cpu:.2f} s CPU, {floor.wall:.2f} s wall for {corpus.bytes / 1e6:.0f} MB")


@pytest.fixture(scope="session")
def floors(corpus: Corpus) -> Floor:
    found = floor_seconds(corpus.path)
    _record_floor("floor: orjson read+parse+write", corpus, found)
    return found


@pytest.fixture(scope="session")
def floor(floors: Floor) -> float:
    """The floor's wall time, for the in-memory rows (timed in wall time by pytest-benchmark)."""
    return floors.wall


@pytest.fixture(scope="session")
def real_corpus() -> Corpus:
    return make_real_corpus(BENCH_MB)


@pytest.fixture(scope="session")
def real_floors(real_corpus: Corpus) -> Floor:
    found = floor_seconds(real_corpus.path)
    _record_floor("floor on the real corpus", real_corpus, found)
    return found


def pytest_terminal_summary(terminalreporter) -> None:
    if not RESULTS:
        return
    lines = ["| measure | value | context |", "| --- | ---: | --- |"]
    lines += [f"| {name} | {value} | {note} |" for name, value, note in RESULTS]
    table = "\n".join(lines)
    terminalreporter.write_line("")
    terminalreporter.write_line(table)
    CACHE.mkdir(exist_ok=True)  # a run of benchmarks that need no corpus has none yet
    (CACHE / "results.md").write_text(table + "\n", encoding="utf-8")
