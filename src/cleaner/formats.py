"""Corpus file formats: text files, JSONL (plain, ``.gz``, ``.zst``) and Parquet.

Only I/O lives here: which format a path is, how to stream it in chunks, and how to
write an output so that it appears complete or not at all.

>>> detect_format(Path("shard-001.jsonl.zst")), compression_of(Path("shard-001.jsonl.zst"))
('jsonl', 'zst')
>>> detect_format(Path("notes/article.txt"))
'text'
"""

from __future__ import annotations

import contextlib
import gzip
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .outputs import create_temporary, forget_temporary, is_stream

__all__ = [
    "FORMATS",
    "MissingDependency",
    "atomic_output",
    "compression_of",
    "detect_format",
    "iter_line_chunks",
    "open_input",
]

FORMATS = ("text", "jsonl", "parquet")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_DEFAULT_MODE = 0o666 & ~_umask()
_JSONL = (".jsonl", ".ndjson", ".json")


class MissingDependency(ImportError):
    """An optional package that this input or output needs is not installed."""


def compression_of(path: Path) -> str | None:
    """``gz``, ``zst`` or ``None``, from the file name."""
    suffix = path.suffix.lower()
    return {".gz": "gz", ".zst": "zst", ".zstd": "zst"}.get(suffix)


def detect_format(path: Path) -> str:
    """``jsonl`` or ``parquet`` by suffix (under any compression suffix), else ``text``."""
    name = path.name.lower()
    if compression_of(path):
        name = name.rsplit(".", 1)[0]
    if name.endswith(_JSONL):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    return "text"


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError:
        raise MissingDependency(
            "reading or writing .zst needs the zstandard package: pip install 'cleaner[zstd]'"
        ) from None
    return zstandard


def open_input(path: Path) -> IO[bytes]:
    """A binary stream of ``path``'s content, decompressed by its suffix."""
    compression = compression_of(path)
    if compression == "gz":
        return gzip.open(path, "rb")
    if compression == "zst":
        raw = open(path, "rb")  # noqa: SIM115  (closed with the reader)
        return _zstandard().ZstdDecompressor().stream_reader(raw, closefd=True)
    return open(path, "rb")


def iter_line_chunks(stream: IO[bytes], chunk_bytes: int) -> Iterator[bytes]:
    """Blocks of about ``chunk_bytes`` that end on a newline (the last may not).

    The caller never splits a record: each chunk holds whole lines.
    """
    rest = b""
    while True:
        block = stream.read(chunk_bytes)
        if not block:
            break
        block = rest + block
        cut = block.rfind(b"\n") + 1
        if cut == 0:
            rest = block
            continue
        rest = block[cut:]
        yield block[:cut]
    if rest:
        yield rest


@contextlib.contextmanager
def atomic_output(
    path: Path, *, compress: bool = True, mode: int | None = None
) -> Iterator[IO[bytes]]:
    """A binary stream that becomes ``path`` only when the block ends without error.

    Data goes to a temporary file beside ``path`` (compressed by ``path``'s suffix when
    ``compress``), renamed over ``path`` at the end: readers and ``--resume`` never
    see a half-written output. ``mode`` sets the permission bits (default: what a plain
    ``open()`` would give, not the private 0600 of temporary files). A symbolic link
    stays a link: its target is replaced. A device or FIFO is written to as a stream
    (see :mod:`cleaner.outputs`).
    """
    temporary = None
    if is_stream(path):
        raw = open(path, "wb")  # noqa: SIM115  (closed below)
    else:
        if path.is_symlink():
            path = Path(os.path.realpath(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = create_temporary(path)
        raw = os.fdopen(handle, "wb")
    compression = compression_of(path) if compress else None
    try:
        if compression == "gz":
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as stream:
                yield stream
        elif compression == "zst":
            with _zstandard().ZstdCompressor(level=3).stream_writer(raw, closefd=False) as stream:
                yield stream
        else:
            yield raw
        raw.close()
        if temporary is not None:
            os.chmod(temporary, _DEFAULT_MODE if mode is None else mode)
            os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            raw.close()
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        if temporary is not None:
            forget_temporary(path)
