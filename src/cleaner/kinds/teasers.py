"""The ``teasers`` kind: other stories' headlines, or a menu, that end a document.

Related-story widgets, "most read" boxes and tickers reach scraped text as a run of
headlines under the article's last paragraph, often with no cue above them, or with a
cue in a language no pack knows. A rule of this kind finds them by their shape, not by
their words, so it works on sites and languages no rule was written for:

* the run ends the document (blank lines between its lines are allowed) and holds
  ``min_lines`` to ``max_lines`` headlines, no two alike (a table's cells recur);
* each headline has ``min_words`` to ``max_words`` words (two wide CJK characters
  count as one word), at most ``max_chars`` characters and one comma (a line of
  names or tags has more), no link or handle (an embedded post), and does not end like
  a sentence or a clause (``.``, ``:``, ``;``, ``,``, an ellipsis, and their CJK,
  Arabic and Devanagari forms; ``?`` and ``!`` end headlines too, but not inside a
  closing quote);
* the line right above the run is a paragraph: ``paragraph_chars`` columns or more,
  ending like a sentence (not with a colon, which announces a list of the article's
  own). With ``label_words``, a short line (a cue in any language) may stand between
  that paragraph and the run and goes with it; ``labelled_lines`` headlines are then
  enough;
* with ``stamps``, each headline may have its date, time or count, a line of symbols,
  or a section label that recurs in the run, on lines of their own;
* with ``menu_lines``, a run of that many distinct labels (a menu, tags, a ticker's
  times) under the last paragraph goes too; a line that opens with a bracket (a source
  reference) or holds a link ends it.

An article's own lines rarely take that shape four times in a row after its last
paragraph: subheadings are followed by paragraphs, lists follow a colon, a table's
values repeat. Rules of this kind judge by shape, so they run only once the worded edge
rules have settled (``by_shape``): a comment form or a share prompt under the
headlines is gone by then, and does not make a sentence look like a headline.
"""

from __future__ import annotations

import re
from collections import Counter

from ..engine.document import Change, Document
from ..ruleset.spec import RuleSpec
from .base import Field, Kind
from .measure import width, words

__all__ = ["TeasersRule"]

# Closing quotes and brackets are looked through: «…». ends a sentence.
_CLOSERS = "\"'»«”“’‘)]}›」』】》〉"
#: Line ends that make a line a sentence or a clause, not a headline.
_CLAUSE_END = frozenset(".:;,…。：；，、،؛۔।॥")
#: Line ends that make a line a sentence: what ends a paragraph.
_SENTENCE_END = frozenset(".!?…。！？؟۔।॥")
#: An ellipsis right after a word or a comma: a lead cut off in mid-sentence.
_CUT = re.compile(r"[\w,](?:…|\.\.\.)$")
#: A sentence that ends inside a line: a cut-off lead starts one sentence, it does not
#: hold two ("... 같습니다. 하지만, 이 라이브러...": a reader's post, not a teaser).
_INNER_END = re.compile(r"[.!?。！？؟](?=\s+\w)")
#: A line with two commas is a list (of names, of tags), not a headline.
_COMMAS = ",،、，"
_SPACE = re.compile(r"\s+")
#: A link or a handle: an embedded post's lines, not a headline.
_LINK = re.compile(r"https?:|www\.|pic\.twitter|@\w")


def _last_char(text: str) -> str:
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped[-1:] if stripped else ""


def _is_stamp(line: str) -> bool:
    """A date, time or count alone on a line ("23:45", "Estado2 días ago"), or symbols
    alone ("-", "•")."""
    text = line.strip()
    if len(text) > 40:
        return False
    if not any(char.isalnum() for char in text):
        return len(text) <= 10
    return any(char.isdigit() for char in text) and words(text) <= 3


def _is_section(line: str) -> bool:
    """One or two words with no digit and no sentence end: a section label."""
    text = line.strip()
    return (len(text) <= 30 and not any(char.isdigit() for char in text)
            and 1 <= words(text) <= 2 and _last_char(text) not in _CLAUSE_END)


def _quoted(text: str) -> bool:
    """Whether ``text`` ends a quotation: a sentence end inside a closing quote."""
    stripped = text.rstrip()
    return (stripped[-1:] in _CLOSERS and stripped.rstrip(_CLOSERS)[-1:] in _SENTENCE_END
            and stripped[-1:] not in ")]}")


