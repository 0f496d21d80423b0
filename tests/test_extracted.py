"""The built-in rules on real article text as an article extractor leaves it.

``tests/extracted/`` holds that text in many languages, labelled line by line, with a
dev set the rules were written against and holdouts from other sites, each scored once
blind and tuned on since (see tests/extracted/README.md). No line labelled ``K`` may be
removed in any file of any set, whatever its language; recall is held above the floor measured
for each set, so a rule change that stops catching debris shows up.
Report: ``python tests/devset_score.py -v``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

from devset_score import (
    EXTRACTED_DEV,
    EXTRACTED_HOLDOUT,
    EXTRACTED_HOLDOUT2,
    EXTRACTED_HOLDOUT3,
    EXTRACTED_HOLDOUT4,
    documents,
    score,
)

#: Recall of the debris lines measured on each set, less a small margin (measured: dev
#: 0.689 on 174 documents, holdout 0.680 on 51, holdout 2 0.670 on 54 and holdout 3 0.534
#: on 51, once the per-language rules learnt the misses of holdouts 2 and 3 (they were
#: 0.415 and 0.304 before); holdout 2 was 0.263 when it was scored blind, and is a tuning
#: set since; holdout 3: 0.199 blind with the rules of the start of its round, 0.342 with
#: those of its end, 0.304 with the `lead` rules off; holdout 4: 0.188 blind, the same with
#: the rules of the start and of the end of its round, then 0.348 once rules that take
#: its misses on other sites too were added).
RECALL_FLOORS = {EXTRACTED_DEV: 0.67, EXTRACTED_HOLDOUT: 0.66, EXTRACTED_HOLDOUT2: 0.65,
                 EXTRACTED_HOLDOUT3: 0.51, EXTRACTED_HOLDOUT4: 0.33}

SETS = {folder: score(Cleaner.from_yaml(), documents(folder)) for folder in RECALL_FLOORS}


@pytest.mark.parametrize("folder", list(SETS), ids=lambda folder: folder.name)
def test_every_file_is_labelled(folder: Path):
    # documents() raises on a body line that is not a label line; every file must load.
    files = sorted(folder.glob("*/*.txt"))
    assert files, f"{folder} has no labelled file"
    assert len(documents(folder)) == len(files)


@pytest.mark.parametrize("folder", list(SETS), ids=lambda folder: folder.name)
def test_no_article_line_is_removed(folder: Path):
    assert SETS[folder]["all"].wrongly_removed == []


@pytest.mark.parametrize("folder", list(SETS), ids=lambda folder: folder.name)
def test_recall_does_not_regress(folder: Path):
    assert SETS[folder]["all"].recall >= RECALL_FLOORS[folder]
