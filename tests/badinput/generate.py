"""Write the bad-input corpus of this folder (run from the repository root:
``python tests/badinput/generate.py``). What each file is: README.md here."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard

HERE = Path(__file__).resolve().parent
ARABIC = "قال الوزير إن المحادثات مستمرة.\n&\nشارك الخبر\n"
DIRTY = b'"Body of the story.\\n&\\nAdvertisement\\nIt went on.\\n"'


def jsonl(*records: bytes) -> bytes:
    return b"".join(records)


FILES: dict[str, bytes] = {
    # text files
    "invalid-utf8.txt": "Café ouvert.\n&\nLe marché était plein.\n".encode("latin-1"),
    "crlf.txt": b"Body of the story.\r\n&\r\nAdvertisement\r\nIt went on.\r\n",
    "cr.txt": b"Body of the story.\r&\rIt went on.\r",
    "mixed-newlines.txt": b"Body of the story.\r\n&\nIt went on.\rThe end.\n",
    "bom-utf8.txt": b"\xef\xbb\xbf" + ARABIC.encode("utf-8"),
    "bom-utf16le.txt": ("\ufeff" + ARABIC).encode("utf-16-le"),
    "bom-utf16be.txt": ("\ufeff" + ARABIC).encode("utf-16-be"),
    "bom-utf32le.txt": ("\ufeff" + ARABIC).encode("utf-32-le"),
    "bom-utf32be.txt": ("\ufeff" + ARABIC).encode("utf-32-be"),
    "bom-utf16le-odd-length.txt": ("\ufeff" + ARABIC).encode("utf-16-le") + b"\x00",
    "utf16le-no-bom-no-nul.txt": ("قالالوزيرإنالمحادثاتمستمرة" * 200).encode("utf-16-le"),
    "utf16le-no-bom.txt": "Body of the story.\n&\n".encode("utf-16-le"),
    "nul.txt": b"PK\x03\x04\x14\x00\x00\x00\x08\x00body\n",
    "empty.txt": b"",
    "no-final-newline.txt": b"Body of the story.\n&",
    "clean-already.txt": b"Body of the story.\n\nIt went on.\n",
    "only-debris.txt": b"&\n\n\nAdvertisement\n",
    "control-chars.txt": b"Body\x07 of the story.\n&\n",
    "article.txt.gz": gzip.compress(b"Body of the story.\n&\n", mtime=0),
    # JSONL
    "big-numbers.jsonl": jsonl(
        b'{"id": 123456789012345678901234567890, "x": 1e2, "y": -0.0, "z": 1.50, "text": '
        + DIRTY + b'}\n',
        b'{"id": 98765432109876543210, "text": "Clean already.\\n", "x": 1E+2}\n'),
    "duplicate-key.jsonl": b'{"text": "&\\n", "id": 1, "text": ' + DIRTY + b'}\n',
    "escapes.jsonl": jsonl(
        b'{"url": "https:\\/\\/example.com\\/a", "t": "\\u00e9\\ud83d\\ude00\\t", "text": '
        b'"caf\\u00e9 \\"quoted\\"\\n&\\n"}\n',
        '{"text": "café «x»\\n&\\n", "note": "\\u00e9"}\n'.encode(),
        b'{"text": "\\u0642\\u0627\\u0644\\n&\\n"}\n'),
    "odd-whitespace.jsonl": b'  { "text" :\t' + DIRTY + b' ,  "n" : [ 1 , 2 ] }   \n',
    "crlf.jsonl": jsonl(b'{"text": ' + DIRTY + b'}\r\n', b'{"text": "Clean.\\n"}\r\n'),
    "crlf-text.jsonl": jsonl(b'{"text": "Body.\\r\\n&\\r\\nIt went on.\\r\\n"}\n',
                             b'{"text": "a\\r\\nb\\r\\n"}\n'),
    "blank-lines.jsonl": jsonl(b"\n", b'{"text": ' + DIRTY + b'}\n', b"   \n", b"\n",
                               b'{"text": "Clean.\\n"}\n'),
    "bad-lines.jsonl": jsonl(b'{"text": ' + DIRTY + b'}\n', b"not json\n", b'{"text": 1}\n',
                             b"[1, 2]\n", b'{"body": "x"}\n', b'{"text": "ab\n',
                             b'{"text": ' + DIRTY + b'}\n'),
    "no-final-newline.jsonl": jsonl(b'{"text": "Clean already."}\n',
                                    b'{"text": "Body of the story.\\n&"}\n',
                                    b'{"text": "Body.\\n&\\nIt went on."}'),
    "bom.jsonl": b"\xef\xbb\xbf" + b'{"text": ' + DIRTY + b'}\n{"text": "Clean.\\n"}\n',
    "empty.jsonl": b"",
    "invalid-utf8.jsonl": jsonl(b'{"text": "caf\xe9\\n&\\n"}\n', b'{"text": ' + DIRTY + b'}\n'),
    "nested-text.jsonl": (b'{"meta": {"text": "&\\n"}, "text": ' + DIRTY
                          + b', "a": [{"text": 1}]}\n'),
    "no-text-field.jsonl": b'{"body": "x\\n&\\n"}\n{"body": "y"}\n',
    "unicode-mojibake.jsonl": '{"text": "CafÃ© ouvert.\\n&amp;\\n", "k": "v"}\n'.encode(),
}


def write_compressed() -> None:
    rows = b"".join(b'{"id": %d, "text": "row %d of the table\\n&\\n"}\n' % (i, i)
                    for i in range(2000))
    whole_gz = gzip.compress(rows, mtime=0)
    whole_zst = zstandard.ZstdCompressor().compress(rows)
    FILES["ok.jsonl.gz"] = gzip.compress(rows[:rows.index(b"\n", 400) + 1], mtime=0)
    FILES["ok.jsonl.zst"] = zstandard.ZstdCompressor().compress(rows[:rows.index(b"\n", 400) + 1])
    FILES["truncated.jsonl.gz"] = whole_gz[: len(whole_gz) // 3]
    FILES["truncated.jsonl.zst"] = whole_zst[: len(whole_zst) // 3]
    FILES["not-gzip.jsonl.gz"] = b"not gzip at all\n"


def write_parquet() -> None:
    tables = {
        "nulls.parquet": pa.table({
            "id": pa.array([1, None, 3, 4], pa.int64()),
            "text": pa.array(["Body.\n&\n", None, "Body.\n&", "Clean already."]),
            "score": pa.array([0.5, None, 1e2, -0.0])}),
        "zero-rows.parquet": pa.table({"id": pa.array([], pa.int64()),
                                       "text": pa.array([], pa.string())}),
        "large-string.parquet": pa.table({"text": pa.array(["a\n&\n", "b"], pa.large_string())}),
        "int-text.parquet": pa.table({"text": pa.array([1, 2], pa.int64())}),
        "binary-text.parquet": pa.table({"text": pa.array([b"a\n&\n"], pa.binary())}),
        "list-text.parquet": pa.table({"text": pa.array([["a"], ["b"]])}),
        "no-text-column.parquet": pa.table({"body": pa.array(["a\n&\n"])}),
    }
    for name, table in tables.items():
        pq.write_table(table, HERE / name)


def main() -> None:
    write_compressed()
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
    write_parquet()


if __name__ == "__main__":
    main()
