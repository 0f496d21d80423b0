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
    MISSION,
    UNTAGGED,
    category_report,
    documents,
    load,
    score,
)

SCORES = score(Cleaner.from_yaml(), documents())
HOLDOUT_SCORES = score(Cleaner.from_yaml(), documents(HOLDOUT))

#: Dev documents in which the built-in rules still delete content, with the finding.
#: A fix makes ``test_known_losses_are_fixed`` pass unexpectedly: then remove the entry.
KNOWN_LOSSES = {
    "en/mobilerat-compare-infinix-s4-29.txt": (
        "a specification table: news-debris/timestamp drops its 'Release Date' cells "
        "('2018, September'), repeats/paragraphs drops recurring rows "
        "('IPS LCD capacitive touchscreen, 16M colors') (issue 10, item 1)"
    ),
}


def _losses(where: list[str], known: bool) -> list[str]:
    return [line for line in where if (line.split(":", 1)[0] in KNOWN_LOSSES) == known]


def test_devset_is_large_enough():
    docs = documents()
    assert len(docs) >= 45
    assert {doc.lang for doc in docs} == {"ar", "en", "fr"}


def test_no_article_line_is_removed():
    assert _losses(SCORES["all"].wrongly_removed, known=False) == []


@pytest.mark.xfail(strict=True, reason="; ".join(KNOWN_LOSSES.values()))
def test_known_losses_are_fixed():
    assert _losses(SCORES["all"].wrongly_removed, known=True) == []


def test_recall_does_not_regress():
    # Floors measured when the set grew to 80 documents (nav menus, author blocks and
    # related-story tickers of the new Arabic pages are mostly not taken yet).
    assert SCORES["all"].recall >= 0.49
    assert SCORES["ar"].recall >= 0.45
    assert SCORES["en"].recall >= 0.56
    assert SCORES["fr"].recall >= 0.47


def test_no_article_line_is_removed_in_the_holdout():
    # Rules are never tuned on the holdout; this is the generalisation check that
    # matters most: content it has never seen must survive.
    assert len(documents(HOLDOUT)) >= 60
    assert HOLDOUT_SCORES["all"].wrongly_removed == []


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
