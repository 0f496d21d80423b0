"""Problems found in rule files, reported the way compilers report them.

One parsable first line (``file:line:col: error[code] message``), then the source
line with a caret under the column, then an optional hint:

>>> p = Problem("site.yaml", 2, 5, "unknown-field", "unknown field `acton`",
...             "did you mean `action`?")
>>> print(p.render(["rules:", "  - acton: drop"]))
site.yaml:2:5: error[unknown-field] unknown field `acton`
   2 |   - acton: drop
     |     ^
  help: did you mean `action`?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import CleanerError

__all__ = ["Problem", "RuleFileError", "did_you_mean"]


@dataclass(frozen=True)
class Problem:
    """One error in one rule file, with a 1-based line and column (0: the whole file)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = None

    def headline(self) -> str:
        """The one parsable line: ``path:line:col: error[code] message``, or
        ``path: error[code] message`` for a problem of the whole file (line 0), such as a
        file that is missing.

        >>> print(Problem("gone.yaml", 0, 0, "no-file", "rule file not found").headline())
        gone.yaml: error[no-file] rule file not found
        """
        where = f"{self.path}:{self.line}:{self.column}" if self.line > 0 else self.path
        return f"{where}: error[{self.code}] {self.message}"

    def render(self, source_lines: Sequence[str] = ()) -> str:
        """The headline, the source line with a caret, and the hint."""
        parts = [self.headline()]
        if 0 < self.line <= len(source_lines):
            gutter = " " * len(str(self.line))
            parts.append(f"   {self.line} | {source_lines[self.line - 1]}")
            parts.append(f"   {gutter} | {' ' * (self.column - 1)}^")
        if self.hint:
            parts.append(f"  help: {self.hint}")
        return "\n".join(parts)


class RuleFileError(CleanerError):
    """Every problem found in the rule files that were loaded; nothing was compiled.

    ``str(error)`` is one headline per problem; :meth:`render` adds source lines.
    """

    def __init__(self, problems: Iterable[Problem], sources: dict[str, str] | None = None):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        self.sources = sources or {}
        super().__init__("\n".join(p.headline() for p in self.problems))

    def render(self) -> str:
        """Every problem with its source line, caret and hint."""
        return "\n".join(
            p.render(self.sources.get(p.path, "").splitlines()) for p in self.problems
        )


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest of ``choices`` to ``word``, if one is close.

    >>> did_you_mean("acton", ["action", "kind"])
    'did you mean `action`?'
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None
