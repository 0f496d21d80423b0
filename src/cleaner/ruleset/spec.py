"""Rule specifications: what a rule file says, validated, before anything is compiled.

Specs are plain frozen data. They are what a :class:`~cleaner.Cleaner` is made of and
what travels to other processes, which compile them again there.

>>> spec = RuleSpec("demo/amp", "line", "Lone ampersands.", options={"match": "&"})
>>> spec.pack
'demo'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Example", "RuleSpec"]


@dataclass(frozen=True)
class Example:
    """An input and its expected output (``output is None`` means unchanged).

    ``corpus`` holds other documents of the input's group, for corpus rules: they are
    counted with the input before the input is cleaned. ``note`` says what the example
    shows (it goes into the rule docs).
    """

    input: str
    output: str | None
    line: int = 0
    corpus: tuple[str, ...] = ()
    note: str = ""

    @property
    def expected(self) -> str:
        """The text the rule must produce."""
        return self.input if self.output is None else self.output


@dataclass(frozen=True)
class RuleSpec:
    """One validated rule: identity, kind, kind-specific options and examples;
    ``description`` (why the rule exists) and ``sources`` (where its phrasings were
    seen) are for its documentation."""

    id: str
    kind: str
    summary: str
    enabled: bool = True
    action: str = "drop"
    options: Mapping[str, Any] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    source: str = "<memory>"
    line: int = 0
    description: str = ""
    sources: tuple[str, ...] = ()

    @property
    def pack(self) -> str:
        """The pack part of the id: ``comment-policy`` for ``comment-policy/en``."""
        return self.id.rsplit("/", 1)[0]
