"""Byte fidelity of the input formats: only what the rules mean to change changes."""

from __future__ import annotations

import gzip
import json

import pytest

from cleaner.run.formats import replace_string_value, string_value_span

DIRTY = "Body of the story.\\n&\\nAdvertisement\\n"  # as a JSON string body


def run_jsonl(run_cli, tmp_path, data: bytes, *args):
    source = tmp_path / "in.jsonl"
    source.write_bytes(data)
    code, _, err = run_cli(source, "-o", tmp_path / "out.jsonl", *args)
    out = tmp_path / "out.jsonl"
    return code, err, out.read_bytes() if out.exists() else None


@pytest.mark.parametrize("before, after", [
    # big integers, exponents, escapes in other fields, key order and spacing stay
    (b'{"id": 123456789012345678901234567890, "x": 1e2, "t": "\\u00e9\\/", "text": "%s"}',
     b'{"id": 123456789012345678901234567890, "x": 1e2, "t": "\\u00e9\\/", '
     b'"text": "Body of the story.\\n"}'),
    # a trailing \r (CRLF files) stays
    (b'{"text":"%s" ,"n":1.50}\r', b'{"text":"Body of the story.\\n" ,"n":1.50}\r'),
    # a duplicate key: the last one (what JSON parsers read) is cleaned, the first kept
    (b'{"text": "&", "text": "%s"}', b'{"text": "&", "text": "Body of the story.\\n"}'),
    # a nested field of the same name is not the text
    (b'{"meta": {"text": "&"}, "text": "%s"}',
     b'{"meta": {"text": "&"}, "text": "Body of the story.\\n"}'),
])
def test_only_the_text_value_changes(run_cli, tmp_path, before, after):
    record = before.replace(b"%s", DIRTY.encode()) if b"%s" in before else before
    code, err, out = run_jsonl(run_cli, tmp_path, record + b"\n")
    assert code == 0, err
    assert out == after + b"\n"


def test_new_value_is_escaped_like_the_old_one():
    ascii_style = b'{"text": "caf\\u00e9\\n&\\n"}'
    assert replace_string_value(ascii_style, "text", "caf\u00e9\n") == \
        b'{"text": "caf\\u00e9\\n"}'
    utf8_style = '{"text": "café\\n&\\n"}'.encode()
    assert replace_string_value(utf8_style, "text", "café\n") == '{"text": "café\\n"}'.encode()


def test_escaped_key_is_found():
    assert string_value_span(b'{"te\\u0078t": "a"}', "text") == (14, 17)
    assert string_value_span(b'{"text": 1}', "text") is None


def test_texts_without_final_newline_do_not_get_one(run_cli, tmp_path):
    data = (b'{"text": "Clean already."}\n'
            b'{"text": "Body of the story.\\n&\\nAdvertisement"}\n'
            b'{"text": "no newline at the end of the file"}')
    code, err, out = run_jsonl(run_cli, tmp_path, data)
    assert code == 0, err
    assert out == (b'{"text": "Clean already."}\n'
                   b'{"text": "Body of the story."}\n'
                   b'{"text": "no newline at the end of the file"}')


def test_utf8_bom_of_a_jsonl_file_is_kept(run_cli, tmp_path):
    data = b'\xef\xbb\xbf{"text": "' + DIRTY.encode() + b'"}\n'
    code, err, out = run_jsonl(run_cli, tmp_path, data)
    assert code == 0, err
    assert out == b'\xef\xbb\xbf{"text": "Body of the story.\\n"}\n'


def test_wrong_text_field_is_one_error_and_writes_nothing(run_cli, tmp_path):
    data = b"".join(b'{"body": "x %d"}\n' % i for i in range(500))
    code, err, out = run_jsonl(run_cli, tmp_path, data, "--text-field", "content")
    assert code == 1
    assert err.splitlines() == [f"{tmp_path / 'in.jsonl'}: error: no record has a string "
                                "field `content` (500 without it); nothing cleaned or written "
                                "(see --text-field)"]
    assert out is None


