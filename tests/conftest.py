"""Shared fixtures: paths of the repository's seeds, golden files and rule packs."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def run_cli(monkeypatch, capsysbinary):
    """Run the ``clean`` command in-process: returns (exit code, stdout, stderr) as text."""
    from cleaner.cli import main

    def run(*args: str, stdin: bytes = b""):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main([str(a) for a in args])
        out, err = capsysbinary.readouterr()
        return code, out.decode("utf-8", "surrogateescape"), err.decode("utf-8")

    return run
