"""Run a command and report its wall time and the peak memory of its largest process.

``python -m benchmarks.measure -- clean corpus.jsonl -o out.jsonl`` prints one JSON line:
``{"seconds": ..., "max_rss_mb": ..., "returncode": ...}``. The peak is the largest
resident set of any one process of the command (the main process or a worker), as
``getrusage(RUSAGE_CHILDREN)`` reports it on Linux.

>>> import json, subprocess, sys
>>> out = subprocess.run([sys.executable, "-m", "benchmarks.measure", "--", "true"],
...                      capture_output=True, text=True).stdout
>>> sorted(json.loads(out))
['max_rss_mb', 'returncode', 'seconds']
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--"]:
        args = args[1:]
    started = time.perf_counter()
    completed = subprocess.run(args, check=False)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": round(seconds, 3), "max_rss_mb": round(peak_kb / 1024, 1),
                      "returncode": completed.returncode}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
