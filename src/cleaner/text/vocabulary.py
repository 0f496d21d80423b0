"""Word lists by class, found in folded text in one pass (an Aho-Corasick automaton of
the compiled core, :class:`cleaner._core.WordIndex`).

A vocabulary is data in a rule pack: for each class (``topic``, ``policy`` ...), the
words that mark it, written as people write them; they are folded like the lines
they are matched against. A word matches where a word starts (``word_start``), may
run on (``moderat`` finds "moderated", "moderation"), and may follow one of the
``prefixes`` written attached to it (Arabic ``و`` and ``ال``, Hebrew ``ה``). In
languages written without spaces (Chinese, Japanese) words match anywhere.

>>> words = Vocabulary({"topic": ["comment"], "policy": ["moderat"]})
>>> sorted(hit[:2] for hit in words.find("comments are moderated"))
[('policy', 'moderat'), ('topic', 'comment')]
>>> words.find("uncommented")
[]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .._core import WordIndex
from .folding import fold

__all__ = ["Hit", "Vocabulary"]


#: One word found: its class, the word (folded), and where it starts and ends.
Hit = tuple[str, str, int, int]


class Vocabulary:
    """Words per class, compiled into one automaton when first searched: a rule is
    offered few documents (a section rule, those that end with its words), and a
    one-file run would otherwise build the automata of every language."""

    def __init__(self, words: Mapping[str, Iterable[str]], prefixes: Iterable[str] = (),
                 word_start: bool = True):
        self.word_start = word_start
        self._words = {word_class: tuple(listed) for word_class, listed in words.items()}
        self._prefixes = tuple(prefixes)
        self._index: WordIndex | None = None

    def _entries(self) -> dict[str, list[tuple[str, str]]]:
        """Every word, folded, with every prefix: each key with its (class, word)
        meanings."""
        forms = ["", *sorted({folded for p in self._prefixes if (folded := fold(p))})]
        entries: dict[str, list[tuple[str, str]]] = {}
        for word_class, listed in self._words.items():
            for word in {folded for w in listed if (folded := fold(w))}:
                for prefix in forms:
                    entries.setdefault(prefix + word, []).append((word_class, word))
        return entries

    @property
    def index(self) -> WordIndex:
        """The automaton of the words, built on first use."""
        index = self._index
        if index is None:
            index = self._index = WordIndex(list(self._entries().items()), self.word_start)
        return index

    def find(self, folded: str) -> list[Hit]:
        """Every word of the vocabulary in ``folded`` (a folded line or sentence), in
        the order of their ends (the longest first at one end), overlapping ones too."""
        return self.index.find(folded)
