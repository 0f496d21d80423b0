"""The ``section`` kind: a block at the end of a document found by its vocabulary.

Comment sections (and other tail families whose wording varies more than their
shape) are phrased in endless ways, so a ``section`` rule lists *words*, not
patterns: per language, the words of headings (``cue``), of the subject
(``topic``: comment, reply, discussion), of moderation policies (``policy``), of
forms and widgets (``form``), and of narration (``narration``: said, told, which
mark reported speech). Each line near the end of a document is classified on its
folded view (by the compiled core, :class:`cleaner._core.SectionReader`):

* a **marker**: a short line made mostly of cue, topic or form words ("Comments
  (12)", "Leave a Reply", "Name *", "Post Comment", "評論"), or a line glued from a
  form's text nodes whose every part is one ("Cancel replyYour email address ...");
* a **policy** line: a sentence that names the topic (or opens with a cue) and two
  policy words, and no narration word ("Comments are moderated before
  publication"), or a short request rich in policy words ("Please treat others
  with respect"); a paragraph of three sentences or more, fewer than half of which
  read as a section's, is prose (a post that says which comments it deleted);
* a **weak** line: a short sentence with policy words that is not a policy
  ("Please be respectful"), taken only inside a section;
* **residue**: a very short line without sentence shape (a name, "0"), taken only
  inside a section; a **header** is a short line with a date, a time or "Name
  said:", which opens a reader's comment;
* **prose**: anything else. Prose ends a section, except up to 25 lines under a
  comment header or its buttons, or above the date line that follows them (a reader's
  comment; a thread needs two headers and a marker), and up to three prose lines (with short lines
  between them) between two markers (a form's help text). Page numbers and the headers
  of a thread never end a section.

The section runs from its first marker or policy line to its last line (up to
three lines of other debris may follow it, navigation or an author's box; they are
left to other rules; a reader's comment that ends the document is no such line).
Two form labels alone (a log-in form's) are no section. A thread's dated headers at
the end offer the document to the rule when its heading is far above them. When the text
above it talks about commenting (an editor's note, a report on moderation rules, a page
titled with a heading that names the comments, "Pravidla diskuse", on its first
line or under a logo's),
policy sentences are its content: only markers and residue are then taken. A
section never takes a whole document, nor readers' comments that would leave
less than ``min_kept`` of it. A section glued to the end of the article's last
line (after a sentence's end, or where a cue heading starts) is cut off there.

>>> from cleaner import RuleSpec
>>> vocabulary = {"cue": ["leave a reply"], "topic": ["comment"],
...               "policy": ["moderat", "publish", "respect"], "form": ["name", "email"],
...               "narration": ["said"]}
>>> rule = SectionRule(RuleSpec("x/en", "section", "Comments.",
...                             options={"vocabulary": vocabulary}))
>>> text = ("The minister said the plan would go ahead.\\nLeave a Reply\\n"
...         "Comments are moderated before they are published.\\nName *\\nEmail *\\n")
>>> [index for index, _ in rule.find(Document.from_text(text))]
[1, 2, 3, 4]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import overload

from .. import _core
from ..engine.document import Change, Document
from ..ruleset.spec import RuleSpec
from ..text.folding import fold, fold_letters
from ..text.vocabulary import Hit, Vocabulary
from .base import Field, Kind
from .measure import width

__all__ = ["SectionRule"]

#: The vocabulary classes a ``section`` rule may list, and what each means.
CLASSES = {
    "cue": "headings and prompts that stand alone on a line of a section",
    "topic": "the words for comments and commenting; a policy sentence names one",
    "policy": "words of moderation rules (moderate, publish, delete, respect, insult)",
    "form": "form labels, buttons and widget residue (name, email, required, submit)",
    "narration": "words of reported speech (said, told): a line with one is prose",
}

# How a line reads (its kind, from its words and shape) is decided in the compiled core,
# with its thresholds: rust/src/section.rs. These thresholds weigh lines once read.
# Thresholds of the core's reading of lines that the walk uses too: a heading is no
# longer than _MARKER_CHARS (see _closing_mark); a longer sentence with
# _DENSE_POLICY_WORDS policy words is weak; residue has at most _RESIDUE_WORDS words.
_MARKER_CHARS = _core.SECTION_MARKER_CHARS
_DENSE_POLICY_WORDS = _core.SECTION_DENSE_POLICY_WORDS
_RESIDUE_WORDS = _core.SECTION_RESIDUE_WORDS
_COMMENT_LINES = 25  # a reader's comment: at most this many lines under its header
_TRAILING_LINES = 3  # lines of other debris (navigation) that may follow a section
_TRAILING_WORDS = 25  # the article's last paragraph is longer (see ``glued``)
_TAIL_DEBRIS_WORDS = 70  # an author's box or a newsletter prompt below a section
_GAP_LINES = 8
_TAIL_GAP_LINES = 15  # residue (menus, footers) below the section, before its last line
_LONE_COVERAGE = 0.6
_FORM_SENTENCE = 4  # a section of one line is a heading made almost only of cue words
_HEADER_CHARS = 120
_THREAD_HEADERS = 2  # dated headers in the last lines that make a thread
_THREAD_REACH = 1000  # lines from the end in which a thread's heading is looked for
_BUTTON_WORDS = 2  # a reader's comment may sit under its header's buttons ("Reply")
_RULES_LINES = 40  # the rules under a heading ("Правила комментирования"): at most these
_RULES = frozenset({"topic", "policy"})  # a line of rules names the topic or a policy
_HELP_LINES = 3  # prose lines of help text between a form's markers and its fields
_HELP_BUTTONS = 2  # short lines between help text and the marker below it
_READ_LINES = 4096  # readings of lines remembered for a document (see _Readings)
_READINGS = 4096  # readings made from the core's, kept to be shared (see _reading)
_DECIDE_AFTER = 8  # lines a walk takes before it asks whether its outcome is decided
_TOPIC_WORDS_IN_BODY = 2
_PARAGRAPH_SENTENCES = 3  # a line of fewer sentences is read whole (see _paragraph)
_BODY_CHARS = 1500
_DIGIT = re.compile(r"\d")  # a line without a digit is no dated header (see trigger_depth)
_COUNTER_BEFORE = re.compile(r"(?<![\w.,:])\d+ ?$")  # "12 " right before a cue, not "code:12 "
# Where a heading that counts readers' comments may end: its counter in brackets, or the
# quoted title of the article ("2 Komentar untuk "<title>"").
_HEADING_END = re.compile(r"\(\d+\)|“[^”]*”|„[^“”]*[“”]|«[^»]*»|\"[^\"]*\"")
_COUNT = re.compile(r"\d+")
# The Arabic letter variants that folding unifies, one letter for one ("ی" -> "ي").
_LETTER_VARIANTS = str.maketrans({
    char: folded for char in map(chr, range(0x0600, 0x0700))
    if len(folded := fold_letters(char)) == 1 and folded != char})
_COUNTED_CHARS = 200  # a counted heading with the article's title is no longer
_COUNTED_REACH = 4000  # readers' comments glued after their counted heading: at most
_BRACKET_COUNT = re.compile(r"\(\d+\)")
_COUNTED_CUE_CHARS = 40  # the cue of a counted heading, right before its counter

MARKER, POLICY, WEAK, RESIDUE, PROSE = "marker", "policy", "weak", "residue", "prose"


_STRONG = (MARKER, POLICY)
_SECTION = (MARKER, POLICY, WEAK, RESIDUE)
_NAMING = frozenset({"cue", "topic"})
_FORM_FIELDS = 3
#: The classes of a reading, by the bits the core gives them (in the order of CLASSES).
_CLASS_SETS = [frozenset(name for bit, name in enumerate(CLASSES) if bits >> bit & 1)
               for bits in range(1 << len(CLASSES))]


@dataclass(frozen=True)
class _Line:
    """How one line reads: its kind, the vocabulary classes in it, and whether it is short."""

    kind: str
    classes: frozenset[str] = frozenset()
    short: bool = False
    policy_words: int = 0  # distinct policy words in the line
    coverage: float = 0.0  # share of its letters that vocabulary words cover
    header: bool = False  # a date, a time or "Name said:": a reader's comment starts
    signed: bool = False  # a header without a date ("Name said:"): prose follows it
    words: int = 0
    bare: bool = False  # residue without a letter: a page number, a counter, ">"
    labelled: bool = False  # a label and its value ("Published: 3 April 2021")
    counted: bool = False  # a marker with a number above zero ("1 comentário")

    def as_content(self) -> _Line:
        """The same line in a document about commenting: policy sentences, and markers
        that only name the topic ("Moderating the comments"), are its content."""
        if self.kind in (POLICY, WEAK) or (
                self.kind == MARKER and not self.classes & {"cue", "form"}):
            return replace(self, kind=PROSE)
        return self

    @property
    def thread(self) -> bool:
        """A header of a reader's comment (its author and date) in a section."""
        return self.header


