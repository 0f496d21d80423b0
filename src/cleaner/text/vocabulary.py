"""Word lists by class, found in folded text in one pass (an Aho-Corasick automaton).

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

import ahocorasick

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
        self._automaton: ahocorasick.Automaton | None = None

    def _compiled(self) -> ahocorasick.Automaton:
        """The automaton of every word (empty when there is none), built once."""
        forms = ["", *sorted({folded for p in self._prefixes if (folded := fold(p))})]
        entries: dict[str, list[tuple[str, str]]] = {}
        for word_class, listed in self._words.items():
            for word in {folded for w in listed if (folded := fold(w))}:
                for prefix in forms:
                    entries.setdefault(prefix + word, []).append((word_class, word))
        automaton = ahocorasick.Automaton()
        for key, meanings in entries.items():
            automaton.add_word(key, (len(key), tuple(meanings)))
        if entries:
            automaton.make_automaton()
        return automaton

    def find(self, folded: str) -> list[Hit]:
        """Every word of the vocabulary in ``folded`` (a folded line or sentence)."""
        automaton = self._automaton
        if automaton is None:
            automaton = self._automaton = self._compiled()
        if automaton.kind == ahocorasick.EMPTY:
            return []
        hits: list[Hit] = []
        for end, (length, meanings) in automaton.iter(folded):
            start = end - length + 1
            if self.word_start and start and (folded[start - 1].isalnum()
                                              or folded[start - 1] == "_"):
                continue
            hits.extend((word_class, word, start, end + 1) for word_class, word in meanings)
        return hits
