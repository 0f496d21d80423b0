"""How lines read to a ``section`` rule, as Python read them, kept only to test the
core against.

This is the classification of src/cleaner/kinds/section.py (``SectionRule._classify_line``,
``_glued_nodes``, ``_classify``, ``_words``, ``_coverage`` and the module's
``_header_shape``, ``_sentence_spans``, ``_covered_letters``) as it was before it moved to
Rust (``cleaner._core.SectionReader``): tests/test_core_section.py checks that the core
reads every line of the labelled sets, the seeds and a generated corpus the same, for
every built-in section rule. It is not imported by the package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from cleaner.kinds.section import (
    _SECTION,
    _STRONG,
    MARKER,
    POLICY,
    PROSE,
    RESIDUE,
    WEAK,
    _Line,
)
from cleaner.text.folding import fold
from cleaner.text.vocabulary import Hit, Vocabulary

__all__ = ["ReferenceReader"]

_MARKER_WORDS = 8
_FORM_WORDS = 16
_MARKER_CHARS = 80
_MARKER_COVERAGE = 0.4
_POLICY_DENSITY = 10
_REQUEST_WORDS = 3
_REQUEST_LENGTH = 12
_WEAK_WORDS = 20
_DENSE_POLICY_WORDS = 4
_RESIDUE_WORDS = 6
_RESIDUE_CHARS = 50
_HEADER_WORDS = 14
_LONG_HEADER_WORDS = 24
_HEADER_OPENING = 30
_QUOTED = re.compile(r"“[^”]*”|„[^“”]*[“”]|«[^»]*»|\"[^\"]*\"")
_HEADER = re.compile(
    r"\d{1,2}[:h]\d{2}|(?<!\d)(?:19|20)\d{2}(?!\d)|\d{1,2}[./-] ?\d{1,2}[./-] ?\d{2,4}"
    r"|\d+ ?(?:[^\s\d]{1,3}前|[^\s\d]{1,3} ?전)|[:：]$"
    r"|(?<!\w)(?:ago|vor|il y a|hace|há|fa|geleden|temu|назад|тому|önce|sedan"
    r"|siden|před|lalu|پیش|לפני|منذ)(?!\w)")
_DIGIT = re.compile(r"\d")
_STAMP = re.compile(r"\d{1,2}[:h]\d{2}|\d{1,4}[./-] ?\d{1,2}[./-] ?\d{1,4}")
_STAMP_CHARS = 10
_NODE_START = re.compile(r"[a-zß-öø-ÿа-яёєіїґ](?=[A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ])|\*(?=[^\W\d_])")
_SENTENCE_END = re.compile(r"[.!?؟。！？…।۔][\"'”’»)\]]*(?:\s+|$|(?![a-z0-9]))")
_NODE_END = re.compile(_SENTENCE_END.pattern + r"|\s+")
# A label and its value on one line ("Publicerat: 3 april, 2021"): a card's field, filled.
_LABEL_VALUE = re.compile(r"[:：]\s*\w")
_COUNT = re.compile(r"\d+")
_MARKER_CLASSES = frozenset({"cue", "topic", "form"})
_NAMING = frozenset({"cue", "topic"})


class ReferenceReader:
    """How lines read with the words of one section rule's vocabulary."""

    def __init__(self, vocabulary: Vocabulary):
        self._vocabulary = vocabulary
        self.options = {"word_start": vocabulary.word_start}

    def _classify_line(self, folded: str, line: str | None = None,
                       hits: list[Hit] | None = None) -> _Line:
        """How a folded line reads. A line of several sentences is prose when it starts
        with prose or more than half of its sentences are (an article sentence with a
        policy glued after it is prose: see ``glued``); else a policy line when one
        sentence is a policy, else no stronger than weak. ``hits`` are its vocabulary
        words, when the caller has found them already."""
        if hits is None:
            hits = self._vocabulary.find(folded)
        whole = self._classify(folded, hits)
        if line is not None and hits and whole.kind not in _STRONG and not whole.header \
                and "narration" not in whole.classes:
            nodes = self._glued_nodes(line)
            if nodes is not None:
                return replace(whole, kind=nodes.kind, coverage=nodes.coverage)
        # Sentences end where the line as written ends them: its capitals tell a node
        # glued after a full stop ("spring.Comments") from a domain ("aero.de").
        written = folded if line is None or len(line) != len(folded) else line
        if whole.header or not _SENTENCE_END.search(written, 0, len(written) - 1) or (
                whole.kind == MARKER and _QUOTED.search(folded)):  # "... vs. JSON”"
            return whole
        kinds = []
        for start, end in _sentence_spans(written):
            inside = [(c, w, b - start, e - start) for c, w, b, e in hits
                      if start <= b and e <= end]
            kinds.append(self._classify(folded[start:end], inside).kind)
            if kinds[0] == PROSE:
                return replace(whole, kind=PROSE)
        if len(kinds) < 2:
            return whole
        if 2 * kinds.count(PROSE) > len(kinds):
            kind = PROSE
        elif POLICY in kinds:
            kind = POLICY
        elif whole.kind != PROSE:  # "He refused to answer. No comment." is no heading
            kind = whole.kind
        else:  # at most weak; a paragraph of short pieces ("Nama : ... No. Peserta :") is prose
            kind = WEAK if whole.words <= _WEAK_WORDS else PROSE
        return replace(whole, kind=kind)

    def _glued_nodes(self, line: str) -> _Line | None:
        """How a line reads that a scraper glued from a form's text nodes ("Leave a Reply
        Cancel replyYour email address will not be published.Comment * Name *"): split
        where a capital follows a small letter, after a mark or a sentence's end, it is a
        marker (or a policy line) when every part is part of a section and one is strong;
        else None."""
        cuts = sorted({0, len(line), *(m.end() for m in _NODE_START.finditer(line)),
                       *(m.end() for m in _SENTENCE_END.finditer(line))})
        if len(cuts) < 3:
            return None
        pieces = [line[begin:end] for begin, end in pairwise(cuts) if line[begin:end].strip()]
        parts = [self._classify(fold(piece)) for piece in pieces]
        if any(part.kind not in _SECTION for part in parts):
            return None
        kinds = {part.kind for part in parts}
        if POLICY in kinds:
            return _Line(POLICY)
        if MARKER not in kinds:
            return None
        letters = [sum(map(str.isalpha, piece)) for piece in pieces]
        covered = sum(part.coverage * count for part, count in zip(parts, letters))
        return _Line(MARKER, coverage=covered / (sum(letters) or 1))

    def _classify(self, folded: str, hits: list[Hit] | None = None) -> _Line:
        """How a folded sentence reads: marker, policy, weak, residue, prose. ``hits``
        are its vocabulary words, when the caller has found them already."""
        if hits is None:
            hits = self._vocabulary.find(folded)
        words = self._words(folded)
        classes = frozenset(hit[0] for hit in hits)
        kind = PROSE
        short = words <= _MARKER_WORDS and len(folded) <= _MARKER_CHARS
        if not short and "cue" in classes and any(q in folded for q in '"“«„'):
            # A heading with the article's title quoted: "5 thoughts on “JSON parsing”".
            unquoted = _QUOTED.sub("", folded)
            short = self._words(unquoted) <= _MARKER_WORDS and len(unquoted) <= _MARKER_CHARS
        coverage = 0.0
        policy_words = len({hit[1] for hit in hits if hit[0] == "policy"})
        if classes:
            topic_words = len({hit[1] for hit in hits if hit[0] == "topic"})
            dense = (max(topic_words, 1) + policy_words) * _POLICY_DENSITY >= words
            # Named: the topic, or a heading it starts with ("Rules for posting: ...").
            named = topic_words or any(hit[0] == "cue" and hit[2] <= 1 for hit in hits)
            if "narration" not in classes and policy_words >= 2 and dense and (
                    named or (policy_words >= _REQUEST_WORDS and words <= _REQUEST_LENGTH)):
                kind = POLICY  # or a short request rich in policy words ("Please treat
                # others with respect": no topic word, but three of policy)
            elif classes & _MARKER_CLASSES and words <= _FORM_WORDS:
                coverage = self._coverage(folded, hits)
                if coverage >= _MARKER_COVERAGE and (short or "form" in classes):
                    kind = MARKER
            if kind == PROSE and "narration" not in classes and (
                    (policy_words and words <= _WEAK_WORDS)
                    or (policy_words >= _DENSE_POLICY_WORDS
                        and policy_words * _POLICY_DENSITY >= words)):
                kind = WEAK  # or a long rule rich in policy words ("Content that is
                # insulting, obscene, defamatory ... is the sender's responsibility")
        if kind == PROSE and words <= _RESIDUE_WORDS and len(folded) <= _RESIDUE_CHARS:
            kind = RESIDUE
        header = signed = False
        if kind in (PROSE, RESIDUE, WEAK):
            header, signed = _header_shape(folded, words)
        if header:  # "Anna Lee · March 4, 2020 at 9:40 am": a comment's header
            kind = RESIDUE if kind == PROSE else kind
        elif (kind in (PROSE, RESIDUE) and words <= _RESIDUE_WORDS and classes & _NAMING
                and "narration" not in classes and _DIGIT.search(folded) is not None):
            kind = MARKER  # a counter: "This post has 4 comments."
        bare = kind == RESIDUE and not header and not any(map(str.isalpha, folded))
        labelled = kind == MARKER and _LABEL_VALUE.search(folded) is not None
        counted = kind == MARKER and any(int(n) for n in _COUNT.findall(folded))
        return _Line(kind, classes, short, policy_words, coverage, header, signed, words,
                     bare, labelled, counted)

    def _words(self, folded: str) -> int:
        """Words in ``folded``; without spaces between words, about two letters a word."""
        if self.options["word_start"]:
            return len(folded.split())
        return max(1, sum(map(str.isalpha, folded)) // 2)

    def _coverage(self, folded: str, hits: list[Hit]) -> float:
        """The share of the letters of ``folded`` (but a quoted title) that its
        vocabulary words cover."""
        unquoted = _QUOTED.sub("", folded) if any(q in folded for q in '"“«„') else folded
        letters = sum(map(str.isalpha, unquoted)) or sum(map(str.isalpha, folded))
        spans = [(hit[2], hit[3]) for hit in hits if hit[0] != "narration"]
        return min(1.0, _covered_letters(folded, spans) / letters) if letters else 1.0


def _header_shape(folded: str, words: int) -> tuple[bool, bool]:
    """Whether a folded line of ``words`` words is the header of a reader's comment,
    and whether it is one without a date. A header is short, with a date or a time, or
    ending in a colon ("Ramón dijo:"); or a little longer when it opens with a time or a
    numeric date ("# Le 3 juillet à 16:55, par voltaire En réponse à : <the article's
    title>"), not a bare year ("In 2019, the company ...")."""
    if words > _LONG_HEADER_WORDS:
        return False, False
    found = _HEADER.search(folded) if _DIGIT.search(folded) is not None else None
    if found is not None and words <= _HEADER_WORDS:
        return True, False
    if found is not None:  # longer: it opens with a time or a numeric date, not a year
        stamp = _STAMP.search(folded, 0, _HEADER_OPENING + _STAMP_CHARS)
        if stamp is not None and stamp.start() <= _HEADER_OPENING:
            return True, False
    signed = words <= _HEADER_WORDS and folded.endswith((":", "："))
    return signed, signed


def _sentence_spans(text: str, nodes: bool = False) -> Iterable[tuple[int, int]]:
    """Where each sentence of ``text`` starts and ends (empty ones left out); with
    ``nodes``, a space ends one too (in a language written without spaces between
    words, a space in glued text is where a scraper joined two text nodes)."""
    start = 0
    for match in (_NODE_END if nodes else _SENTENCE_END).finditer(text):
        if match.end() > start and text[start : match.end()].strip():
            yield start, match.end()
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


def _covered_letters(text: str, spans: list[tuple[int, int]]) -> int:
    covered = 0
    last = 0
    for begin, end in sorted(spans):
        begin = max(begin, last)
        if end > begin:
            covered += sum(map(str.isalpha, text[begin:end]))
            last = end
    return covered
