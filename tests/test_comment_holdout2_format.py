"""The second comment-section holdout is well formed: every file parses with the
scorer's loader, names its source, licence, site and language, and its sites are
not sites of the dev set or of the first holdout. No rule is run here (it was scored
once, on purpose: see tests/comments/README.md; test_comment_sections.py guards it).
"""

from pathlib import Path

import pytest

from devset_score import COMMENTS_DEV, COMMENTS_HOLDOUT, COMMENTS_HOLDOUT2, load

FILES = sorted(COMMENTS_HOLDOUT2.glob("*/*.txt"))
HEADERS = ("source", "license", "site", "lang")


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


def test_the_set_is_there():
    assert len(FILES) >= 40
    assert len({path.parent.name for path in FILES}) >= 17


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_parses_and_names_its_source(path: Path):
    doc = load(path)
    found = headers(path)
    assert all(found.get(key) for key in HEADERS), found
    assert found["lang"] == path.parent.name
    assert "K" in doc.labels or "G" in doc.labels
    if path.name.startswith("stay-"):  # articles about commenting (a source line is O)
        assert set(doc.labels) <= {"K", "O"}
    elif path.name.startswith("glued-"):
        assert "G" in doc.labels
    else:
        assert "D" in doc.labels


def test_sites_are_new():
    earlier = {known_site(path) for folder in (COMMENTS_DEV, COMMENTS_HOLDOUT)
               for path in folder.glob("*/*.txt")}
    shared = {known_site(path) for path in FILES} & earlier - {None}
    assert not shared
