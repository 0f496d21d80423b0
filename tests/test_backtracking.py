"""Built-in patterns run without a time limit (the limit costs ~2 µs a match), so they
must not backtrack catastrophically: each is tried on adversarial lines up to its
``max_chars``, built from its own characters, and must finish well inside a limit."""

from __future__ import annotations

import re

import pytest

from cleaner.ruleset.packs import builtin_rule_files
from cleaner.ruleset.rulefile import load_rule_file
from cleaner.text.patterns import compile_folded, compile_plain

CASES = []
for path in builtin_rule_files():
    for spec in load_rule_file(path):
        options = spec.options
        for key in ("match", "lines", "unless"):
            value = options.get(key)
            for pattern in [value] if isinstance(value, str) else value or []:
                CASES.append((spec.id, pattern, True, options.get("max_chars", 300)))
        if "pattern" in options:
            CASES.append((spec.id, options["pattern"], False, 600))


def adversarial_lines(pattern: str, length: int) -> list[str]:
    """Runs of the pattern's own literal characters and words, with a failing end."""
    words = re.findall(r"[^\W\d_]{2,}", pattern)[:12] or ["ab"]
    chars = sorted({c for c in pattern if c.isalnum() or c in " .:-|&/©«»،؟"})[:24]
    lines = []
    for piece in [*chars, *words, *(f"{w} " for w in words), " ", ". ", "- "]:
        body = (piece * (length // max(1, len(piece)) + 1))[:length]
        lines += [body, body[:-1] + "!", body[:-1] + "\u0600"]
    return lines


@pytest.mark.parametrize(("rule_id", "pattern", "folded", "max_chars"), CASES,
                         ids=[f"{c[0]}:{n}" for n, c in enumerate(CASES)])
def test_builtin_pattern_does_not_backtrack(rule_id, pattern, folded, max_chars):
    compiled = compile_folded(pattern) if folded else compile_plain(pattern)
    for line in adversarial_lines(pattern, max_chars):
        try:
            compiled.search(line, timeout=0.25)
            compiled.fullmatch(line, timeout=0.25)
        except TimeoutError:
            pytest.fail(f"{rule_id}: pattern backtracks on {line[:60]!r}…")
