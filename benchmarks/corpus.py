"""A seeded generator of large news corpora with known debris, for benchmarks and tests.

Documents are assembled from sentences of real article text (the Arabic paragraphs of
``seeds/`` and the English and French kept lines of ``tests/devset/``), grouped by site,
and debris is injected at known rates. Every injected line is recorded with its kind,
and ``expected`` holds what a careful editor keeps, so a run of ``clean`` can be scored.

>>> docs = list(generate(30_000, seed=1))
>>> docs[0].id, docs[0].source.startswith("site-")
('doc-000000', True)
>>> all(doc.expected.endswith("\\n") and "\\n\\n\\n" not in doc.expected for doc in docs)
True

From the shell::

    python -m benchmarks.corpus --bytes 200M --seed 0 --out corpus.jsonl.zst \\
        --truth truth.jsonl [--txt-dir corpus/]

Line numbers are 1-based lines of ``text.split("\\n")`` (``text`` never holds any other
line break). A debris kind in :data:`REPAIRS` keeps its line, changed (an ``&`` trimmed,
mojibake or entities repaired); every other kind removes the line.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import random
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple

import orjson

__all__ = [
    "KINDS",
    "REPAIRS",
    "SITES",
    "GeneratedDoc",
    "Rates",
    "generate",
    "main",
    "parse_size",
    "write_jsonl",
    "write_truth",
]

ROOT = Path(__file__).resolve().parents[1]

REPAIRS = frozenset({"trailing-amp", "mojibake", "entity"})
KINDS = REPAIRS | {
    "site-footer",
    "comment-policy",
    "lone-symbol",
    "repeat",
    "blank",
    "credit",
    "news-debris",
}

# ---------------------------------------------------------------------------
# The prose pool
# ---------------------------------------------------------------------------

# 1-based lines of each seed that are debris, not article (see docs of the seeds).
_SEED_DEBRIS = {"000": range(17, 20), "002": range(7, 12), "004": range(1, 2)}
# A sentence ends at . ! ? ؟ followed by a capital, an Arabic letter or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+(?=[\"“«(]?[A-ZÀ-ÖØ-Þ\u0621-\u064a])")
_SHORT_SENTENCE = 25  # characters; shorter pieces are glued to the sentence before
# A piece that does not end like a sentence is a (sub)heading ("كيري وميستورا", a French
# headline) and stands alone, unless it is a caption, a tweet or a reference.
_CLOSERS = ".!?…\"”»)’'؟"
_NOT_A_HEADING = re.compile(r"https?:|pic\.twitter|Credit|Photo|doi:|[\[\]]")


@dataclass(frozen=True)
class _Pool:
    """The sentences (with their UTF-8 sizes) and headings of one language."""

    sentences: tuple[str, ...]
    sizes: tuple[int, ...]
    headings: tuple[str, ...]


def _seed_paragraphs(folder: Path) -> list[str]:
    """The article paragraphs of the seeds: no lone ``&``, blanks or seed debris.

    >>> "بلدي نيوز- (متابعات)" in _seed_paragraphs(ROOT / "seeds")
    False
    """
    paragraphs = []
    for path in sorted(folder.glob("*.txt")):
        debris = _SEED_DEBRIS.get(path.name[:3], range(0))
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines, 1):
            text = line.strip().rstrip("&").strip()  # 001's "تهدئة&" is kept as "تهدئة"
            if text and number not in debris:
                paragraphs.append(text)
    return list(dict.fromkeys(paragraphs))  # 000 and 001 share two paragraphs


def _devset_paragraphs(folder: Path, min_chars: int = 60) -> list[str]:
    """The kept (``K``) lines of a dev-set language folder of at least ``min_chars``.

    >>> len(_devset_paragraphs(ROOT / "tests" / "devset" / "fr")) > 20
    True
    """
    paragraphs = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.startswith("K ") and len(line) >= min_chars:
                paragraphs.append(line[2:].strip())
    return list(dict.fromkeys(paragraphs))


def _sentences(paragraph: str) -> list[str]:
    """``paragraph`` cut into sentences; a short piece stays with the one before it.

    >>> _sentences("He left. Then she came back home. Yes.")
    ['He left. Then she came back home. Yes.']
    >>> _sentences("He left the room at noon on Monday. Then she came back home at six.")
    ['He left the room at noon on Monday.', 'Then she came back home at six.']
    """
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(paragraph):
        if pieces and (len(piece) < _SHORT_SENTENCE or len(pieces[-1]) < _SHORT_SENTENCE):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def _pool(paragraphs: Iterable[str]) -> _Pool:
    """The sentences and headings of ``paragraphs``.

    >>> _pool(["تهدئة", "He left the room at noon on Monday."]).headings
    ('تهدئة',)
    """
    sentences: list[str] = []
    headings: list[str] = []
    for paragraph in paragraphs:
        for sentence in _sentences(paragraph):
            if sentence[-1] in _CLOSERS:
                sentences.append(sentence)
            elif not _NOT_A_HEADING.search(sentence):
                headings.append(sentence)
    unique = tuple(dict.fromkeys(sentences))
    sizes = tuple(len(sentence.encode()) for sentence in unique)
    return _Pool(unique, sizes, tuple(dict.fromkeys(headings)))


def _load_pools(root: Path = ROOT) -> dict[str, _Pool]:
    """The Arabic, English and French pools, read from the repository."""
    devset = root / "tests" / "devset"
    return {
        "ar": _pool(_seed_paragraphs(root / "seeds")),
        "en": _pool(_devset_paragraphs(devset / "en")),
        "fr": _pool(_devset_paragraphs(devset / "fr")),
    }


POOLS = _load_pools()

# ---------------------------------------------------------------------------
# Sites and debris phrasings
# ---------------------------------------------------------------------------

LANGUAGE_SHARE = {"ar": 0.50, "en": 0.35, "fr": 0.15}
_SITE_LANGUAGES = ("ar", "ar", "ar", "en", "en", "ar", "en", "ar", "ar", "en", "fr", "fr")
SITES = tuple(f"site-{number:02d}.example" for number in range(len(_SITE_LANGUAGES)))

# Each site draws 1-3 of these; every line names the site, so it never fits another site.
_FOOTERS = {
    "ar": (
        "اشترك في النشرة البريدية لموقع {site}",
        "جميع الحقوق محفوظة © {domain} 2016",
        "تابعوا {site} على فيسبوك وتويتر",
        "{site} غير مسؤول عن محتوى المواقع الخارجية",
        "لمزيد من الأخبار زوروا موقع {domain}",
    ),
    "en": (
        "© 2016 {domain}. All rights reserved.",
        "Follow {site} on Facebook and Twitter for the latest news.",
        "Sign up for the {site} daily newsletter.",
        "{site} is not responsible for the content of external sites.",
        "About {site} | Contact | Terms of use | Privacy policy",
    ),
    "fr": (
        "Retrouvez toute l'actualité de {site} sur Facebook",
        "© {domain} 2016 - Tous droits réservés",
        "Abonnez-vous à la newsletter de {site}",
        "{site} n'est pas responsable du contenu des sites externes",
        "Mentions légales | Contact | {domain}",
    ),
}
_COMMENT_POLICY = {
    "ar": (
        "الرجاء عدم إرسال التعليق أكثر من مرة كي لا يعتبر سبام",
        "الرجاء معاملة الآخرين باحترام.",
        "التعليقات التي تحوي تحريضاً على الطوائف ، الاديان أو هجوم شخصي لن يتم نشرها",
        "التعليقات المنشورة لا تعبر بالضرورة عن رأي الموقع",
        "يحتفظ الموقع بحقه في حذف التعليقات المخالفة لسياسة النشر",
        "نرجو من القراء الالتزام بآداب الحوار عند التعليق",
        "جميع التعليقات تخضع للمراجعة قبل النشر",
    ),
    "en": (
        "Comments are moderated and will not appear until they have been approved.",
        "Please keep comments civil and on topic.",
        "Comments that contain abusive language or personal attacks will be removed.",
        "We reserve the right to remove any comment that breaks our community guidelines.",
        "The views expressed in the comments are those of our readers.",
        "Please do not post the same comment more than once.",
        "Your email address will not be published.",
    ),
    "fr": (
        "Les commentaires sont modérés et publiés après validation.",
        "Merci de rester courtois et de respecter les autres lecteurs dans vos commentaires.",
        "Tout commentaire injurieux ou diffamatoire sera supprimé.",
        "Les propos tenus dans les commentaires n'engagent que leurs auteurs.",
        "Nous nous réservons le droit de supprimer tout commentaire hors sujet.",
    ),
}
_CREDITS = {
    "ar": (
        "{outlet}- (متابعات)",
        "{outlet} - خاص",
        "خاص - {outlet}",
        "{outlet} – متابعات",
        "{city} – «{outlet}»:",
        "{city} – {outlet}:",
        "(رويترز) -",
    ),
    "en": (
        "By {name} | Published {hh}:{mm} GMT, {d} {month} {y}",
        "(Reuters) -",
        "{CITY} (Reuters) -",
        "By {name}, Associated Press",
        "{name} | Staff Writer | {month} {d}, {y}",
        "By {name} and {name2}",
    ),
    "fr": (
        "Par {name} | Publié le {d} {mois} {y} à {hh}h{mm}",
        "(AFP) -",
        "Par {name}, publié le {dd}/{mo}/{y} à {hh}:{mm}",
        "Par Le Figaro avec AFP",
        "{name} (avec AFP)",
    ),
}
_NEWS_DEBRIS = {
    "ar": (
        "إعلان",
        "شارك المقال",
        "شارك هذا الخبر",
        "اقرأ أيضا: {title}",
        "اقرأ المزيد",
        "تابعونا على فيسبوك",
        "صورة أرشيفية",
        "شاهد الفيديو",
    ),
    "en": (
        "Advertisement",
        "Story continues below advertisement",
        "Share this article",
        "Share on Facebook",
        "Read more: {title}",
        "Related: {title}",
        "Follow us on Twitter",
        "Sign up for our newsletter",
        "Scroll down for video",
        "Photo: Reuters",
    ),
    "fr": (
        "Publicité",
        "Partager cet article",
        "Lire aussi : {title}",
        "À lire aussi",
        "Suivez-nous sur Twitter",
        "Abonnez-vous à notre newsletter",
        "Crédit photo : AFP",
    ),
}
_NAMES = {
    "ar": ("بلدي نيوز", "عين اليوم", "عنب بلدي", "الوئام", "المدينة نيوز"),
    "en": ("John Smith", "Sarah Miller", "David Chen", "Emily Davis", "Michael Brown"),
    "fr": ("Marie Dupont", "Julien Martin", "Claire Bernard", "Thomas Petit", "Sophie Laurent"),
}
_CITIES = {
    "ar": ("بيروت", "دمشق", "القاهرة", "الرياض", "عمّان"),
    "en": ("LONDON", "WASHINGTON", "GENEVA", "MOSCOW", "BEIRUT"),
}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
}
_LONE_SYMBOLS = ("|", "***", "&amp;")
_MOJIBAKE_CODEC = {"ar": "cp1256", "en": "cp1252", "fr": "cp1252"}
_ENTITY_SWAPS = (('"', "&quot;"), ("’", "&#8217;"), ("'", "&#39;"), (" and ", " &amp; "))

# ---------------------------------------------------------------------------
# Public data types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedDoc:
    """One generated document and its truth.

    ``debris`` lists ``(line, kind)`` for every injected line (1-based, in ``text``);
    ``wire`` lists the lines shared with documents of other sites (content, not debris);
    ``expected`` is ``text`` with debris removed, trims and repairs applied, no blank
    runs or blank edges, and one final newline.
    """

    id: str
    source: str
    url: str
    text: str
    debris: tuple[tuple[int, str], ...]
    expected: str
    wire: tuple[int, ...] = ()


@dataclass(frozen=True)
class Rates:
    """How often each thing happens; every field is a keyword of :func:`generate`.

    Rates are per document unless the name says paragraph.

    >>> Rates(credit_rate=0.5).credit_rate
    0.5
    """

    site_footer_rate: float = 0.70  # documents of a site that end with its footer
    wire_rate: float = 0.20  # documents sharing 1-3 paragraphs with other sites' documents
    blank_separated_rate: float = 0.20  # one blank line between paragraphs (content)
    heading_rate: float = 0.10  # documents with 1-2 headings between paragraphs (content)
    comment_policy_rate: float = 0.10
    amp_doc_rate: float = 0.05  # paragraphs separated by lone `&` lines, as in seed 001
    escaped_amp_rate: float = 0.20  # of those, separated by `&amp;` instead
    trailing_amp_rate: float = 0.03  # per paragraph of an `&` document
    symbol_rate: float = 0.03  # other documents with one lone `|`, `***` or `&amp;` line
    repeat_rate: float = 0.05
    blank_tail_rate: float = 0.10
    credit_rate: float = 0.08
    news_debris_rate: float = 0.08
    mojibake_rate: float = 0.01
    entity_rate: float = 0.01  # per paragraph


# ---------------------------------------------------------------------------
# Building one document
# ---------------------------------------------------------------------------


class _Line(NamedTuple):
    """A line of a document: its text, what the editor keeps (None: removed), the truth."""

    text: str
    expected: str | None
    kind: str | None = None
    wire: bool = False


_BLANK = _Line("", "")
# A paragraph joins two sentences or more, until it reaches a size drawn from this range:
# pairs of sentences make a paragraph's text rare across the corpus even from a small pool.
_PARAGRAPH_BYTES = (200, 700)
_DOCUMENT_BYTES = (1_200, 9_000, 2_000)  # low, high, mode of a document's prose
_PARAGRAPHS = (5, 25)  # the fewest and most paragraphs of a document
_MAX_PENDING = 64  # wire stories waiting for another copy, per language


def _draw(rng: random.Random, n: int, taken: set[int]) -> Iterator[int]:
    """Distinct random numbers below ``n`` not in ``taken``, adding each to ``taken``.

    >>> sorted(_draw(random.Random(0), 4, {1}))
    [0, 2, 3]
    """
    while len(taken) < n:
        number = rng.randrange(n)
        if number not in taken:
            taken.add(number)
            yield number


def _paragraphs(
    rng: random.Random,
    pool: _Pool,
    fewest: int,
    most: int,
    budget: int = 0,
    exclude: frozenset[int] = frozenset(),
) -> tuple[list[str], frozenset[int]]:
    """``fewest`` to ``most`` paragraphs, more while under ``budget`` bytes; the sentences used.

    No sentence is used twice, nor any in ``exclude``.

    >>> texts, used = _paragraphs(random.Random(0), POOLS["en"], 3, 3)
    >>> len(texts), len(used) >= 6
    (3, True)
    """
    taken = set(exclude)
    draw = _draw(rng, len(pool.sentences), taken)
    texts: list[str] = []
    total = 0
    while len(texts) < most and (len(texts) < fewest or total < budget):
        target, parts, size = rng.randint(*_PARAGRAPH_BYTES), [], 0
        for number in draw:
            parts.append(pool.sentences[number])
            size += pool.sizes[number]
            if len(parts) >= 2 and size >= target:
                break
        if not parts:  # the pool is used up
            break
        texts.append(" ".join(parts))
        total += size
    return texts, frozenset(taken - exclude)


@dataclass
class _Story:
    """A wire story: paragraphs that 2-3 documents of different sites carry."""

    texts: tuple[str, ...]
    sentences: frozenset[int]
    sites: set[str]
    copies_left: int


@dataclass
class _WireDesk:
    """Wire stories waiting for their next copy, per language (at most a few dozen)."""

    sites: dict[str, list[str]]
    pending: dict[str, list[_Story]] = field(default_factory=dict)

    def story(self, rng: random.Random, lang: str, site: str) -> _Story:
        """A pending story this site has not carried yet, or a new one."""
        pending = self.pending.setdefault(lang, [])
        for index, story in enumerate(pending):
            if site not in story.sites:
                story.sites.add(site)
                story.copies_left -= 1
                if not story.copies_left:
                    del pending[index]
                return story
        count = rng.randint(1, 3)
        texts, used = _paragraphs(rng, POOLS[lang], count, count)
        copies = min(rng.choice((2, 3)), len(self.sites[lang]))
        story = _Story(tuple(texts), used, {site}, copies - 1)
        pending.append(story)
        if len(pending) > _MAX_PENDING:
            pending.pop(0)
        return story


def _mojibake(text: str, lang: str) -> str | None:
    """``text``'s UTF-8 read as the language's legacy code page; None if nothing would show.

    >>> _mojibake("Le café", "fr"), _mojibake("وزير", "ar"), _mojibake("plain", "en")
    ('Le cafÃ©', 'ظˆط²ظٹط±', None)
    """
    try:
        bad = text.encode("utf-8").decode(_MOJIBAKE_CODEC[lang])
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined
        return None
    if bad == text or bad[0].isspace() or bad[-1].isspace():
        return None
    return bad


def _entity(rng: random.Random, text: str) -> str:
    """``text`` with an HTML entity put in: a character escaped, or one space as ``&nbsp;``.

    >>> _entity(random.Random(1), 'He said "no" twice.')
    'He said &quot;no&quot; twice.'
    """
    swaps = [swap for swap in _ENTITY_SWAPS if swap[0] in text]
    if swaps and rng.random() < 0.7:
        old, new = rng.choice(swaps)
        return text.replace(old, new)
    space = text.find(" ", rng.randrange(len(text)))
    space = space if space >= 0 else text.find(" ")
    return text if space < 0 else f"{text[:space]}&nbsp;{text[space + 1 :]}"


def _title(rng: random.Random, pool: _Pool) -> str:
    """A link title: the first words of a sentence.

    >>> len(_title(random.Random(0), POOLS["en"]).split()) <= 9
    True
    """
    words = rng.choice(pool.sentences).split()[: rng.randint(4, 9)]
    return " ".join(words).rstrip(".,،:;")


def _credit(rng: random.Random, lang: str, date: tuple[int, int, int]) -> str:
    """An outlet credit, byline or wire tag for the head of a document.

    >>> _credit(random.Random(2), "en", (2016, 4, 15))
    'By John Smith | Published 14:45 GMT, 15 April 2016'
    """
    y, mo, d = date
    names = _NAMES[lang]
    months = _MONTHS.get(lang, "").split() or [""] * 12
    return rng.choice(_CREDITS[lang]).format(
        outlet=rng.choice(names),
        name=rng.choice(names),
        name2=rng.choice(names),
        city=rng.choice(_CITIES["ar"]),
        CITY=rng.choice(_CITIES["en"]),
        hh=f"{rng.randint(6, 22):02d}",
        mm=f"{rng.randrange(0, 60, 5):02d}",
        y=y,
        mo=f"{mo:02d}",
        d=d,
        dd=f"{d:02d}",
        month=months[mo - 1],
        mois=months[mo - 1],
    )


def _site_footer(rng: random.Random, site: str) -> tuple[str, ...]:
    """1-3 footer lines in the site's language, each naming the site.

    >>> all("site-03" in line for line in _site_footer(random.Random(0), SITES[3]))
    True
    """
    lang = _SITE_LANGUAGES[SITES.index(site)]
    templates = rng.sample(_FOOTERS[lang], rng.randint(1, 3))
    return tuple(t.format(site=site.split(".")[0], domain=site) for t in templates)


def _comment_policy(rng: random.Random, lang: str) -> list[str]:
    """1-3 comment-moderation lines, sometimes bulleted as in seed 000.

    >>> len(_comment_policy(random.Random(0), "fr")) in (1, 2, 3)
    True
    """
    bullet = rng.choice(("", "", "- ", "• "))
    return [bullet + line for line in rng.sample(_COMMENT_POLICY[lang], rng.randint(1, 3))]


def _insert(rng: random.Random, lines: list[_Line], new: _Line) -> None:
    """Put ``new`` between two lines of ``lines`` (never first)."""
    lines.insert(rng.randint(1, max(1, len(lines) - 1)), new)


def _is_plain(line: _Line) -> bool:
    """Content that is not wire copy and not already changed."""
    return line.kind is None and not line.wire and line.text == line.expected


def _corrupt(rng: random.Random, body: list[_Line], lang: str, rates: Rates, amp: bool) -> None:
    """Corrupt plain paragraphs in place: entities, a glued ``&`` (``amp`` documents), mojibake.

    Entities and ``&`` go into paragraphs at their paragraph rates, mojibake into one
    paragraph at the mojibake rate. Wire copy is left alone, so its copies stay equal.
    """
    for index, line in enumerate(body):
        if not _is_plain(line):
            continue
        if amp and rng.random() < rates.trailing_amp_rate:
            body[index] = _Line(line.text + "&", line.expected, "trailing-amp")
        elif rng.random() < rates.entity_rate:
            text = _entity(rng, line.text)
            if text != line.text:
                body[index] = _Line(text, html.unescape(text), "entity")
    if rng.random() < rates.mojibake_rate:
        candidates = [i for i, line in enumerate(body) if _is_plain(line)]
        rng.shuffle(candidates)
        for index in candidates:
            bad = _mojibake(body[index].text, lang)
            if bad:
                body[index] = _Line(bad, body[index].text, "mojibake")
                return


def _with_repeat(rng: random.Random, body: list[_Line]) -> list[_Line]:
    """``body`` with a run of 2-5 paragraphs pasted a second time right after itself."""
    size = min(rng.randint(2, 5), len(body))
    start = rng.randint(0, len(body) - size)
    copy = [_Line(line.text, None, "repeat") for line in body[start : start + size]]
    return body[: start + size] + copy + body[start + size :]


def _separated(lines: list[_Line], separator: _Line) -> list[_Line]:
    """``lines`` with ``separator`` between each two.

    >>> [line.text for line in _separated([_Line("a", "a"), _Line("b", "b")], _BLANK)]
    ['a', '', 'b']
    """
    out: list[_Line] = []
    for line in lines:
        if out:
            out.append(separator)
        out.append(line)
    return out


def _tidy(lines: Iterable[str]) -> str:
    """Lines joined with no blank runs or blank edges, and one final newline.

    >>> _tidy(["", "a", "", "", "b", ""])
    'a\\n\\nb\\n'
    """
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


class _DocumentMaker:
    """Builds document after document from one seeded random generator."""

    def __init__(self, seed: int, rates: Rates) -> None:
        self.rng = random.Random(seed)
        self.rates = rates
        self.footers = {site: _site_footer(self.rng, site) for site in SITES}
        self.sites: dict[str, list[str]] = {}
        for site, lang in zip(SITES, _SITE_LANGUAGES):
            self.sites.setdefault(lang, []).append(site)
        self.desk = _WireDesk(self.sites)

    def document(self, number: int) -> GeneratedDoc:
        """The document with this number."""
        rng, rates = self.rng, self.rates
        lang = rng.choices(list(LANGUAGE_SHARE), list(LANGUAGE_SHARE.values()))[0]
        site = rng.choice(self.sites[lang])
        date = (rng.randint(2015, 2017), rng.randint(1, 12), rng.randint(1, 28))
        amp = rng.random() < rates.amp_doc_rate
        body = self._body(lang, site, amp)
        if rng.random() < rates.repeat_rate:
            body = _with_repeat(rng, body)
        if rng.random() < rates.news_debris_rate:
            for template in rng.sample(_NEWS_DEBRIS[lang], rng.randint(1, 2)):
                text = template.format(title=_title(rng, POOLS[lang]))
                _insert(rng, body, _Line(text, None, "news-debris"))
        if amp:
            escaped = rng.random() < rates.escaped_amp_rate
            body = _separated(body, _Line("&amp;" if escaped else "&", None, "lone-symbol"))
        elif rng.random() < rates.symbol_rate:
            _insert(rng, body, _Line(rng.choice(_LONE_SYMBOLS), None, "lone-symbol"))
        lines = self._head(lang, date) + body + self._tail(lang, site)
        if not amp and rng.random() < rates.blank_separated_rate:
            lines = _separated(lines, _BLANK)
        if rng.random() < rates.blank_tail_rate:
            lines += [_Line("", None, "blank")] * rng.randint(3, 8)
        url = f"https://{site}/{date[0]}/{date[1]:02d}/{date[2]:02d}/slug-{number}"
        return _assemble(f"doc-{number:06d}", site, url, lines)

    def _body(self, lang: str, site: str, amp: bool) -> list[_Line]:
        """The article: paragraphs, wire copy, headings; then entities, ``&`` and mojibake."""
        rng, pool = self.rng, POOLS[lang]
        story = self.desk.story(rng, lang, site) if rng.random() < self.rates.wire_rate else None
        wire = story.texts if story else ()
        headings: list[str] = []
        if pool.headings and rng.random() < self.rates.heading_rate:
            headings = rng.sample(pool.headings, min(rng.randint(1, 2), len(pool.headings)))
        fewest, most = (count - len(wire) - len(headings) for count in _PARAGRAPHS)
        budget = int(rng.triangular(*_DOCUMENT_BYTES))
        exclude = story.sentences if story else frozenset()
        texts, _ = _paragraphs(rng, pool, fewest, most, budget, exclude)
        body = [_Line(text, text) for text in texts]
        at = rng.randint(0, len(body))
        body[at:at] = [_Line(text, text, None, True) for text in wire]
        for heading in headings:
            _insert(rng, body, _Line(heading, heading))
        _corrupt(rng, body, lang, self.rates, amp)
        return body

    def _head(self, lang: str, date: tuple[int, int, int]) -> list[_Line]:
        """A credit line, at the credit rate."""
        if self.rng.random() < self.rates.credit_rate:
            return [_Line(_credit(self.rng, lang, date), None, "credit")]
        return []

    def _tail(self, lang: str, site: str) -> list[_Line]:
        """The site's footer, then a comment-policy notice (last, where tail rules look)."""
        tail = []
        if self.rng.random() < self.rates.site_footer_rate:
            tail += [_Line(text, None, "site-footer") for text in self.footers[site]]
        if self.rng.random() < self.rates.comment_policy_rate:
            tail += [_Line(t, None, "comment-policy") for t in _comment_policy(self.rng, lang)]
        return tail


