"""Throughput of each rule kind of the built-in packs, alone, with pytest-benchmark.

The sample is the first 20 MB of the session corpus, already parsed: these figures are
the cleaning alone, as a ratio to the floor's rate (which includes I/O and JSON), so
they show where the time goes, kind by kind.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.ruleset.packs import builtin_rule_files
from cleaner.ruleset.rulefile import load_rule_file

from benchmarks.conftest import record

SPECS = [spec for path in builtin_rule_files() for spec in load_rule_file(path)
         if spec.enabled]
KINDS = sorted({spec.kind for spec in SPECS})


@pytest.mark.parametrize("kind", [*KINDS, "all"])
def test_kind_throughput(benchmark, sample, corpus, floor, kind):
    texts, size = sample
    specs = SPECS if kind == "all" else [spec for spec in SPECS if spec.kind == kind]
    cleaner = Cleaner(specs)
    benchmark.pedantic(lambda: [cleaner.clean(text) for text in texts], rounds=3,
                       iterations=1)
    seconds = benchmark.stats.stats.min
    floor_rate = corpus.bytes / floor
    rate = size / seconds
    benchmark.extra_info.update(mb_per_s=round(rate / 1e6, 1),
                                ratio_to_floor=round(rate / floor_rate, 3))
    record(f"kind `{kind}` alone ({len(specs)} rules), in memory",
           f"{rate / floor_rate:.2f} x floor rate", f"{rate / 1e6:.1f} MB/s")
