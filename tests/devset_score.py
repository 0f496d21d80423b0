"""Precision and recall of removed lines on the labelled sets of real articles.

``tests/devset/`` is the dev set the built-in rules were written against;
``tests/holdout/`` was labelled from other sources before any rule was scored on it,
and is never tuned on: it estimates how the rules do on articles they have not seen.

``tests/comments/`` holds real comment sections under real article tails in many
languages, with a dev set and a holdout of its own (see its README).

Run ``python tests/devset_score.py`` for all four reports (``-v`` lists every miss and
every wrongly removed line). A line counts as removed when an edit drops it; blank
lines are not counted. Labels: ``K`` keep, ``D`` drop (see tests/devset/README.md),
and in the comment sets ``O`` other debris (not counted) and ``G`` a glued line.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from cleaner import Cleaner

DEVSET = Path(__file__).resolve().parent / "devset"
HOLDOUT = Path(__file__).resolve().parent / "holdout"
#: Real comment sections under real article tails (see tests/comments/README.md).
COMMENTS_DEV = Path(__file__).resolve().parent / "comments" / "dev"
COMMENTS_HOLDOUT = Path(__file__).resolve().parent / "comments" / "holdout"
#: A second comment-section holdout, labelled before any rule was scored on it.
COMMENTS_HOLDOUT2 = Path(__file__).resolve().parent / "comments" / "holdout2"
#: In a ``G`` line, where the article ends and the glued section starts.
GLUE_MARK = "\u27ea"


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

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def load(path: Path) -> Labelled:
    lines: list[str] = []
    labels: list[str] = []
    kept: dict[int, str] = {}
    for raw in path.read_text(encoding="utf-8").split("\n"):
        if raw.startswith("# ") or raw == "":
            continue
        label, text = raw[0], raw[2:]
        if label not in "KDOG" or raw[1:2] not in ("", " "):
            raise ValueError(f"{path}: bad label line {raw[:40]!r}")
        if label == "G":
            head, glue, _ = text.partition(GLUE_MARK)
            if not glue:
                raise ValueError(f"{path}: a G line needs {GLUE_MARK!r} where the glue is")
            kept[len(lines) + 1] = head.rstrip()
            text = text.replace(GLUE_MARK, "", 1)
        lines.append(text)
        labels.append(label)
    return Labelled(path, path.parent.name, lines, labels, kept)


def documents(folder: Path = DEVSET) -> list[Labelled]:
    return [load(path) for path in sorted(folder.glob("*/*.txt"))]


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    glued: int = 0
    glued_cut: int = 0
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
    """Scores per language and for ``all``. A glued line counts as cut when the rules
    leave exactly its labelled head; dropping it whole loses its article part."""
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
                    elif (trimmed.get(number) or "").rstrip() == doc.kept[number]:
                        s.glued_cut += 1
                    else:
                        s.missed.append(f"{where} (glued)")
                elif number in dropped and label == "D":
                    s.true_positive += 1
                elif number in dropped:
                    s.false_positive += 1
                    s.wrongly_removed.append(where)
                elif label == "D":
                    s.false_negative += 1
                    s.missed.append(where)
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
    if verbose:
        rows += ["", "wrongly removed:", *scores["all"].wrongly_removed,
                 "", "missed:", *scores["all"].missed]
    return "\n".join(rows)


if __name__ == "__main__":
    cleaner = Cleaner.from_yaml()
    sets = (("dev set", DEVSET), ("holdout", HOLDOUT),
            ("comment sections, dev set", COMMENTS_DEV),
            ("comment sections, holdout", COMMENTS_HOLDOUT))
    for title, folder in sets:
        print(f"{title} ({len(documents(folder))} documents)")
        print(report(score(cleaner, documents(folder)), verbose="-v" in sys.argv))
        print()
