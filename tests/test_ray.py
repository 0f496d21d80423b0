"""The Ray engine against the local one: same outputs, same statistics, same counts.

One local Ray (2 CPUs) serves the whole module. A generated corpus is cleaned by
:func:`cleaner.run.runner.run` and by :func:`cleaner.integrations.ray.run_ray` (and by Ray
Data through :func:`cleaner.integrations.ray.clean_dataset`); everything must be identical,
also when a worker process dies in the middle of the run.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import orjson
import pytest

from cleaner import Cleaner
from cleaner.run import runner
from cleaner.run.discover import Survey
from cleaner.run.executors import Unit
from cleaner.run.runner import InputJob, Options
from cleaner.run.work import COUNT, Outcome, Work, Worker

from benchmarks.corpus import generate, write_jsonl

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from cleaner.integrations.ray import (  # noqa: E402
    RayExecutor,
    clean_dataset,
    count_dataset,
    gather_stats,
    run_ray,
)

ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the units defined here


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING,
             log_to_driver=False)
    with warnings.catch_warnings():  # Ray's own deprecated settings warn on first access
        warnings.simplefilter("ignore", DeprecationWarning)
        ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Two JSONL files of generated news (a bad line in one), and the records."""
    folder = tmp_path_factory.mktemp("ray-corpus")
    docs = list(generate(400_000, seed=7))
    # Twelve documents of one site that end with the same line, so that the corpus rule
    # always has work, whatever the generator's text (it draws on the labelled dev set).
    docs[:12] = [replace(doc, source="site-03.example",
                         url=f"https://site-03.example/shared/{number}",
                         text=doc.text + SHARED_LINE + "\n")
                 for number, doc in enumerate(docs[:12])]
    half = len(docs) // 2
    write_jsonl(folder / "a.jsonl", docs[:half])
    write_jsonl(folder / "b.jsonl", docs[half:])
    with open(folder / "b.jsonl", "ab") as out:
        out.write(b"not json\n\n")
    records = [{"id": d.id, "source": d.source, "url": d.url, "text": d.text} for d in docs]
    return folder, records


SHARED_LINE = "Regional desk, weekend edition, page seven"


def jsonl_jobs(folder: Path, out: Path) -> list[InputJob]:
    return [InputJob(folder / name, name, out / name, "jsonl") for name in ("a.jsonl", "b.jsonl")]


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def same_stats(one, other) -> None:
    assert (one.documents, one.changed_documents) == (other.documents, other.changed_documents)
    assert one.rows() == other.rows()


@pytest.fixture
def small_units(monkeypatch):
    """Units of ~64 KB, so a small corpus still makes many tasks."""
    monkeypatch.setattr(runner, "CHUNK_BYTES", 64 << 10)
    monkeypatch.setattr(runner, "PARQUET_ROWS", 100)


def test_jsonl_output_and_stats_match_the_local_engine(corpus, tmp_path, small_units):
    folder, _ = corpus
    cleaner = Cleaner.from_yaml()
    options = Options(explain=True, report=True)
    local_lines: list[str] = []
    ray_lines: list[str] = []
    local = runner.run(jsonl_jobs(folder, tmp_path / "local"), cleaner, options,
                       report=local_lines.append, warn=lambda *a: None)
    problems: list[tuple[str, str, str]] = []
    remote = run_ray(jsonl_jobs(folder, tmp_path / "ray"), cleaner, options,
                     report=ray_lines.append, warn=lambda *a: problems.append(a))
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")
    same_stats(remote.stats, local.stats)
    assert remote.stats.changed_documents > 0
    assert remote.stats.samples is not None and remote.stats.samples == local.stats.samples
    assert ray_lines == local_lines
    assert remote.bytes_in == local.bytes_in
    assert ("b.jsonl:" in problems[0][0]) and "invalid JSON" in problems[0][2]


