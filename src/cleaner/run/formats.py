"""Corpus file formats: text files, JSONL (plain, ``.gz``, ``.zst``) and Parquet.

Only I/O lives here: which format a path is, how to stream it in chunks, and how to
write an output so that it appears complete or not at all.

>>> detect_format(Path("shard-001.jsonl.zst")), compression_of(Path("shard-001.jsonl.zst"))
('jsonl', 'zst')
>>> detect_format(Path("notes/article.txt"))
'text'
>>> record = b'{"id": 12345678901234567890, "text": "a\\\\n&\\\\n", "x": 1e2}\\r'
>>> replace_string_value(record, "text", "a\\n")
b'{"id": 12345678901234567890, "text": "a\\\\n", "x": 1e2}\\r'
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

from ..errors import CleanerError
from .outputs import create_temporary, forget_temporary, is_stream

__all__ = [
    "FORMATS",
    "MissingDependency",
    "atomic_output",
    "compression_of",
    "detect_format",
    "encode_string_like",
    "iter_line_chunks",
    "open_input",
    "output_mismatch",
    "replace_string_value",
    "set_value",
    "string_value_span",
    "value_span",
]

FORMATS = ("text", "jsonl", "parquet")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_DEFAULT_MODE = 0o666 & ~_umask()
_JSONL = (".jsonl", ".ndjson", ".json")


class MissingDependency(CleanerError, ImportError):
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


def output_mismatch(input_format: str, output: Path) -> str | None:
    """Why ``output``'s name cannot hold ``input_format`` data, or ``None`` if it can.

    Text and JSONL are both lines of text (any name will do, compressed by its suffix);
    Parquet bytes go only to a ``.parquet`` name, never compressed by the name.

    >>> output_mismatch("parquet", Path("out.jsonl"))
    'Parquet input cannot be written to out.jsonl (name a .parquet output)'
    >>> output_mismatch("text", Path("out.txt.gz")) is None
    True
    """
    wants_parquet = detect_format(output) == "parquet"
    if input_format == "parquet" and not wants_parquet:
        return f"Parquet input cannot be written to {output.name} (name a .parquet output)"
    if input_format != "parquet" and wants_parquet:
        return f"{input_format} input cannot be written as Parquet ({output.name})"
    if wants_parquet and compression_of(output):
        return f"Parquet output is compressed inside the file, not by name ({output.name})"
    return None


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
        return cast("IO[bytes]", gzip.open(path, "rb"))  # a GzipFile reads bytes
    if compression == "zst":
        raw = open(path, "rb")  # noqa: SIM115  (closed with the reader)
        return io.BufferedReader(_CheckedZstdReader(raw))
    return open(path, "rb")


class _CheckedZstdReader(io.RawIOBase):
    """Decompresses a ``.zst`` stream (any number of frames) and raises ``EOFError`` when
    the data ends inside a frame: a truncated file is an error, not a shorter input."""

    _READ = 1 << 16

    def __init__(self, raw: IO[bytes]):
        super().__init__()
        self._raw = raw
        self._decompressor = _zstandard().ZstdDecompressor()
        self._frame: Any = None
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            block = self._raw.read(self._READ)
            if not block:
                if self._frame is not None:
                    raise EOFError("compressed file ended before the end of its last "
                                   "zstd frame (truncated?)")
                return 0
            while block:
                if self._frame is None:
                    self._frame = self._decompressor.decompressobj()
                self._pending += self._frame.decompress(block)
                block = self._frame.unused_data if self._frame.eof else b""
                if self._frame.eof:
                    self._frame = None
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


def iter_line_chunks(stream: IO[bytes], chunk_bytes: int, max_lines: int | None = None
                     ) -> Iterator[bytes]:
    """Blocks of about ``chunk_bytes`` and at most ``max_lines`` lines that end on a
    newline (the last may not).

    The caller never splits a record: each chunk holds whole lines. The line limit keeps
    the memory of a chunk of tiny records (one object each) near that of large ones.
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
        yield from _split_lines(block[:cut], max_lines)
    if rest:
        yield rest


def _split_lines(block: bytes, max_lines: int | None) -> Iterator[bytes]:
    if max_lines is None or block.count(b"\n") <= max_lines:
        yield block
        return
    start = 0
    while start < len(block):
        end = start
        for _ in range(max_lines):
            end = block.find(b"\n", end) + 1
            if end == 0:
                end = len(block)
                break
        yield block[start:end]
        start = end


# Where a JSON string or a structural character starts; numbers, literals and whitespace
# between them are skipped (the record was already parsed, so it is valid JSON).
_JSON_MARK = re.compile(rb'["{}\[\]:,]')
_QUOTE, _COLON_CHAR, _COMMA = b'":,'
_OPEN, _CLOSE = frozenset(b"{["), frozenset(b"}]")
_KEY, _COLON, _VALUE, _NEXT = range(4)  # what comes next at the top level


def _string_end(record: bytes, start: int) -> int:
    """The offset just past the JSON string that starts (with its quote) at ``start``."""
    quote = record.find(b'"', start + 1)
    while True:
        backslashes = 0
        while record[quote - 1 - backslashes] == 0x5C:  # "\\"
            backslashes += 1
        if backslashes % 2 == 0:
            return quote + 1
        quote = record.find(b'"', quote + 1)


