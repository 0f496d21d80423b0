"""The user's cache folder, and files in it that only ever save time.

What cleaner keeps between runs (the literals of patterns, the validated built-in
packs, compiled patterns) goes to ``$XDG_CACHE_HOME/cleaner``, or ``~/.cache/cleaner``
when that is unset or not absolute (as the XDG base directory specification says). Such
a file is read and written on a best-effort basis: one that cannot be read reads as
absent, and a folder that cannot be written is not written.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "sub" / "entry.json"
>>> read_cached(path) is None
True
>>> write_cached(path, b"{}"); read_cached(path)
b'{}'
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

__all__ = ["KEPT_VERSIONS", "cache_folder", "digest", "prune", "read_cached", "write_cached"]

#: Versions of a cached thing kept side by side (each version of the code writes its
#: own: several installs or checkouts may take turns); older ones are deleted.
KEPT_VERSIONS = 8


def digest(*parts: bytes) -> bytes:
    """A 16-byte digest of ``parts`` taken together (each ended by a NUL byte, so that
    ``b"ab", b"c"`` and ``b"a", b"bc"`` differ): what names a cached entry or a version.

    >>> len(digest(b"rules: []", b"a.yaml")), digest(b"ab", b"c") == digest(b"a", b"bc")
    (16, False)
    """
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        hashed.update(part + b"\0")
    return hashed.digest()


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/cleaner``, or ``~/.cache/cleaner``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "cleaner"


def read_cached(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def prune(folder: Path, pattern: str, keep: int = KEPT_VERSIONS) -> None:
    """Delete all but the ``keep`` most recently written entries of ``folder`` named like
    ``pattern`` (files, or folders with their files), as far as they can be deleted.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for n in range(3):
    ...     write_cached(folder / f"v{n}" / "entry", b"")
    ...     os.utime(folder / f"v{n}", (n, n))
    >>> prune(folder, "v*", keep=2); sorted(p.name for p in folder.iterdir())
    ['v1', 'v2']
    """
    try:
        entries = sorted(folder.glob(pattern), key=lambda path: path.stat().st_mtime_ns)
    except OSError:
        return
    for old in entries[:max(len(entries) - keep, 0)]:
        with contextlib.suppress(OSError):
            if old.is_dir():
                for file in old.iterdir():
                    file.unlink()
                old.rmdir()
            else:
                old.unlink()


def write_cached(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a reader sees the old file or the new one,
    whole), creating its folder; do nothing when that fails."""
    import tempfile  # only runs that met something new write

    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
