"""Shared fixtures: paths of the repository's seeds, golden files and rule packs.

Also the hypothesis profiles. ``ci`` (the default) is deterministic: the same examples
on every run and machine (``derandomize``), no example database, no deadline (a busy CI
machine must not turn a slow example into a failure). ``HYPOTHESIS_PROFILE=fuzz`` (what
``make fuzz`` runs) draws many more examples, at random, each run different.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from devset_score import SETS

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, max_examples=200,
    suppress_health_check=[HealthCheck.too_slow], print_blob=True,
)
settings.register_profile(
    "fuzz", derandomize=False, database=None, deadline=None, max_examples=2000,
    suppress_health_check=[HealthCheck.too_slow], print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# What the runs of the suite (and the `clean` processes it starts) cache, such as the
# literals of patterns, goes to a folder of this session, not to the user's.
_CACHE = tempfile.TemporaryDirectory(prefix="cleaner-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE.name

# Plug-in kinds register themselves when imported: only the subprocess of
# test_plugin_kind.py may import them, never the collection of doctests.
collect_ignore = ["plugins"]

ROOT = Path(__file__).resolve().parents[1]
#: A user's rule file with one rule, for the tests of the ways rules are loaded.
PROMO_RULES = """\
rules:
  - id: mysite/promo
    kind: line
    summary: A promotion line.
    match: 'buy now.*'
    examples:
      - input: "Body.\\nBuy now!\\n"
        output: "Body.\\n"
"""
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def run_cli(monkeypatch, capsysbinary):
    """Run the ``clean`` command in-process: returns (exit code, stdout, stderr) as text."""
    from cleaner.cli.main import main

    def run(*args: str, stdin: bytes = b""):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main([str(a) for a in args])
        out, err = capsysbinary.readouterr()
        return code, out.decode("utf-8", "surrogateescape"), err.decode("utf-8")

    return run


def forget_caches() -> None:
    """Forget what this process remembers of the user cache folder's entries: validated
    packs, the literals of patterns and compiled patterns (each is read back from the
    folder, or made again, on next use)."""
    from cleaner.ruleset import rulefile
    from cleaner.text import patterns, prefilter

    rulefile._builtin_pack.cache_clear()
    rulefile._validated.cache_clear()
    prefilter.required_literals.cache_clear()
    prefilter._literal_cache.cache_clear()
    patterns.compile_folded.cache_clear()
    patterns.compile_plain.cache_clear()


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """A fresh XDG_CACHE_HOME (the folder of the pack, literal and pattern caches), and
    nothing of it remembered in this process."""
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    forget_caches()
    yield home
    forget_caches()


def text_files() -> list[Path]:
    """Every text file of the seeds, the labelled sets (those the scorer reports) and the
    goldens: real text in many languages, for the differential tests of the compiled core."""
    folders = [SEEDS, ROOT / "tests" / "golden", *(folder for _, folder, _ in SETS)]
    files = sorted(path for folder in folders for path in folder.rglob("*.txt"))
    assert len(files) > 100
    return files
