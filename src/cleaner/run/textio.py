"""Reading and writing text files safely: encodings, binary files, atomic writes.

Invalid UTF-8 is never dropped: undecodable bytes are carried through cleaning as
lone surrogates (Python's ``surrogateescape``) and written back as the same bytes,
and the file is reported. A byte-order mark chooses UTF-8, UTF-16 or UTF-32; the text
is cleaned and written back in the same encoding, with the same mark. Files that are
not text are skipped: a NUL byte in the first 8 KiB (git's rule), or a start that is
mostly control characters or undecodable bytes (UTF-16 without a mark, a legacy
encoding): cleaning those would mangle bytes the rules cannot read.

>>> decode_bytes(b"caf\\xe9 ok\\n")
DecodedText(text='caf\\udce9 ok\\n', first_bad_byte=3, encoding='utf-8', bom=b'')
>>> encode_text("caf\\udce9 ok\\n")
b'caf\\xe9 ok\\n'
>>> decoded = decode_bytes("\\ufeffnote\\n".encode("utf-16-le"))
>>> decoded.text, decoded.encoding
('note\\n', 'utf-16-le')
>>> encode_text(decoded.text, decoded.encoding, decoded.bom) == "\\ufeffnote\\n".encode("utf-16-le")
True
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import CleanerError
from .formats import atomic_output

__all__ = ["BinaryInputError", "DecodedText", "decode_bytes", "encode_text", "keep_form",
           "keep_line_ends", "write_atomic"]

_SAMPLE = 8192
# Longest marks first: UTF-32-LE's mark starts with UTF-16-LE's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xef\xbb\xbf", "utf-8"),
)
# Above these shares of the first 8 KiB, a file without a mark is not UTF-8 text.
_MAX_CONTROL_SHARE = 0.1
_MAX_UNDECODABLE_SHARE = 0.3
#: Shares say nothing about a few characters: shorter files are judged as text (their
#: invalid bytes carried through), so a cleaned output can always be read back.
_MIN_JUDGED = 64
_CONTROL = frozenset(chr(c) for c in (*range(0x20), 0x7F)) - set("\t\n\v\f\r\x1b")


class BinaryInputError(CleanerError, ValueError):
    """The input is not text this tool can clean without losing bytes: it is skipped."""


class DecodedText(NamedTuple):
    """Decoded text, the offset of the first byte that was not valid UTF-8 (or None),
    and how to write it back: the encoding and the byte-order mark it had."""

    text: str
    first_bad_byte: int | None
    encoding: str = "utf-8"
    bom: bytes = b""


def decode_bytes(data: bytes) -> DecodedText:
    """Decode by byte-order mark, else as UTF-8 keeping invalid bytes as surrogates;
    raise :class:`BinaryInputError` on what is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return _decode_utf8(data[len(bom):], len(bom))._replace(bom=bom)
            try:
                return DecodedText(data[len(bom):].decode(encoding), None, encoding, bom)
            except UnicodeDecodeError as error:
                raise BinaryInputError(
                    f"starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} at byte {error.start + len(bom)}; skipped") from None
    if b"\x00" in data[:_SAMPLE]:
        raise BinaryInputError("binary file (NUL byte); skipped")
    decoded = _decode_utf8(data, 0)
    sample = decoded.text[:_SAMPLE]
    if len(sample) >= _MIN_JUDGED:
        control = sum(1 for char in sample if char in _CONTROL)
        undecodable = sum(1 for char in sample if "\udc80" <= char <= "\udcff")
        if control > _MAX_CONTROL_SHARE * len(sample):
            raise BinaryInputError(
                f"not UTF-8 text ({control} of the first {len(sample)} characters are "
                "control characters: UTF-16/32 without a byte-order mark?); skipped")
        if undecodable > _MAX_UNDECODABLE_SHARE * len(sample):
            raise BinaryInputError(
                f"not UTF-8 text ({undecodable} of the first {len(sample)} characters are "
                "invalid UTF-8: another encoding?); skipped")
    return decoded


def _decode_utf8(data: bytes, offset: int) -> DecodedText:
    try:
        return DecodedText(data.decode("utf-8"), None)
    except UnicodeDecodeError as error:
        return DecodedText(data.decode("utf-8", "surrogateescape"), offset + error.start)


def encode_text(text: str, encoding: str = "utf-8", bom: bytes = b"") -> bytes:
    """Encode like the input was (its encoding and byte-order mark); with UTF-8, invalid
    bytes carried through come back as themselves."""
    errors = "surrogateescape" if encoding == "utf-8" else "strict"
    return bom + text.encode(encoding, errors)


def keep_line_ends(cleaned: str, original: str) -> str:
    """``cleaned`` (lines end with ``\\n``) with ``\\r\\n`` line ends again if every line
    of ``original`` ended with ``\\r\\n``; lone ``\\r`` and mixed line ends stay ``\\n``.

    >>> keep_line_ends("a\\nb\\n", "a\\r\\n&\\r\\nb\\r\\n"), keep_line_ends("a\\n", "a\\r&\\n")
    ('a\\r\\nb\\r\\n', 'a\\n')
    """
    if "\r" not in original or "\r" in cleaned:
        return cleaned
    crlf = original.count("\r\n")
    if crlf and crlf == original.count("\r") == original.count("\n"):
        return cleaned.replace("\n", "\r\n")
    return cleaned


def keep_form(cleaned: str, original: str, *, record: bool) -> str:
    """``cleaned`` in ``original``'s form: its line ends (see :func:`keep_line_ends`),
    and, for the text of a ``record`` (a JSONL field, a Parquet cell, a datatrove
    document), no final newline where ``original`` had none.

    >>> keep_form("a\\n", "a\\n&", record=True), keep_form("a\\n", "a\\n&", record=False)
    ('a', 'a\\n')
    """
    if record and cleaned.endswith("\n") and not original.endswith(("\n", "\r")):
        cleaned = cleaned[:-1]
    return keep_line_ends(cleaned, original)


def write_atomic(path: Path, data: bytes, *, like: Path | None = None,
                 compress: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and an interrupted run leaves the old
    file (or none) in place. ``like`` copies that file's permission bits; ``compress``
    compresses by ``path``'s suffix (``.gz``, ``.zst``).
    """
    mode = like.stat().st_mode & 0o7777 if like is not None else None
    with atomic_output(path, compress=compress, mode=mode) as stream:
        stream.write(data)
