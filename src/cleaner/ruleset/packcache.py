"""The built-in packs, validated once and kept in the user's cache folder.

Reading the built-in packs (400 kB of YAML) and checking every rule took a third of a
one-file run, and importing PyYAML a tenth more. What they give is a pure function of
the pack's text and of cleaner's code, so the validated rules are pickled into
``$XDG_CACHE_HOME/cleaner`` (:mod:`cleaner.usercache`): one folder per version of the
code (a digest of the modification times and sizes of cleaner's modules, Python's
version and the registered kinds), one file per pack, named by a digest of its path and
text. A pack with problems is never kept: its errors come from the YAML, with their
lines and columns, on every run. A file that is missing, cut short or not what this
module writes is read as absent, and the pack validated again. The folders of the last
few versions of the code are kept, older ones deleted (:func:`cleaner.usercache.prune`).

Only the built-in packs are kept: rule files of users are small and may use kinds of
plug-ins, and are checked on every run.
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

from ..usercache import cache_folder, digest, prune, read_cached, write_cached
from .spec import RuleSpec

__all__ = ["cached_pack"]

Specs = tuple[RuleSpec, ...]


def cached_pack(text: str, name: str, validate: Callable[[], Specs], *,
                depends_on: str = "") -> Specs:
    """The rules of the pack ``name`` whose content is ``text``: read back from the cache,
    or ``validate()`` d (which may raise RuleFileError) and kept there. ``depends_on`` is
    the content of any other file that validating it reads (the shared word lists)."""
    path = _folder() / f"{_digest(name, text, depends_on)}.pickle"
    data = read_cached(path)
    if data is not None:
        try:
            specs = pickle.loads(data)
        except Exception:  # cut short, or written by another version: validate again
            specs = None
        if isinstance(specs, tuple) and all(isinstance(spec, RuleSpec) for spec in specs):
            return specs
    specs = validate()
    write_cached(path, pickle.dumps(specs, protocol=pickle.HIGHEST_PROTOCOL))
    prune(path.parent.parent, "packs-*")
    return specs


def _digest(*parts: str) -> str:
    return digest(*(part.encode("utf-8", "surrogatepass") for part in parts)).hex()


def _folder() -> Path:
    """The folder of this version of the code: what validating a pack depends on."""
    from ..kinds import KINDS  # the kinds registered by now, plug-ins included

    kinds = sorted(f"{name}={kind.__module__}.{kind.__qualname__}"
                   for name, kind in KINDS.items())
    return cache_folder() / f"packs-{_digest(_code_stamp(), sys.version, *kinds)[:16]}"


@functools.cache
def _code_stamp() -> str:
    """Every module of cleaner, by path, modification time and size."""
    package = Path(__file__).resolve().parents[1]
    entries = []
    for folder, _subfolders, files in os.walk(package):
        for file in files:
            if file.endswith(".py"):
                status = os.stat(os.path.join(folder, file))
                entries.append(f"{folder}/{file}:{status.st_mtime_ns}:{status.st_size}")
    return _digest(*sorted(entries))
