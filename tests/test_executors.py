"""The executor interface: a third executor is one small class, and gives the outputs of
``--jobs 1``; the run modules use no private name of one another."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import orjson
import pytest

from cleaner import Cleaner
from cleaner.run.executors import Executor, LocalProcesses, Unit
from cleaner.run.runner import InputJob, Options, RunResult, count, run
from cleaner.run.work import Outcome, Task, Worker

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


class Threads(Executor):
    """Units run in a pool of threads of this process, finishing in any order; their
    outcomes are yielded in the units' order, at most ``2 * threads`` in flight."""

    def __init__(self, threads: int = 3):
        self.threads = threads

    def outcomes(self, worker: Worker, units: Iterable[Unit]) -> Iterator[tuple[Unit, Outcome]]:
        with ThreadPoolExecutor(self.threads) as pool:
            pending: list[tuple[Unit, Future[Outcome]]] = []
            for unit in units:
                pending.append((unit, pool.submit(unit.run, worker)))
                while len(pending) > 2 * self.threads:
                    done, future = pending.pop(0)
                    yield done, future.result()
            for unit, future in pending:
                yield unit, future.result()


SITES = ("a.example", "b.example")


def write_inputs(folder: Path) -> list[tuple[str, str]]:
    """A JSONL file (two sites, a bad line), a Parquet file, three text files."""
    folder.mkdir()
    records = [{"id": n, "url": f"https://{SITES[n % 2]}/{n}",
                "text": f"Story {n} of the day, told at length.\n&\n"
                        f"Follow {SITES[n % 2]} on social media for more\nShare this article\n"}
               for n in range(300)]
    lines = [orjson.dumps(record) for record in records]
    lines.insert(7, b"not json")
    (folder / "in.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    pq.write_table(pa.Table.from_pylist(records), folder / "in.parquet")
    for n in range(3):
        (folder / f"t{n}.txt").write_text(f"Text {n} that stays.\n&\nAdvertisement\n",
                                          encoding="utf-8")
    return [("in.jsonl", "jsonl"), ("in.parquet", "parquet"),
            *((f"t{n}.txt", "text") for n in range(3))]


def jobs_of(folder: Path, out: Path, inputs: Sequence[tuple[str, str]]) -> list[InputJob]:
    return [InputJob(folder / name, name, out / name, kind) for name, kind in inputs]


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def run_with(executor: Executor | None, jobs: list[InputJob], cleaner: Cleaner,
             options: Options) -> tuple[RunResult, list[str], list[tuple[str, str, str]]]:
    lines: list[str] = []
    problems: list[tuple[str, str, str]] = []
    result = run(jobs, cleaner, options, executor=executor, report=lines.append,
                 warn=lambda *problem: problems.append(problem))
    return result, lines, problems


@pytest.mark.parametrize("rules, options", [
    ({}, Options(explain=True, report=True)),
    ({}, Options(annotate="removed", min_chars=40)),
    ({"enable": ["corpus"]}, Options(explain=True)),
])
def test_a_third_executor_gives_the_outputs_of_one_job(tmp_path, monkeypatch, rules, options):
    from cleaner.run import runner

    monkeypatch.setattr(runner, "CHUNK_RECORDS", 13)  # many units from a small file
    monkeypatch.setattr(runner, "PARQUET_ROWS", 17)
    inputs = write_inputs(tmp_path / "in")
    records_only = [item for item in inputs if item[1] != "text"]
    if options.annotate:
        inputs = records_only
    cleaner = Cleaner.from_yaml(**rules)
    one = run_with(LocalProcesses(1), jobs_of(tmp_path / "in", tmp_path / "one", inputs),
                   cleaner, options)
    threads = run_with(Threads(), jobs_of(tmp_path / "in", tmp_path / "threads", inputs),
                       cleaner, options)
    assert outputs(tmp_path / "threads") == outputs(tmp_path / "one")
    assert threads[1:] == one[1:]  # explain lines, problems (the bad JSON line)
    assert one[2] and one[1 if options.explain else 2]
    ran, local = threads[0], one[0]
    assert (ran.stats.rows(), ran.stats.documents, ran.stats.dropped, ran.bytes_in,
            ran.failed) == (local.stats.rows(), local.stats.documents, local.stats.dropped,
                            local.bytes_in, local.failed)
    assert ran.stats.samples == local.stats.samples


def test_counting_is_the_same_through_any_executor(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    jobs = jobs_of(tmp_path / "in", tmp_path / "unused", inputs)
    cleaner = Cleaner.from_yaml(enable=["corpus"])
    local = count(jobs, cleaner, Options())
    threaded = count(jobs, cleaner, Options(), executor=Threads())
    assert local.distinct_lines() > 0
    assert (threaded.totals, threaded.counts, threaded.first) == (
        local.totals, local.counts, local.first)


def test_a_cleaner_without_counts_is_counted_first_whatever_the_executor(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    cleaner = Cleaner.from_yaml(enable=["corpus"])
    counted = cleaner.with_frequencies(
        count(jobs_of(tmp_path / "in", tmp_path / "unused", inputs), cleaner, Options()))
    run(jobs_of(tmp_path / "in", tmp_path / "given", inputs), counted, Options())
    run(jobs_of(tmp_path / "in", tmp_path / "first", inputs), cleaner, Options(),
        executor=Threads(), warn=lambda *a: None)
    assert outputs(tmp_path / "first") == outputs(tmp_path / "given")
    assert b"Follow a.example" not in (tmp_path / "first" / "in.jsonl").read_bytes()


class TextOnly(LocalProcesses):
    def check(self, jobs: Sequence[InputJob], task: Task) -> None:
        for job in jobs:
            if job.format != "text":
                raise ValueError(f"{job.name}: text files only")


def test_what_an_executor_refuses_is_refused_before_anything_is_written(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    with pytest.raises(ValueError, match=r"in\.jsonl: text files only"):
        run(jobs_of(tmp_path / "in", tmp_path / "out", inputs), Cleaner.from_yaml(), Options(),
            executor=TextOnly())
    assert not (tmp_path / "out").exists()


RUN_MODULES = ("run/runner", "run/work", "run/executors", "integrations/ray", "run/discover",
               "cli/main", "cli/discover")
RUN_MODULE_NAMES = {Path(module).name for module in RUN_MODULES}


@pytest.mark.parametrize("name", RUN_MODULES)
def test_run_modules_use_only_public_names_of_each_other(name):
    """No ``from .runner import _units`` nor ``runner._group``: what modules share is in
    their ``__all__``."""
    source = Path(__file__).parents[1] / "src" / "cleaner" / f"{name}.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    private = [alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               and node.level and node.module
               for alias in node.names if alias.name.startswith("_")]
    private += [f"{node.value.id}.{node.attr}" for node in ast.walk(tree)
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in RUN_MODULE_NAMES and node.attr.startswith("_")]
    assert private == []
