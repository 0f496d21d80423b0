"""Precision and recall of removed lines on the labelled sets of real articles.

``tests/devset/`` is the dev set the built-in rules were written against;
``tests/holdout/`` was labelled from other sources before any rule was scored on it,
and is never tuned on: it estimates how the rules do on articles they have not seen.

Run ``python tests/devset_score.py`` for both reports (``-v`` lists every miss and
every wrongly removed line). A line counts as removed when an edit drops it; blank
lines are not counted. Labels: ``K`` keep, ``D`` drop (see tests/devset/README.md).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from cleaner import Cleaner

DEVSET = Path(__file__).resolve().parent / "devset"
HOLDOUT = Path(__file__).resolve().parent / "holdout"


@dataclass
class Labelled:
    """One dev-set document: its text and, per 1-based line, whether it is debris."""

    path: Path
    lang: str
    lines: list[str]
    debris: list[bool]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def load(path: Path) -> Labelled:
    lines, debris = [], []
    for raw in path.read_text(encoding="utf-8").split("\n"):
        if raw.startswith("# ") or raw == "":
            continue
        label, text = raw[0], raw[2:]
        if label not in "KD" or raw[1:2] not in ("", " "):
            raise ValueError(f"{path}: bad label line {raw[:40]!r}")
        lines.append(text)
        debris.append(label == "D")
    return Labelled(path, path.parent.name, lines, debris)


def documents(folder: Path = DEVSET) -> list[Labelled]:
    return [load(path) for path in sorted(folder.glob("*/*.txt"))]


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    wrongly_removed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        removed = self.true_positive + self.false_positive
        return self.true_positive / removed if removed else 1.0

    @property
    def recall(self) -> float:
        debris = self.true_positive + self.false_negative
        return self.true_positive / debris if debris else 1.0


def score(cleaner: Cleaner, docs: list[Labelled]) -> dict[str, Score]:
    """Scores per language and for ``all``."""
    scores = {"all": Score()}
    for doc in docs:
        _, edits = cleaner.explain(doc.text)
        dropped = {edit.line for edit in edits if edit.action == "drop"}
        for number, (line, is_debris) in enumerate(zip(doc.lines, doc.debris), start=1):
            if not line.strip():
                continue
            where = f"{doc.path.parent.name}/{doc.path.name}:{number}: {line[:90]}"
            for key in ("all", doc.lang):
                s = scores.setdefault(key, Score())
                if number in dropped and is_debris:
                    s.true_positive += 1
                elif number in dropped:
                    s.false_positive += 1
                    s.wrongly_removed.append(where)
                elif is_debris:
                    s.false_negative += 1
                    s.missed.append(where)
    return scores


def report(scores: dict[str, Score], verbose: bool = False) -> str:
    rows = ["| lines | debris | removed | correct | precision | recall |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for key in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[key]
        rows.append(
            f"| {key} | {s.true_positive + s.false_negative} | "
            f"{s.true_positive + s.false_positive} | {s.true_positive} | "
            f"{s.precision:.3f} | {s.recall:.3f} |"
        )
    if verbose:
        rows += ["", "wrongly removed:", *scores["all"].wrongly_removed,
                 "", "missed:", *scores["all"].missed]
    return "\n".join(rows)


if __name__ == "__main__":
    cleaner = Cleaner.from_yaml()
    for title, folder in (("dev set", DEVSET), ("holdout", HOLDOUT)):
        print(f"{title} ({len(documents(folder))} documents)")
        print(report(score(cleaner, documents(folder)), verbose="-v" in sys.argv))
        print()
