"""``clean --annotate FIELD`` and ``--min-chars N`` on JSONL and Parquet: the record of
what each rule removed, outputs identical byte for byte apart from it, records dropped
when cleaning leaves them too short."""

from __future__ import annotations

import json
import re

import pytest

from cleaner.cli.main import main
from cleaner.run.formats import set_value, value_span

RECORDS = [
    b'{"id": 12345678901234567890, "text": "Body.\\n&\\nThe minister spoke.\\n", "x": 1e2}\r',
    b'{"id":2,"text":"&\\nShort","meta":{"text":"&"}}',
    b'{"id": 3, "text": "Nothing to remove here.", "tags": ["a", "b"]}',
    b'{"id": 4}',
    b'not json',
    b'',
    b'{ "text" : "\\u0642\\u0627\\u0644\\n&\\n" , "n" : null }',
]
INPUT = b"\n".join(RECORDS) + b"\n"


def _run(tmp_path, *options, name="in.jsonl"):
    source = tmp_path / name
    source.write_bytes(INPUT)
    out = tmp_path / f"out{len(list(tmp_path.iterdir()))}.jsonl"
    code = main([str(source), "-o", str(out), "-q", *options])
    return code, out.read_bytes()


def test_annotate_adds_one_field_and_changes_no_other_byte(tmp_path):
    code, plain = _run(tmp_path)
    assert code == 1  # the records without a text are reported
    code, annotated = _run(tmp_path, "--annotate", "cleaner")
    assert code == 1
    plain_lines, annotated_lines = plain.split(b"\n"), annotated.split(b"\n")
    assert len(plain_lines) == len(annotated_lines)
    added = re.compile(rb'(, ?)?"cleaner": ?\{(?:[^{}]|\{[^{}]*\})*\}(?=\s*\}\r?$)')
    for before, after in zip(plain_lines, annotated_lines):
        assert added.sub(b"", after, count=1) == before
    records = [json.loads(line) if line.startswith(b"{") else None for line in annotated_lines]
    assert records[0]["cleaner"] == {"symbols/lone-symbol-line": {"lines": 1, "chars": 2}}
    assert records[0]["id"] == 12345678901234567890
    assert records[2]["cleaner"] == {}  # a text nothing removed gets an empty record
    assert "cleaner" not in records[3]  # no text: passed through untouched
    assert annotated_lines[4] == b"not json"
    assert annotated_lines[0].endswith(b'"x": 1e2, "cleaner": '
                                       b'{"symbols/lone-symbol-line":{"lines":1,"chars":2}}}\r')
    assert annotated_lines[1].endswith(b'"meta":{"text":"&"},"cleaner":'
                                       b'{"symbols/lone-symbol-line":{"lines":1,"chars":2}}}')


def test_annotate_replaces_a_field_of_that_name(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "Body.\\n&\\n", "cleaner": [1, 2], "z": 0}\n')
    assert main([str(source), "-o", str(tmp_path / "out.jsonl"), "--annotate", "cleaner"]) == 0
    assert (tmp_path / "out.jsonl").read_bytes() == (
        b'{"text": "Body.\\n", "cleaner": {"symbols/lone-symbol-line":{"lines":1,"chars":2}}, '
        b'"z": 0}\n')


def test_min_chars_drops_short_records_counts_and_explains_them(tmp_path, capsys):
    code, plain = _run(tmp_path)
    code, kept = _run(tmp_path, "--min-chars", "6", "--stats", "--explain",
                      "--stats-json", str(tmp_path / "stats.json"))
    assert code == 1
    plain_lines, kept_lines = plain.split(b"\n"), kept.split(b"\n")
    # `Short` (5 characters) and the Arabic record (4) are dropped; every other line stays.
    assert kept_lines == [line for number, line in enumerate(plain_lines) if number not in (1, 6)]
    err = capsys.readouterr().err
    assert "in.jsonl#2: min-chars: record dropped, 5 characters left (fewer than 6)" in err
    assert "2 dropped: shorter than --min-chars after cleaning" in err
    stats = json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))
    assert stats["dropped_documents"] == 2


def test_min_chars_is_off_by_default_and_keeps_empty_texts(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "&\\n"}\n')
    assert main([str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert (tmp_path / "out.jsonl").read_bytes() == b'{"text": ""}\n'


def test_parquet_annotation_column_and_dropped_rows(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": [1, 2, 3], "text": ["Body.\n&\nMore text.\n", "&\nab", None]})
    pq.write_table(table, tmp_path / "in.parquet")
    assert main([str(tmp_path / "in.parquet"), "-o", str(tmp_path / "plain.parquet")]) == 0
    assert main([str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.parquet"),
                 "--annotate", "removed", "--min-chars", "3"]) == 0
    plain = pq.read_table(tmp_path / "plain.parquet")
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.schema.names == ["id", "text", "removed"]
    assert out.drop_columns(["removed"]).equals(plain.filter(pa.array([True, False, True])))
    assert out.column("removed").to_pylist() == [
        [("symbols/lone-symbol-line", {"lines": 1, "chars": 2})], None]


@pytest.mark.parametrize("options, message", [
    (["--annotate", "text"], "--annotate text would overwrite the text field"),
    (["--annotate", "a"], "--annotate work on JSONL and Parquet records; "),
    (["--min-chars", "5"], "--min-chars work on JSONL and Parquet records; "),
])
def test_bad_use_is_one_line_and_exit_2(tmp_path, capsys, options, message):
    (tmp_path / "a.txt").write_text("Body.\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    inputs = [str(tmp_path / "b.jsonl")] if "text" in options else [str(tmp_path / "a.txt")]
    assert main([*inputs, *options]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_min_chars_must_be_a_whole_number(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--min-chars", "-3", "x.jsonl"])
    assert caught.value.code == 2
    assert "--min-chars: must be 0 or more" in capsys.readouterr().err


@pytest.mark.parametrize("record, key, value, expected", [
    (b'{"a": 1}', "b", b"2", b'{"a": 1, "b": 2}'),
    (b'{"a":1}', "b", b"2", b'{"a":1,"b":2}'),
    (b'{ }', "b", b"2", b'{ "b":2}'),
    (b'{"a": {"b": 1}, "b": "x"}\r', "b", b"[]", b'{"a": {"b": 1}, "b": []}\r'),
    (b'{"b": 1, "b": 2 }', "b", b"3", b'{"b": 1, "b": 3 }'),
    (b'{"\\u0062": true}', "b", b"0", b'{"\\u0062": 0}'),
])
def test_set_value(record, key, value, expected):
    assert set_value(record, key, value) == expected
    assert json.loads(expected)[key] == json.loads(value)


def test_value_span_of_each_kind_of_value():
    record = b'{"s": "a\\"b", "n": -1.5e3, "t": true, "o": {"x": [1, {"y": 2}]}, "l": []}'
    spans = {key: record[slice(*value_span(record, key))] for key in "sntol"}
    assert spans == {"s": b'"a\\"b"', "n": b"-1.5e3", "t": b"true",
                     "o": b'{"x": [1, {"y": 2}]}', "l": b"[]"}
    assert value_span(record, "x") is None and value_span(record, "y") is None
