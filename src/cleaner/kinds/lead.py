"""The ``lead`` kind: the short lines above a document's first paragraph, by their shape.

A scraped page opens with the site's chrome before the article's first paragraph: menu
labels and the site's name above the title, the writer's name and a time stamp under it.
Phrase lists of such lines are written against the sites one has seen; their shape holds
on sites one has not. A lead rule looks only at the **lead**: the lines with text before
the first paragraph (a line of ``paragraph_words`` words or more that ends a sentence, or
any line of 200 characters or more), when there are at least two of them and no more
than ``depth``. Words are counted as the ``teasers`` kind counts them: runs between
spaces with two letters or more, and two wide (CJK) characters as one word, so a Chinese
or Japanese line reads as long as its spaced translation. The lead's **title** is its
line of the most words (the longest of those); it always stays, and so does every line
of a document whose first ``depth`` lines hold no paragraph. ``shape`` says which lines
of the lead go:

* ``labels``: the lines above the title, when every one of them is a label (at most
  ``max_words`` words, no sentence punctuation, quotes or brackets) or a menu bar or
  breadcrumb of labels ("Home » News » World"), and they hold at least ``min_lines``
  labels, counting those on lines above the title that earlier rules dropped (a menu a
  phrase rule took a line of is still a menu): a menu, a breadcrumb, the site's name
  over its sections. One or two labels above the title are often a kicker, or a short
  title that a longer byline under it outweighs;
* ``names``: lines under the title that are a name and nothing else: two to
  ``max_words`` words, each capitalized (short lower-case particles between them, as in
  "Ana de la Cruz"), no digits, Roman numerals or punctuation but a period after an
  initial: the byline;
* ``stamps``: lines other than the title of at most ``max_words`` words that hold a clock
  time ("19:49", "17h44", "7時18分") or a date in figures ("3/5/2022", "2024-08-26",
  "2025年10月26日") and do not end a sentence: the publication stamp, alone or with the
  writer's name. A span of two clock times ("19:23~20:08") is when an event takes place,
  and stays.

Lines longer than ``max_chars`` are never taken, but for a menu bar or breadcrumb of up
to three times that.
"""

from __future__ import annotations

import re

from ..engine.document import Change, Document
from ..ruleset.spec import RuleSpec
from .base import Field, Kind
from .measure import words

__all__ = ["LeadRule"]

#: What a label has none of: sentence punctuation, quotes and brackets.
_NOT_LABEL = re.compile(r"[.!?…:;,\"“”«»„()\[\]؟،。！？：；，]")
#: What separates the labels of a menu bar or a breadcrumb on one line.
_SEPARATOR = re.compile(r"\s+(?:[|»›>/•·]|::)\s+|\s*\\\|\s*")
#: Thai, written without spaces in letters that are not wide: there a line of many
#: characters is one "word" (two wide CJK characters count as one word).
_UNSPACED = re.compile(r"[\u0e00-\u0e7f]")
#: The longest label (in characters) of a script written without spaces.
_UNSPACED_LABEL = 6
_NAME_WORD = re.compile(r"[^\W\d_](?:\.|[^\W\d_]*(?:[-'’][^\W\d_]+)*)")
#: Roman numerals, which number a part ("ČÁST IV") rather than name a person.
_ROMAN = re.compile(r"[IVXLC]{2,}")
#: Particles between the words of a name ("de", "van", "bin"): short and lower-case.
_PARTICLE = re.compile(r"[^\W\d_]{1,3}")
_STAMP = re.compile(r"(?<!\d)(?:\d{1,2}[:h時]\d{2}|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}"
                    r"|\d{1,2}月\d{1,2}日)(?!\d)")
#: Two clock times of a span ("19:23~20:08"): when an event takes place, not a stamp.
_SPAN = re.compile(r"\d{1,2}[:h時]\d{2}分?\s*[~〜～–—-]\s*\d{1,2}[:h時]\d{2}")
#: A sentence's end, before closing quotes and brackets.
_SENTENCE_END = re.compile(r"[.!?…؟。！？][\"”’»)\]]*\s*$")
#: A line of at least this many characters is a paragraph, whatever its words.
_PARAGRAPH_CHARS = 200