def _assemble(doc_id: str, site: str, url: str, lines: list[_Line]) -> GeneratedDoc:
    """The document and its truth from its lines."""
    return GeneratedDoc(
        id=doc_id,
        source=site,
        url=url,
        text="\n".join(line.text for line in lines) + "\n",
        debris=tuple((n, line.kind) for n, line in enumerate(lines, 1) if line.kind),
        expected=_tidy(line.expected for line in lines if line.expected is not None),
        wire=tuple(n for n, line in enumerate(lines, 1) if line.wire),
    )


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def generate(total_bytes: int, seed: int = 0, **rates: float) -> Iterator[GeneratedDoc]:
    """Documents until their text reaches ``total_bytes`` of UTF-8; ``rates``: :class:`Rates`.

    >>> [doc.id for doc in generate(30_000, seed=3)][:2]
    ['doc-000000', 'doc-000001']
    >>> next(generate(1, credit_rate=1.0)).debris[0]
    (1, 'credit')
    """
    maker = _DocumentMaker(seed, Rates(**rates))  # unknown rate names fail here, not later
    return _stream(maker, total_bytes)


def _stream(maker: _DocumentMaker, total_bytes: int) -> Iterator[GeneratedDoc]:
    """Documents from ``maker`` until ``total_bytes`` of text."""
    written, number = 0, 0
    while written < total_bytes:
        doc = maker.document(number)
        written += len(doc.text.encode())
        number += 1
        yield doc


