"""Compiled patterns, kept between runs in the user's cache folder.

The ``regex`` module parses and optimises a pattern in Python: the patterns a one-file
run compiles (those its lines offered a match, see :mod:`cleaner.text.prefilter`) took
a tenth of it, a 1,400-character date pattern alone 0.02 s. A compiled pattern pickles
as what the compiler made of it (``regex``'s own pickling: loading one runs no parser),
so each pattern compiled is kept in ``$XDG_CACHE_HOME/cleaner`` (see
:mod:`cleaner.usercache`): one folder per version of ``regex`` and of Python, one file
per pattern and flags, named by their digest, holding a digest of the pickle and the
pickle. A file that is missing, cut short, altered, or not the pattern asked for reads
as absent, and the pattern is compiled again; a folder that cannot be written is not
written. Past :data:`MAX_ENTRIES` files, a folder starts afresh (the patterns of rule
files edited, or made by programs, over months would otherwise pile up); the folders
of the last few versions are kept, older ones deleted.

>>> first = cached_compile("read more.*", regex.IGNORECASE)
>>> again = cached_compile("read more.*", regex.IGNORECASE)  # read back from the file
>>> again is not first and again.pattern == first.pattern and bool(again.match("READ MORE"))
True
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import sys
from pathlib import Path

import regex

from ..usercache import cache_folder, digest, prune, read_cached, write_cached

__all__ = ["MAX_ENTRIES", "cached_compile"]

#: Files a folder keeps (the built-in packs hold about a thousand patterns).
MAX_ENTRIES = 10_000
_CHECK_BYTES = 16  # the digest of the pickle (usercache.digest), in front of it


def cached_compile(pattern: str, flags: int) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, read from the cache when an earlier run kept it
    (errors of the pattern are raised as the compiler raises them; nothing is kept)."""
    key = digest(pattern.encode("utf-8", "surrogatepass"),
                  f"{int(flags)} {regex.DEFAULT_VERSION}".encode())
    path = _folder() / f"{key.hex()}.pickle"
    data = read_cached(path)
    if data is not None:
        compiled = _loaded(data, pattern)
        if compiled is not None:
            return compiled
    compiled = regex.compile(pattern, flags)
    payload = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
    write_cached(path, digest(payload) + payload)
    _start_afresh_past_the_limit(path)
    prune(path.parent.parent, "patterns-*")
    return compiled


def _start_afresh_past_the_limit(kept: Path) -> None:
    """Delete every file of ``kept``'s folder but ``kept`` once it holds more than
    :data:`MAX_ENTRIES`, as far as they can be deleted."""
    with contextlib.suppress(OSError):
        names = os.listdir(kept.parent)
        if len(names) > MAX_ENTRIES:
            for name in names:
                if name != kept.name:
                    with contextlib.suppress(OSError):
                        os.unlink(kept.parent / name)


def _loaded(data: bytes, pattern: str) -> regex.Pattern[str] | None:
    """The compiled pattern a cache file holds, or None when it is not whole and sound."""
    check, payload = data[:_CHECK_BYTES], data[_CHECK_BYTES:]
    if check != digest(payload):  # cut short or altered
        return None
    try:
        compiled = pickle.loads(payload)
    except Exception:  # written by another version
        return None
    if isinstance(compiled, regex.Pattern) and compiled.pattern == pattern:
        return compiled
    return None


def _folder() -> Path:
    """The folder of this version of ``regex`` (what its pickles hold) and of Python."""
    return cache_folder() / f"patterns-{_stamp()}"


@functools.cache
def _stamp() -> str:
    return digest(regex.__version__.encode(), sys.version.encode()).hex()[:16]
