"""Run a command and report its wall time, CPU time and the peak memory of its largest process;
and the floor every throughput is a ratio to.

``python -m benchmarks.measure -- clean corpus.jsonl -o out.jsonl`` prints one JSON line:
``{"seconds": ..., "cpu_seconds": ..., "max_rss_mb": ..., "returncode": ...}``. CPU time
is user plus system time of the command and every process it waited for; the peak is the
largest resident set of any one process of the command (the main process or a worker), as
``getrusage(RUSAGE_CHILDREN)`` reports them on Linux. :func:`run` does the same from
Python, in a fresh process, so that the figures are the command's alone.

>>> sorted(run("true"))
['cpu_seconds', 'max_rss_mb', 'returncode', 'seconds']

:func:`floor_pass` is the floor: read, parse, serialise and write every record of a
JSONL file with orjson, the fastest JSON library (a slower floor would only flatter the
ratio).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson

__all__ = ["floor_pass", "main", "run"]

ROOT = Path(__file__).resolve().parents[1]


def floor_pass(path: Path, out: Path) -> None:
    """Read, parse, serialise and write every record of ``path`` to ``out`` with orjson.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     source, copy = Path(tmp) / "a.jsonl", Path(tmp) / "b.jsonl"
    ...     _ = source.write_bytes(b'{"text": "a"}\\n')
    ...     floor_pass(source, copy)
    ...     copy.read_bytes()
    b'{"text":"a"}\\n'
    """
    with open(path, "rb") as source, open(out, "wb") as sink:
        for line in source:
            sink.write(orjson.dumps(orjson.loads(line)) + b"\n")


def run(*command: str) -> dict[str, Any]:
    """Run ``command`` under this module in a fresh process; return what :func:`main` prints."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.measure", "--", *command],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--"]:
        args = args[1:]
    started = time.perf_counter()
    completed = subprocess.run(args, check=False)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": round(seconds, 3),
                      "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
                      "max_rss_mb": round(usage.ru_maxrss / 1024, 1),
                      "returncode": completed.returncode}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