@contextlib.contextmanager
def _open_output(path: Path) -> Iterator[IO[bytes]]:
    """A binary writer for ``path``, compressed by its suffix (``.gz``, ``.zst``)."""
    if path.suffix == ".gz":
        with gzip.open(path, "wb", compresslevel=6) as out:
            yield out
    elif path.suffix == ".zst":
        import zstandard  # optional: only .zst outputs need it

        with open(path, "wb") as raw, zstandard.ZstdCompressor(level=3).stream_writer(raw) as out:
            yield out
    else:
        with open(path, "wb") as out:
            yield out


def _record(doc: GeneratedDoc) -> bytes:
    """The JSONL line of a document."""
    return orjson.dumps(
        {"id": doc.id, "source": doc.source, "url": doc.url, "text": doc.text},
        option=orjson.OPT_APPEND_NEWLINE,
    )


def _truth(doc: GeneratedDoc) -> bytes:
    """The truth line of a document: debris ``[line, kind]`` pairs and wire lines."""
    return orjson.dumps(
        {"id": doc.id, "debris": doc.debris, "wire": doc.wire}, option=orjson.OPT_APPEND_NEWLINE
    )


def write_jsonl(path: str | Path, docs: Iterable[GeneratedDoc]) -> int:
    """Write ``{"id", "source", "url", "text"}`` lines; return the UTF-8 bytes of text written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_jsonl(Path(tmp) / "c.jsonl.gz", generate(5_000)) >= 5_000
    True
    """
    written = 0
    with _open_output(Path(path)) as out:
        for doc in docs:
            out.write(_record(doc))
            written += len(doc.text.encode())
    return written


