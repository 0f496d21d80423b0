"""Every file of the bad-input corpus (``tests/badinput/``, see its README) through every
way in: ``clean FILE -o OUT``, stdin, ``--in-place`` on a copy. What the tool did not mean
to change comes out byte for byte: a record whose text no rule changes is identical; in
a changed record only the text value's bytes differ; a file that cannot be cleaned
without losing bytes is reported (one line naming it, exit 1) and nothing is written."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import orjson
import pytest

from cleaner import Cleaner

CORPUS = Path(__file__).resolve().parent / "badinput"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix not in (".md", ".py"))

#: Not cleaned: exit 1, one error line naming the file, no output, input untouched.
SKIPPED = {
    "bom-utf16le-odd-length.txt", "utf16le-no-bom-no-nul.txt", "utf16le-no-bom.txt",
    "nul.txt", "truncated.jsonl.gz", "truncated.jsonl.zst", "not-gzip.jsonl.gz",
    "no-text-field.jsonl", "int-text.parquet", "binary-text.parquet", "list-text.parquet",
    "no-text-column.parquet",
}
#: Cleaned, with a problem reported (exit 1): undecodable bytes, records passed through.
REPORTED = {"invalid-utf8.txt", "bad-lines.jsonl", "invalid-utf8.jsonl"}
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8"))
# Every byte of a JSON line is in one token: strings, whitespace, punctuation, the rest.
TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|\s+|[{}\[\]:,]|[^{}\[\]:,\s"]+', re.DOTALL)
CLEANER = Cleaner.from_yaml()


def expected_text(text: str, record: bool) -> str:
    """What cleaning should make of ``text``: the rules' output, with the line ends of
    the input when all were CRLF, and no final newline added to a record's text."""
    cleaned = CLEANER.clean(text)
    if record and cleaned.endswith("\n") and not text.endswith(("\n", "\r")):
        cleaned = cleaned[:-1]
    crlf = text.count("\r\n")
    if crlf and crlf == text.count("\r") == text.count("\n"):
        cleaned = cleaned.replace("\n", "\r\n")
    return cleaned


def unpack(path: Path, data: bytes) -> bytes:
    if path.suffix == ".gz":
        return gzip.decompress(data)
    if path.suffix == ".zst":
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(data).read()
    return data


def check_text(source: bytes, output: bytes) -> None:
    bom, encoding = next(((m, e) for m, e in BOMS if source.startswith(m)), (b"", "utf-8"))
    errors = "surrogateescape" if encoding == "utf-8" else "strict"
    text = source[len(bom):].decode(encoding, errors)
    assert output == bom + expected_text(text, record=False).encode(encoding, errors)


def check_jsonl(source: bytes, output: bytes) -> None:
    bom = b"\xef\xbb\xbf" if source.startswith(b"\xef\xbb\xbf") else b""
    assert output.startswith(bom)
    lines_in, lines_out = source[len(bom):].split(b"\n"), output[len(bom):].split(b"\n")
    assert len(lines_in) == len(lines_out)  # no record is added, dropped or split
    for before, after in zip(lines_in, lines_out):
        try:
            record = orjson.loads(before)
        except orjson.JSONDecodeError:
            assert after == before
            continue
        text = record.get("text") if isinstance(record, dict) else None
        wanted = expected_text(text, record=True) if isinstance(text, str) else text
        if wanted == text:
            assert after == before
            continue
        tokens_in, tokens_out = TOKEN.findall(before), TOKEN.findall(after)
        assert b"".join(tokens_in) == before and b"".join(tokens_out) == after
        changed = [i for i, pair in enumerate(zip(tokens_in, tokens_out)) if pair[0] != pair[1]]
        assert len(tokens_in) == len(tokens_out) and len(changed) == 1, (before, after)
        assert json.loads(tokens_in[changed[0]]) == text
        assert json.loads(tokens_out[changed[0]]) == wanted
        assert orjson.loads(after) == {**record, "text": wanted}


def check_parquet(source: Path, output: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    before, after = pq.read_table(source), pq.read_table(output)
    assert after.schema == before.schema and after.num_rows == before.num_rows
    for name in before.column_names:
        if name != "text":
            assert after.column(name).equals(before.column(name))
    assert after.column("text").to_pylist() == [
        None if text is None else expected_text(text, record=True)
        for text in before.column("text").to_pylist()]


def check_output(source: Path, output: Path) -> None:
    if source.suffix == ".parquet":
        check_parquet(source, output)
        return
    data_in = unpack(source, source.read_bytes())
    data_out = unpack(output, output.read_bytes())
    if ".jsonl" in source.suffixes:
        check_jsonl(data_in, data_out)
    else:
        check_text(data_in, data_out)


def expected_code(source: Path) -> int:
    return 1 if source.name in SKIPPED | REPORTED else 0


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name)
def test_to_an_output_file(run_cli, tmp_path, source):
    output = tmp_path / source.name
    code, out, err = run_cli(source, "-o", output)
    assert code == expected_code(source), err
    assert out == ""
    if source.name in SKIPPED:
        assert len(err.splitlines()) == 1 and err.startswith(f"{source}: error: "), err
        assert not output.exists()
        assert list(tmp_path.iterdir()) == []  # no temporary file either
        return
    assert (err == "") == (source.name not in REPORTED), err
    assert all(source.name in line for line in err.splitlines())
    check_output(source, output)


@pytest.mark.parametrize("source", [p for p in FILES if p.suffix in (".txt", ".jsonl")],
                         ids=lambda p: p.name)
def test_from_stdin(run_cli, tmp_path, source):
    file_format = "jsonl" if source.suffix == ".jsonl" else "text"
    code, out, err = run_cli("-", "--input-format", file_format, stdin=source.read_bytes())
    assert code == expected_code(source), err
    written = out.encode("utf-8", "surrogateescape")
    if source.name in SKIPPED:
        assert written == b"" and err.startswith("<stdin>") and len(err.splitlines()) == 1
        return
    (tmp_path / source.name).write_bytes(written)
    check_output(source, tmp_path / source.name)


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name)
def test_in_place_on_a_copy(run_cli, tmp_path, source):
    copy = tmp_path / source.name
    shutil.copyfile(source, copy)
    code, _, err = run_cli(copy, "--in-place")
    assert code == expected_code(source), err
    if source.name in SKIPPED:
        assert copy.read_bytes() == source.read_bytes()
    else:
        check_output(source, copy)
    assert [p.name for p in tmp_path.iterdir()] == [source.name]  # no temporary file left