@functools.lru_cache(maxsize=_READINGS)
def _reading(reading: _core.Reading) -> _Line:
    """A line as the core read it (:class:`cleaner._core.SectionReader`). Lines read
    alike share one (a frozen dataclass costs more to make than the reading)."""
    kind, classes, short, policy_words, coverage, header, signed, words, bare, labelled, \
        counted = reading
    return _Line(kind, _CLASS_SETS[classes], short, policy_words, coverage, header, signed,
                 words, bare, labelled, counted)


#: How a line longer than ``max_chars`` reads.
_LONG = _Line(PROSE)


class _Lines(Sequence[_Line]):
    """The lines a section may span, classified when first looked at: the walk from
    the end stops after a few lines on almost every document.

    ``first_worded`` finds the position of the first line with a word of the
    vocabulary (``count`` when there is none): no line above it can be a marker or a
    policy line, which lets a long walk stop once it is above that line (see _walk).
    It is called at most once, and only by a walk that has gone far.
    """

    def __init__(self, classify: Callable[[int], _Line], count: int,
                 length: Callable[[int], int], first_worded: Callable[[], int],
                 cache: dict[int, _Line] | None = None, content: bool = False,
                 worded: list[int] | None = None):
        self._classify = classify
        self._count = count
        self.length = length  # of the line at a position, before it is classified
        self._first_worded = first_worded
        self._cache = {} if cache is None else cache
        self._content = content
        self._worded = [] if worded is None else worded  # first_worded's answer, once known

    def __len__(self) -> int:
        return self._count

    @property
    def content(self) -> bool:
        """True when the lines are read as in a document about commenting."""
        return self._content

    @overload
    def __getitem__(self, position: int) -> _Line: ...
    @overload
    def __getitem__(self, position: slice) -> list[_Line]: ...

    def __getitem__(self, position: int | slice) -> _Line | list[_Line]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(self._count))]
        line = self._cache.get(position)
        if line is None:
            line = self._cache[position] = self._classify(position)
        return line.as_content() if self._content else line

    def first_strong(self) -> int:
        """The position above which no line is a marker or a policy line: a line
        without a word of the vocabulary is neither (see rust/src/section.rs)."""
        if not self._worded:
            self._worded.append(self._first_worded())
        return self._worded[0]

    def as_content(self) -> _Lines:
        """The same lines read as in a document about commenting (see _Line)."""
        return _Lines(self._classify, self._count, self.length, self._first_worded,
                      self._cache, True, self._worded)

    def with_line(self, position: int, line: _Line) -> _Lines:
        """The same lines, but the one at ``position`` read as ``line``."""
        cache = {**self._cache, position: line}
        return _Lines(self._classify, self._count, self.length,
                      lambda: min(self.first_strong(), position), cache, self._content)