def write_truth(path: str | Path, docs: Iterable[GeneratedDoc]) -> None:
    """Write one ``{"id", "debris": [[line, kind], ...], "wire": [line, ...]}`` line per doc."""
    with _open_output(Path(path)) as out:
        for doc in docs:
            out.write(_truth(doc))


def _write_txt(folder: Path, doc: GeneratedDoc) -> None:
    """Write ``folder/<site>/<id>.txt``."""
    path = folder / doc.source / f"{doc.id}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(doc.text.encode())


def parse_size(value: str) -> int:
    """A byte count with an optional decimal suffix.

    >>> parse_size("200M"), parse_size("1.5k"), parse_size("123")
    (200000000, 1500, 123)
    """
    units = {"K": 10**3, "M": 10**6, "G": 10**9}
    value = value.strip().upper().removesuffix("B")
    if value and value[-1] in units:
        return int(float(value[:-1]) * units[value[-1]])
    return int(value)


def _parser() -> argparse.ArgumentParser:
    """The command line of ``python -m benchmarks.corpus``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--bytes", type=parse_size, required=True, help="text size: 500K, 200M, 1G")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help=".jsonl, .jsonl.gz or .jsonl.zst")
    parser.add_argument("--truth", type=Path, help="write the truth here (JSONL)")
    parser.add_argument("--txt-dir", type=Path, help="also write DIR/<site>/<id>.txt")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Generate a corpus to files in one pass; print a one-line summary to stderr."""
    args = _parser().parse_args(argv)
    count = 0
    start = time.perf_counter()
    with contextlib.ExitStack() as stack:
        truth = stack.enter_context(_open_output(args.truth)) if args.truth else None

        def tapped() -> Iterator[GeneratedDoc]:
            nonlocal count
            for doc in generate(args.bytes, args.seed):
                count += 1
                if truth:
                    truth.write(_truth(doc))
                if args.txt_dir:
                    _write_txt(args.txt_dir, doc)
                yield doc

        written = write_jsonl(args.out, tapped())
    seconds = time.perf_counter() - start
    print(
        f"{count} documents, {written / 1e6:.1f} MB of text in {seconds:.1f} s "
        f"({written / 1e6 / seconds:.1f} MB/s) -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
