"""Shared benchmark fixtures: one generated corpus per session, and the floor.

Machines here are shared and noisy, so every throughput is reported as a ratio to a
floor measured in the same run on the same corpus: read + parse + serialise + write
with orjson, the fastest JSON library (a slower floor would only flatter the ratio).
MB/s is given as context. Sizes: ``CLEANER_BENCH_MB`` (default 200) for the corpus,
``CLEANER_BENCH_LARGE_MB`` (default 0: skipped) for the flat-memory check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from benchmarks.corpus import generate, write_jsonl, write_truth

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
BENCH_MB = int(os.environ.get("CLEANER_BENCH_MB", "200"))
LARGE_MB = int(os.environ.get("CLEANER_BENCH_LARGE_MB", "0"))
THRESHOLDS = json.loads((ROOT / "benchmarks" / "thresholds.json").read_text("utf-8"))
RESULTS: list[tuple[str, str, str]] = []


@dataclass(frozen=True)
class Corpus:
    path: Path
    truth: Path
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


def measure(*command: str) -> dict:
    """Run ``command`` under benchmarks.measure: seconds, peak RSS (MB), return code."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.measure", "--", *command],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def floor_seconds(path: Path, repeat: int = 3) -> float:
    """Best of ``repeat``: read, parse, serialise and write every record with orjson."""
    out = path.with_suffix(".floor.jsonl")
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        with open(path, "rb") as source, open(out, "wb") as sink:
            for line in source:
                sink.write(orjson.dumps(orjson.loads(line)) + b"\n")
        best = min(best, time.perf_counter() - started)
    out.unlink()
    return best


def record(name: str, value: str, note: str = "") -> None:
    """Add a row to the results table printed at the end of the session."""
    RESULTS.append((name, value, note))


def record_run(name: str, corpus: Corpus, floor: float, result: dict, threshold: str) -> None:
    """Record a measured ``clean`` run as a ratio to the floor and check it against
    ``THRESHOLDS[threshold]`` and the peak-memory threshold."""
    ratio = floor / result["seconds"]
    record(name, f"{ratio:.3f} x floor", f"{corpus.bytes / 1e6 / result['seconds']:.1f} MB/s, "
           f"peak {result['max_rss_mb']:.0f} MB")
    assert result["returncode"] == 0
    assert ratio >= THRESHOLDS[threshold]
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


@pytest.fixture(scope="session")
def floor(corpus: Corpus) -> float:
    seconds = floor_seconds(corpus.path)
    record("floor: orjson read+parse+write", f"{corpus.bytes / 1e6 / seconds:.0f} MB/s",
           f"{seconds:.2f} s for {corpus.bytes / 1e6:.0f} MB")
    return seconds


def pytest_terminal_summary(terminalreporter) -> None:
    if not RESULTS:
        return
    lines = ["| measure | value | context |", "| --- | ---: | --- |"]
    lines += [f"| {name} | {value} | {note} |" for name, value, note in RESULTS]
    table = "\n".join(lines)
    terminalreporter.write_line("")
    terminalreporter.write_line(table)
    (CACHE / "results.md").write_text(table + "\n", encoding="utf-8")
