"""The second article holdout (tests/holdout2) and the second and third extractor-output
holdouts (tests/extracted/holdout2, tests/extracted/holdout3) are well formed: every file
parses with the scorer's loader, names its source, licence, site, language and extractor,
labels every body line, gives every ``D`` line a known debris category, and comes from a
site that no other labelled set uses. No rule is run here: the sets were labelled before
any rule was scored on them (see their READMEs).
"""

from pathlib import Path

import pytest

from devset_score import (
    CATEGORIES,
    COMMENTS_DEV,
    COMMENTS_HOLDOUT,
    COMMENTS_HOLDOUT2,
    COMMENTS_HOLDOUT3,
    DEVSET,
    EXTRACTED_DEV,
    EXTRACTED_HOLDOUT,
    EXTRACTED_HOLDOUT2,
    HOLDOUT,
    HOLDOUT2,
    load,
)

ARTICLES = sorted(HOLDOUT2.glob("*/*.txt"))
EXTRACTED = sorted(EXTRACTED_HOLDOUT2.glob("*/*.txt"))
#: The third extractor-output holdout; not in ``devset_score.SETS`` until it is scored once.
EXTRACTED3 = sorted((EXTRACTED_HOLDOUT2.parent / "holdout3").glob("*/*.txt"))
HEADERS = ("source", "license", "site", "lang", "extractor")
EARLIER_SETS = (DEVSET, HOLDOUT, COMMENTS_DEV, COMMENTS_HOLDOUT, COMMENTS_HOLDOUT2,
                EXTRACTED_DEV, EXTRACTED_HOLDOUT)
#: Each new set's files, with the sets labelled before it.
NEW_SETS = {
    "holdout2": (ARTICLES + EXTRACTED, EARLIER_SETS),
    "extracted-holdout3": (EXTRACTED3, (*EARLIER_SETS, HOLDOUT2, EXTRACTED_HOLDOUT2,
                                        COMMENTS_HOLDOUT3)),
}


def headers(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# ") and ": " in line:
            key, value = line[2:].split(": ", 1)
            found.setdefault(key, value)
    return found


def site(path: Path) -> str:
    """The site's host without a leading ``www.``, as the header names it."""
    host = headers(path)["site"].split(" ")[0]
    return host.removeprefix("www.")


def test_the_sets_are_there():
    assert len(ARTICLES) >= 30
    assert {path.parent.name for path in ARTICLES} == {"ar", "en", "fr"}
    assert len(EXTRACTED) >= 40
    languages = [path.parent.name for path in EXTRACTED]
    assert len(set(languages)) >= 16
    assert all(languages.count(lang) >= 2 for lang in languages)
    languages = [path.parent.name for path in EXTRACTED3]
    assert len(EXTRACTED3) >= 40 and len(set(languages)) >= 12
    assert all(languages.count(lang) >= 4 for lang in ("de", "es", "it"))


@pytest.mark.parametrize("path", ARTICLES + EXTRACTED + EXTRACTED3,
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_file_parses_and_names_its_source(path: Path):
    doc = load(path)  # raises on an unlabelled line or an unknown category
    found = headers(path)
    assert all(found.get(key) for key in HEADERS), found
    assert found["lang"] == path.parent.name
    if path in ARTICLES:
        assert found.get("excerpt")
    assert "K" in doc.labels
    assert len(doc.categories) == doc.labels.count("D")
    assert set(doc.categories.values()) <= set(CATEGORIES)  # every D line names one


@pytest.mark.parametrize("name", NEW_SETS)
def test_sites_are_new(name: str):
    paths, earlier_sets = NEW_SETS[name]
    earlier = "\n".join(line for folder in earlier_sets for path in folder.glob("*/*.txt")
                        for line in path.read_text(encoding="utf-8").split("\n")
                        if line.startswith(("# source", "# site")))
    reused = {site(path) for path in paths if site(path) in earlier}
    assert not reused


def test_the_two_sets_share_no_site():
    assert not {site(path) for path in ARTICLES} & {site(path) for path in EXTRACTED}
