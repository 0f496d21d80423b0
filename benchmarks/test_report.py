"""What ``--report`` costs: sampling while cleaning, and writing the page, on the corpus.

CPU time of one process (``time.process_time``), rounds alternating with and without
the report, best of each: the share the report adds must stay under
``THRESHOLDS["report_overhead"]``. With ``CLEANER_BENCH_MB=30``::

    CLEANER_BENCH_MB=30 python -m pytest benchmarks/test_report.py -q -s
"""

from __future__ import annotations

import time

from cleaner import Cleaner
from cleaner.run.htmlreport import MAX_BYTES, render_run_report
from cleaner.run.runner import InputJob, Options, run

from benchmarks.conftest import THRESHOLDS, record

ROUNDS = 5  # min of each: runs on a shared machine vary by several percent


def test_report_costs_under_five_percent_of_a_run(corpus):
    cleaner = Cleaner.from_yaml()
    jobs = [InputJob(corpus.path, corpus.path.name, None, "jsonl")]
    best = {False: float("inf"), True: float("inf")}
    page_bytes = 0
    for _ in range(ROUNDS):
        for report in (False, True):
            started = time.process_time()
            result = run(jobs, cleaner, Options(dry_run=True, report=report), processes=1)
            if report:
                page_bytes = len(render_run_report(result, cleaner, jobs).encode("utf-8"))
            best[report] = min(best[report], time.process_time() - started)
    overhead = best[True] / best[False] - 1
    record("--report overhead (sampling + page), 1 process", f"{overhead:+.1%}",
           f"{best[False]:.2f} s -> {best[True]:.2f} s CPU, page {page_bytes / 1e6:.2f} MB")
    assert overhead < THRESHOLDS["report_overhead"]
    assert page_bytes <= MAX_BYTES
