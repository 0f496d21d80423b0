"""Precision and recall of removed lines on the labelled sets of real articles.

``tests/devset/`` is the dev set the built-in rules were written against;
``tests/holdout/`` was labelled from other sources before any rule was scored on it,
and scored once blind (recall 0.352); its misses have been worked on since, so it is a
tuning set now, and newer holdouts estimate how the rules do on unseen articles:
``tests/holdout2/`` and ``tests/holdout3/``, of news articles from other outlets, each
scored once blind before it joined ``SETS`` (see their READMEs).

``tests/comments/`` holds real comment sections under real article tails in many
languages, with a dev set and four holdouts of its own (see its README).

``tests/extracted/`` holds real article text as an article extractor leaves it, in many
languages, with a dev set and three holdouts of its own (see its README).

Run ``python tests/devset_score.py`` for all the reports (``-v`` lists every miss and
every wrongly removed line). A line counts as removed when an edit drops it; blank
lines are not counted. Labels: ``K`` keep, ``D`` drop (see tests/devset/README.md),
``O`` other debris (not counted), and in the comment sets ``G`` a glued line.
A ``D`` line may name its debris category, ``D:credit <text>``; the report gives
recall per category, for the mission's categories together and for all debris.

Each labelled folder is one entry of ``SETS``; ``folder_report`` scores and reports
any folder of ``<lang>/<name>.txt`` files, e.g.::

    print(folder_report(Cleaner.from_yaml(), HOLDOUT))
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from unicodedata import normalize

from cleaner import Cleaner

DEVSET = Path(__file__).resolve().parent / "devset"
HOLDOUT = Path(__file__).resolve().parent / "holdout"
#: A second holdout of news articles, labelled before any rule was scored on it.
HOLDOUT2 = Path(__file__).resolve().parent / "holdout2"
#: Real comment sections under real article tails (see tests/comments/README.md).
COMMENTS_DEV = Path(__file__).resolve().parent / "comments" / "dev"
COMMENTS_HOLDOUT = Path(__file__).resolve().parent / "comments" / "holdout"
#: Real article text as an extractor leaves it, many languages (see tests/extracted/README.md).
EXTRACTED_DEV = Path(__file__).resolve().parent / "extracted" / "dev"
EXTRACTED_HOLDOUT = Path(__file__).resolve().parent / "extracted" / "holdout"
#: A second extractor-output holdout, labelled before any rule was scored on it.
EXTRACTED_HOLDOUT2 = Path(__file__).resolve().parent / "extracted" / "holdout2"
#: A second comment-section holdout, labelled before any rule was scored on it.
COMMENTS_HOLDOUT2 = Path(__file__).resolve().parent / "comments" / "holdout2"
#: A third comment-section holdout (more he, cs, fa, uk, ko, ru), labelled before any scoring.
COMMENTS_HOLDOUT3 = Path(__file__).resolve().parent / "comments" / "holdout3"
#: A third holdout of news articles from yet other outlets, labelled before any rule was
#: scored on it, and scored once blind before it joined ``SETS`` (see its README).
HOLDOUT3 = Path(__file__).resolve().parent / "holdout3"
#: A fourth holdout of news articles from yet other outlets, labelled before any rule was
#: scored on it, and scored once blind before it joined ``SETS`` (see its README).
HOLDOUT4 = Path(__file__).resolve().parent / "holdout4"
#: A third extractor-output holdout, labelled before any rule was scored on it.
EXTRACTED_HOLDOUT3 = Path(__file__).resolve().parent / "extracted" / "holdout3"
#: A fourth comment-section holdout, labelled before any scoring, and scored once blind
#: before it joined ``SETS`` (see tests/comments/README.md).
COMMENTS_HOLDOUT4 = Path(__file__).resolve().parent / "comments" / "holdout4"
#: A fifth comment-section holdout, labelled before any scoring, and scored once blind
#: before it joined ``SETS`` (see tests/comments/holdout5/README.md).
COMMENTS_HOLDOUT5 = Path(__file__).resolve().parent / "comments" / "holdout5"
#: A sixth comment-section holdout, labelled before any scoring, and scored once blind
#: before it joined ``SETS`` (see tests/comments/holdout6/README.md).
COMMENTS_HOLDOUT6 = Path(__file__).resolve().parent / "comments" / "holdout6"
#: A fourth extractor-output holdout (13 languages), labelled before any rule was scored
#: on it, and scored once blind before it joined ``SETS`` (see its README).
EXTRACTED_HOLDOUT4 = Path(__file__).resolve().parent / "extracted" / "holdout4"
#: In a ``G`` line, where the article ends and the glued section starts.
GLUE_MARK = "\u27ea"

#: Debris categories a ``D`` line may name (``D:<category> <text>``); see
#: tests/devset/README.md. A plain ``D`` line counts as ``untagged``.
CATEGORIES = (
    "comment", "entity", "repeat", "credit", "share", "related", "promo", "date",
    "caption", "nav", "disclaimer", "separator", "other",
)
UNTAGGED = "untagged"
#: The mission's categories (issue 10): comment footers, ``&``/entity debris,
#: repeated blocks, bylines and credits.
MISSION = ("comment", "entity", "repeat", "credit")

#: The labelled sets that ``python tests/devset_score.py`` reports, as (title, folder,
#: category of a plain ``D`` line). Add a folder here to have it reported.
SETS: list[tuple[str, Path, str]] = [
    ("dev set", DEVSET, UNTAGGED),
    ("holdout", HOLDOUT, UNTAGGED),
    ("holdout 2", HOLDOUT2, UNTAGGED),
    ("holdout 3", HOLDOUT3, UNTAGGED),
    ("holdout 4", HOLDOUT4, UNTAGGED),
    ("comment sections, dev set", COMMENTS_DEV, "comment"),
    ("comment sections, holdout", COMMENTS_HOLDOUT, "comment"),
    ("comment sections, holdout 2", COMMENTS_HOLDOUT2, "comment"),
    ("comment sections, holdout 3", COMMENTS_HOLDOUT3, "comment"),
    ("comment sections, holdout 4", COMMENTS_HOLDOUT4, "comment"),
    ("comment sections, holdout 5", COMMENTS_HOLDOUT5, "comment"),
    ("comment sections, holdout 6", COMMENTS_HOLDOUT6, "comment"),
    ("extractor output, dev set", EXTRACTED_DEV, UNTAGGED),
    ("extractor output, holdout", EXTRACTED_HOLDOUT, UNTAGGED),
    ("extractor output, holdout 2", EXTRACTED_HOLDOUT2, UNTAGGED),
    ("extractor output, holdout 3", EXTRACTED_HOLDOUT3, UNTAGGED),
    ("extractor output, holdout 4", EXTRACTED_HOLDOUT4, UNTAGGED),
]


@dataclass
class Labelled:
    """One labelled document: its lines and, per 1-based line, its label.

    Labels: ``K`` keep, ``D`` drop, ``O`` other debris (neither counted for nor against
    the rules), ``G`` a line whose glued tail must be cut (``kept`` holds its head).
    """

    path: Path
    lang: str
    lines: list[str]
    labels: list[str]
    kept: dict[int, str] = field(default_factory=dict)
    #: Per 1-based line number of a ``D`` line: its debris category.
    categories: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def load(path: Path, untagged: str = UNTAGGED) -> Labelled:
    """Reads a labelled file; a plain ``D`` line gets the category ``untagged``."""
    lines: list[str] = []
    labels: list[str] = []
    kept: dict[int, str] = {}
    categories: dict[int, str] = {}
    for raw in path.read_text(encoding="utf-8").split("\n"):
        if raw.startswith("# ") or raw == "":
            continue
        label, text = raw[0], raw[2:]
        if label == "D" and raw[1:2] == ":":
            category, _, text = raw[2:].partition(" ")
            if category not in CATEGORIES:
                raise ValueError(f"{path}: unknown debris category {category!r}")
            categories[len(lines) + 1] = category
        elif label not in "KDOG" or raw[1:2] not in ("", " "):
            raise ValueError(f"{path}: bad label line {raw[:40]!r}")
        elif label == "D":
            categories[len(lines) + 1] = untagged
        if label == "G":
            head, glue, _ = text.partition(GLUE_MARK)
            if not glue:
                raise ValueError(f"{path}: a G line needs {GLUE_MARK!r} where the glue is")
            kept[len(lines) + 1] = head.rstrip()
            text = text.replace(GLUE_MARK, "", 1)
        lines.append(text)
        labels.append(label)
    return Labelled(path, path.parent.name, lines, labels, kept, categories)


def documents(folder: Path = DEVSET, untagged: str = UNTAGGED) -> list[Labelled]:
    return [load(path, untagged) for path in sorted(folder.glob("*/*.txt"))]


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    glued: int = 0
    glued_cut: int = 0
    wrongly_removed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    #: Per debris category: labelled ``D`` lines, and those the rules removed.
    debris_by_category: Counter[str] = field(default_factory=Counter)
    found_by_category: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        removed = self.true_positive + self.false_positive
        return self.true_positive / removed if removed else 1.0

    @property
    def recall(self) -> float:
        debris = self.true_positive + self.false_negative
        return self.true_positive / debris if debris else 1.0

    def category_recall(self, categories: Iterable[str]) -> tuple[int, int, float]:
        """(found, labelled, recall) over the ``D`` lines of these categories.

        >>> s = Score(debris_by_category=Counter(credit=4, share=1),
        ...           found_by_category=Counter(credit=3))
        >>> s.category_recall(["credit", "share"])
        (3, 5, 0.6)
        """
        wanted = list(categories)
        debris = sum(self.debris_by_category[c] for c in wanted)
        found = sum(self.found_by_category[c] for c in wanted)
        return found, debris, (found / debris if debris else 1.0)


def score(cleaner: Cleaner, docs: list[Labelled]) -> dict[str, Score]:
    """Scores per language and for ``all``. A glued line counts as cut when the rules
    leave exactly its labelled head (in NFC, as ``unicode/repair`` writes all text);
    dropping it whole loses its article part."""
    scores = {"all": Score()}
    for doc in docs:
        _, edits = cleaner.explain(doc.text)
        dropped = {edit.line for edit in edits if edit.action == "drop"}
        trimmed = {edit.line: edit.after for edit in edits if edit.action == "trim"}
        for number, (line, label) in enumerate(zip(doc.lines, doc.labels), start=1):
            if not line.strip() or label == "O":
                continue
            where = f"{doc.path.parent.name}/{doc.path.name}:{number}: {line[:90]}"
            for key in ("all", doc.lang):
                s = scores.setdefault(key, Score())
                if label == "G":
                    s.glued += 1
                    if number in dropped:
                        s.false_positive += 1
                        s.wrongly_removed.append(where)
                    elif (trimmed.get(number) or "").rstrip() == normalize(
                            "NFC", doc.kept[number]):  # as unicode/repair leaves it
                        s.glued_cut += 1
                    else:
                        s.missed.append(f"{where} (glued)")
                elif number in dropped and label == "D":
                    s.true_positive += 1
                    s.debris_by_category[doc.categories[number]] += 1
                    s.found_by_category[doc.categories[number]] += 1
                elif number in dropped:
                    s.false_positive += 1
                    s.wrongly_removed.append(where)
                elif label == "D":
                    s.false_negative += 1
                    s.debris_by_category[doc.categories[number]] += 1
                    s.missed.append(f"{where} [{doc.categories[number]}]")
    return scores


def report(scores: dict[str, Score], verbose: bool = False) -> str:
    rows = ["| lines | debris | removed | correct | precision | recall | glued cut |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for key in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[key]
        rows.append(
            f"| {key} | {s.true_positive + s.false_negative} | "
            f"{s.true_positive + s.false_positive} | {s.true_positive} | "
            f"{s.precision:.3f} | {s.recall:.3f} | "
            + (f"{s.glued_cut}/{s.glued} |" if s.glued else "- |")
        )
    rows += ["", category_report(scores)]
    if verbose:
        rows += ["", "wrongly removed:", *scores["all"].wrongly_removed,
                 "", "missed:", *scores["all"].missed]
    return "\n".join(rows)


def category_report(scores: dict[str, Score]) -> str:
    """Recall per debris category (columns: all, then each language), then the
    mission's categories together and all debris. A cell is ``found/labelled``."""
    langs = sorted(key for key in scores if key != "all")
    every = scores["all"].debris_by_category
    present = [c for c in (*CATEGORIES, UNTAGGED) if every[c]]
    rows = ["| category | recall | " + " | ".join(langs) + " |",
            "| --- | ---: | " + " | ".join("---:" for _ in langs) + " |"]
    groups = [(c, [c]) for c in present]
    groups += [("mission (" + ", ".join(MISSION) + ")", list(MISSION)),
               ("all debris", present)]
    for name, categories in groups:
        cells = []
        for key in ("all", *langs):
            found, debris, recall = scores[key].category_recall(categories)
            cells.append(f"{recall:.3f} ({found}/{debris})" if debris else "-")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def folder_report(cleaner: Cleaner, folder: Path, untagged: str = UNTAGGED,
                  verbose: bool = False) -> str:
    """The report for one labelled folder of ``<lang>/<name>.txt`` files."""
    docs = documents(folder, untagged)
    return f"({len(docs)} documents)\n" + report(score(cleaner, docs), verbose)


if __name__ == "__main__":
    cleaner = Cleaner.from_yaml()
    for title, folder, untagged in SETS:
        print(title, folder_report(cleaner, folder, untagged, verbose="-v" in sys.argv))
        print()
