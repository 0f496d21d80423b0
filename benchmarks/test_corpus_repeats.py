"""Corpus-level repeats: both passes on the large corpus, memory per distinct line."""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

import orjson

from cleaner import Cleaner
from cleaner.engine.frequencies import Frequencies, line_key

from benchmarks.conftest import measure, record, record_run

CLEAN = str(Path(sys.executable).with_name("clean"))


def test_two_passes_against_the_floor(corpus, floors, tmp_path):
    result = measure(CLEAN, str(corpus.path), "-o", str(tmp_path / "out.jsonl"), "-q",
                     "-j", "1", "--corpus-repeats", "--counts", str(tmp_path / "counts.bin"))
    record_run("clean --corpus-repeats (count + clean), 1 process", corpus, floors, result,
               "corpus_two_pass_ratio")
    site_footer_left = 0
    with open(tmp_path / "out.jsonl", "rb") as lines:
        for line in lines:
            text = orjson.loads(line)["text"]
            site_footer_left += "All rights reserved." in text and "site-" in text
    assert site_footer_left == 0


def test_bytes_per_distinct_line():
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    frequencies = Frequencies()
    for document in range(20_000):
        keys = [line_key(f"line {document} {n}") for n in range(10)]
        frequencies.add_document(f"site-{document % 10}", keys, document)
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    per_line = used / frequencies.distinct_lines()
    record("memory per distinct counted line", f"{per_line:.0f} bytes",
           f"{frequencies.distinct_lines():,} lines (count and first-document order)")
    assert per_line < 400


def test_counting_pass_is_the_cleaners_own(corpus):
    cleaner = Cleaner.from_yaml(enable=["corpus"])
    with open(corpus.path, "rb") as lines:
        text = orjson.loads(next(lines))["text"]
    assert cleaner.count_keys(text)
