"""A datatrove pipeline step: :class:`CleanerFormatter` cleans ``doc.text`` with a
:class:`~cleaner.Cleaner` (default: the built-in packs).

It is a datatrove formatter (``BaseFormatter``), placed between a reader and a writer
like ``FTFYFormatter``. What it removed goes into datatrove's own stats (the run's
``stats.json`` and the summary it logs), per rule:

- ``<rule id>:lines``: lines the rule dropped or changed (``n``: documents it touched),
- ``<rule id>:chars``: characters it removed,
- ``changed``: documents cleaning changed; ``held``: documents ``max_loss`` left as they
  were; ``dropped``: documents shorter than ``min_chars`` after cleaning (if set).

``annotate="cleaner"`` also puts ``{rule id: {"lines": n, "chars": m}}`` in
``doc.metadata["cleaner"]`` (``{}`` when nothing was removed), the record that
``clean --annotate`` writes::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("raw/"),
        CleanerFormatter(annotate="cleaner"),
        JsonlWriter("clean/"),
    ], logging_dir="logs/").run()

>>> from datatrove.data import Document
>>> step = CleanerFormatter(annotate="cleaner")
>>> [doc] = step.run([Document(text="Body.\\n&\\n", id="1")])
>>> doc.text, doc.metadata["cleaner"]
('Body.\\n', {'symbols/lone-symbol-line': {'lines': 1, 'chars': 2}})
>>> step.stats["symbols/lone-symbol-line:chars"].total
2
"""

from __future__ import annotations

from typing import Any

try:
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.typeshelper import StatHints
except ImportError as error:  # pragma: no cover - depends on what is installed
    raise ImportError(
        "cleaner.integrations.datatrove needs datatrove: pip install 'cleaner[datatrove]'"
    ) from error

from ..engine.api import Cleaner
from ..run.reports import removed_by_rule
from ..run.textio import keep_form

__all__ = ["CleanerFormatter"]


class CleanerFormatter(BaseFormatter):
    """Clean each document's text; count what each rule removed in the step's stats.

    ``cleaner``: the rules (default ``Cleaner.from_yaml()``, the built-in packs; corpus
    rules need two passes over a corpus and are refused). ``annotate``: a metadata key
    to record what was removed under. ``min_chars``: drop documents left shorter than
    this (0, the default: keep every document).
    """

    name = "🧹 cleaner"

    def __init__(self, cleaner: Cleaner | None = None, *, annotate: str | None = None,
                 min_chars: int = 0):
        super().__init__()
        self.cleaner = Cleaner.from_yaml() if cleaner is None else cleaner
        if self.cleaner.needs_frequencies:
            raise ValueError("corpus rules count lines over a whole corpus first; a "
                             "pipeline step sees one document at a time: disable them")
        if min_chars < 0:
            raise ValueError("min_chars must be 0 or more")
        self.annotate = annotate
        self.min_chars = min_chars

    def format(self, text: str) -> str:
        """The cleaned text (line ends and a missing final newline kept)."""
        return keep_form(self.cleaner.clean(text), text, record=True)

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Any:
        """Clean, count and (optionally) annotate each document; yield the ones kept."""
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                cleaned, edits = self.cleaner.explain(doc.text)
                cleaned = keep_form(cleaned, doc.text, record=True)
            removed = removed_by_rule(edits)
            for rule_id, counts in removed.items():
                self.stat_update(f"{rule_id}:lines", value=counts["lines"])
                self.stat_update(f"{rule_id}:chars", value=counts["chars"])
            if any(edit.action == "hold" for edit in edits):
                self.stat_update("held")
            if cleaned != doc.text:
                self.stat_update("changed")
            if self.annotate:
                doc.metadata[self.annotate] = removed
            doc.text = cleaned
            if len(cleaned) < self.min_chars:
                self.stat_update(StatHints.dropped)
                continue
            yield doc