class _Readings:
    """How lines read, remembered by a key while one document is in hand. A reading
    depends on its key alone, so a remembered one is never wrong; the memory is
    emptied for another document (known by its id, which a later document may reuse)
    and when it holds ``_READ_LINES`` readings."""

    def __init__(self) -> None:
        self._doc = 0
        self._known: dict[object, _Line] = {}

    def read(self, doc: Document, key: object, reading: Callable[[], _Line]) -> _Line:
        """The reading of ``key`` in ``doc``: remembered, or ``reading()``."""
        if self._doc != id(doc) or len(self._known) >= _READ_LINES:
            self._doc, self._known = id(doc), {}
        line = self._known.get(key)
        if line is None:
            line = self._known[key] = reading()
        return line


class SectionRule(Kind):
    """Drop the comment section (or another vocabulary-defined block) that ends a document.

    See the module docstring for how lines are classified; the vocabulary is data,
    so a language is added by listing its words.
    """

    name = "section"
    fields = {
        "vocabulary": Field("vocabulary", help="words per class: " + "; ".join(
            f"`{name}`: {meaning}" for name, meaning in CLASSES.items()),
            choices=tuple(CLASSES)),
        "prefixes": Field("words", None, help="letters that may attach before a word "
                          "(Arabic و ب ل ال, Hebrew ו ה ב ל)"),
        "word_start": Field("bool", True, help="words match only where a word starts "
                            "(false for languages written without spaces)"),
        "window": Field("int", 25, minimum=1, help="the last lines with text in which a "
                        "cue, topic or form word offers the document to the rule (searched "
                        "in one pass, on their folded views)"),
        "reach": Field("int", 1000, minimum=1, help="lines with text, from the end, that a "
                       "section may span"),
        "min_kept": Field("int", 100, minimum=0, help="a section that takes prose as "
                          "readers' comments is not taken when less of the document would "
                          "be left, in columns (a CJK character counts two)"),
        "max_chars": Field("int", 700, minimum=1, help="a longer line is prose"),
        "glued": Field("bool", True, help="also cut a section glued after the last "
                       "sentence of the line before it"),
    }

    @property
    def limited(self) -> bool:
        """Sections are exempt from the safety limit, which they would often trip: a
        thread of readers' comments can outweigh its article. ``min_kept`` bounds them
        instead: a section is never taken when no article would be left above it."""
        return False

    #: Edge rules are offered a document when the literals of their patterns occur in
    #: its last lines of up to this many characters (see :class:`EdgeScan`).
    trigger_chars = 250

    @staticmethod
    def trigger_depth(tail: list[str]) -> int:
        """The lines a section may span (``reach``'s default) when ``tail`` holds two
        dated headers of readers' comments ("27 juin 2018 @17h02"): the heading of a
        long thread is far above the end. Else 0.

        >>> SectionRule.trigger_depth(["Anna", "(27 juin 2018 @17h02)", "Bien vu.",
        ...                            "Tristan", "(28 juin 2018 @09h15)", "Merci."])
        1000
        """
        headers = 0
        for line in tail:
            if len(line) <= _HEADER_CHARS and _DIGIT.search(line) is not None \
                    and _core.comment_header(fold(line)) == (True, False):
                headers += 1
                if headers >= _THREAD_HEADERS:
                    return _THREAD_REACH
        return 0

    @staticmethod
    def trigger_glued(line: str) -> str:
        """The text right before each counter in brackets in the last
        ``_COUNTED_REACH`` characters of ``line``: where a heading that counts the
        readers' comments glued below it would be ("... コメント一覧 (63) <comments>").

        >>> SectionRule.trigger_glued("The end. Comments (2) Great! " + "Nice. " * 30)
        'The end. Comments '
        """
        begin = max(0, len(line) - _COUNTED_REACH)
        return "\n".join(line[max(begin, m.start() - _COUNTED_CUE_CHARS) : m.start()]
                         for m in _BRACKET_COUNT.finditer(line, begin))

    def __init__(self, spec: RuleSpec) -> None:
        super().__init__(spec)
        vocabulary = self.options["vocabulary"]
        self._vocabulary = Vocabulary(vocabulary, self.options["prefixes"] or (),
                                      self.options["word_start"])
        self._topic = Vocabulary({"topic": vocabulary.get("topic", ())},
                                 self.options["prefixes"] or (), self.options["word_start"])
        trigger = {fold(w) for name in ("cue", "topic") for w in vocabulary.get(name, ())}
        trigger |= {fold(w) for w in vocabulary.get("form", ()) if width(fold(w)) >= 6}
        # The cue and topic words and the longer form words offer it a document when
        # one occurs near its end (see EdgeScan).
        self.trigger_words = frozenset(w for w in trigger if w)
        self.max_chars = self.trigger_chars
        # How each line of the document in hand reads, by its text: a document is
        # offered again after each round of edge rules that changed it, and most of its
        # lines read the same.
        self._readings = _Readings()
        self._reader: _core.SectionReader | None = None  # built with the automaton

    @property
    def reader(self) -> _core.SectionReader:
        """What reads lines with the vocabulary (built when first needed)."""
        if self._reader is None:
            self._reader = _core.SectionReader(self._vocabulary.index, list(CLASSES),
                                               self.options["word_start"])
        return self._reader

    def find(self, doc: Document) -> list[Change]:
        nonblank = doc.nonblank()
        if not nonblank:
            return []
        reach = nonblank[-self.options["reach"]:]
        lines = _Lines(lambda position: self._read(doc, reach[position]), len(reach),
                       lambda position: len(doc.lines[reach[position]]),
                       lambda: self._first_worded(doc, reach))
        start, top, comments, end = _walk(lines)
        if start is not None and self._talks_about_comments(
                doc, nonblank, reach[_first_marker(lines, start)]):
            lines = lines.as_content()
            start, top, comments, end = _walk(lines)
        changes: list[Change] = []
        glued = self._glued(doc, nonblank, reach, lines, len(lines) if start is None else top)
        if glued is not None:
            position, head, tail = glued
            changes.append((reach[position], head))
            opened, _, with_comments, with_end = _walk(lines.with_line(position, tail))
            if opened == position:  # the glued heading opens the section below it
                start, comments, end = position + 1, with_comments, with_end
        if start == 0 and len(reach) == len(nonblank):
            start = None  # a section ends an article: there must be one above it
        if start is not None and start < len(lines):
            changes += [(reach[position], None)
                        for position in range(start, _section_end(lines, start, end,
                                                                  comments) + 1)]
        if comments and not _keeps(doc.lines, changes, self.options["min_kept"]):
            return []  # no article would be left: that prose is no thread of comments
        return changes

    def _glued(self, doc: Document, nonblank: list[int], reach: list[int],
               lines: _Lines, end: int) -> tuple[int, str, _Line] | None:
        """The article's last line above position ``end`` when a section is glued to
        it: its position, the text to keep, and how the glued part reads."""
        if not self.options["glued"]:
            return None
        for position in range(end - 1, max(-1, end - 1 - _TRAILING_LINES - 1), -1):
            line = lines[position]
            if line.kind in _STRONG:
                return None
            if line.kind != PROSE:
                continue
            text = doc.lines[reach[position]]
            # A line read whole without a word of the vocabulary has nothing glued to it.
            found = self._glued_cut(text) if line.classes or len(text) > self.options[
                "max_chars"] else None
            if found is not None:
                # the article is the text above and the head of this line
                if self._talks_about_comments(doc, nonblank, reach[position], found[0]):
                    return None
                return (position, *found)
            if line.words > _TRAILING_WORDS:
                return None  # the article's last paragraph, with nothing glued to it
        return None

    # ----------------------------------------------------------------- lines
    def _first_worded(self, doc: Document, reach: list[int]) -> int:
        """Position in ``reach`` of the first line that ``_line`` may read as a marker
        or a policy line: one no longer than ``max_chars`` with a word of the
        vocabulary (``len(reach)`` when there is none)."""
        limit = self.options["max_chars"]
        for position, index in enumerate(reach):
            if len(doc.lines[index]) <= limit and self._vocabulary.find(doc.folded(index)):
                return position
        return len(reach)

    def _read(self, doc: Document, index: int) -> _Line:
        """``_line``, remembered by the line's text (see _Readings)."""
        return self._readings.read(doc, doc.lines[index], lambda: self._line(doc, index))

    def _line(self, doc: Document, index: int) -> _Line:
        line = doc.lines[index]
        if len(line) > self.options["max_chars"]:
            return _LONG
        reading = _reading(self.reader.read(line, doc.folded(index)))
        if reading.kind == POLICY and self._paragraph(line):
            return replace(reading, kind=PROSE)
        return reading

    def _paragraph(self, line: str) -> bool:
        """True when ``line`` is a paragraph of prose: three sentences or more, fewer
        than half of them read as a section's ("We deleted two offensive comments." in
        a post that goes on about its readers)."""
        spans = _core.sentence_bounds(line, not self.options["word_start"])
        if len(spans) < _PARAGRAPH_SENTENCES:
            return False
        section = sum(self._sentence(fold(line[begin:end])).kind in _SECTION
                      for begin, end in spans)
        return 2 * section < len(spans)

    def _sentence(self, folded: str) -> _Line:
        """How a folded sentence reads, on its own."""
        return _reading(self.reader.classify(folded))

    def _talks_about_comments(self, doc: Document, nonblank: list[int], start: int,
                              head: str = "") -> bool:
        """True when the text before line ``start``, followed by ``head`` (the part of
        that line kept above a glued section), names the topic in two places of its last
        1,500 characters, or when the document's title names it: the document is about
        commenting, and its policy-like sentences are its content. Two topic words found
        where one word starts ("comentar" and "coment") name it once: an article's closing
        call to comment is no subject."""
        if self._titled(doc, nonblank, start):
            return True
        above: list[str] = [head] if head else []
        size = len(head)
        for index in range(start - 1, -1, -1):  # the lines that make up those characters
            above.append(doc.lines[index])
            size += len(doc.lines[index]) + 1
            if size > _BODY_CHARS:
                break
        body = fold("\n".join(reversed(above))[-_BODY_CHARS:])
        return len({hit[2] for hit in self._topic.find(body)}) >= _TOPIC_WORDS_IN_BODY

    def _titled(self, doc: Document, nonblank: list[int], start: int) -> bool:
        """True when the document's title, at or above line ``start``, is a heading that
        names the comments or their rules ("Pravidla diskuse", "Kommentarer") with prose
        right under it: the document's title, not a section's heading (a section that
        would start at it takes the whole document). The title is the document's first
        line, or its second under a short line of residue (a logo's text, a date)."""
        first = 1 if len(nonblank) > 2 and self._read(doc, nonblank[0]).kind == RESIDUE \
            else 0
        if len(nonblank) < first + 2 or nonblank[first] > start:
            return False
        title = self._read(doc, nonblank[first])
        return title.kind in _STRONG and title.short and bool(title.classes & _NAMING) \
            and self._read(doc, nonblank[first + 1]).kind == PROSE

    def _glued_cut(self, line: str) -> tuple[str, _Line] | None:
        """``line`` without a section glued to its end, and how the glued part reads,
        or None. The glued part starts after the end of a sentence, or where a cue
        starts ("... Kontributor Jawa Barat Tambahkan Komentar: ..."), and must be a
        section on its own: two strong sentences, a policy sentence, or a heading of
        cue words ("Comments"; "No comment." is no heading). Up to three short sentences
        of other debris may follow it ("Follow us on social networks"), as lines may
        follow a section. A heading that counts readers' comments ("2 Komentar untuk
        "<title>"", "コメント一覧 (2)") ends at its counter or quoted title, and the
        prose after it is their comments, however long (such a heading is looked for in
        the line's last ``_COUNTED_REACH`` characters). In a language written without
        spaces between words, a space in the glued part ends a sentence too: it is where
        the scraper joined two text nodes ("... Linux！ 网友评论 评论功能正在开发中"). A
        cue in a script without capitals, after a word ("... انتهای پیام ارسال دیدگاه
        ..."), starts a glued part only as a heading of cue words or a policy sentence
        with another strong one after it. Text
        between a sentence's end and a cue that starts the section, of two words or more
        and without a word of the vocabulary, is the article's closing mark or credit
        ("(Pendim 0821/Fj)")."""
        thread = self._counted_start(line)
        limit = len(line) - self.options["max_chars"]
        hits = self._vocabulary.find(fold(line[max(0, limit):]))
        if not hits and thread is None:
            return None
        ends = {end for end in _core.sentence_cuts(line) if limit <= end < len(line)}
        starts = {cut: caseless for cut, caseless in self._cue_starts(
            line, max(0, limit), hits).items() if cut not in ends}
        best = None
        best_start = None  # the cue start that ``best`` cuts at
        best_cut = len(line)  # where ``best`` cuts
        read: dict[tuple[int, int], _Line] = {}  # sentences read for a later cut already
        for cut in sorted(ends | starts.keys(), reverse=True):
            head = line[:cut].rstrip()
            if not head:
                continue
            if best_start is not None and cut in ends and self._closing_mark(
                    line, cut, best_start):
                break  # the article ends with a mark or credit before the cue
            counted = self._counted_heading(line, cut)
            body = counted or cut  # where the sentences after a counted heading start
            spans = [(cut, counted)] if counted else []
            spans += [(body + begin, body + end) for begin, end in _core.sentence_bounds(
                line[body:], not self.options["word_start"])]
            sentences = []
            for span in spans:
                if span not in read:
                    read[span] = self._sentence(fold(line[span[0] : span[1]]))
                sentences.append(read[span])
            if counted:  # the prose under it is readers' comments
                sentences[1:] = [replace(s, kind=RESIDUE) if s.kind == PROSE else s
                                 for s in sentences[1:]]
            sentences = _without_debris(sentences)
            if not sentences or any(s.kind not in _SECTION for s in sentences):
                if cut in ends and sentences:
                    break  # a sentence that is no section: nothing before it is glued
                continue
            strong = [s for s in sentences if s.kind in _STRONG]
            if starts.get(cut):  # after a word, in a script without capitals
                found = (_is_heading(sentences[0]) or (
                    sentences[0].kind == POLICY and len(strong) >= 2)) and \
                    self._after_mark(line, cut)
            else:
                found = sentences[0].kind in _STRONG and (
                    len(strong) >= 2 or any(s.kind == POLICY for s in strong)
                    or _is_heading(sentences[0]))
            if found:
                best = head, sentences[0]
                best_start = cut if cut in starts else None
                best_cut = cut
        if thread is not None and (best is None or thread < best_cut):
            heading = fold(line[thread : self._counted_heading(line, thread)])
            return line[:thread].rstrip(), self._sentence(heading)
        return best

    def _counted_start(self, line: str) -> int | None:
        """Where the first heading that counts readers' comments (see _counted_heading)
        starts a glued part in the last characters of ``line``, glued on as a heading
        (see _cue_starts), with article text before it; else None. All after it is
        their comments, however long (they go beyond ``max_chars``)."""
        begin = max(0, len(line) - _COUNTED_REACH)
        hits = self._vocabulary.find(fold(line[begin:]))
        for cut, caseless in sorted(self._cue_starts(line, begin, hits).items()):
            if not caseless and line[:cut].strip() and self._counted_heading(
                    line, cut) is not None:
                return cut
        return None

    def _closing_mark(self, line: str, begin: int, cue: int) -> bool:
        """True when the text of ``line`` from ``begin`` (a sentence's end) to ``cue`` (a
        glued cue) is of two words or more and no word of the vocabulary starts in it:
        a closing mark or a credit of the article ("(Pendim 0821/Fj)", "انتهای پیام"),
        not the start of the section ("Schreibe einen Kommentar")."""
        between = fold(line[begin:cue])
        hits = self._vocabulary.find(fold(line[begin : cue + _MARKER_CHARS]))
        return self.reader.words(between) >= 2 and all(hit[2] >= len(between) for hit in hits)

    def _after_mark(self, line: str, cue: int) -> bool:
        """True when the text between the last sentence's end (or the line's start) and a
        cue at ``cue`` after a word, in a script without capitals, is the article's closing
        mark or credit (see _closing_mark) of at most six words; in a language written
        without spaces between words any run of text (the space before the cue is where a
        text node ends). Not a sentence that goes on ("قال الوزير إن التعليقات ...")."""
        begin = max(_core.sentence_cuts(line[:cue]), default=0)
        return self._closing_mark(line, begin, cue) and (
            not self.options["word_start"]
            or self.reader.words(fold(line[begin:cue])) <= _RESIDUE_WORDS)

    def _counted_heading(self, line: str, cut: int) -> int | None:
        """Where a heading that counts readers' comments ends, when one starts ``line`` at
        ``cut``: a heading of cue words with a count above zero, ended by its counter in
        brackets or by the quoted title of the article ("2 Komentar untuk "<title>"",
        "コメント コメント一覧 (2)"), and whose first word is no word of a sentence
        written in small letters ("he wrote 3 comments on “The Guardian” last week").
        Else None."""
        first = next((char for char in line[cut : cut + _COUNTED_CHARS] if char.isalpha()), "")
        if first.islower():
            return None
        for match in _HEADING_END.finditer(line, cut, cut + _COUNTED_CHARS):
            piece = fold(line[cut : match.end()])
            if any(int(count) for count in _COUNT.findall(piece)) and _is_heading(
                    self._sentence(piece)):
                return match.end()
        return None

    def _cue_starts(self, line: str, start: int, hits: list[Hit]) -> dict[int, bool]:
        """Where a cue starts a glued heading in ``line`` from ``start`` on, given the
        vocabulary ``hits`` of its folded view from there (found in its lower case with
        Arabic letter variants unified, as folding does: Persian "ی" and "ک"; a cue
        spelled with other letters in the line is not found), and whether it starts
        after a word in a script without capitals (see _glued_cut)."""
        lowered = line.lower().translate(_LETTER_VARIANTS)
        found: dict[int, bool] = {}
        for word_class, word, _, _ in hits:
            if word_class != "cue":
                continue
            position = lowered.find(word, start)
            while position != -1:
                # A counter belongs to its heading: "... Oriental 0 comentários: ...".
                counter = _COUNTER_BEFORE.search(line, start, position)
                begin = position if counter is None else counter.start()
                before = line[:begin].rstrip()
                # A heading glued on: after a bracket, a digit or a mark, or written
                # with a capital ("... Jawa Barat Tambahkan Komentar: ...") or a
                # counter; never a word in the middle of a sentence ("the comments").
                if before and begin > len(before):
                    if not before[-1].isalpha() or line[begin].isupper() or counter is not None:
                        found[begin] = False
                    elif _caseless(before[-1]) and _caseless(line[begin]):
                        found.setdefault(begin, True)
                position = lowered.find(word, position + 1)
        return found


