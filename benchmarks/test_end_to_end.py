"""End-to-end `clean` on a large generated JSONL corpus and on a real one, against the
orjson floor measured on each.

Run with ``make bench`` (200 MB by default; ``CLEANER_BENCH_MB`` to change). Each test
records its figures in the table printed at the end; the figures measured on the
project's machine are committed in benchmarks/thresholds.json, and a run more than the
tolerance below them fails.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import orjson
import pytest

from benchmarks.conftest import (
    BENCH_MB,
    LARGE_MB,
    THRESHOLDS,
    allowed,
    make_corpus,
    measure,
    record,
    record_run,
)
from benchmarks.corpus import REPAIRS, generate

CLEAN = str(Path(sys.executable).with_name("clean"))


@pytest.fixture(scope="session")
def one_process(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("e2e") / "out-j1.jsonl"
    return measure(CLEAN, str(corpus.path), "-o", str(out), "-q", "-j", "1"), out


def test_clean_jsonl_one_process_against_the_floor(corpus, floors, one_process):
    record_run("clean, built-in packs, 1 process", corpus, floors, one_process[0],
               "clean_jsonl_ratio_one_process")


def test_clean_jsonl_real_corpus_one_process_against_the_floor(real_corpus, real_floors,
                                                               tmp_path):
    result = measure(CLEAN, str(real_corpus.path), "-o", str(tmp_path / "out.jsonl"), "-q",
                     "-j", "1")
    record_run("clean, built-in packs, 1 process, real corpus", real_corpus, real_floors, result,
               "clean_jsonl_ratio_real_one_process")


#: A speed-up is wall time, and needs the cores free: above this load average (other
#: people's processes, on a shared machine) it is recorded but not checked.
IDLE_LOAD = 1.0


def test_two_jobs_scale_and_give_the_same_output(corpus, one_process, tmp_path):
    single, single_out = one_process
    out = tmp_path / "out-j2.jsonl"
    load = os.getloadavg()[0]
    double = measure(CLEAN, str(corpus.path), "-o", str(out), "-q", "-j", "2")
    speedup = single["seconds"] / double["seconds"]
    checked = load < IDLE_LOAD
    record("--jobs 2 vs --jobs 1", f"{speedup:.2f} x",
           f"{corpus.bytes / 1e6 / double['seconds']:.1f} MB/s, "
           f"peak {double['max_rss_mb']:.0f} MB per process; load average {load:.1f}"
           + ("" if checked else ": not checked, the cores were not free"))
    assert out.read_bytes() == single_out.read_bytes()
    assert double["max_rss_mb"] < THRESHOLDS["peak_rss_mb"]
    if checked:
        assert speedup >= allowed("jobs_2_speedup")


def injected_recall(out: Path, megabytes: int) -> tuple[float, dict[str, float], float]:
    """Share of injected debris removed (or repaired), per kind, and exact documents."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    exact = comparable = 0
    with open(out, "rb") as lines:
        for doc, line in zip(generate(megabytes * 1_000_000, 0), lines):
            output = orjson.loads(line)["text"]
            kept = Counter(output.split("\n"))
            source = doc.text.split("\n")
            expected = Counter(doc.expected.split("\n"))
            kinds = {kind for _, kind in doc.debris}
            if "site-footer" not in kinds:  # site footers are the corpus rule's job
                comparable += 1
                exact += output == doc.expected
            for number, kind in doc.debris:
                if kind in ("site-footer", "blank"):
                    continue
                total[kind] += 1
                text = source[number - 1]
                if kind in REPAIRS:
                    found[kind] += text not in kept
                else:
                    found[kind] += kept[text] <= expected[text]
    recall = sum(found.values()) / max(1, sum(total.values()))
    per_kind = {kind: found[kind] / total[kind] for kind in sorted(total)}
    return recall, per_kind, exact / max(1, comparable)


def test_recall_of_injected_debris(one_process):
    _, out = one_process
    recall, per_kind, exact = injected_recall(out, BENCH_MB)
    record("recall of injected debris", f"{recall:.3f}",
           ", ".join(f"{kind} {value:.2f}" for kind, value in per_kind.items()))
    record("documents exactly as an editor would leave them", f"{exact:.3f}",
           "documents without a site footer")
    assert recall >= THRESHOLDS["recall_injected_debris"]


@pytest.mark.skipif(not LARGE_MB, reason="set CLEANER_BENCH_LARGE_MB (e.g. 1000)")
def test_peak_memory_is_flat_in_corpus_size(one_process, tmp_path):
    large = make_corpus(LARGE_MB)
    result = measure(CLEAN, str(large.path), "-o", str(tmp_path / "out.jsonl"), "-q",
                     "-j", "1")
    small_peak = one_process[0]["max_rss_mb"]
    record(f"peak memory, {LARGE_MB} MB corpus", f"{result['max_rss_mb']:.0f} MB",
           f"{BENCH_MB} MB corpus: {small_peak:.0f} MB")
    assert result["max_rss_mb"] < THRESHOLDS["peak_rss_mb"]
