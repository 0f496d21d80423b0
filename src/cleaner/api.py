"""The library API: :class:`Cleaner` and the one-call :func:`clean`.

>>> clean("بلدي نيوز- (متابعات)\\nقال الوزير إن المحادثات مستمرة.\\n&\\n")
'قال الوزير إن المحادثات مستمرة.\\n'
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .document import Document, Edit
from .frequencies import Frequencies
from .kinds.corpus import CorpusContext
from .packs import builtin_rule_files
from .plan import DEFAULT_MAX_LOSS, Plan
from .problems import Problem, RuleFileError
from .rulefile import load_rule_file
from .selection import select
from .spec import RuleSpec

__all__ = ["Cleaner", "Explained", "clean"]


class Explained(NamedTuple):
    """The clean text and every edit that made it (``text, edits = cleaner.explain(x)``)."""

    text: str
    edits: list[Edit]


class Cleaner:
    """A set of rules, compiled once, that cleans any number of texts.

    >>> cleaner = Cleaner.from_yaml(disable=["repeats"])
    >>> cleaner.clean("Body.\\nAdvertisement\\n")
    'Body.\\n'
    >>> text, edits = cleaner.explain("Body.\\nAdvertisement\\n")
    >>> [(e.rule_id, e.line, e.removed) for e in edits]
    [('news-debris/advertisement', 2, 'Advertisement')]
    """

    def __init__(
        self,
        specs: Sequence[RuleSpec],
        *,
        enable: Iterable[str] = (),
        disable: Iterable[str] = (),
        max_loss: float = DEFAULT_MAX_LOSS,
        frequencies: Frequencies | None = None,
    ):
        self.specs: tuple[RuleSpec, ...] = tuple(specs)
        self.enable = tuple(enable)
        self.disable = tuple(disable)
        self.max_loss = max_loss
        self.frequencies = frequencies
        self.selected: tuple[RuleSpec, ...] = tuple(select(self.specs, self.enable, self.disable))
        self._plan = Plan(self.selected, max_loss)

    @classmethod
    def from_yaml(
        cls,
        *paths: str | Path,
        defaults: bool = True,
        disable: Iterable[str] = (),
        enable: Iterable[str] = (),
        max_loss: float = DEFAULT_MAX_LOSS,
    ) -> Cleaner:
        """Load the built-in packs (unless ``defaults=False``) and the rule files ``paths``.

        Raises :class:`~cleaner.RuleFileError` listing every problem in every file.
        """
        files = [*(builtin_rule_files() if defaults else []), *map(Path, paths)]
        specs: list[RuleSpec] = []
        problems = []
        sources: dict[str, str] = {}
        first_seen: dict[str, RuleSpec] = {}
        for file in files:
            try:
                loaded = load_rule_file(file)
            except RuleFileError as error:
                problems.extend(error.problems)
                sources.update(error.sources)
                continue
            for spec in loaded:
                if spec.id in first_seen:
                    earlier = first_seen[spec.id]
                    problems.append(_duplicate(spec, earlier))
                    continue
                first_seen[spec.id] = spec
                specs.append(spec)
        if problems:
            raise RuleFileError(problems, sources)
        return cls(specs, enable=enable, disable=disable, max_loss=max_loss)

    @property
    def needs_frequencies(self) -> bool:
        """True when corpus rules are selected: they judge by counts from a first pass."""
        return self._plan.needs_frequencies

    def count(self, documents: Iterable[str | tuple[str, str]]) -> Frequencies:
        """The first pass for corpus rules: document frequencies of lines per group.

        ``documents`` yields texts, or ``(text, group)`` pairs (group: the site, the
        folder); the n-th document has order ``n`` (what ``keep: first`` refers to).
        """
        frequencies = Frequencies()
        if not self.needs_frequencies:
            return frequencies
        for order, (text, group) in enumerate(map(_text_and_group, documents)):
            frequencies.add_document(group, self._plan.count_keys(text), order)
        return frequencies

    def count_keys(self, text: str) -> list[int]:
        """The line keys the first pass counts for one document (see :meth:`count`)."""
        return self._plan.count_keys(text) if self.needs_frequencies else []

    def with_frequencies(self, frequencies: Frequencies) -> Cleaner:
        """A cleaner with the same rules that judges corpus rules by ``frequencies``."""
        return Cleaner(self.specs, enable=self.enable, disable=self.disable,
                       max_loss=self.max_loss, frequencies=frequencies)

    def clean_corpus(self, documents: Sequence[str | tuple[str, str]]) -> list[str]:
        """Count, then clean, a corpus that fits in memory (two passes over it).

        >>> footer = "Site A Daily is published by Example Media Group."
        >>> docs = [(f"Story number {n}.\\n{footer}\\n", "site-a") for n in range(12)]
        >>> Cleaner.from_yaml(enable=["corpus"]).clean_corpus(docs)[:2]
        ['Story number 0.\\n', 'Story number 1.\\n']
        """
        cleaner = self.with_frequencies(self.count(documents))
        results = []
        for order, (text, group) in enumerate(map(_text_and_group, documents)):
            results.append(cleaner.clean(text, group=group, order=order))
        return results

    def clean(self, text: str, *, group: str = "", order: int = 0) -> str:
        """The cleaned text (``group`` and ``order`` matter only to corpus rules)."""
        return self.explain(text, group=group, order=order).text

    def explain(self, text: str, *, group: str = "", order: int = 0) -> Explained:
        """The cleaned text and its edits (rule id, input line, text), in line order."""
        doc = self.document(text, group=group, order=order)
        if doc.edits and doc.edits[-1].action == "hold":
            return Explained(text, doc.edits)
        return Explained(doc.text(), sorted(doc.edits, key=_line_of))

    def document(self, text: str, *, group: str = "", order: int = 0) -> Document:
        """The cleaned :class:`~cleaner.document.Document`: its lines, the input line each
        came from (``origin``, 0-based) and the edits; a document the safety limit held is
        returned as it was read.

        >>> doc = Cleaner.from_yaml().document("Text.\\n&\\nMore text.\\n")
        >>> doc.lines, [index + 1 for index in doc.origin]
        (['Text.', 'More text.'], [1, 3])
        """
        context = None
        if self._plan.needs_frequencies:
            if self.frequencies is None:
                raise ValueError(
                    "corpus rules are selected but no document frequencies were counted: "
                    "use clean_corpus(), or with_frequencies(count(...)), or disable them"
                )
            context = CorpusContext(self.frequencies, group, order)
        return self._plan.apply(text, context)

    def clean_many(self, texts: Iterable[str]) -> Iterator[str]:
        """Clean each text of ``texts`` lazily, in order."""
        for text in texts:
            yield self.clean(text)

    def clean_batch(self, texts: Any) -> Any:
        """Clean a batch: a list (or any sequence) of texts, or an Arrow string array.

        Returns the same kind it was given: a list for a sequence, an Arrow array (of the
        same type) for an Arrow array or chunked array. ``None`` values pass through.
        It is the shape ``datasets.Dataset.map(batched=True)`` and pandas expect:

        >>> Cleaner.from_yaml().clean_batch(["a\\n&\\n", None, "b\\n\\n\\n"])
        ['a\\n', None, 'b\\n']

        ``ds.map(lambda b: {"text": cleaner.clean_batch(b["text"])}, batched=True)``,
        ``df["text"] = cleaner.clean_batch(df["text"].tolist())``.
        """
        if hasattr(texts, "to_pylist") and hasattr(texts, "type"):
            import pyarrow as pa

            cleaned = [None if t is None else self.clean(t) for t in texts.to_pylist()]
            return pa.array(cleaned, type=texts.type)
        return [None if text is None else self.clean(text) for text in texts]

    def __reduce__(self) -> tuple[Callable[..., Cleaner], tuple[Any, ...]]:
        # Travel as specs, not compiled patterns: the receiving process compiles again.
        return (
            _rebuild,
            (self.specs, self.enable, self.disable, self.max_loss, self.frequencies),
        )

    def __repr__(self) -> str:
        return f"Cleaner({len(self.selected)} of {len(self.specs)} rules)"


def _text_and_group(item: str | tuple[str, str]) -> tuple[str, str]:
    return (item, "") if isinstance(item, str) else item


def _line_of(edit: Edit) -> int:
    return edit.line


def _rebuild(specs: tuple[RuleSpec, ...], enable: tuple[str, ...], disable: tuple[str, ...],
             max_loss: float, frequencies: Frequencies | None) -> Cleaner:
    return Cleaner(specs, enable=enable, disable=disable, max_loss=max_loss,
                   frequencies=frequencies)


def _duplicate(spec: RuleSpec, earlier: RuleSpec) -> Problem:
    return Problem(
        spec.source, spec.line, 1, "duplicate-id",
        f"rule id `{spec.id}` is already defined in {earlier.source}:{earlier.line}",
        "ids are never reused: pick a new name",
    )


@functools.lru_cache(maxsize=1)
def _default_cleaner() -> Cleaner:
    return Cleaner.from_yaml()


def clean(text: str) -> str:
    """Clean ``text`` with the built-in packs (their default selection)."""
    return _default_cleaner().clean(text)
