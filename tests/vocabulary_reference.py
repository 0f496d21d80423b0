"""Vocabulary matching as it was done in Python, kept only to test the core against.

Before it moved to the compiled core (``cleaner._core.WordIndex``), a
:class:`cleaner.text.vocabulary.Vocabulary` searched folded text with pyahocorasick and
dropped, in Python, the hits that do not start a word. This is the same search written
plainly, with the same results in the same order: every occurrence of every key,
overlapping ones included, by their end and the longest first at one end, positions in
code points. tests/test_core_vocabulary.py checks the core against it. It is not
imported by the package.
"""

from __future__ import annotations

from collections.abc import Sequence

Entries = Sequence[tuple[str, Sequence[tuple[str, str]]]]

__all__ = ["reference_find"]


def reference_find(entries: Entries, word_start: bool, folded: str
                   ) -> list[tuple[str, str, int, int]]:
    """The hits of the keys of ``entries`` (each with its (class, word) meanings) in
    ``folded``."""
    found: list[tuple[int, int, list[tuple[str, str, int, int]]]] = []
    for key, meanings in entries:
        start = folded.find(key)
        while start != -1:
            end = start + len(key)
            if not (word_start and start and (folded[start - 1].isalnum()
                                              or folded[start - 1] == "_")):
                found.append((end, -len(key), [(c, w, start, end) for c, w in meanings]))
            start = folded.find(key, start + 1)
    found.sort(key=lambda item: item[:2])
    return [hit for _, _, hits in found for hit in hits]
