"""Document frequencies of lines per group: the statistics that corpus rules judge by.

A site repeats its own debris in every article; wire copy repeats in two or three
articles of different sites. Counting, per group of documents (a site, a folder), in how
many documents each folded line occurs tells them apart.

Memory grows with the number of distinct counted lines, not with the corpus: one
8-byte key per line (a BLAKE2b digest of its folded text) and a count, about 120 bytes
per distinct line in CPython dicts (measured in ``benchmarks/``).

>>> freq = Frequencies()
>>> freq.add_document("site-a", [line_key("© site a")], order=0)
>>> freq.add_document("site-a", [line_key("© site a"), line_key("news")], order=1)
>>> freq.documents("site-a"), freq.count("site-a", line_key("© site a"))
(2, 2)
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from pathlib import Path

__all__ = ["Frequencies", "line_key"]

_FORMAT = "cleaner-frequencies/1"


def line_key(folded: str) -> int:
    """A stable 64-bit key for a folded line (the same in every process and run)."""
    digest = hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class Frequencies:
    """Per group: how many documents it has, and in how many each line key occurs.

    ``first`` remembers the order of the first document holding each key, for rules
    that keep the first copy (``keep: first``).
    """

    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.counts: dict[str, dict[int, int]] = {}
        self.first: dict[str, dict[int, int]] = {}

    def add_document(self, group: str, keys: Iterable[int], order: int) -> None:
        """Count one document of ``group`` holding ``keys`` (duplicates count once)."""
        self.totals[group] = self.totals.get(group, 0) + 1
        counts = self.counts.setdefault(group, {})
        first = self.first.setdefault(group, {})
        for key in set(keys):
            counts[key] = counts.get(key, 0) + 1
            if order < first.get(key, order + 1):
                first[key] = order

    def add_counted(self, group: str, documents: int, lines: Iterable[tuple[int, int, int]]
                    ) -> None:
        """Add counts made elsewhere (a distributed group-by): ``documents`` more documents
        of ``group``, and ``(key, documents holding it, first order)`` of its lines.

        >>> freq = Frequencies()
        >>> freq.add_counted("site-a", 3, [(line_key("© site a"), 3, 0)])
        >>> freq.documents("site-a"), freq.count("site-a", line_key("© site a"))
        (3, 3)
        """
        if documents:
            self.totals[group] = self.totals.get(group, 0) + documents
        counts = self.counts.setdefault(group, {})
        first = self.first.setdefault(group, {})
        for key, count, order in lines:
            counts[key] = counts.get(key, 0) + count
            if order < first.get(key, order + 1):
                first[key] = order

    def merge(self, other: Frequencies) -> None:
        """Add counts gathered elsewhere (another process, another batch)."""
        for group, total in other.totals.items():
            self.totals[group] = self.totals.get(group, 0) + total
            counts = self.counts.setdefault(group, {})
            first = self.first.setdefault(group, {})
            for key, count in other.counts.get(group, {}).items():
                counts[key] = counts.get(key, 0) + count
            for key, order in other.first.get(group, {}).items():
                if order < first.get(key, order + 1):
                    first[key] = order

    def documents(self, group: str) -> int:
        """Documents counted in ``group``."""
        return self.totals.get(group, 0)

    def count(self, group: str, key: int) -> int:
        """Documents of ``group`` that hold the line with ``key``."""
        return self.counts.get(group, {}).get(key, 0)

    def first_order(self, group: str, key: int) -> int | None:
        """Order of the first document of ``group`` that holds ``key``."""
        return self.first.get(group, {}).get(key)

    def distinct_lines(self) -> int:
        """Distinct (group, line) pairs counted."""
        return sum(len(counts) for counts in self.counts.values())

    def save(self, path: Path) -> None:
        """Write to ``path`` (gzip-compressed JSON), to reuse on a later run."""
        import orjson

        from ..run.textio import write_atomic

        payload = {
            "format": _FORMAT,
            "groups": {
                group: {
                    "documents": total,
                    "lines": [[key, count, self.first.get(group, {}).get(key, 0)]
                              for key, count in self.counts.get(group, {}).items()],
                }
                for group, total in self.totals.items()
            },
        }
        write_atomic(path, gzip.compress(orjson.dumps(payload), compresslevel=3, mtime=0))

    @classmethod
    def load(cls, path: Path) -> Frequencies:
        """Read counts written by :meth:`save`; ``ValueError`` (one line naming ``path``)
        if it is not such a file: not gzip, not JSON, another format or version, or a
        wrong shape."""
        import orjson  # imported by the runs that read counts only: it costs start-up

        try:
            payload = orjson.loads(gzip.decompress(path.read_bytes()))
        except (OSError, EOFError, orjson.JSONDecodeError) as error:
            reason = getattr(error, "strerror", None) or error
            raise ValueError(f"{path}: not a counts file ({reason})") from None
        found = payload.get("format") if isinstance(payload, dict) else None
        if found != _FORMAT:
            raise ValueError(f"{path}: not a counts file of this version of cleaner (format "
                             f"{found!r}, expected {_FORMAT!r}); count again")
        freq = cls()
        try:
            for group, data in payload["groups"].items():
                documents, lines = data["documents"], data["lines"]
                if not (isinstance(group, str) and _whole(documents)):
                    raise TypeError
                counts: dict[int, int] = {}
                first: dict[int, int] = {}
                for key, count, order in lines:
                    if not (_whole(key) and _whole(count) and _whole(order)):
                        raise TypeError
                    counts[key], first[key] = count, order
                freq.totals[group], freq.counts[group], freq.first[group] = (
                    documents, counts, first)
        except (AttributeError, KeyError, TypeError, ValueError):
            raise ValueError(f"{path}: a damaged counts file (its groups are not as "
                             "cleaner writes them); count again") from None
        return freq


def _whole(value: object) -> bool:
    """A non-negative integer (JSON ``true`` is not one)."""
    return type(value) is int and value >= 0
