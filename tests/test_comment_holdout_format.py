"""The comment-section holdouts 2 to 6 are well formed: every file parses with the
scorer's loader, names its source, licence, site and language, and its sites are not
sites of the labelled sets before it. No rule is run here: each holdout was labelled
before any scoring and scored once, on purpose (see tests/comments/README.md);
test_comment_sections.py guards what the rules do on them.
"""

from pathlib import Path

import pytest

from devset_score import (
    COMMENTS_DEV,
    COMMENTS_HOLDOUT,
    COMMENTS_HOLDOUT2,
    COMMENTS_HOLDOUT3,
    COMMENTS_HOLDOUT4,
    COMMENTS_HOLDOUT5,
    COMMENTS_HOLDOUT6,
    EXTRACTED_DEV,
    EXTRACTED_HOLDOUT,
    EXTRACTED_HOLDOUT2,
    EXTRACTED_HOLDOUT3,
    EXTRACTED_HOLDOUT4,
    HOLDOUT2,
    HOLDOUT3,
    HOLDOUT4,
    load,
)

HEADERS = ("source", "license", "site", "lang")
#: Per holdout: its least number of documents, of languages and of articles about
#: commenting, and the labelled sets (that name their sites) whose sites it must not share.
HOLDOUTS = {
    COMMENTS_HOLDOUT2: (40, 17, 0, (COMMENTS_DEV, COMMENTS_HOLDOUT)),
    COMMENTS_HOLDOUT3: (45, 18, 4, (COMMENTS_DEV, COMMENTS_HOLDOUT, COMMENTS_HOLDOUT2,
                                    EXTRACTED_DEV, EXTRACTED_HOLDOUT)),
    COMMENTS_HOLDOUT4: (30, 12, 6, (COMMENTS_DEV, COMMENTS_HOLDOUT, COMMENTS_HOLDOUT2,
                                    COMMENTS_HOLDOUT3, EXTRACTED_DEV, EXTRACTED_HOLDOUT,
                                    EXTRACTED_HOLDOUT2, HOLDOUT2)),
    COMMENTS_HOLDOUT5: (20, 12, 8, (COMMENTS_DEV, COMMENTS_HOLDOUT, COMMENTS_HOLDOUT2,
                                    COMMENTS_HOLDOUT3, COMMENTS_HOLDOUT4, EXTRACTED_DEV,
                                    EXTRACTED_HOLDOUT, EXTRACTED_HOLDOUT2, EXTRACTED_HOLDOUT3,
                                    HOLDOUT2, HOLDOUT3, HOLDOUT4)),
    COMMENTS_HOLDOUT6: (39, 26, 20, (COMMENTS_DEV, COMMENTS_HOLDOUT, COMMENTS_HOLDOUT2,
                                     COMMENTS_HOLDOUT3, COMMENTS_HOLDOUT4, COMMENTS_HOLDOUT5,
                                     EXTRACTED_DEV, EXTRACTED_HOLDOUT, EXTRACTED_HOLDOUT2,
                                     EXTRACTED_HOLDOUT3, EXTRACTED_HOLDOUT4, HOLDOUT2, HOLDOUT3,
                                     HOLDOUT4)),
}
#: Per holdout: its least number of ``glued-*`` records and of comment sections.
GLUED_AND_SECTIONS = {COMMENTS_HOLDOUT4: (5, 18), COMMENTS_HOLDOUT5: (4, 8),
                      COMMENTS_HOLDOUT6: (8, 11)}
FILES = sorted(path for folder in HOLDOUTS for path in folder.glob("*/*.txt"))


def headers(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# ") and ": " in line:
            key, value = line[2:].split(": ", 1)
            found[key] = value
    return found


def known_site(path: Path) -> str | None:
    """The site's domain, or None when the source did not name one."""
    site = headers(path)["site"]
    return None if site.startswith("unknown") else site.split(" ")[0]


@pytest.mark.parametrize("folder", HOLDOUTS, ids=lambda folder: folder.name)
def test_the_set_is_there(folder: Path):
    documents, languages, stays, _ = HOLDOUTS[folder]
    files = sorted(folder.glob("*/*.txt"))
    assert len(files) >= documents
    assert len({path.parent.name for path in files}) >= languages
    assert sum(path.name.startswith("stay-") for path in files) >= stays


@pytest.mark.parametrize("path", FILES,
                         ids=lambda p: f"{p.parents[1].name}/{p.parent.name}/{p.name}")
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


@pytest.mark.parametrize("folder", HOLDOUTS, ids=lambda folder: folder.name)
def test_sites_are_new(folder: Path):
    earlier = {known_site(path) for other in HOLDOUTS[folder][3]
               for path in other.glob("*/*.txt")}
    shared = {known_site(path) for path in folder.glob("*/*.txt")} & earlier - {None}
    assert not shared


@pytest.mark.parametrize("folder", [COMMENTS_HOLDOUT3, COMMENTS_HOLDOUT4, COMMENTS_HOLDOUT5,
                                    COMMENTS_HOLDOUT6],
                         ids=lambda folder: folder.name)
def test_one_document_per_page(folder: Path):
    sources = [headers(path)["source"] for path in folder.glob("*/*.txt")]
    assert len(sources) == len(set(sources))


@pytest.mark.parametrize("folder", GLUED_AND_SECTIONS, ids=lambda folder: folder.name)
def test_the_set_has_glued_records_and_sections(folder: Path):
    glued, sections = GLUED_AND_SECTIONS[folder]
    files = list(folder.glob("*/*.txt"))
    assert sum(path.name.startswith("glued-") for path in files) >= glued
    assert sum(not path.name.startswith(("glued-", "stay-")) for path in files) >= sections
