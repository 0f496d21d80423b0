"""Rule documentation generated from the rules themselves (``clean rules docs``).

Each rule's id, kind, whether it runs by default, its summary, and its examples: what
it removes and what it keeps. ``docs/builtin-rules.md`` is this output for the built-in
packs, and a test keeps it up to date.

>>> from cleaner.spec import Example, RuleSpec
>>> spec = RuleSpec("x/amp", "line", "Lone ampersands.", source="x.yaml",
...                 examples=(Example("a\\n&\\n", "a\\n"),))
>>> print(rules_markdown([spec]).splitlines()[2])
## `x`
"""

from __future__ import annotations

from collections.abc import Sequence

from .spec import RuleSpec

__all__ = ["rules_markdown"]


def _block(text: str) -> str:
    return "\n".join(f"    {line}" if line else "    ⏎" for line in text.rstrip("\n").split("\n"))


def rules_markdown(specs: Sequence[RuleSpec]) -> str:
    """A Markdown page describing ``specs``, pack by pack."""
    lines = ["# Rules", ""]
    pack = None
    for spec in specs:
        if spec.pack != pack:
            pack = spec.pack
            lines += [f"## `{pack}`", ""]
        state = "on by default" if spec.enabled else "off by default (`--enable`)"
        lines += [f"### `{spec.id}`", "", f"{spec.summary}", "",
                  f"Kind `{spec.kind}`, {state}.", ""]
        vocabulary = spec.options.get("vocabulary")
        if vocabulary:
            lines += ["Vocabulary:", ""]
            lines += [f"- `{name}`: {', '.join(words)}" for name, words in vocabulary.items()]
            lines += [""]
        for example in spec.examples:
            if example.output is None:
                lines += ["Kept as it is:", "", _block(example.input), ""]
            else:
                lines += ["Input:", "", _block(example.input), "", "Output:", "",
                          _block(example.output) if example.output else "    (empty)", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