def test_many_bad_lines_are_one_line_per_reason(run_cli, tmp_path):
    data = b'{"text": "a\\n&\\n"}\n' + b"not json\n" * 300 + b'{"x": 1}\n'
    code, err, out = run_jsonl(run_cli, tmp_path, data)
    assert code == 1
    assert len(err.splitlines()) == 2, err
    assert "in.jsonl:2: error: invalid JSON" in err and "(299 more records like it)" in err
    assert out == b'{"text": "a\\n"}\n' + b"not json\n" * 300 + b'{"x": 1}\n'


def test_small_chunks_keep_bytes_and_order(tmp_path, monkeypatch):
    from cleaner import Cleaner
    from cleaner.run import runner
    from cleaner.run.runner import InputJob, Options, run

    monkeypatch.setattr(runner, "CHUNK_RECORDS", 7)
    source = tmp_path / "in.jsonl"
    lines = [b'{"n": %d, "text": "x%d\\n&\\n"}' % (i, i) for i in range(100)]
    source.write_bytes(b"\n".join(lines))
    for processes in (1, 2):
        destination = tmp_path / f"out{processes}.jsonl"
        result = run([InputJob(source, str(source), destination, "jsonl")],
                     Cleaner.from_yaml(), Options(), processes=processes)
        assert not result.failed and result.stats.documents == 100
        assert destination.read_bytes() == b"\n".join(
            b'{"n": %d, "text": "x%d\\n"}' % (i, i) for i in range(100))


