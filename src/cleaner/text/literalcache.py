"""The literal sets of patterns, kept between runs in the user's cache folder.

Reading a pattern's literals (:func:`cleaner.text.prefilter.required_literals`) parses
it, and the built-in packs hold hundreds of patterns, some of them long word lists:
that parsing was the largest part of a one-file run. The result is a pure function of
the pattern's text, the ``casefold`` flag, the code that reads it and Python's
parser, so it is kept in ``$XDG_CACHE_HOME/cleaner`` (``~/.cache/cleaner`` without it):
one JSON file per version of that code (the ``stamp`` in its name), its entries keyed
by a digest of the pattern.

The cache only ever saves time (:mod:`cleaner.usercache`). A missing, unreadable or
corrupt file, or an entry of the wrong shape, reads as absent (the literals are
computed again); a folder that cannot be written is not written; two processes saving
at once each write a whole file, and the last one stays.

>>> import tempfile
>>> cache = LiteralCache(Path(tempfile.mkdtemp()) / "literals.json")
>>> "read more.*" in cache
False
>>> cache.put("read more.*", True, frozenset({"read more"})); cache.save()
>>> LiteralCache(cache.path).get("read more.*", True)
frozenset({'read more'})
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..usercache import prune, read_cached, write_cached

__all__ = ["LiteralCache"]

#: Entries a file keeps: past it, a save starts afresh with this process's entries
#: (patterns edited over months would otherwise pile up).
MAX_ENTRIES = 20_000


class LiteralCache:
    """The literal sets known for patterns, read from and saved to ``path``."""

    def __init__(self, path: Path):
        self.path = path
        self._entries: dict[str, Any] | None = None  # read on first use
        self._new: dict[str, list[str] | None] = {}

    @staticmethod
    def _key(pattern: str, casefold: bool) -> str:
        text = ("1" if casefold else "0") + pattern
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _read(self) -> dict[str, Any]:
        data = read_cached(self.path)
        try:
            entries = json.loads(data) if data is not None else {}
        except ValueError:  # not JSON, or not UTF-8
            return {}
        return entries if isinstance(entries, dict) else {}

    def get(self, pattern: str, casefold: bool) -> frozenset[str] | None:
        """The literal set saved for ``pattern`` (None: it has none); KeyError when there
        is none saved, or the entry is not what this module writes."""
        if self._entries is None:
            self._entries = self._read()
        key = self._key(pattern, casefold)
        value = self._entries.get(key, ())
        if value is None:
            return None
        if isinstance(value, list) and value and all(isinstance(s, str) and s for s in value):
            return frozenset(value)
        raise KeyError(pattern)

    def __contains__(self, pattern: str) -> bool:
        """True when the literals of ``pattern`` (matched casefolded) are known."""
        try:
            self.get(pattern, True)
        except KeyError:
            return False
        return True

    def put(self, pattern: str, casefold: bool, literals: frozenset[str] | None) -> None:
        """Remember the literal set of ``pattern``, to save with :meth:`save`."""
        key = self._key(pattern, casefold)
        value = None if literals is None else sorted(literals)
        self._new[key] = value
        if self._entries is not None:
            self._entries[key] = value

    def save(self) -> None:
        """Write the entries put since the last save (with those already in the file),
        atomically; do nothing when there are none or the folder cannot be written."""
        if not self._new:
            return
        entries = self._read()
        if len(entries) + len(self._new) > MAX_ENTRIES:
            entries = {}
        entries.update(self._new)
        self._new = {}
        data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
        write_cached(self.path, data.encode("utf-8", "surrogatepass"))
        prune(self.path.parent, "literals-*.json")