def _caseless(char: str) -> bool:
    """True for a letter of a script without capitals (Arabic, Persian, CJK, Devanagari)."""
    return char.isalpha() and not char.isupper() and not char.islower()


def _walk(lines: _Lines, comments: bool = True) -> tuple[int | None, int, bool, int]:
    """Position in ``lines`` of the first line of the section that ends them (or None),
    of the highest line the walk took, whether it took readers' comments, and the
    position of the section's last line (above debris that ends with a lone marker).

    Walks up from the end: strong lines (markers, policy) move the start up; weak
    lines and residue are taken between strong ones; a few short lines at the very end
    may be other debris; up to three prose lines between two markers are a form's
    help text; with ``comments``, up to 25 lines under a comment header (a
    date, "Name said:"), or above one, and above a section line are a reader's
    comment; any other
    prose, or too long a run without a strong or header line, ends the walk. Readers'
    comments come in threads: a section that takes prose as a comment must hold two
    headers and a marker, or it is walked again without comments (a dateline above an
    article is one header, and no thread).

    A walk that has gone far stops as soon as its outcome is decided: above the first
    line with a word of the vocabulary no line is strong, so from there on the start
    can only be dropped, never set or moved up. There, no start, or a start whose
    lines are no section, means no section. (When there is no section, the highest
    line and the last line returned mean nothing.)
    """
    start = None
    gap = 0
    trailing = 0
    bridged = False
    end = len(lines) - 1
    position = end
    settled = False  # no line from the current position up can be strong
    while position >= 0:
        if not settled and len(lines) - position > _DECIDE_AFTER \
                and position < lines.first_strong():
            settled = True
            if start is not None and not _is_section(lines[start : end + 1]):
                start = None
        if settled and start is None:
            return None, position + 1, False, end
        line = lines[position]
        if line.kind in _STRONG:
            start, gap = position, 0
        elif line.kind in (WEAK, RESIDUE):
            # A header in a section opens a comment; page numbers are a pager's.
            gap = 0 if line.thread or (line.bare and start is not None) else gap + 1
        else:
            top = _help_top(lines, position)
            # Below the section (never inside a thread): a few lines of other debris,
            # among them a lone marker that is no section ("Sitemap").
            debris = (not bridged and trailing < _TRAILING_LINES
                      and line.words <= _TAIL_DEBRIS_WORDS
                      and (start is None or not _is_section(lines[start : end + 1])))
            if top is None and comments:
                # There, prose is a reader's comment only under its header.
                top = _comment_top(lines, position, header_below=not debris)
                bridged = bridged or top is not None
            if top is None:
                top = _rules_top(lines, position)
            if top is not None:
                gap, position = 0, top
                continue
            if not debris:
                break
            if start is not None:  # the lines below were no section: debris too
                start, end = None, position - 1
            trailing += 1
        if gap > (_GAP_LINES if start is not None else _TAIL_GAP_LINES):
            break
        position -= 1
    top = position + 1
    if start is None or not _is_section(lines[start : end + 1]):
        return None, top, False, end
    if bridged and not (_threaded(lines, top, end) and _marked(lines, start, end)):
        return _walk(lines, comments=False)
    return start, top, bridged and _took_prose(lines, start), end


