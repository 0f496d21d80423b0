"""The article holdouts (tests/holdout2, tests/holdout3, tests/holdout4) and the
extractor-output holdouts 2, 3 and 4 (tests/extracted/holdout2, holdout3, holdout4) are
well formed: every file parses with the scorer's loader, names its source, licence, site,
language and extractor, labels every body line, gives every ``D`` line a known debris
category, and comes from a site that no other labelled set uses. No rule is run here:
these sets were labelled before any rule was scored on them (see their READMEs).
"""

from pathlib import Path

import pytest

from devset_score import (
    CATEGORIES,
    COMMENTS_DEV,
    COMMENTS_HOLDOUT,
    COMMENTS_HOLDOUT2,
    COMMENTS_HOLDOUT3,
    COMMENTS_HOLDOUT4,
    DEVSET,
    EXTRACTED_DEV,
    EXTRACTED_HOLDOUT,
    EXTRACTED_HOLDOUT2,
    EXTRACTED_HOLDOUT3,
    EXTRACTED_HOLDOUT4,
    HOLDOUT,
    HOLDOUT2,
    HOLDOUT3,
    HOLDOUT4,
    load,
)

ARTICLE_SETS = (HOLDOUT2, HOLDOUT3, HOLDOUT4)
ARTICLES = sorted(path for folder in ARTICLE_SETS for path in folder.glob("*/*.txt"))
EXTRACTED = sorted(EXTRACTED_HOLDOUT2.glob("*/*.txt"))
EXTRACTED3 = sorted(EXTRACTED_HOLDOUT3.glob("*/*.txt"))
EXTRACTED4 = sorted(EXTRACTED_HOLDOUT4.glob("*/*.txt"))
HEADERS = ("source", "license", "site", "lang", "extractor")
EARLIER_SETS = (DEVSET, HOLDOUT, COMMENTS_DEV, COMMENTS_HOLDOUT, COMMENTS_HOLDOUT2,
                EXTRACTED_DEV, EXTRACTED_HOLDOUT)
#: Per checked set: the sets whose sites it must not use. tests/holdout2 and
#: tests/extracted/holdout2 were made together (they share no site, see below);
#: tests/holdout3 and tests/extracted/holdout3 came after every other set, together (they
#: share no site either); tests/holdout4 and tests/extracted/holdout4 came after all of
#: them, together (they share no site either).
NEW_SITES = {
    HOLDOUT2: EARLIER_SETS,
    EXTRACTED_HOLDOUT2: EARLIER_SETS,
    HOLDOUT3: (*EARLIER_SETS, HOLDOUT2, EXTRACTED_HOLDOUT2, COMMENTS_HOLDOUT3),
    EXTRACTED_HOLDOUT3: (*EARLIER_SETS, HOLDOUT2, EXTRACTED_HOLDOUT2, COMMENTS_HOLDOUT3,
                         HOLDOUT3),
    HOLDOUT4: (*EARLIER_SETS, HOLDOUT2, EXTRACTED_HOLDOUT2, COMMENTS_HOLDOUT3, COMMENTS_HOLDOUT4,
               HOLDOUT3, EXTRACTED_HOLDOUT3, EXTRACTED_HOLDOUT4),
    EXTRACTED_HOLDOUT4: (*EARLIER_SETS, HOLDOUT2, EXTRACTED_HOLDOUT2, COMMENTS_HOLDOUT3,
                         HOLDOUT3, EXTRACTED_HOLDOUT3, COMMENTS_HOLDOUT4, HOLDOUT4),
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


@pytest.mark.parametrize("folder", ARTICLE_SETS, ids=lambda folder: folder.name)
def test_the_article_set_is_there(folder: Path):
    files = sorted(folder.glob("*/*.txt"))
    assert len(files) >= 30
    languages = [path.parent.name for path in files]
    assert set(languages) == {"ar", "en", "fr"}
    assert all(languages.count(lang) >= 10 for lang in languages)
    sites = [site(path) for path in files]
    assert len(set(sites)) == len(sites)  # one document per outlet


def test_the_extractor_sets_are_there():
    assert len(EXTRACTED) >= 40
    languages = [path.parent.name for path in EXTRACTED]
    assert len(set(languages)) >= 16
    assert all(languages.count(lang) >= 2 for lang in languages)
    languages = [path.parent.name for path in EXTRACTED3]
    assert len(EXTRACTED3) >= 40 and len(set(languages)) >= 12
    assert all(languages.count(lang) >= 4 for lang in ("de", "es", "it"))
    languages = [path.parent.name for path in EXTRACTED4]
    assert len(EXTRACTED4) >= 30 and len(set(languages)) >= 12
    assert len(set(map(site, EXTRACTED4))) == len(EXTRACTED4)  # one document per site


@pytest.mark.parametrize("path", ARTICLES + EXTRACTED + EXTRACTED3 + EXTRACTED4,
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


@pytest.mark.parametrize("folder", NEW_SITES,
                         ids=lambda folder: folder.relative_to(DEVSET.parent).as_posix())
def test_sites_are_new(folder: Path):
    earlier = "\n".join(line for other in NEW_SITES[folder] for path in other.glob("*/*.txt")
                        for line in path.read_text(encoding="utf-8").split("\n")
                        if line.startswith(("# source", "# site")))
    reused = {site(path) for path in folder.glob("*/*.txt") if site(path) in earlier}
    assert not reused


def test_the_two_sets_share_no_site():
    articles = {site(path) for path in HOLDOUT2.glob("*/*.txt")}
    assert not articles & {site(path) for path in EXTRACTED}
