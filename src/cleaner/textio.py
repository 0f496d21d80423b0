"""Reading and writing text files safely: the UTF-8 policy, binary files, atomic writes.

Invalid UTF-8 is never dropped: undecodable bytes are carried through cleaning as
lone surrogates (Python's ``surrogateescape``) and written back as the same bytes,
and the file is reported. Files with a NUL byte in their first 8 KiB are binary
(git's rule) and are skipped.

>>> decode_bytes(b"caf\\xe9 ok\\n")
DecodedText(text='caf\\udce9 ok\\n', first_bad_byte=3)
>>> encode_text("caf\\udce9 ok\\n")
b'caf\\xe9 ok\\n'
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .formats import atomic_output

__all__ = ["BinaryInputError", "DecodedText", "decode_bytes", "encode_text", "write_atomic"]


class BinaryInputError(ValueError):
    """The input looks binary (a NUL byte near its start): it is not cleaned."""


class DecodedText(NamedTuple):
    """Decoded text, and the offset of the first byte that was not valid UTF-8 (or None)."""

    text: str
    first_bad_byte: int | None


def decode_bytes(data: bytes) -> DecodedText:
    """Decode UTF-8, keeping invalid bytes as surrogates; raise on binary data."""
    if b"\x00" in data[:8192]:
        raise BinaryInputError("binary file (NUL byte); skipped")
    try:
        return DecodedText(data.decode("utf-8"), None)
    except UnicodeDecodeError as error:
        return DecodedText(data.decode("utf-8", "surrogateescape"), error.start)


def encode_text(text: str) -> bytes:
    """Encode to UTF-8, turning carried-through invalid bytes back into themselves."""
    return text.encode("utf-8", "surrogateescape")


def write_atomic(path: Path, data: bytes, *, like: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and an interrupted run leaves the old
    file (or none) in place. ``like`` copies that file's permission bits.
    """
    mode = like.stat().st_mode & 0o7777 if like is not None else None
    with atomic_output(path, compress=False, mode=mode) as stream:
        stream.write(data)