def _threaded(lines: Sequence[_Line], top: int, end: int) -> bool:
    """True when the lines from ``top`` to ``end`` hold a thread of readers' comments:
    two headers, or one right under a heading that announces comments ("1 thought on
    “...”"; another rule may have taken the date line of the comment's header)."""
    headers = [position for position in range(top, end + 1) if lines[position].thread]
    if len(headers) >= 2:
        return True
    if not headers or headers[0] == 0:
        return False
    above = lines[headers[0] - 1]
    return above.kind == MARKER and "cue" in above.classes


def _marked(lines: Sequence[_Line], start: int, end: int) -> bool:
    """True when the section from ``start`` to ``end`` holds a marker: readers' comments
    hang under a heading, a counter, a form or their buttons, never from a policy
    sentence alone (a ruling on comments, quoting a post and its date)."""
    return any(lines[position].kind == MARKER for position in range(start, end + 1))


def _rules_top(lines: _Lines, bottom: int) -> int | None:
    """For the prose line at ``bottom``: the position of the heading of the comment rules
    it is one of, else None. Rules hang from a marker of cue and policy words
    ("Правила комментирования", "Community guidelines", "معايير المجتمع") at most 40
    lines up, with a strong line of the section in the eight lines above it (a form, a
    heading: a document's own heading has none); at least half of the lines from the
    heading down name the topic or a policy word. Not in a document about commenting."""
    if lines.content:
        return None
    top = bottom
    while top > 0 and bottom - top < _RULES_LINES:
        top -= 1
        if lines.length(top) > _HEADER_CHARS:
            continue  # a heading is short (and need not be read to know it)
        line = lines[top]
        if line.kind == MARKER and {"cue", "policy"} <= line.classes:
            break
    else:
        return None
    if not any(line.kind in _STRONG for line in lines[max(0, top - _GAP_LINES) : top]):
        return None
    rules = sum(1 for line in lines[top + 1 : bottom + 1] if line.classes & _RULES)
    return top if 2 * rules >= bottom - top else None


