"""Choosing which loaded rules run: ``enabled`` defaults, ``--enable`` and ``--disable``.

A selector is a pack name (``comment-policy``), a rule id (``comment-policy/en``) or
``all``. The most specific selector that names a rule decides; without one, the rule's
own ``enabled`` value does.

>>> from cleaner import RuleSpec
>>> specs = [RuleSpec("a/x", "line", "x"), RuleSpec("a/y", "line", "y", enabled=False)]
>>> [s.id for s in select(specs, enable=["a/y"], disable=["a"])]
['a/y']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import CleanerError
from .problems import did_you_mean
from .spec import RuleSpec

__all__ = ["SelectionError", "select"]


class SelectionError(CleanerError, ValueError):
    """A selector names no loaded pack or rule, or is both enabled and disabled."""


def _specificity(selector: str, spec: RuleSpec) -> int:
    if selector == spec.id:
        return 3 + selector.count("/")
    if spec.id.startswith(selector + "/"):
        return 1 + selector.count("/")
    if selector == "all":
        return 0
    return -1


def select(
    specs: Sequence[RuleSpec], enable: Iterable[str] = (), disable: Iterable[str] = ()
) -> list[RuleSpec]:
    """The specs that run, in their load order."""
    enable, disable = list(enable), list(disable)
    names = {"all"} | {s.id for s in specs}
    for spec in specs:
        parts = spec.id.split("/")
        names.update("/".join(parts[:n]) for n in range(1, len(parts)))
    for selector in enable + disable:
        if selector not in names:
            hint = did_you_mean(selector, sorted(names))
            raise SelectionError(
                f"unknown rule or pack `{selector}`" + (f"; {hint}" if hint else "")
            )
    both = set(enable) & set(disable)
    if both:
        raise SelectionError(f"`{sorted(both)[0]}` is both enabled and disabled")
    chosen = []
    for spec in specs:
        best, enabled = -1, spec.enabled
        for selector, value in [(s, True) for s in enable] + [(s, False) for s in disable]:
            level = _specificity(selector, spec)
            if level > best:
                best, enabled = level, value
        if enabled:
            chosen.append(spec)
    return chosen
