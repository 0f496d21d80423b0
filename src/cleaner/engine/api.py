"""The library API: :class:`Cleaner` and the one-call :func:`clean`.

>>> clean("بلدي نيوز- (متابعات)\\nقال الوزير إن المحادثات مستمرة.\\n&\\n")
'قال الوزير إن المحادثات مستمرة.\\n'
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ..kinds.corpus import CorpusContext
from ..ruleset.packs import builtin_rule_files
from ..ruleset.problems import Problem, RuleFileError
from ..ruleset.rulefile import load_rule_file, load_rule_text
from ..ruleset.selection import select
from ..ruleset.spec import RuleSpec
from .batches import clean_batch
from .document import Document, Edit
from .frequencies import Frequencies
from .plan import DEFAULT_MAX_LOSS, Plan

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
        loaders = [functools.partial(load_rule_file, Path(path)) for path in paths]
        return cls._load(loaders, defaults=defaults, disable=disable, enable=enable,
                         max_loss=max_loss)

    @classmethod
    def from_string(
        cls,
        text: str,
        *,
        name: str = "<string>",
        defaults: bool = True,
        disable: Iterable[str] = (),
        enable: Iterable[str] = (),
        max_loss: float = DEFAULT_MAX_LOSS,
    ) -> Cleaner:
        """Like :meth:`from_yaml`, with the rules of one rule file given as YAML ``text``;
        problems name it ``name`` (``<string>:3:5: error[...] ...``).

        >>> rules = '''
        ... rules:
        ...   - id: mysite/promo
        ...     kind: line
        ...     summary: A promotion line.
        ...     match: 'buy now.*'
        ...     examples:
        ...       - input: "Body.\\\\nBuy now!\\\\n"
        ...         output: "Body.\\\\n"
        ... '''
        >>> Cleaner.from_string(rules, defaults=False).clean("Body.\\nBuy now!\\n")
        'Body.\\n'
        """
        loader = functools.partial(load_rule_text, text, name)
        return cls._load([loader], defaults=defaults, disable=disable, enable=enable,
                         max_loss=max_loss)

    @classmethod
    def from_dict(
        cls,
        rules: Mapping[str, Any],
        *,
        name: str = "<dict>",
        defaults: bool = True,
        disable: Iterable[str] = (),
        enable: Iterable[str] = (),
        max_loss: float = DEFAULT_MAX_LOSS,
    ) -> Cleaner:
        """Like :meth:`from_string`, with a rule file's content as a mapping (what
        ``yaml.safe_load`` of a rule file gives). Problems name ``name`` and a line of the
        mapping written as YAML (the message shows that line); a value YAML cannot hold
        is a problem of the whole mapping.

        >>> rule = {"id": "mysite/promo", "kind": "line", "summary": "A promotion line.",
        ...         "match": "buy now.*",
        ...         "examples": [{"input": "Body.\\nBuy now!\\n", "output": "Body.\\n"}]}
        >>> Cleaner.from_dict({"rules": [rule]}, defaults=False).clean("Body.\\nBuy now!\\n")
        'Body.\\n'
        """
        import yaml  # only here: reading the packs does without it (see packcache)

        try:
            text = yaml.safe_dump(_plain(rules), sort_keys=False, allow_unicode=True)
        except yaml.YAMLError as error:
            problem = Problem(name, 0, 0, "wrong-type", f"not plain data: {error}")
            raise RuleFileError([problem]) from None
        return cls.from_string(text, name=name, defaults=defaults, disable=disable,
                               enable=enable, max_loss=max_loss)

    @classmethod
    def _load(
        cls,
        loaders: Iterable[Callable[[], list[RuleSpec]]],
        *,
        defaults: bool,
        disable: Iterable[str],
        enable: Iterable[str],
        max_loss: float,
    ) -> Cleaner:
        """The built-in packs (unless not ``defaults``) then each loader's rules; raise
        :class:`~cleaner.RuleFileError` with every problem of every source."""
        builtin: list[Callable[[], list[RuleSpec]]] = [
            functools.partial(load_rule_file, file)
            for file in (builtin_rule_files() if defaults else [])]
        specs: list[RuleSpec] = []
        problems: list[Problem] = []
        sources: dict[str, str] = {}
        first_seen: dict[str, RuleSpec] = {}
        for loader in [*builtin, *loaders]:
            try:
                loaded = loader()
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
        """The cleaned :class:`~cleaner.engine.document.Document`: its lines, the input line each
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

    def clean_batch(self, texts: Any, *, column: str = "text") -> Any:
        """Clean a batch and return the same kind of batch (see :mod:`cleaner.engine.batches`):
        a list for a list (``None`` and NaN pass through), a pandas Series for a Series
        (index and name kept), an Arrow array or chunked array of the same type (nulls
        kept), an Arrow table or record batch with its ``column`` cleaned.

        >>> Cleaner.from_yaml().clean_batch(["a\\n&\\n", None, "b\\n\\n\\n"])
        ['a\\n', None, 'b\\n']

        pandas: ``df["text"] = cleaner.clean_batch(df["text"])``; Hugging Face
        ``datasets``: ``ds.with_format("arrow").map(cleaner.clean_batch, batched=True)``
        or ``ds.map(lambda b: {"text": cleaner.clean_batch(b["text"])}, batched=True)``.
        """
        return clean_batch(self.clean, texts, column)

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


def _plain(value: Any) -> Any:
    """``value`` with every mapping a dict and every sequence (not a string) a list, so
    that ``yaml.safe_dump`` writes it as rule-file YAML."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


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