def _help_top(lines: Sequence[_Line], bottom: int) -> int | None:
    """For the prose line at ``bottom``: the position of the marker above it when it
    is help text of a form (at most three prose lines, and short lines such as
    "Cancel", between two markers within eight lines; up to two short lines may sit
    between the help text and the marker below: "Save", "Preview"), else None."""
    below = bottom + 1
    while (below < len(lines) and below - bottom <= _HELP_BUTTONS
           and lines[below].kind == RESIDUE and not lines[below].header):
        below += 1
    if below >= len(lines) or lines[below].kind != MARKER:
        return None
    top, prose = bottom, 1
    while top > 0 and bottom - top < _GAP_LINES:
        top -= 1
        kind = lines[top].kind
        if kind == MARKER:
            return top
        if kind == PROSE:
            prose += 1
            if prose > _HELP_LINES:
                return None
        elif kind == POLICY or lines[top].header:
            return None
    return None


def _comment_top(lines: _Lines, bottom: int, header_below: bool = True) -> int | None:
    """For the prose line at ``bottom``: the position of the line above it that its
    reader's comment hangs from, when it is in one, else None. A comment is at most 25
    lines under a header of its author and date (or under that header's buttons:
    "Reply", "Ответить"), with a section line below it; or, where the header follows
    the comment ("Le 06/04/2013 à 07:24"), at most 25 lines between that header and
    the buttons or heading above (unless not ``header_below``); or the first prose
    under a heading that counts one comment or more, with only short lines between
    them (the author, a rating: another rule may have taken the header's date)."""
    below = lines[bottom + 1] if bottom + 1 < len(lines) else None
    if below is not None and below.kind not in _SECTION:
        return None  # a comment ends at the document's end or above a section line
    header_below = header_below and below is not None and below.thread
    top = bottom
    first = True  # no prose between the line at ``bottom`` and the one at ``top``
    while top > 0 and bottom - top < _COMMENT_LINES:
        top -= 1
        if lines.length(top) > _HEADER_CHARS:
            first = False
            continue  # a long line is no header (and need not be read to know it)
        line = lines[top]
        # "Name said:" opens the text of its comment; "Password:" opens no prose.
        if line.thread and (not line.signed or lines[top + 1].kind == PROSE):
            return top
        if line.kind in _STRONG and not _is_button(line):
            return top if header_below or (first and _counts(line)) else None
        first = first and line.kind != PROSE
    return None


