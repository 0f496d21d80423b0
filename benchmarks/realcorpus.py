"""A JSONL corpus of real news text: the repository's labelled sets, repeated to a size.

The generated corpus (:mod:`benchmarks.corpus`) is assembled from real sentences with
debris injected at known rates; this one is real documents as they were scraped, debris
and all: every labelled file of ``tests/devset``, ``tests/holdout``, ``tests/extracted``
and ``tests/comments`` (the folders of ``tests/devset_score.SETS``): 552 documents, 1.5 MB of text,
22 languages. Each
file's source and licence are in its header and in the README of its folder; the text
belongs to its publishers. A file becomes one record whose ``text`` is the file's lines
without their labels (a glued ``G`` line joined again), exactly what ``devset_score``
hands the cleaner.

Repetition, to reach a size: pass 0 writes every document once, in sorted path order
(folders in the order of ``SETS``), pass 1 writes them again with ``#1`` after the id,
and so on, until the text written reaches the size asked for; the last pass stops at
the first document that reaches it. No text is changed between passes, and nothing is
random, so the same size always gives the same bytes. The engine keeps no per-line
result across documents, so repeated documents cost what new ones would (but see
``--corpus-repeats``, which counts lines across documents: on this corpus every line
repeats, so only runs without it are timed here).

>>> docs = documents()
>>> len(docs) > 500, len({doc.lang for doc in docs}) >= 20
(True, True)
>>> records = list(repeated(docs, 2 * sum(len(d.text.encode()) for d in docs)))
>>> records[len(docs)]["id"] == records[0]["id"] + "#1"
True

From the shell::

    python -m benchmarks.realcorpus --bytes 200M --out real.jsonl
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from tests.devset_score import SETS, load

from benchmarks.corpus import parse_size

__all__ = ["RealDoc", "documents", "licences", "main", "repeated", "summary", "write_jsonl"]

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class RealDoc:
    """One labelled file as a document: its id (path in the repository), language, text."""

    id: str
    lang: str
    text: str


def _labelled_files() -> Iterator[Path]:
    """Every labelled file of the sets in ``SETS``, folder by folder, sorted."""
    for _, folder, _ in SETS:
        yield from sorted(folder.glob("*/*.txt"))


def documents() -> list[RealDoc]:
    """The labelled files as documents, in a fixed order."""
    docs = []
    for path in _labelled_files():
        labelled = load(path)
        docs.append(RealDoc(path.relative_to(ROOT).as_posix(), labelled.lang, labelled.text))
    return docs


def licences() -> Counter[str]:
    """How many files state each ``# license:`` header (the words before any bracket).

    >>> licences()["unknown"] > 0
    True
    """
    found: Counter[str] = Counter()
    for path in _labelled_files():
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.startswith("# license:"):
                found[line.removeprefix("# license:").split("(")[0].strip()] += 1
                break
        else:
            found["not stated"] += 1
    return found


def repeated(docs: list[RealDoc], total_bytes: int) -> Iterator[dict[str, str]]:
    """Records ``{"id", "lang", "text"}``, pass after pass, until ``total_bytes`` of text."""
    written, passes = 0, 0
    while written < total_bytes:
        for doc in docs:
            suffix = f"#{passes}" if passes else ""
            yield {"id": doc.id + suffix, "lang": doc.lang, "text": doc.text}
            written += len(doc.text.encode())
            if written >= total_bytes:
                return
        passes += 1


def write_jsonl(path: str | Path, records: Iterable[dict[str, str]]) -> int:
    """Write the records as JSONL; return the UTF-8 bytes of text written."""
    written = 0
    with open(path, "wb") as out:
        for record in records:
            out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
            written += len(record["text"].encode())
    return written


def summary(docs: list[RealDoc]) -> str:
    """Documents, UTF-8 size and share of each language, largest first.

    >>> summary([RealDoc("a", "ar", "نص\\n"), RealDoc("b", "en", "text\\n")])
    '2 documents, 0.0 MB of text; ar 50%, en 50%'
    """
    sizes: Counter[str] = Counter()
    for doc in docs:
        sizes[doc.lang] += len(doc.text.encode())
    total = sum(sizes.values())
    shares = ", ".join(f"{lang} {size / total:.0%}" for lang, size in sizes.most_common())
    return f"{len(docs)} documents, {total / 1e6:.1f} MB of text; {shares}"


def main(argv: list[str] | None = None) -> int:
    """Write a real corpus of ``--bytes`` of text to ``--out``; print what it holds."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.realcorpus",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--bytes", type=parse_size, required=True, help="text size: 500K, 200M")
    parser.add_argument("--out", type=Path, required=True, help="a .jsonl file")
    args = parser.parse_args(argv)
    docs = documents()
    written = write_jsonl(args.out, repeated(docs, args.bytes))
    print(f"{summary(docs)}; {written / 1e6:.1f} MB written -> {args.out}", file=sys.stderr)
    for name, count in licences().most_common():
        print(f"  {count:4d} files: {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
