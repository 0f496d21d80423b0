"""Worker processes live and die with the run that started them.

- A worker dies with its parent: on Linux the kernel kills it when the parent dies
  (``PR_SET_PDEATHSIG``), elsewhere a watchdog thread notices the parent is gone. After
  ``kill -9`` of ``clean`` no worker goes on writing files or holding stdout open.
- A terminated worker (SIGTERM) removes the temporary files it was writing and exits.
- ``clean`` turns SIGTERM into :class:`Terminated`, which unwinds like Ctrl-C: the pool
  is stopped (:func:`stop_workers`), temporary files are removed, exit code 143.

>>> with terminate_on_sigterm():
...     signal.getsignal(signal.SIGTERM) is _raise_terminated
True
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from types import FrameType
from typing import Any

from .outputs import remove_live_temporaries

__all__ = ["EXIT_TERMINATED", "Terminated", "guard_worker", "stop_workers",
           "terminate_on_sigterm"]

#: The exit code after SIGTERM, as a shell reports a process it terminated (128 + 15).
EXIT_TERMINATED = 128 + signal.SIGTERM
_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.25


class Terminated(BaseException):
    """``clean`` received SIGTERM (a BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` on the way swallows it)."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


@contextlib.contextmanager
def terminate_on_sigterm() -> Iterator[None]:
    """Within the block (main thread only), SIGTERM raises :class:`Terminated`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_terminated(signum: int, frame: FrameType | None) -> None:
    remove_live_temporaries()
    os._exit(EXIT_TERMINATED)


def _kill_on_parent_death() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # only worker processes get here
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os.kill(os.getpid(), signal.SIGKILL)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def guard_worker(main: int) -> None:
    """Run first in a worker process of the run in process ``main``: die with its
    parent, leave Ctrl-C to the main process, and remove temporary files when
    terminated."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_terminated)
    parent = os.getppid()  # ``main``, or a fork server that exits with it
    if parent != main and not _running(main):
        os._exit(EXIT_TERMINATED)
    if not _kill_on_parent_death():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                         name="cleaner-parent-watch").start()
    elif os.getppid() != parent:  # it died before the kernel was told to watch it
        os._exit(EXIT_TERMINATED)


def stop_workers(pool: Any, grace: float = 5.0) -> None:
    """Terminate the worker processes of a ``ProcessPoolExecutor`` now (they remove
    their temporary files), kill those still alive after ``grace`` seconds, cancel what
    was queued, and wait for the pool's manager thread (left running, it races with
    the interpreter's exit and prints a traceback)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1.0)
    pool.shutdown(wait=True, cancel_futures=True)
