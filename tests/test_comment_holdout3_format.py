"""The third comment-section holdout is well formed: every file parses with the
scorer's loader, names its source, licence, site and language, and its sites are
not sites of any other labelled set that names its sites (the comment sets dev,
holdout and holdout 2, and the extractor-output sets). No rule is run here: the set
was labelled before any scoring, and is scored once, on purpose (see
tests/comments/README.md, "Holdout 3").
"""

from pathlib import Path

import pytest
from test_comment_holdout2_format import headers, known_site

from devset_score import (
    COMMENTS_DEV,
    COMMENTS_HOLDOUT,
    COMMENTS_HOLDOUT2,
    COMMENTS_HOLDOUT3,
    EXTRACTED_DEV,
    EXTRACTED_HOLDOUT,
    load,
)

FILES = sorted(COMMENTS_HOLDOUT3.glob("*/*.txt"))
HEADERS = ("source", "license", "site", "lang")
#: Labelled sets whose files name their site (``# site:``).
OTHER_SETS = (COMMENTS_DEV, COMMENTS_HOLDOUT, COMMENTS_HOLDOUT2, EXTRACTED_DEV, EXTRACTED_HOLDOUT)


def test_the_set_is_there():
    assert len(FILES) >= 45
    assert len({path.parent.name for path in FILES}) >= 18
    assert sum(path.name.startswith("stay-") for path in FILES) >= 4


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_parses_and_names_its_source(path: Path):
    doc = load(path)
    found = headers(path)
    assert all(found.get(key) for key in HEADERS), found
    assert found["lang"] == path.parent.name
    assert "K" in doc.labels or "G" in doc.labels
    if path.name.startswith("stay-"):  # articles about commenting (a date or source line is O)
        assert set(doc.labels) <= {"K", "O"}
    elif path.name.startswith("glued-"):
        assert "G" in doc.labels
    else:
        assert "D" in doc.labels


def test_sites_are_new():
    earlier = {known_site(path) for folder in OTHER_SETS for path in folder.glob("*/*.txt")}
    shared = {known_site(path) for path in FILES} & earlier - {None}
    assert not shared


def test_one_document_per_page():
    sources = [headers(path)["source"] for path in FILES]
    assert len(sources) == len(set(sources))