def _is_button(line: _Line) -> bool:
    """A comment's button ("Reply", "Alerter Répondre"): a marker of a word or two of
    a form, and no cue."""
    return line.kind == MARKER and line.words <= _BUTTON_WORDS and line.classes <= {"form"}


def _counts(line: _Line) -> bool:
    """A heading that counts readers' comments, one or more ("1 comentário",
    "Kommentarer (6)"; not "コメント 0" over an article)."""
    return line.kind == MARKER and "cue" in line.classes and line.counted


def _took_prose(lines: Sequence[_Line], start: int) -> bool:
    """True when the section from ``start`` holds prose (readers' comments)."""
    return any(line.kind == PROSE for line in lines[start:])


def _first_marker(lines: Sequence[_Line], start: int) -> int:
    """Position of the section's first marker (its heading, a form), else its start:
    what comes before it is what the document says about commenting."""
    for position in range(start, len(lines)):
        if lines[position].kind == MARKER:
            return position
    return start


def _is_section(lines: Sequence[_Line]) -> bool:
    """Enough evidence: a policy sentence, three strong lines or two of which one names
    the section (a cue or topic word), one that names it over a sentence with four
    policy words ("Log in to comment" over a liability note), or one heading made almost
    only of cue words
    ("Leave a Reply", "12 comments"; not a lone form label, nor the two labels of a
    log-in form)."""
    strong = [line for line in lines if line.kind in _STRONG]
    if any(line.kind == POLICY for line in strong):
        return True
    # Two form labels alone are a log-in or newsletter form; a comment section names
    # itself, or its form has more fields.
    naming = any(line.classes & _NAMING for line in strong)
    if len(strong) >= _FORM_FIELDS or (len(strong) >= 2 and naming):
        return True
    # A prompt that names the comments, over a rule rich in policy words.
    if naming and any(line.kind == WEAK and line.policy_words >= _DENSE_POLICY_WORDS
                      for line in lines):
        return True
    return any(_is_heading(line) for line in strong)