def test_parquet_output_and_stats_match_the_local_engine(corpus, tmp_path, small_units):
    _, records = corpus
    rows = [*records[:300], {"id": "none", "source": "x", "url": None, "text": None}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    cleaner = Cleaner.from_yaml()

    def job(name: str) -> list[InputJob]:
        return [InputJob(tmp_path / "in.parquet", "in.parquet", tmp_path / name, "parquet")]

    local = runner.run(job("local.parquet"), cleaner, Options())
    remote = run_ray(job("ray.parquet"), cleaner, Options())
    assert pq.read_table(tmp_path / "ray.parquet").equals(pq.read_table(tmp_path / "local.parquet"))
    same_stats(remote.stats, local.stats)


def test_corpus_repeats_count_and_clean_match_the_local_engine(corpus, tmp_path, small_units):
    folder, _ = corpus
    cleaner = Cleaner.from_yaml(enable=["corpus"])
    options = Options()
    counted = runner.run(jsonl_jobs(folder, tmp_path / "local"), cleaner, options,
                         task=COUNT).frequencies
    assert counted.distinct_lines() > 0
    distributed = run_ray(jsonl_jobs(folder, tmp_path / "unused"), cleaner, options,
                          task=COUNT).frequencies
    assert distributed.totals == counted.totals
    assert distributed.counts == counted.counts
    assert distributed.first == counted.first
    local = runner.run(jsonl_jobs(folder, tmp_path / "local"),
                       cleaner.with_frequencies(counted), options)
    remote = run_ray(jsonl_jobs(folder, tmp_path / "ray"), cleaner, options)  # counts first
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")
    same_stats(remote.stats, local.stats)
    assert any(row["rule"].startswith("corpus/") for row in local.stats.rows())


@dataclass
class CrashOnce(Work):
    """A unit that exits its worker process the first time it runs (``marker`` absent)."""

    work: Work
    marker: str

    def run(self, worker: Worker) -> Outcome:
        if not os.path.exists(self.marker):
            Path(self.marker).touch()
            os._exit(1)
        return self.work.run(worker)


class CrashingRay(RayExecutor):
    """Ray, with unit ``number`` exiting its worker process on its first attempt."""

    def __init__(self, number: int, marker: Path):
        super().__init__()
        self.number, self.marker = number, str(marker)

    def outcomes(self, worker: Worker, units: Iterable[Unit]) -> Iterator[tuple[Unit, Outcome]]:
        return super().outcomes(worker, (
            replace(unit, work=CrashOnce(unit.work, self.marker))
            if number == self.number and unit.work is not None else unit
            for number, unit in enumerate(units)))


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(corpus, tmp_path, small_units):
    folder, records = corpus
    cleaner = Cleaner.from_yaml()
    marker = tmp_path / "crashed"
    local = runner.run(jsonl_jobs(folder, tmp_path / "local"), cleaner, Options())
    remote = runner.run(jsonl_jobs(folder, tmp_path / "ray"), cleaner, Options(),
                        warn=lambda *a: None, executor=CrashingRay(3, marker))
    assert marker.exists()  # the worker did exit once; Ray ran the task again
    assert remote.failed == local.failed  # (the invalid JSON line of b.jsonl, in both)
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")
    ids = Counter(orjson.loads(line)["id"]
                  for name in ("a.jsonl", "b.jsonl")
                  for line in (tmp_path / "ray" / name).read_bytes().splitlines()
                  if line.startswith(b"{"))
    assert ids == Counter(record["id"] for record in records)
    same_stats(remote.stats, local.stats)


def test_what_the_ray_engine_does_not_do_is_a_clear_error(tmp_path):
    cleaner = Cleaner.from_yaml()
    with pytest.raises(ValueError, match="JSONL and Parquet"):
        run_ray([InputJob(tmp_path / "a.txt", "a.txt", tmp_path / "o.txt", "text")], cleaner,
                Options())
    with pytest.raises(ValueError, match="stdin"):
        run_ray([InputJob(None, "<stdin>", "-", "jsonl")], cleaner, Options())
    with pytest.raises(ValueError, match="survey"):
        run_ray([], cleaner, Options(), task=Survey())


def table_of(records: list[dict]) -> pa.Table:
    rows = [{**record, "n": number} for number, record in enumerate(records, 1)]
    rows.append({"id": "none", "source": "x", "url": None, "text": None, "n": len(rows) + 1})
    return pa.Table.from_pylist(rows)


def test_clean_dataset_matches_clean_per_row_and_the_local_stats(corpus, tmp_path):
    records = corpus[1][:200]
    cleaner = Cleaner.from_yaml()
    ds = ray.data.from_arrow(table_of(records))
    out = clean_dataset(ds, cleaner, stats_column="stats", concurrency=1,
                        batch_size=64).materialize()
    rows = sorted(out.take_all(), key=lambda row: row["n"])
    assert [row["text"] for row in rows] == [
        None if r["text"] is None else cleaner.clean(r["text"]) for r in table_of(records)
        .to_pylist()]
    assert [(row["id"], row["url"]) for row in rows[:-1]] == [(r["id"], r["url"])
                                                            for r in records]
    assert out.schema().names == ["id", "source", "url", "text", "n", "stats"]
    (tmp_path / "in.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    local = runner.run([InputJob(tmp_path / "in.jsonl", "in", tmp_path / "out.jsonl", "jsonl")],
                       cleaner, Options())
    same_stats(gather_stats(out, "stats"), local.stats)


def test_count_dataset_then_clean_dataset_match_the_local_corpus_engine(corpus, tmp_path):
    records = corpus[1][:250]
    (tmp_path / "in.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    cleaner = Cleaner.from_yaml(enable=["corpus"])
    job = [InputJob(tmp_path / "in.jsonl", "in", tmp_path / "out.jsonl", "jsonl")]
    counted = runner.run(job, cleaner, Options(), task=COUNT).frequencies
    local = runner.run(job, cleaner.with_frequencies(counted), Options())
    ds = ray.data.from_arrow(pa.Table.from_pylist(
        [{**r, "n": number} for number, r in enumerate(records, 1)]))  # order: the line number
    frequencies = count_dataset(ds, cleaner, order_column="n", concurrency=1)
    assert (frequencies.totals, frequencies.counts, frequencies.first) == (
        counted.totals, counted.counts, counted.first)
    out = clean_dataset(ds, cleaner.with_frequencies(frequencies), order_column="n",
                        stats_column="stats", concurrency=1).materialize()
    cleaned = [row["text"] for row in sorted(out.take_all(), key=lambda row: row["n"])]
    expected = [orjson.loads(line)["text"]
                for line in (tmp_path / "out.jsonl").read_bytes().splitlines()]
    assert cleaned == expected
    same_stats(gather_stats(out, "stats"), local.stats)


def test_importing_cleaner_does_not_import_ray():
    code = "import sys, cleaner, cleaner.cli.main; sys.exit('ray' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_cli_engine_ray_matches_the_local_engine(run_cli, corpus, tmp_path):
    folder, _ = corpus
    code, _, err = run_cli(folder / "a.jsonl", "-o", tmp_path / "local.jsonl", "-j", "1",
                           "--corpus-repeats")
    assert code == 0, err
    code, _, err = run_cli(folder / "a.jsonl", "-o", tmp_path / "ray.jsonl",
                           "--engine", "ray", "--corpus-repeats")
    assert code == 0, err
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_cli_engine_ray_refuses_what_it_does_not_do(run_cli, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Body.\n&\n", encoding="utf-8")
    code, _, err = run_cli(text, "-o", tmp_path / "out.txt", "--engine", "ray")
    assert code == 2 and "clean: error:" in err and len(err.strip().splitlines()) == 1
