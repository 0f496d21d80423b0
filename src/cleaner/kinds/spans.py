"""In-line kinds: ``trim`` removes spans, ``entities`` and ``unicode`` repair text.

Each first asks one cheap question of the whole document (a search, a membership
test, a normalisation check) and looks at single lines only when the answer is yes:
on a clean corpus almost every document stops there.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

from .._core import is_normalized, suspect
from ..engine.document import Change, Document
from ..ruleset.spec import RuleSpec
from ..text.mojibake import has_mojibake, repair_mojibake
from ..text.patterns import BudgetSpent, compile_plain
from ..text.prefilter import required_literals
from .base import Field, Kind
from .layout import BlankRule

__all__ = ["EntitiesRule", "InlineScan", "TrimRule", "UnicodeRule"]


class TrimRule(Kind):
    """Remove every match of ``pattern`` (searched in the original line) from a line.

    >>> from cleaner import RuleSpec
    >>> rule = TrimRule(RuleSpec("x/amp", "trim", "Glued &.", options={"pattern": r"\\s*&$"}))
    >>> rule.find(Document.from_text("Calm&\\n&\\n"))
    [(0, 'Calm')]
    """

    name = "trim"
    inline = True
    fields = {
        "pattern": Field("pattern", help="a pattern searched in the original line (not "
                         "folded); every match is removed"),
        "keep_empty": Field("bool", False, help="false: a line that the trim would leave "
                            "empty (or blank) is left alone, dropping whole lines is the job "
                            "of line rules"),
    }

    def __init__(self, spec: RuleSpec) -> None:
        super().__init__(spec)
        self.pattern = compile_plain(self.options["pattern"])
        # Case-sensitive literals the pattern needs: a cheap ``in`` test on the whole
        # document decides most documents before any regex runs.
        literals = required_literals(self.options["pattern"], casefold=False)
        self.literals = tuple(literals) if literals else ()

    def find(self, doc: Document) -> list[Change]:
        if not doc.lines:
            return []
        text = doc.joined()
        if self.literals and not any(literal in text for literal in self.literals):
            return []
        if self.timeout is None:
            if not self.pattern.search(text):
                return []
        else:
            try:
                if not doc.budget.call(self.timeout, self.pattern.search, text):
                    return []
            except BudgetSpent:
                raise
            except TimeoutError:
                pass  # the search was only a shortcut: look at each line
        changes: list[Change] = []
        for index, line in enumerate(doc.lines):
            try:
                trimmed = (self.pattern.sub("", line) if self.timeout is None
                           else doc.budget.call(self.timeout, self.pattern.sub, "", line))
            except BudgetSpent as spent:
                spent.index = index
                raise
            except TimeoutError:
                doc.note_timeout(self.id, index)
                continue
            if trimmed != line and (self.options["keep_empty"] or trimmed.strip()):
                changes.append((index, trimmed))
        return changes


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class EntitiesRule(Kind):
    """Decode HTML character references inside lines, double-escaped ones too.

    >>> from cleaner import RuleSpec
    >>> rule = EntitiesRule(RuleSpec("x/ent", "entities", "Entities."))
    >>> rule.find(Document.from_text("R&amp;amp;D &#8211; &copy;\\n"))
    [(0, 'R&D – ©')]
    """

    name = "entities"
    repairs = True
    inline = True

    def find(self, doc: Document) -> list[Change]:
        if not doc.lines or not _ENTITY.search(doc.joined()):
            return []
        return _changed_lines(doc, _decode_entities)


def _decode_entities(line: str) -> str:
    decoded, previous = line, None
    while decoded != previous:  # &amp;amp;lt; needs one pass per layer
        previous, decoded = decoded, _ENTITY.sub(_decode, decoded)
    return decoded


def _decode(match: re.Match[str]) -> str:
    return html.unescape(match.group())


def _changed_lines(doc: Document, repair: Callable[[str], str]) -> list[Change]:
    """``(index, repaired)`` for each line of ``doc`` that ``repair`` changes."""
    changes: list[Change] = []
    for index, line in enumerate(doc.lines):
        repaired = repair(line)
        if repaired != line:
            changes.append((index, repaired))
    return changes


# Characters that carry no text: C0 and C1 controls (not tab), BOM, zero-width space,
# word joiner, interlinear annotation marks. ZWJ/ZWNJ are kept: Persian and emoji need them.
_CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff\ufff9-\ufffb"
_CONTROLS = re.compile(f"[{_CONTROL_CHARS}]")


_MAX_REPAIR_ROUNDS = 4


class UnicodeRule(Kind):
    """Repair mojibake, remove control characters, normalise to NFC.

    >>> from cleaner import RuleSpec
    >>> rule = UnicodeRule(RuleSpec("x/u", "unicode", "Unicode."))
    >>> rule.find(Document.from_text("cafÃ©\\x00 ok\\n"))
    [(0, 'café ok')]
    """

    name = "unicode"
    repairs = True
    inline = True
    fields = {
        "mojibake": Field("bool", True, help="repair mojibake: UTF-8 read as Latin-1/"
                          "Windows-1252 (with ftfy) and UTF-8 Arabic read as Windows-1256"),
        "controls": Field("bool", True, help="remove control and format characters that "
                          "carry no text (C0/C1 controls, BOM, stray zero-width spaces)"),
        "normalize": Field("choice", "NFC", choices=("NFC", "NFKC", "none"),
                           help="the Unicode normalization form of the output"),
    }

    def find(self, doc: Document) -> list[Change]:
        if not doc.lines:
            return []
        text = doc.joined()
        form = self.options["normalize"]
        if text.isascii():  # no mojibake, nothing to normalise: only controls to look for
            found = self.options["controls"] and _CONTROLS.search(text) is not None
        else:
            # One scan of the document, in the core, answers "mojibake or a control
            # character here?" (the same characters as _CONTROLS); most documents
            # stop there.
            found = (self.options["mojibake"] or self.options["controls"]) and suspect(
                text, controls=True)
            found = found or (form != "none" and not is_normalized(form, text))
        return _changed_lines(doc, self._repair) if found else []

    def _repair(self, line: str) -> str:
        # Each step can uncover work for another (removing a control character joins a
        # mojibake sequence; a repair can yield a C1 control), so every enabled step runs,
        # repeatedly, to a fixpoint: cleaning must be idempotent.
        form = self.options["normalize"]
        for _ in range(_MAX_REPAIR_ROUNDS):
            before = line
            # Mojibake first: a lone C1 control is often a cp1252 character ("it\x92s"
            # is "it’s"), which removing controls first would lose.
            if self.options["mojibake"] and has_mojibake(line):
                line = repair_mojibake(line)
            if self.options["controls"]:
                line = _CONTROLS.sub("", line)
            if form != "none":
                line = unicodedata.normalize(form, line)
            if line == before:
                break
        return line


class InlineScan:
    """The rules that change text inside lines, then trailing whitespace stripping (the
    ``blank`` rule's), run in rounds until the document stops changing.

    Each can uncover work for another, or for itself: removing a control character
    joins an entity (``&am\\x00p;``), an entity decodes to a line break or to a
    no-break space that, once stripped, leaves an ``&`` at the end of the line for a trim,
    and a trim can leave another match of its own pattern. One pass would leave that work
    to a second run of ``clean``; rounds make cleaning idempotent. A round after the
    first runs only when the one before changed something, and costs most rules only
    their whole-document pre-check.
    """

    MAX_ROUNDS = 8

    def __init__(self, rules: list[Kind], trailing: BlankRule | None):
        self.rules = rules
        self.trailing = trailing

    def run(self, doc: Document) -> None:
        for _ in range(self.MAX_ROUNDS):
            version = doc.version
            for rule in self.rules:
                rule.run(doc)
            if self.trailing is not None:
                self.trailing.strip_trailing(doc)
            if doc.version == version:
                break