def _is_heading(line: _Line) -> bool:
    """A marker made almost only of cue words ("Leave a Reply", "12 comments"), or a
    whole sentence of a form ("Your email address will not be published."; not a label
    with its value, a field of a recipe card or of an article's data: "Publicerat: 3
    april, 2021")."""
    return line.kind == MARKER and line.coverage >= _LONE_COVERAGE and (
        "cue" in line.classes or ("form" in line.classes and line.words >= _FORM_SENTENCE
                                  and not line.labelled))


def _section_end(lines: _Lines, start: int, end: int, comments: bool) -> int:
    """Position of the last line of the section from ``start`` to ``end``: ``end``, but
    for short trailing prose (unless, with ``comments``, it is a reader's comment, or it
    is one of the rules under a heading)."""
    while end > start and lines[end].kind == PROSE and not (
            comments and _comment_top(lines, end) is not None) and _rules_top(
            lines, end) is None:
        end -= 1
    return end


def _keeps(lines: list[str], changes: list[Change], columns: int) -> bool:
    """True when at least ``columns`` of text (a CJK character counts two) are left of
    ``lines`` once ``changes`` are made."""
    changed = dict(changes)
    kept = 0
    for index, line in enumerate(lines):
        text = changed.get(index, line)
        if text:
            kept += width(text)
            if kept >= columns:
                return True
    return False


def _without_debris(sentences: list[_Line]) -> list[_Line]:
    """``sentences`` without the other debris that ends them: up to three short
    sentences that are no part of a section, of ``_TRAILING_WORDS`` words together
    (more, or longer ones, are kept: three sentences of twenty words are a paragraph
    that goes on after the section-like sentence above them)."""
    debris = 0
    while debris < len(sentences) and sentences[-1 - debris].kind not in _SECTION:
        debris += 1
    words = sum(sentence.words for sentence in sentences[len(sentences) - debris:])
    if debris > _TRAILING_LINES or words > _TRAILING_WORDS:
        return sentences
    return sentences[: len(sentences) - debris]