class TeasersRule(Kind):
    """Drop a run of headline-shaped lines that ends a document under its last paragraph.

    >>> from cleaner import RuleSpec
    >>> rule = TeasersRule(RuleSpec("x/t", "teasers", "Teasers."))
    >>> text = ("Title of the story\\n" + "A paragraph of the story. " * 5 + "\\n"
    ...         "First other story makes the news\\n\\nSecond other story in five words\\n"
    ...         "Third other story, with a comma inside\\nFourth story is a question?\\n")
    >>> rule.find(Document.from_text(text))
    [(2, None), (4, None), (5, None), (6, None)]
    """

    name = "teasers"
    by_shape = True
    fields = {
        "min_lines": Field("int", 4, minimum=1, help="fewest headlines in the run"),
        "labelled_lines": Field("int", 3, minimum=1, help="fewest headlines in a run under "
                                "a label (see `label_words`)"),
        "max_lines": Field("int", 12, minimum=1, help="most headlines in the run: a longer "
                           "run is not taken at all"),
        "min_words": Field("int", 4, minimum=1, help="fewest words of a headline (two wide "
                           "CJK characters count as one word): names and labels are shorter"),
        "max_words": Field("int", 24, minimum=1, help="most words of a headline"),
        "max_chars": Field("int", 160, minimum=1, help="a longer line (original characters) "
                           "is no headline"),
        "lead_chars": Field("int", 300, minimum=1, help="a story's lead cut off in "
                            "mid-sentence by an ellipsis, up to this long, counts as a "
                            "headline"),
        "paragraph_chars": Field("int", 60, minimum=1, help="the line above the run (or "
                                 "above its label) is at least this long, in columns (a CJK "
                                 "character counts two), and ends like a sentence"),
        "stamps": Field("bool", False, help="a date, time or count on a line of its own (a "
                        "digit and at most three words) or a line of symbols may stand "
                        "between or after the headlines, and so may a section label (one "
                        "or two words) that the run holds twice or more"),
        "menu_lines": Field("int", 0, minimum=0, help="with `label_words`, a run of at "
                            "least this many distinct labels (a menu, a list of tags) "
                            "under the last paragraph goes too; 0: never"),
        "label_words": Field("int", 0, minimum=0, help="a line of at most this many words "
                             "that does not end like a sentence, between the paragraph and "
                             "the run, goes with the run (a cue in any language); 0: none"),
    }

    def __init__(self, spec: RuleSpec) -> None:
        super().__init__(spec)
        self.max_chars: int = self.options["max_chars"]

    def find(self, doc: Document) -> list[Change]:
        nonblank = doc.nonblank()
        found = self._teasers(doc, nonblank)
        if not found and self.options["menu_lines"]:
            found = self._menu(doc, nonblank)
        return [(index, None) for index in reversed(found)]

    def _teasers(self, doc: Document, nonblank: list[int]) -> list[int]:
        """The run of headlines (and its label) under the last paragraph, from the
        last line up; empty when there is none."""
        run = self._run(doc, nonblank)
        headlines = sum(1 for _, kind in run if kind == "headline")
        fewest, labelled = self.options["min_lines"], self.options["labelled_lines"]
        if not min(fewest, labelled) <= headlines <= self.options["max_lines"]:
            return []
        found = [index for index, _ in run]
        position = len(nonblank) - 1 - len(run)
        if position >= 0 and self._is_label(doc.lines[nonblank[position]]):
            found.append(nonblank[position])
            position -= 1
            fewest = min(fewest, labelled)
        if (headlines < fewest or position < 0
                or not self._is_paragraph(doc.lines[nonblank[position]])):
            return []
        return found

    def _menu(self, doc: Document, nonblank: list[int]) -> list[int]:
        """The run of ``menu_lines`` or more distinct short labels (menu items, tags;
        with ``stamps``, times too) under the last paragraph, from the last line up. A
        line that opens with a bracket (a source reference under the last paragraph)
        or holds a link or a handle (an embedded post) ends it."""
        found: list[int] = []
        seen: set[str] = set()
        stamps = self.options["stamps"]
        for index in reversed(nonblank):
            line = doc.lines[index]
            text = _SPACE.sub(" ", line.strip()).casefold()
            if text[:1] in "[(" or _LINK.search(text):
                break
            if stamps and _is_stamp(line):
                found.append(index)
            elif self._is_item(line) and text not in seen:
                seen.add(text)
                found.append(index)
            else:
                break
        position = len(nonblank) - 1 - len(found)
        if (len(found) < self.options["menu_lines"] or position < 0
                or not self._is_paragraph(doc.lines[nonblank[position]])):
            return []
        return found

    def _run(self, doc: Document, nonblank: list[int]) -> list[tuple[int, str]]:
        """The lines that end the document, from the last one up, each with its part:
        ``headline``, ``stamp`` or ``section``; a section label that the run holds only
        once ends it."""
        run: list[tuple[int, str]] = []
        seen: set[str] = set()
        sections: Counter[str] = Counter()
        stamps = self.options["stamps"]
        for index in reversed(nonblank):
            line = doc.lines[index]
            text = _SPACE.sub(" ", line.strip()).casefold()
            if (self._is_headline(line) or self._is_lead(line)) and text not in seen:
                seen.add(text)
                run.append((index, "headline"))
            elif stamps and _is_stamp(line):
                run.append((index, "stamp"))
            elif stamps and _is_section(line):
                sections[text] += 1
                run.append((index, "section"))
            else:
                break
            if len(run) > 3 * self.options["max_lines"]:
                break
        for position, (index, kind) in enumerate(run):
            if kind == "section" and sections[
                    _SPACE.sub(" ", doc.lines[index].strip()).casefold()] < 2:
                return run[:position]
        return run

    def _is_headline(self, line: str) -> bool:
        if len(line) > self.max_chars:
            return False
        end = _last_char(line)
        if (not end or end in _CLAUSE_END or _LINK.search(line) or _quoted(line)
                or sum(line.count(comma) for comma in _COMMAS) > 1):
            return False
        return bool(self.options["min_words"] <= words(line) <= self.options["max_words"])

    def _is_lead(self, line: str) -> bool:
        """A story's lead cut off in mid-sentence by an ellipsis ("... capogruppo
        della…"): a teaser, however long."""
        text = line.rstrip()
        if len(text) > self.options["lead_chars"] or _LINK.search(text):
            return False
        cut = _CUT.search(text)
        return (cut is not None and words(text) >= self.options["min_words"]
                and not _INNER_END.search(text))

    def _is_label(self, line: str) -> bool:
        limit = self.options["label_words"]
        return (bool(limit) and len(line) <= self.max_chars and words(line) <= limit
                and _last_char(line) not in _SENTENCE_END)

    def _is_item(self, line: str) -> bool:
        """A menu item or a tag: a label that ends like no clause."""
        return self._is_label(line) and _last_char(line) not in _CLAUSE_END

    def _is_paragraph(self, line: str) -> bool:
        return (width(line.strip()) >= self.options["paragraph_chars"]
                and _last_char(line) in _SENTENCE_END)
