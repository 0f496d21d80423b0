"""Writing outputs without losing anything: temporary files, streams, stdout.

An output file is written to a temporary file beside it, named
``.NAME.clean-tmp-PID-XXXXXXXX`` (PID: the process writing it), and renamed over NAME
when complete. The temporaries a process holds are remembered, so a terminated worker
removes them before it exits; those of a killed run (its PID gone) are removed by the
next run into the same folders (:func:`sweep_stale_temporaries`).

A destination that exists and is not a regular file (``/dev/null``, a FIFO, a
terminal) is never replaced: it is written to as a stream.

>>> name = temporary_prefix(Path("out/a.txt")) + "x1y2z3"
>>> stale_owner(name, "a.txt") == os.getpid()
True
>>> stale_owner(".a.txt.4711.tmp", "a.txt") is None
True
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import CleanerError

__all__ = [
    "OutputError",
    "check_writable",
    "create_temporary",
    "forget_temporary",
    "guarded_stdout",
    "is_stream",
    "remove_live_temporaries",
    "stale_owner",
    "sweep_stale_temporaries",
    "temporary_prefix",
    "write_stdout",
    "writing_to",
]

_TEMPORARY = re.compile(r"\.(?P<name>.+)\.clean-tmp-(?P<pid>\d+)-[A-Za-z0-9_]+")
_LIVE: set[tuple[int, str]] = set()  # (process, folder/prefix) of temporaries being written


class OutputError(CleanerError):
    """Stdout cannot be written (a full disk, a closed terminal): the run stops."""


def temporary_prefix(path: Path) -> str:
    """The start of the name of a temporary file that will become ``path``."""
    return f".{path.name}.clean-tmp-{os.getpid()}-"


def stale_owner(entry: str, name: str | None = None) -> int | None:
    """The PID that owns temporary file ``entry`` (of output ``name``, if given), or None."""
    match = _TEMPORARY.fullmatch(entry)
    if match is None or (name is not None and match["name"] != name):
        return None
    return int(match["pid"])


def create_temporary(path: Path) -> tuple[int, str]:
    """Create the temporary file that will become ``path``: ``(descriptor, name)``.

    It is remembered before it exists, so that a SIGTERM at any moment, even while the
    file is being created, removes it (:func:`remove_live_temporaries`); call
    :func:`forget_temporary` once it is renamed or removed. An OSError names ``path``.
    """
    prefix = str(path.parent / temporary_prefix(path))
    _LIVE.add((os.getpid(), prefix))
    try:
        return tempfile.mkstemp(dir=path.parent, prefix=os.path.basename(prefix))
    except OSError as error:
        _LIVE.discard((os.getpid(), prefix))
        raise OSError(error.errno, error.strerror, str(path)) from None


def forget_temporary(path: Path) -> None:
    """The temporary file of output ``path`` was renamed into place or removed."""
    _LIVE.discard((os.getpid(), str(path.parent / temporary_prefix(path))))


def remove_live_temporaries() -> None:
    """Remove the temporary files this process is writing (it is being terminated);
    those a parent process was writing when it forked this one are not ours."""
    for pid, prefix in list(_LIVE):
        if pid != os.getpid():
            continue
        folder, start = os.path.split(prefix)
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith(start):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
        _LIVE.discard((pid, prefix))


def _running(pid: int) -> bool:
    """True if process ``pid`` exists and is not a zombie (dead, not yet reaped: common
    in containers whose first process reaps nothing)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        pass
    try:
        with open(f"/proc/{pid}/stat", "rb") as status:
            return status.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def sweep_stale_temporaries(destinations: Iterable[Path]) -> int:
    """Remove, in the folders of ``destinations``, the temporary files of runs that were
    killed (their process is gone); return how many were removed."""
    removed = 0
    for folder in {destination.parent for destination in destinations}:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            owner = stale_owner(entry.name)
            if owner is None or _running(owner):
                continue
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


def check_writable(folder: Path) -> None:
    """Create ``folder`` if needed and make sure a file can be written in it, before a
    run starts; an :class:`OSError` naming ``folder`` if not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=folder, prefix=temporary_prefix(folder / "probe"))
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(folder)) from None


def is_stream(path: Path) -> bool:
    """True if ``path`` exists and is neither a regular file nor a folder (a device,
    a FIFO, a socket): it is written in place, as a stream, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def writing_to(name: str) -> Iterator[None]:
    """Turn a failed write inside the block into an :class:`OutputError` naming ``name``.

    A closed pipe (``clean ... | head``) stays a :class:`BrokenPipeError`.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write to {name}: {error.strerror or error}") from None


class _GuardedStream:
    """A text stream whose failed writes are :class:`OutputError` naming it."""

    def __init__(self, stream: TextIO, name: str):
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        with writing_to(self._name):
            return self._stream.write(text)

    def flush(self) -> None:
        with writing_to(self._name):
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """Within the block, a failed ``print()`` to stdout (a full disk) is an
    :class:`OutputError` that says so (an OSError alone names no file)."""
    stdout = sys.stdout
    sys.stdout = _GuardedStream(stdout, "stdout")
    try:
        yield
    finally:
        sys.stdout = stdout


def write_stdout(data: bytes) -> None:
    """Write ``data`` to stdout; a failed write (full disk...) is an :class:`OutputError`."""
    with writing_to("stdout"):
        sys.stdout.buffer.write(data)
