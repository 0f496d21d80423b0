"""The real benchmark corpus (benchmarks/realcorpus.py) and the benchmark guard's verdicts
(benchmarks/guard.py); the guard itself runs in `.ci/run`, after the suite."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from benchmarks import guard, realcorpus
from benchmarks.measure import run
from devset_score import SETS, load

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = json.loads((ROOT / "benchmarks" / "thresholds.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def docs() -> list[realcorpus.RealDoc]:
    return realcorpus.documents()


def test_every_labelled_file_is_one_document_with_its_unlabelled_text(docs):
    paths = [path for _, folder, _ in SETS for path in sorted(folder.glob("*/*.txt"))]
    assert [doc.id for doc in docs] == [path.relative_to(ROOT).as_posix() for path in paths]
    for doc, path in zip(docs, paths):
        assert doc.text == load(path).text
        assert doc.lang == path.parent.name
    assert len({doc.lang for doc in docs}) >= 20


def test_a_glued_line_is_joined_again(docs):
    glued = ROOT / "tests" / "comments"
    assert any("\nG " in path.read_text("utf-8") for path in glued.glob("*/*/*.txt"))
    assert all("\u27ea" not in doc.text for doc in docs)  # the glue mark is not the source's


def test_repetition_renames_each_pass_and_stops_at_the_size(docs):
    one_pass = sum(len(doc.text.encode()) for doc in docs)
    records = list(realcorpus.repeated(docs, one_pass + 1))
    assert len(records) == len(docs) + 1
    assert records[len(docs)] == {"id": docs[0].id + "#1", "lang": docs[0].lang,
                                  "text": docs[0].text}
    assert [r["text"] for r in records[: len(docs)]] == [doc.text for doc in docs]


def test_the_real_corpus_is_the_same_bytes_every_time(tmp_path, docs):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    written = realcorpus.write_jsonl(first, realcorpus.repeated(docs, 200_000))
    realcorpus.write_jsonl(second, realcorpus.repeated(realcorpus.documents(), 200_000))
    assert written >= 200_000
    assert first.read_bytes() == second.read_bytes()


def test_a_ratio_more_than_the_tolerance_below_its_figure_fails():
    assert guard.Verdict("real", 0.71, 1.0, 0.30).passed
    assert not guard.Verdict("real", 0.69, 1.0, 0.30).passed
    assert guard.Verdict("real", 5.0, 1.0, 0.30).passed  # faster always passes


def test_the_ratio_is_the_best_rounds_floor_over_its_own_run():
    # round 2 has the fastest floor and round 3 the fastest run, but they are not paired
    timings = guard.Timings(floor_cpu=[0.3, 0.1, 0.2], floor_wall=[1, 1, 1],
                            clean_cpu=[9.0, 10.0, 8.0], clean_wall=[1, 1, 1])
    assert timings.ratio == pytest.approx(0.3 / 9.0)


def test_thresholds_hold_a_figure_and_a_slice_for_every_guarded_corpus():
    assert 0 < THRESHOLDS["tolerance"] < 1
    for name, (_, figure) in guard.SLICES.items():
        assert THRESHOLDS[figure] > 0
        assert THRESHOLDS["guard_slice_mb"][name] > 0


def test_the_measure_counts_the_cpu_time_of_the_command():
    result = run(sys.executable, "-c", "sum(range(3_000_000))")
    assert result["returncode"] == 0
    assert 0 < result["cpu_seconds"] <= result["seconds"] * 1.5
