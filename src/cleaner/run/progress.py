"""A one-line progress display for terminals: documents, MB, MB/s, ETA.

>>> import io
>>> out = io.StringIO()
>>> bar = Progress(total_bytes=2_000_000, stream=out, enabled=True, interval=0)
>>> bar.update(10, 1_000_000); bar.close()
>>> "10 docs" in out.getvalue() and "1.0/2.0 MB" in out.getvalue()
True
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Redraws one status line at most every ``interval`` seconds; silent when disabled."""

    def __init__(self, total_bytes: int | None, *, stream: TextIO | None = None,
                 enabled: bool = True, interval: float = 0.2):
        self.total = total_bytes
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.interval = interval
        self.started = time.perf_counter()
        self._last_draw = 0.0
        self._drawn = False

    def update(self, documents: int, done_bytes: int) -> None:
        """Record progress; redraw if enough time has passed."""
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last_draw < self.interval:
            return
        self._last_draw = now
        elapsed = max(now - self.started, 1e-9)
        rate = done_bytes / elapsed / 1e6
        size = f"{done_bytes / 1e6:.1f}"
        eta = ""
        if self.total:
            size += f"/{self.total / 1e6:.1f}"
            if rate > 0 and self.total > done_bytes:
                seconds = int((self.total - done_bytes) / 1e6 / rate)
                eta = f"  ETA {seconds // 60}:{seconds % 60:02d}"
        self.stream.write(f"\r{documents:,} docs  {size} MB  {rate:.1f} MB/s{eta}\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the status line."""
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