def value_span(record: bytes, key: str) -> tuple[int, int] | None:
    """The byte span of the value of ``key`` (any JSON value; a string with its quotes)
    in a JSON object's bytes, without the whitespace around it.

    Only top-level keys count; with a duplicate key, the last one (the one JSON parsers
    return) is found. ``None`` if there is no such key.

    >>> record = b'{"a": {"text": 1}, "n" : 1e2 , "text": "x"}'
    >>> [record[slice(*value_span(record, key))] for key in ("a", "n", "text")]
    [b'{"text": 1}', b'1e2', b'"x"']
    """
    wanted = json.dumps(key, ensure_ascii=False).encode("utf-8")
    depth = 0
    state = _KEY
    matched = False
    value_start: int | None = None
    span: tuple[int, int] | None = None
    search = _JSON_MARK.search
    mark = search(record)
    while mark is not None:
        start = mark.start()
        char = record[start]
        position = _string_end(record, start) if char == _QUOTE else start + 1
        if depth == 1:
            if state == _VALUE:
                state = _NEXT
            elif state == _KEY and char == _QUOTE:
                text = record[start:position]
                matched = text == wanted or (b"\\" in text and json.loads(text) == key)
                state = _COLON
            elif state == _COLON and char == _COLON_CHAR:
                state = _VALUE
                value_start = position if matched else None
            if value_start is not None and (char == _COMMA or char in _CLOSE):
                span = _stripped(record, value_start, start)
                value_start = None
            if char == _COMMA:
                state = _KEY
        if char in _OPEN:
            depth += 1
            if depth == 1:
                state = _KEY
        elif char in _CLOSE:
            depth -= 1
        mark = search(record, position)
    return span


def _stripped(record: bytes, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without the JSON whitespace at either end."""
    while record[start] in _JSON_SPACE:
        start += 1
    while record[end - 1] in _JSON_SPACE:
        end -= 1
    return start, end


_JSON_SPACE = frozenset(b" \t\r\n")


def string_value_span(record: bytes, key: str) -> tuple[int, int] | None:
    """The byte span (quotes included) of the string value of ``key`` in a JSON object
    (see :func:`value_span`); ``None`` if the value of ``key`` is not a string.

    >>> string_value_span(b'{"text": "a", "meta": {"text": 1}, "text" :"b"}', "text")
    (43, 46)
    """
    span = value_span(record, key)
    return span if span is not None and record[span[0]] == _QUOTE else None


def set_value(record: bytes, key: str, value: bytes) -> bytes:
    """``record`` (one JSON object's bytes) with the top-level ``key`` set to ``value``
    (JSON bytes): its old value replaced where it was, or, for a new key, ``"key": value``
    added at the end of the object, after a comma and with the spacing of the record's
    first member (``{"a": 1}`` gets ``, "k": v``; ``{"a":1}`` gets ``,"k":v``). Every
    other byte stays.

    >>> set_value(b'{"id": 7, "text": "a"}\\r', "n", b'2')
    b'{"id": 7, "text": "a", "n": 2}\\r'
    >>> set_value(b'{"id":7,"n":1}', "n", b'2'), set_value(b'{}', "n", b'2')
    (b'{"id":7,"n":2}', b'{"n":2}')
    """
    span = value_span(record, key)
    if span is not None:
        return record[:span[0]] + value + record[span[1]:]
    close = record.rindex(b"}")
    empty = record[:close].rstrip(b" \t\r\n").endswith(b"{")
    spaced = _SPACED_MEMBER.match(record)
    colon, comma = (b": ", b", ") if spaced else (b":", b",")
    name = json.dumps(key, ensure_ascii=False).encode("utf-8")
    member = name + colon + value
    return record[:close] + (member if empty else comma + member) + record[close:]


# A record whose first member is written `"key": value` (a space after the colon).
_SPACED_MEMBER = re.compile(rb'\s*\{\s*"(?:[^"\\]|\\.)*"\s*: ')


def encode_string_like(value: str, original: bytes) -> bytes:
    """``value`` as a JSON string, written the way ``original`` (a JSON string) was:
    ``\\u`` escapes for non-ASCII if ``original`` used them, else UTF-8."""
    if original.isascii() and b"\\u" in original:
        return json.dumps(value, ensure_ascii=True).encode("ascii")
    import orjson

    return orjson.dumps(value)


def replace_string_value(record: bytes, key: str, value: str) -> bytes:
    """``record`` (one JSON object's bytes) with the string value of ``key`` replaced by
    ``value``: every other byte (numbers, escapes, key order, spacing, a ``\\r``) stays.

    Raises ``KeyError`` if ``key`` has no string value at the top level.
    """
    span = string_value_span(record, key)
    if span is None:
        raise KeyError(key)
    start, end = span
    return record[:start] + encode_string_like(value, record[start:end]) + record[end:]


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
    (see :mod:`cleaner.run.outputs`).
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
                yield cast("IO[bytes]", stream)  # a GzipFile writes bytes
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
