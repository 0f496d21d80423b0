"""The five seed documents are cleaned exactly as DESIGN.md's table says, byte for byte.

The golden files were written from that table (which lines an editor removes), not
from the tool's output.
"""

from __future__ import annotations

import pytest

import cleaner

from conftest import GOLDEN, SEEDS

SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def test_there_are_five_seeds_and_five_goldens():
    assert len(SEED_NAMES) == 5
    assert sorted(p.name for p in GOLDEN.glob("*.txt")) == SEED_NAMES


@pytest.mark.parametrize("name", SEED_NAMES)
def test_library_cleans_seed_exactly(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert cleaner.clean(text) == (GOLDEN / name).read_text(encoding="utf-8")


def test_cli_cleans_seed_folder_exactly(run_cli, tmp_path):
    code, _, err = run_cli(SEEDS, "-o", tmp_path / "out")
    assert code == 0, err
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == SEED_NAMES
    for name in SEED_NAMES:
        assert (tmp_path / "out" / name).read_bytes() == (GOLDEN / name).read_bytes(), name


def test_seeds_edits_name_the_debris_rules():
    rules_by_seed = {}
    for name in SEED_NAMES:
        _, edits = cleaner.Cleaner.from_yaml().explain((SEEDS / name).read_text("utf-8"))
        rules_by_seed[name[:3]] = {edit.rule_id.split("/")[0] for edit in edits}
    assert rules_by_seed["000"] == {"comment-policy"}
    assert rules_by_seed["001"] == {"symbols"}
    assert rules_by_seed["002"] == {"repeats"}
    assert rules_by_seed["003"] == {"whitespace"}
    assert rules_by_seed["004"] == {"credits"}


def test_shared_wire_paragraphs_across_seeds_stay():
    # 000 and 001 carry the same wire paragraph; it is content in each of them.
    first = (SEEDS / SEED_NAMES[0]).read_text("utf-8").splitlines()
    second = (SEEDS / SEED_NAMES[1]).read_text("utf-8").splitlines()
    shared = set(first) & set(second) - {"&", ""}
    assert shared
    for name in SEED_NAMES[:2]:
        cleaned = cleaner.clean((SEEDS / name).read_text("utf-8")).splitlines()
        assert shared <= set(cleaned)