class LeadRule(Kind):
    """Drop lines of a document's lead (the lines before its first paragraph) by shape.

    >>> from cleaner import RuleSpec
    >>> spec = RuleSpec("x/menu", "lead", "Menu.", options={"shape": "labels"})
    >>> text = ("Home\\nSports\\nLocal\\nLocal team wins the cup final\\n"
    ...         "The home side won the final on Sunday in front of a full stadium.\\n")
    >>> LeadRule(spec).find(Document.from_text(text))
    [(0, None), (1, None), (2, None)]
    """

    name = "lead"
    fields = {
        "shape": Field("choice", choices=("labels", "names", "stamps"), help="which lines "
                       "of the lead go: `labels` above the title (all of them, at least "
                       "`min_lines`), `names` under it, or `stamps` (a clock time or a date "
                       "in figures) anywhere but the title"),
        "max_words": Field("int", 3, minimum=1, help="most words of a line taken (two wide "
                           "CJK characters count as one word)"),
        "max_chars": Field("int", 40, minimum=1, help="longest line (original characters) "
                           "taken; a menu bar or breadcrumb of `labels`: three times that"),
        "min_lines": Field("int", 3, minimum=1, help="`labels`: fewest lines above the title "
                           "(one label there is often the kicker)"),
        "paragraph_words": Field("int", 12, minimum=2, help="a line of this many words that "
                                 "ends a sentence (or of 200 characters) is a paragraph: the "
                                 "lead ends above it"),
        "depth": Field("int", 12, minimum=2, help="most lines with text of a lead; when the "
                       "first `depth` lines hold no paragraph, nothing goes"),
    }

    def __init__(self, spec: RuleSpec) -> None:
        super().__init__(spec)
        self.max_chars: int = self.options["max_chars"]
        self.shape: str = self.options["shape"]

    def lead(self, doc: Document) -> list[int] | None:
        """The lines with text above the first paragraph (None: no paragraph in the
        first ``depth`` lines with text)."""
        lines: list[int] = []
        for index in doc.nonblank():
            line = doc.lines[index]
            if len(line) >= _PARAGRAPH_CHARS or (
                    words(line) >= self.options["paragraph_words"]
                    and _SENTENCE_END.search(line) is not None):
                return lines
            if len(lines) == self.options["depth"]:
                return None
            lines.append(index)
        return None

    def find(self, doc: Document) -> list[Change]:
        lead = self.lead(doc)
        if lead is None or len(lead) < 2:
            return []
        title = max(lead, key=lambda i: (words(doc.lines[i]), len(doc.lines[i].strip())))
        if self.shape == "labels":
            above = [index for index in lead if index < title]
            labels = [self._labels(doc.lines[index]) for index in above]
            if 0 in labels or sum(labels) + self._labels_dropped(doc, title) < self.options[
                    "min_lines"]:
                return []
            return [(index, None) for index in above]
        if self.shape == "names":
            taken = [index for index in lead
                     if index > title and self._name(doc.lines[index].strip())]
        else:
            taken = [index for index in lead
                     if index != title and self._stamp(doc.lines[index].strip())]
        return [(index, None) for index in taken if len(doc.lines[index]) <= self.max_chars]

    def _labels_dropped(self, doc: Document, title: int) -> int:
        """The labels on the lines above the title that earlier rules dropped: a menu
        that a phrase rule took a line of is still a menu."""
        return sum(self._labels(edit.before) for edit in doc.edits
                   if edit.action == "drop" and edit.line - 1 < doc.origin[title]
                   and edit.before.strip())

    def _labels(self, line: str) -> int:
        """How many labels ``line`` holds: one, or those of a menu bar or breadcrumb
        ("Home » News » World"); 0 when it is not made of labels."""
        if len(line) > self.max_chars * 3:
            return 0
        parts = [part.strip() for part in _SEPARATOR.split(line)]
        if len(parts) == 1 and len(line) > self.max_chars:
            return 0
        return len(parts) if all(self._label(part) for part in parts if part) else 0

    def _label(self, part: str) -> bool:
        if words(part) > self.options["max_words"] or _NOT_LABEL.search(part):
            return False
        return len(part) <= _UNSPACED_LABEL or not _UNSPACED.search(part)

    def _name(self, line: str) -> bool:
        words = line.split()
        if not 2 <= len(words) <= self.options["max_words"]:
            return False
        if not (words[0][0].isupper() and words[-1][0].isupper()):
            return False
        return all(_NAME_WORD.fullmatch(word) and not _ROMAN.fullmatch(word)
                   and (word[0].isupper() or _PARTICLE.fullmatch(word)) for word in words)

    def _stamp(self, line: str) -> bool:
        return (words(line) <= self.options["max_words"]
                and _STAMP.search(line) is not None and not _SENTENCE_END.search(line)
                and _SPAN.search(line) is None)
