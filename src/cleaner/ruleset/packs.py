"""Where the built-in rule packs live: inside the installed package, or the source tree.

>>> [p.name for p in builtin_rule_files()][:1]
['comment-policy.yaml']
"""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["SHARED_LISTS", "builtin_lists_file", "builtin_rule_files", "builtin_rules_dir",
           "is_builtin"]

#: The file of word lists that every built-in pack may name (it holds no rules).
SHARED_LISTS = "lists.yaml"


def builtin_rules_dir() -> Path:
    """The folder of built-in packs: ``cleaner/rules`` in a wheel, ``rules/`` in a checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "rules"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "rules"


def builtin_rule_files() -> list[Path]:
    """The built-in pack files, in name order (which is also their run order)."""
    return sorted(path for path in builtin_rules_dir().glob("*.yaml")
                  if path.name != SHARED_LISTS)


def builtin_lists_file() -> Path:
    """The word lists shared by the built-in packs (see :mod:`cleaner.ruleset.wordlists`)."""
    return builtin_rules_dir() / SHARED_LISTS


@functools.lru_cache(maxsize=256)
def is_builtin(source: str) -> bool:
    """True when a rule was loaded from a built-in pack file."""
    try:
        return Path(source).resolve().parent == builtin_rules_dir().resolve()
    except OSError:
        return False
