"""A small kind of our own, registered as a plug-in: it drops lines written in capitals.

This module and its :func:`register` call are all it takes; the rule file below uses it.
"""

from __future__ import annotations

from typing import ClassVar

from cleaner.kinds import Change, Document, Field, Kind, Stage, register


class ShoutRule(Kind):
    """Drop lines written in capitals only (``SUBSCRIBE NOW``)."""

    name = "shout"
    fields: ClassVar[dict[str, Field]] = {
        "min_letters": Field("int", 4, minimum=1, help="fewest letters a line has"),
    }

    def find(self, doc: Document) -> list[Change]:
        least = self.options["min_letters"]
        return [(index, None) for index, line in enumerate(doc.lines)
                if sum(c.isalpha() for c in line) >= least and line.isupper()]


register(Stage(ShoutRule, 30, "with the line rules"))
