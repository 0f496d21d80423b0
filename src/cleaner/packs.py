"""Where the built-in rule packs live: inside the installed package, or the source tree.

>>> [p.name for p in builtin_rule_files()][:1]
['comment-policy.yaml']
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["builtin_rule_files", "builtin_rules_dir"]


def builtin_rules_dir() -> Path:
    """The folder of built-in packs: ``cleaner/rules`` in a wheel, ``rules/`` in a checkout."""
    packaged = Path(__file__).with_name("rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_rule_files() -> list[Path]:
    """The built-in pack files, in name order (which is also their run order)."""
    return sorted(builtin_rules_dir().glob("*.yaml"))
