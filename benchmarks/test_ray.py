"""The Ray engine on this machine: 1 and 2 workers against the local single-process engine.

Each engine runs in its own process on the same generated corpus (``corpus`` fixture,
``CLEANER_BENCH_MB``); Ray's workers are its CPUs (``ray.init(num_cpus=N)``). Figures
are throughputs as a ratio to the local engine in the same run, cleaning time only
(Ray's start-up is recorded apart), and Ray's per-task overhead (empty tasks).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmarks.conftest import ROOT, record

pytest.importorskip("ray")

_ENGINE = """
import json, logging, sys, time
from pathlib import Path
from cleaner import Cleaner
from cleaner.run.runner import InputJob, Options, run
engine, workers, source, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
jobs = [InputJob(source, source.name, out, "jsonl")]
figures = {}
cleaner = Cleaner([]) if engine == "ray-no-rules" else Cleaner.from_yaml()
if engine == "local":
    result = run(jobs, cleaner, Options(), processes=1)
else:
    import ray
    from cleaner.integrations.ray import run_ray
    started = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING,
             log_to_driver=False)
    figures["init"] = time.perf_counter() - started
    result = run_ray(jobs, cleaner, Options(), processes=workers)
    ray.shutdown()
figures.update(seconds=result.seconds, documents=result.stats.documents)
print(json.dumps(figures))
"""

_OVERHEAD = """
import json, logging, time, ray
ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
noop = ray.remote(lambda payload: None)
ray.get([noop.remote(None) for _ in range(200)])  # workers started and warm
best = {}
for name, payload in (("empty", None), ("4 MB", b"x" * (4 << 20))):
    count = 1000 if payload is None else 50
    started = time.perf_counter()
    ray.get([noop.remote(payload) for _ in range(count)])
    best[name] = (time.perf_counter() - started) / count
print(json.dumps(best))
"""


def _python(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_ray_one_and_two_workers_against_the_local_engine(corpus, tmp_path):
    local_out = tmp_path / "local.jsonl"
    local = _python(_ENGINE, "local", "1", str(corpus.path), str(local_out))
    mb = corpus.bytes / 1e6
    record("local engine, 1 process (reference for Ray)", f"{mb / local['seconds']:.1f} MB/s",
           f"{local['seconds']:.1f} s for {mb:.0f} MB")
    for workers in (1, 2):
        out = tmp_path / f"ray-{workers}.jsonl"
        figures = _python(_ENGINE, "ray", str(workers), str(corpus.path), str(out))
        ratio = local["seconds"] / figures["seconds"]
        record(f"Ray engine, {workers} worker{'s' if workers > 1 else ''}",
               f"{ratio:.2f} x local",
               f"{mb / figures['seconds']:.1f} MB/s; ray.init {figures['init']:.1f} s apart")
        assert figures["documents"] == local["documents"]
        assert out.read_bytes() == local_out.read_bytes()
        out.unlink()


def test_ray_driver_ceiling(corpus, tmp_path):
    """No rules: the tasks only parse; what is left is the driver's serial part (read,
    ship chunks, receive, write in order) and Ray's transport."""
    figures = _python(_ENGINE, "ray-no-rules", "2", str(corpus.path), str(tmp_path / "o.jsonl"))
    record("Ray engine, no rules, 2 workers (driver + transport ceiling)",
           f"{corpus.bytes / 1e6 / figures['seconds']:.0f} MB/s",
           "the serial part: reading, shipping and writing in order on the driver")


def test_ray_per_task_overhead():
    best = _python(_OVERHEAD)
    record("Ray task overhead, empty task", f"{best['empty'] * 1e3:.2f} ms",
           "1000 no-op tasks on 2 CPUs, after warm-up")
    record("Ray task overhead, 4 MB argument", f"{best['4 MB'] * 1e3:.2f} ms",
           "50 no-op tasks, each given a 4 MB chunk (the unit size) through the object store")
