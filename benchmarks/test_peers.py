"""Peers: the tools a user would otherwise reach for, timed on the same in-memory sample.

Optional: the module is skipped unless the ``peers`` extra is installed
(``pip install -e '.[peers]'``: datatrove and spaCy). Each step runs on the sample of
test_kinds.py (the first 20 MB of the session corpus, already parsed), one document at a
time in one process, and is recorded exactly as test_kinds.py records ours: MB/s, and the
ratio to the floor's rate. Read the rows beside ours, the kind ``all`` row of test_kinds.py
(every built-in rule). The context column also says what the step did to the sample: how
many documents an editing step changed, or how many a filter kept.

Nothing here reaches the network. A step that would download something at run time (a
word list, a model, NLTK data) is listed with the reason it is skipped, and a guard fails
any step that opens an internet connection.

The steps, and how far each compares with ours:

- ``hand-written regex``: five ``re.sub`` (``re.MULTILINE``) per document, for lone symbol
  lines, a trailing ``&``, comment-policy lines, trailing blanks and blank runs: the script
  a project writes before it has rules. It covers a few of the debris kinds our packs
  remove (no repeated blocks, credits, site footers, mojibake or entities), so it is a
  lower bound on the cost of the job, not the same job.
- ``ftfy.fix_text``: ftfy with its defaults on every whole document, the usual Unicode
  baseline. Ours runs ftfy only on the lines that look like mojibake.
- datatrove formatters (``format(text) -> text``) edit text, as we do:
  ``FTFYFormatter`` (ftfy with datatrove's gentler settings), ``SymbolLinesFormatter``
  (drops lines of punctuation only, like our lone-symbol rule) and ``PIIFormatter``
  (replaces e-mail and IP addresses).
- datatrove filters (``filter(doc) -> keep?``) judge whole documents: they drop a
  document rather than remove its debris, so they answer another question, but a pipeline
  runs them over the same text and their cost is what a user weighs against ours.
  ``C4QualityFilter`` also removes lines (no terminal punctuation, too few words,
  "javascript", policy phrases). ``C4QualityFilter``, ``GopherQualityFilter``,
  ``GopherRepetitionFilter`` and ``FineWebQualityFilter`` split words or sentences with
  the tokenizer datatrove assigns to their language (``eng``, the default, in its
  ``tokenizer_assignment.csv``): spaCy's blank English pipeline, ``spacy.blank("en")``,
  rules only, no model download. The Arabic and French documents go through it too, as in
  a pipeline that does not branch by language. ``C4ParagraphFilter`` only splits lines.
- NeMo Curator document modifiers (``modify_document(text) -> text``), called directly,
  without its Ray pipeline: ``UnicodeReformatter`` (ftfy), ``NewlineNormalizer`` (blank
  runs), ``BoilerPlateStringModifier`` (C4 policy paragraphs at the top or bottom),
  ``UrlRemover`` and ``LineRemover`` (exact lines: here our lone symbols). They run when
  ``nemo_curator`` is importable, and are not in the extra: see ``NEMO_REASON``.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import pytest

from benchmarks.conftest import Corpus, record

pytest.importorskip("datatrove", reason="the peers extra is not installed: "
                    "pip install -e '.[peers]' (datatrove, spaCy)")

NEMO_REASON = ("nemo_curator is not installed, and not in the peers extra: nemo-curator 1.4 "
               "installs on a CPU machine, but its base install pulls torch with its CUDA "
               "wheels, ray, transformers and datasets (about 6 GB) for modifiers of a few "
               "lines of Python each")
SPACY_REASON = "spaCy is not installed (datatrove splits English words with spacy.blank)"

Step = Callable[[str], Any]
"""One document in, the step's answer out: a text (edit) or keep-or-not (filter)."""


@dataclass(frozen=True)
class Peer:
    """One peer step: how to build it, what it needs, how many rounds to time."""

    id: str
    label: str
    does: Literal["edit", "filter"]
    build: Callable[[], Step]
    needs: tuple[tuple[str, str], ...] = ()  # (module, reason to skip without it)
    rounds: int = 3  # 1 for steps that take a minute or more on the sample
    skip: str = ""  # why the step cannot run offline, if it cannot


# ---------------------------------------------------------------------------
# The steps
# ---------------------------------------------------------------------------

HAND_WRITTEN: tuple[tuple[re.Pattern[str], str], ...] = (
    # Lines of symbols only: |, ***, ---, a lone &amp;.
    (re.compile(r"^[ \t]*(?:[|*#=_~-]+|&amp;)[ \t]*\n", re.MULTILINE), ""),
    # An & left at the end of a line.
    (re.compile(r"[ \t]*&[ \t]*$", re.MULTILINE), ""),
    # The comment-policy lines under an article.
    (re.compile(r"^(?:Comments are moderated|Please keep comments|Your email address will not"
                r"|Les commentaires sont modérés|Tout commentaire|التعليقات|الرجاء عدم إرسال)"
                r".*\n?", re.MULTILINE | re.IGNORECASE), ""),
    # Trailing blanks.
    (re.compile(r"[ \t]+$", re.MULTILINE), ""),
    # Runs of blank lines.
    (re.compile(r"\n{3,}"), "\n\n"),
)


def hand_written_regex() -> Step:
    def clean(text: str) -> str:
        for pattern, replacement in HAND_WRITTEN:
            text = pattern.sub(replacement, text)
        return text

    return clean


def ftfy_fix_text() -> Step:
    import ftfy

    return ftfy.fix_text


def datatrove_formatter(name: str) -> Callable[[], Step]:
    def build() -> Step:
        from datatrove.pipeline import formatters

        return getattr(formatters, name)().format

    return build


