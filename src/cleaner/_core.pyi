"""Type stubs of the compiled core (rust/src/lib.rs), built by maturin."""

from collections.abc import Callable
from typing import Any

UNICODE_VERSION: str
"""The Unicode version of the core's normalisation and case tables."""

def fold(line: str) -> str:
    """The folded view of ``line`` (see :mod:`cleaner.text.folding`)."""

def fold_lines(lines: list[str]) -> list[str]:
    """The folded view of each of ``lines``: one call for a whole document."""

def fold_letters(text: str) -> str:
    """Only the letter folding (Arabic diacritics, tatweel, letter variants)."""

class LiteralIndex:
    """The literals of many patterns in one automaton (see :mod:`cleaner.text.prefilter`)."""

    max_chars: int
    """Lines longer than this (in characters) are neither folded nor prefiltered by scan."""

    def __init__(self, literal_sets: list[list[str] | None], max_chars: int = ...,
                 limits: list[int] | None = None) -> None: ...
    def possible(self, folded: str, length: int = 0) -> int:
        """The bits of the patterns that may match ``folded`` (a folded text), among
        those whose rules take a line of ``length`` characters."""
    def scan(self, lines: list[str]) -> tuple[list[str | None], list[int | None]]:
        """Each line's folded view and possible patterns (None for both on a blank line
        or one longer than ``max_chars``): one call per document."""

class WordIndex:
    """Words by class in one automaton (see :mod:`cleaner.text.vocabulary`)."""

    def __init__(self, entries: list[tuple[str, list[tuple[str, str]]]],
                 word_start: bool = True) -> None:
        """Each key with its meanings, (class, word) pairs; with ``word_start`` a key
        matches only where a word starts (not after a letter, a digit or "_")."""
    def find(self, folded: str) -> list[tuple[str, str, int, int]]:
        """Every key in ``folded`` as (class, word, start, end), one hit per meaning, in
        the order of their ends and the longest first at one end."""

#: Thresholds of the section reading that the section kind's walk shares: the longest
#: heading, the policy words that make a longer sentence weak, the most words of residue.
SECTION_MARKER_CHARS: int
SECTION_DENSE_POLICY_WORDS: int
SECTION_RESIDUE_WORDS: int

#: How a line reads to a section rule: kind, classes (bits, in the order given), short,
#: policy words, coverage, header, signed, words, bare, labelled, counted (see
#: cleaner.kinds.section._Line).
Reading = tuple[str, int, bool, int, float, bool, bool, int, bool, bool, bool]

class SectionReader:
    """Reads lines with a section rule's words (see :mod:`cleaner.kinds.section`)."""

    def __init__(self, index: WordIndex, classes: list[str], word_start: bool) -> None:
        """``classes``: the names of cue, topic, policy, form and narration, in order."""
    def read(self, line: str, folded: str) -> Reading:
        """How a line reads, given its folded view."""
    def classify(self, folded: str) -> Reading:
        """How a folded sentence reads."""
    def words(self, folded: str) -> int:
        """The words of a folded text (about two letters a word without spaces)."""

def comment_header(folded: str) -> tuple[bool, bool]:
    """Whether a folded line is the header of a reader's comment, and one without a
    date."""

def sentence_bounds(text: str, nodes: bool = False) -> list[tuple[int, int]]:
    """Where each sentence of ``text`` starts and ends (blank ones left out); with
    ``nodes``, a run of spaces ends one too."""

def sentence_cuts(text: str) -> list[int]:
    """Where each end of a sentence in ``text`` ends."""

def suspect(text: str, controls: bool = False) -> bool:
    """May ``text`` hold mojibake (see :mod:`cleaner.text.mojibake`), or with ``controls``
    a control character too?"""

def is_normalized(form: str, text: str) -> bool:
    """``unicodedata.is_normalized(form, text)`` for ``form`` NFC or NFKC."""

class LineScan:
    """Several ``where: anywhere`` line rules in one pass (see
    :class:`cleaner.kinds.lines.LineScan`)."""

    def __init__(self, rules: list[tuple[int, int, list[str], list[str], bool, bool]],
                 compile: Callable[[str], Any]) -> None:
        """Each rule as (max_chars, first pattern number, match patterns, unless patterns,
        flag, timed); ``compile`` compiles a folded pattern."""
    def run(self, doc: Any, ask: Callable[[Any, int, int], bool | None]
            ) -> tuple[list[tuple[int, list[int]]], list[tuple[int, list[int]]]]:
        """Per rule position, the lines of ``doc`` it flags and those it drops (in the
        order first found); a timed rule is asked ``ask(doc, position, index)``."""