def zst(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    return zstandard.ZstdCompressor().compress(data)


@pytest.mark.parametrize("suffix, compress", [(".jsonl.zst", zst), (".jsonl.gz", gzip.compress),
                                              (".txt.gz", gzip.compress)])
def test_truncated_archive_is_an_error_and_leaves_no_output(run_cli, tmp_path, monkeypatch,
                                                            suffix, compress):
    from cleaner.run import runner

    monkeypatch.setattr(runner, "CHUNK_RECORDS", 100)  # chunks written before the error
    (tmp_path / "in").mkdir()
    rows = b"".join(b'{"id": %d, "text": "row %d of the table\\n&\\n"}\n' % (i, i)
                    for i in range(3000))
    whole = compress(rows)
    (tmp_path / "in" / f"cut{suffix}").write_bytes(whole[: len(whole) // 3])
    (tmp_path / "in" / "good.jsonl").write_bytes(b'{"text": "a\\n&\\n"}\n')
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 1
    assert f"cut{suffix}: error: cannot read" in err
    assert not (tmp_path / "out" / f"cut{suffix}").exists()
    assert (tmp_path / "out" / "good.jsonl").read_bytes() == b'{"text": "a\\n"}\n'
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out", "--resume")
    assert code == 1 and f"cut{suffix}: error: cannot read" in err  # not skipped


def test_multi_frame_zst_is_read_whole(run_cli, tmp_path):
    source = tmp_path / "in.jsonl.zst"
    source.write_bytes(zst(b'{"text": "a\\n&\\n"}\n') + zst(b'{"text": "b\\n"}\n'))
    code, _, err = run_cli(source, "-o", tmp_path / "out.jsonl")
    assert code == 0, err
    assert (tmp_path / "out.jsonl").read_bytes() == b'{"text": "a\\n"}\n{"text": "b\\n"}\n'


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_text_with_a_byte_order_mark_is_written_back_in_its_encoding(run_cli, tmp_path,
                                                                     encoding):
    source = tmp_path / "in.txt"
    source.write_bytes("\ufeffقال الوزير.\n&\nAdvertisement\n".encode(encoding))
    code, _, err = run_cli(source, "-o", tmp_path / "out.txt")
    assert code == 0, err
    assert (tmp_path / "out.txt").read_bytes() == "\ufeffقال الوزير.\n".encode(encoding)


def test_utf8_bom_is_kept(run_cli, tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(b"\xef\xbb\xbfBody.\n&\n")
    code, _, _ = run_cli(source, "-o", tmp_path / "out.txt")
    assert code == 0 and (tmp_path / "out.txt").read_bytes() == b"\xef\xbb\xbfBody.\n"


@pytest.mark.parametrize("data", [
    ("قالالوزيرإنالمحادثاتمستمرة" * 200).encode("utf-16-le"),  # no NUL, no mark
    ("中文新闻报道的正文内容" * 400).encode("utf-16-le"),
])
def test_utf16_without_a_mark_is_skipped_not_mangled(run_cli, tmp_path, data):
    assert b"\x00" not in data[:8192]
    source = tmp_path / "in.txt"
    source.write_bytes(data)
    code, _, err = run_cli(source, "-o", tmp_path / "out.txt")
    assert code == 1
    assert f"{source}: error: not UTF-8 text" in err and "skipped" in err
    assert not (tmp_path / "out.txt").exists()
    assert source.read_bytes() == data


def test_mark_with_undecodable_body_is_skipped(run_cli, tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(b"\xff\xfea\x00b")  # odd length: not UTF-16
    code, _, err = run_cli(source, "-o", tmp_path / "out.txt")
    assert code == 1 and "not valid UTF-16-LE" in err
    assert not (tmp_path / "out.txt").exists()


def test_latin1_text_is_still_cleaned_with_its_bytes(run_cli, tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes("Café ouvert.\n&\n".encode("latin-1"))
    code, _, err = run_cli(source, "-o", tmp_path / "out.txt")
    assert code == 1 and "warning: invalid UTF-8 at byte 3" in err
    assert (tmp_path / "out.txt").read_bytes() == "Café ouvert.\n".encode("latin-1")


def parquet_table(tmp_path, name, columns):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(columns)
    pq.write_table(table, tmp_path / "in" / name)
    return table


def test_parquet_with_zero_rows_gives_an_empty_output(run_cli, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "in").mkdir()
    table = parquet_table(tmp_path, "empty.parquet", {
        "id": pa.array([], pa.int64()), "text": pa.array([], pa.string())})
    code, _, err = run_cli(tmp_path / "in" / "empty.parquet", "-o", tmp_path / "out.parquet")
    assert code == 0, err
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.num_rows == 0 and out.schema == table.schema


def test_parquet_text_without_final_newline_and_nulls(run_cli, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "in").mkdir()
    parquet_table(tmp_path, "a.parquet", {"text": ["Clean.", None, "Body.\n&", "x\n&\n"]})
    code, _, err = run_cli(tmp_path / "in" / "a.parquet", "-o", tmp_path / "out.parquet")
    assert code == 0, err
    assert pq.read_table(tmp_path / "out.parquet").column("text").to_pylist() == [
        "Clean.", None, "Body.", "x\n"]


@pytest.mark.parametrize("column", [[1, 2], [b"a", b"b"], [["a"], ["b"]]])
def test_parquet_text_column_of_the_wrong_type(run_cli, tmp_path, column):
    (tmp_path / "in").mkdir()
    parquet_table(tmp_path, "bad.parquet", {"text": column})
    parquet_table(tmp_path, "good.parquet", {"text": ["a\n&\n"]})
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1 and "bad.parquet: error:" in lines[0]
    assert "column `text` holds" in lines[0] and "not strings" in lines[0]
    assert (tmp_path / "out" / "good.parquet").exists()
    assert not (tmp_path / "out" / "bad.parquet").exists()


def test_orjson_and_the_scanner_agree_on_duplicate_keys():
    import orjson

    record = b'{"text": "first", "text": "last"}'
    start, end = string_value_span(record, "text")
    assert json.loads(record[start:end]) == orjson.loads(record)["text"] == "last"


def test_default_globs_take_common_names_in_any_case(run_cli, tmp_path):
    names = ["a.TXT", "b.json", "c.ndjson.gz", "d.Jsonl.ZST", "e.txt.gz", "notes.md"]
    (tmp_path / "in").mkdir()
    for name in names[:2] + names[-1:]:
        (tmp_path / "in" / name).write_bytes(b'{"text": "a\\n&\\n"}\n')
    (tmp_path / "in" / names[2]).write_bytes(gzip.compress(b'{"text": "a\\n&\\n"}\n'))
    (tmp_path / "in" / names[3]).write_bytes(zst(b'{"text": "a\\n&\\n"}\n'))
    (tmp_path / "in" / names[4]).write_bytes(gzip.compress(b"a\n&\n"))
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names[:5])
    assert gzip.decompress((tmp_path / "out" / "e.txt.gz").read_bytes()) == b"a\n"
    assert "1 files left out by the globs (e.g. notes.md)" in err


def test_empty_and_unreadable_folders_are_reported(run_cli, tmp_path, monkeypatch):
    import os

    from cleaner.cli import inputs as cli_inputs

    (tmp_path / "empty").mkdir()
    code, _, err = run_cli(tmp_path / "empty", "-o", tmp_path / "out")
    assert code == 1 and f"{tmp_path / 'empty'}: error: no input files" in err
    locked = tmp_path / "in" / "locked"
    locked.mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_bytes(b"a\n&\n")
    (locked / "b.txt").write_bytes(b"b\n")

    real_walk = os.walk

    def walk(top, onerror):  # what os.walk does with a folder it may not list (root may)
        for parent, folders, files in real_walk(top, onerror=onerror):
            if parent == str(locked):
                onerror(PermissionError(13, "Permission denied", parent))
                continue
            yield parent, folders, files

    monkeypatch.setattr(cli_inputs.os, "walk", walk)
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 1 and f"{locked}: error: cannot read folder: Permission denied" in err
    assert (tmp_path / "out" / "a.txt").read_bytes() == b"a\n"


def test_output_compression_follows_the_output_name(run_cli, tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(b"a\n&\n")
    code, _, err = run_cli(source, "-o", tmp_path / "x.txt.gz")
    assert code == 0, err
    assert gzip.decompress((tmp_path / "x.txt.gz").read_bytes()) == b"a\n"


@pytest.mark.parametrize("output", ["x.jsonl", "x.txt", "x.parquet.gz"])
def test_parquet_to_another_format_is_refused(run_cli, tmp_path, output):
    (tmp_path / "in").mkdir()
    parquet_table(tmp_path, "a.parquet", {"text": ["a\n&\n"]})
    code, _, err = run_cli(tmp_path / "in" / "a.parquet", "-o", tmp_path / output)
    assert code == 2 and "Parquet" in err and len(err.splitlines()) == 1
    assert not (tmp_path / output).exists()


def test_text_to_a_parquet_name_is_refused(run_cli, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "a"}\n')
    code, _, err = run_cli(source, "-o", tmp_path / "x.parquet")
    assert code == 2 and "cannot be written as Parquet" in err


def test_crlf_line_ends_are_kept(run_cli, tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(b"Body.\r\n&\r\nIt went on.\r\n")
    code, _, _ = run_cli(source, "-o", tmp_path / "out.txt")
    assert code == 0 and (tmp_path / "out.txt").read_bytes() == b"Body.\r\nIt went on.\r\n"
    code, err, out = run_jsonl(run_cli, tmp_path, b'{"text": "a\\r\\nb\\r\\n"}\r\n'
                                                  b'{"text": "a\\r\\n&\\r\\n"}\r\n')
    assert code == 0, err
    assert out == b'{"text": "a\\r\\nb\\r\\n"}\r\n{"text": "a\\r\\n"}\r\n'


def test_chunks_are_bounded_by_bytes_and_by_records():
    import io

    from cleaner.run.formats import iter_line_chunks

    data = b"".join(b"r%d\n" % i for i in range(1000)) + b"tail"
    chunks = list(iter_line_chunks(io.BytesIO(data), 1 << 20, 300))
    assert b"".join(chunks) == data
    assert [chunk.count(b"\n") for chunk in chunks] == [300, 300, 300, 100, 0]
    chunks = list(iter_line_chunks(io.BytesIO(data), 64, None))
    assert b"".join(chunks) == data and max(map(len, chunks)) < 64 + 8