def datatrove_filter(name: str) -> Callable[[], Step]:
    def build() -> Step:
        from datatrove.data import Document
        from datatrove.pipeline import filters

        step = getattr(filters, name)()

        def keep(text: str) -> bool:
            answer = step.filter(Document(text=text, id="peer"))
            return answer[0] if isinstance(answer, tuple) else bool(answer)

        return keep

    return build


def nemo_modifier(name: str, *args: Any) -> Callable[[], Step]:
    def build() -> Step:
        from nemo_curator.stages.text import modifiers
        from nemo_curator.stages.text.modifiers import unicode

        module = unicode if name == "UnicodeReformatter" else modifiers
        return getattr(module, name)(*args).modify_document

    return build


DATATROVE = (("datatrove", "the peers extra is not installed"),)
SPACY = (*DATATROVE, ("spacy", SPACY_REASON))
NEMO = (("nemo_curator", NEMO_REASON),)

PEERS: tuple[Peer, ...] = (
    Peer("regex", "hand-written regex (5 re.sub, MULTILINE)", "edit", hand_written_regex),
    Peer("ftfy", "ftfy.fix_text, defaults, whole documents", "edit", ftfy_fix_text),
    Peer("dt-ftfy", "datatrove FTFYFormatter", "edit", datatrove_formatter("FTFYFormatter"),
         DATATROVE),
    Peer("dt-symbol-lines", "datatrove SymbolLinesFormatter", "edit",
         datatrove_formatter("SymbolLinesFormatter"), DATATROVE),
    Peer("dt-pii", "datatrove PIIFormatter", "edit", datatrove_formatter("PIIFormatter"),
         DATATROVE),
    Peer("dt-c4-quality", "datatrove C4QualityFilter (drops documents, removes lines)",
         "filter", datatrove_filter("C4QualityFilter"), SPACY, rounds=1),
    Peer("dt-c4-paragraph", "datatrove C4ParagraphFilter (drops documents)", "filter",
         datatrove_filter("C4ParagraphFilter"), DATATROVE),
    Peer("dt-gopher-quality", "datatrove GopherQualityFilter (drops documents)", "filter",
         datatrove_filter("GopherQualityFilter"), SPACY, rounds=1),
    Peer("dt-gopher-repetition", "datatrove GopherRepetitionFilter (drops documents)",
         "filter", datatrove_filter("GopherRepetitionFilter"), SPACY, rounds=1),
    Peer("dt-fineweb-quality", "datatrove FineWebQualityFilter (drops documents)", "filter",
         datatrove_filter("FineWebQualityFilter"), SPACY, rounds=1),
    Peer("dt-c4-badwords", "datatrove C4BadWordsFilter (drops documents)", "filter",
         datatrove_filter("C4BadWordsFilter"), DATATROVE,
         skip="C4BadWordsFilter downloads its word list (LDNOOBW, from GitHub) on first use"),
    Peer("dt-language", "datatrove LanguageFilter (drops documents)", "filter",
         datatrove_filter("LanguageFilter"), DATATROVE,
         skip="LanguageFilter downloads a fastText language-id model from the HF Hub"),
    Peer("nemo-unicode", "NeMo Curator UnicodeReformatter", "edit",
         nemo_modifier("UnicodeReformatter"), NEMO),
    Peer("nemo-newlines", "NeMo Curator NewlineNormalizer", "edit",
         nemo_modifier("NewlineNormalizer"), NEMO),
    Peer("nemo-boilerplate", "NeMo Curator BoilerPlateStringModifier", "edit",
         nemo_modifier("BoilerPlateStringModifier"), NEMO),
    Peer("nemo-urls", "NeMo Curator UrlRemover", "edit", nemo_modifier("UrlRemover"), NEMO),
    Peer("nemo-lines", "NeMo Curator LineRemover (lone symbols)", "edit",
         nemo_modifier("LineRemover", ["|", "***", "&amp;"]), NEMO),
)


# ---------------------------------------------------------------------------
# Fixtures and the test
# ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any step that opens an internet connection (a hidden download)."""
    connect = socket.socket.connect

    def refuse(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise RuntimeError(f"a peer step tried to reach {address!r}: no network here")
        connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize("peer", PEERS, ids=[peer.id for peer in PEERS])
def test_peer_throughput(benchmark: Any, sample: tuple[list[str], int], corpus: Corpus,
                         floor: float, peer: Peer) -> None:
    if peer.skip:
        pytest.skip(peer.skip)
    for module, reason in peer.needs:
        pytest.importorskip(module, reason=reason)
    texts, size = sample
    step = peer.build()
    step(texts[0])  # warm-up: lazy loads (spaCy's blank pipeline) stay out of the timing
    answers = benchmark.pedantic(lambda: [step(text) for text in texts], rounds=peer.rounds,
                                 iterations=1)
    seconds = benchmark.stats.stats.min
    floor_rate = corpus.bytes / floor
    rate = size / seconds
    if peer.does == "filter":
        effect = f"kept {sum(map(bool, answers)) / len(texts):.0%} of documents"
    else:
        # Trailing blanks aside: SymbolLinesFormatter drops every final newline.
        changed = sum(answer.rstrip() != text.rstrip() for answer, text in zip(answers, texts))
        effect = f"changed {changed / len(texts):.0%} of documents"
    ratio = rate / floor_rate
    benchmark.extra_info.update(mb_per_s=round(rate / 1e6, 1), ratio_to_floor=round(ratio, 4))
    record(f"peer: {peer.label}, in memory",
           f"{ratio:.{2 if ratio >= 0.1 else 3}f} x floor rate",
           f"{rate / 1e6:.1f} MB/s; {effect}")
