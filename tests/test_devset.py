"""Precision and recall of removed lines on the labelled dev set of real articles.

Deleting article content is the worst failure, so precision must stay perfect: no line
labelled `K` may be removed. Recall is held above a floor so that a rule change that
stops catching debris shows up. Report: ``python tests/devset_score.py -v``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

from devset_score import (
    CATEGORIES,
    HOLDOUT,
    HOLDOUT2,
    HOLDOUT3,
    HOLDOUT4,
    MISSION,
    UNTAGGED,
    category_report,
    documents,
    load,
    score,
)

SCORES = score(Cleaner.from_yaml(), documents())
HOLDOUT_SCORES = score(Cleaner.from_yaml(), documents(HOLDOUT))
#: The later article holdouts, each scored once blind and a tuning set since, with the
#: floor of their recall (holdout 2: 0.355 blind; holdout 3: 0.296 blind with the rules
#: of the start of its round, 0.464 with those of its end, and 0.440 once the `lead`
#: rules, which lost four content lines there, were turned off; then 0.602 and 0.632
#: once their credit, byline, disclaimer, paywall, stamp and pull-quote misses were
#: worked on; holdout 4: 0.521 blind, the same with the rules of the start and of the
#: end of its round, then 0.568 once rules that take its misses on other sites too were
#: added).
LATER_FLOORS = {HOLDOUT2: 0.59, HOLDOUT3: 0.62, HOLDOUT4: 0.55}
LATER_SCORES = {folder: score(Cleaner.from_yaml(), documents(folder)) for folder in LATER_FLOORS}

def test_devset_is_large_enough():
    docs = documents()
    assert len(docs) >= 45
    assert {doc.lang for doc in docs} == {"ar", "en", "fr"}


def test_no_article_line_is_removed():
    # Includes the rows of a specification table that recur among different phones
    # (en/mobilerat-compare-infinix-s4-29): content, not a pasted copy.
    assert SCORES["all"].wrongly_removed == []


def test_recall_does_not_regress():
    # Floors a little under the recall measured on the 91 documents once reading times,
    # tickers, title tags, cues and bylines that a line rule took before their list or
    # name, and the short lines of a pasted run, were taken, and eleven pages of outlets
    # new to the sets were added (0.887 all, 0.915 ar, 0.906 en, 0.824 fr; 0.892 on the
    # mission's categories).
    assert SCORES["all"].recall >= 0.87
    assert SCORES["ar"].recall >= 0.91
    assert SCORES["en"].recall >= 0.89
    assert SCORES["fr"].recall >= 0.81
    assert SCORES["all"].category_recall(MISSION)[2] >= 0.88


def test_no_article_line_is_removed_in_the_holdout():
    # The holdout was scored once before any rule was tuned on it (recall 0.352); it is a
    # tuning set since, and a second holdout measures generalisation. Content it holds
    # must still survive.
    assert len(documents(HOLDOUT)) >= 60
    assert HOLDOUT_SCORES["all"].wrongly_removed == []


def test_holdout_recall_does_not_regress():
    # Measured once its misses were worked on (0.786 all, 0.780 ar, 0.811 en, 0.778 fr;
    # 0.870 on the mission's categories).
    assert HOLDOUT_SCORES["all"].recall >= 0.77
    assert HOLDOUT_SCORES["ar"].recall >= 0.76
    assert HOLDOUT_SCORES["en"].recall >= 0.79
    assert HOLDOUT_SCORES["fr"].recall >= 0.76
    assert HOLDOUT_SCORES["all"].category_recall(MISSION)[2] >= 0.85


@pytest.mark.parametrize("folder", list(LATER_FLOORS), ids=lambda folder: folder.name)
def test_no_article_line_is_removed_in_the_later_holdouts(folder: Path):
    assert LATER_SCORES[folder]["all"].wrongly_removed == []


@pytest.mark.parametrize("folder", list(LATER_FLOORS), ids=lambda folder: folder.name)
def test_later_holdout_recall_does_not_regress(folder: Path):
    assert LATER_SCORES[folder]["all"].recall >= LATER_FLOORS[folder]


def test_every_debris_line_names_its_category():
    for folder in (None, HOLDOUT):
        docs = documents() if folder is None else documents(folder)
        untagged = [f"{doc.path.name}:{n}" for doc in docs
                    for n, category in doc.categories.items() if category == UNTAGGED]
        assert untagged == []


def test_a_debris_line_may_name_its_category(tmp_path: Path):
    path = tmp_path / "ar" / "doc.txt"
    path.parent.mkdir()
    path.write_text("# source: x\nK title\nD:credit By NAME\nD plain\nK\n", encoding="utf-8")
    doc = load(path)
    assert doc.lines == ["title", "By NAME", "plain", ""]
    assert doc.labels == ["K", "D", "D", "K"]
    assert doc.categories == {2: "credit", 3: UNTAGGED}


def test_an_unknown_category_is_refused(tmp_path: Path):
    path = tmp_path / "doc.txt"
    path.write_text("D:byline By NAME\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown debris category 'byline'"):
        load(path)


def test_the_report_gives_recall_per_category_and_for_the_mission():
    table = category_report(SCORES)
    assert set(MISSION) <= set(CATEGORIES)
    assert "| mission (comment, entity, repeat, credit) |" in table
    assert "| all debris |" in table
    assert "| credit |" in table
    found, debris, _ = SCORES["all"].category_recall(["credit"])
    assert 0 < found <= debris
