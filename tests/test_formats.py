"""Corpus formats and scale: JSONL (plain, gz, zst), Parquet, --jobs, --resume, stats."""

from __future__ import annotations

import gzip
import json

import orjson
import pytest

from cleaner import Cleaner

DOCS = [
    "Body one.\n&\nAdvertisement\n",
    "بلدي نيوز- (متابعات)\nقال الوزير إن المحادثات مستمرة.\n",
    "Clean already.\n",
    "Tail.\n\n\n\n",
]


def records(n=40):
    return [{"id": i, "text": DOCS[i % len(DOCS)], "meta": {"source": f"s{i % 3}",
                                                            "score": 0.5}} for i in range(n)]


def write_jsonl(path, rows):
    data = b"".join(orjson.dumps(row) + b"\n" for row in rows)
    if path.suffix == ".gz":
        data = gzip.compress(data)
    elif path.suffix == ".zst":
        zstandard = pytest.importorskip("zstandard")
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)


def read_jsonl(path):
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    elif path.suffix == ".zst":
        import zstandard

        data = zstandard.ZstdDecompressor().stream_reader(data).read()
    return [orjson.loads(line) for line in data.splitlines() if line]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_jsonl_text_field_cleaned_and_other_fields_untouched(run_cli, tmp_path, suffix):
    source = tmp_path / f"in{suffix}"
    rows = records()
    write_jsonl(source, rows)
    code, _, err = run_cli(source, "-o", tmp_path / f"out{suffix}", "--jobs", "1")
    assert code == 0, err
    out = read_jsonl(tmp_path / f"out{suffix}")
    cleaner = Cleaner.from_yaml()
    assert [r["text"] for r in out] == [cleaner.clean(r["text"]) for r in rows]
    assert [{k: v for k, v in r.items() if k != "text"} for r in out] == [
        {k: v for k, v in r.items() if k != "text"} for r in rows]


def test_jsonl_unchanged_records_pass_through_byte_for_byte(run_cli, tmp_path):
    source = tmp_path / "in.jsonl"
    raw = '{"text": "Clean already.\\n",   "x": 1.50}\n'
    source.write_text(raw, encoding="utf-8")
    run_cli(source, "-o", tmp_path / "out.jsonl")
    assert (tmp_path / "out.jsonl").read_text("utf-8") == raw


def test_jsonl_bad_records_are_reported_and_kept(run_cli, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "a\\n&\\n"}\nnot json\n{"body": "x"}\n', encoding="utf-8")
    code, _, err = run_cli(source, "-o", tmp_path / "out.jsonl")
    assert code == 1
    assert f"{source}:2: error: invalid JSON" in err
    assert f"{source}:3: error: no string field `text`" in err
    assert (tmp_path / "out.jsonl").read_text("utf-8").splitlines() == [
        '{"text": "a\\n"}', "not json", '{"body": "x"}']


def test_text_field_option(run_cli, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"content": "a\\n&\\n", "text": "&"}\n', encoding="utf-8")
    run_cli(source, "-o", tmp_path / "out.jsonl", "--text-field", "content")
    assert read_jsonl(tmp_path / "out.jsonl") == [{"content": "a\n", "text": "&"}]


def test_explain_names_the_record(run_cli, tmp_path):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, records(2))
    _, _, err = run_cli(source, "-o", tmp_path / "out.jsonl", "--explain")
    assert f"{source}#1:2: symbols/lone-symbol-line: &" in err.splitlines()


def test_parquet_round_trip_keeps_schema_and_rows(run_cli, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = records(50)
    table = pa.table({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows]})
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=16)
    code, _, err = run_cli(tmp_path / "in.parquet", "-o", tmp_path / "out.parquet")
    assert code == 0, err
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.schema == table.schema
    cleaner = Cleaner.from_yaml()
    assert out.column("text").to_pylist() == [cleaner.clean(t) for t in table["text"].to_pylist()]
    assert out.column("id").to_pylist() == table.column("id").to_pylist()


def test_output_is_identical_whatever_jobs_is(tmp_path, monkeypatch):
    from cleaner.run import runner
    from cleaner.run.runner import InputJob, Options, run

    monkeypatch.setattr(runner, "CHUNK_BYTES", 2048)  # many chunks from a small file
    source = tmp_path / "in.jsonl"
    write_jsonl(source, records(400))
    cleaner = Cleaner.from_yaml()
    outputs = []
    for processes in (1, 2):
        destination = tmp_path / f"out{processes}.jsonl"
        result = run([InputJob(source, str(source), destination, "jsonl")], cleaner,
                     Options(), processes=processes)
        assert not result.failed
        outputs.append((destination.read_bytes(), result.stats.rows()))
    assert outputs[0] == outputs[1]
    cleaned = [r["text"] for r in read_jsonl(tmp_path / "out2.jsonl")]
    assert cleaned == [cleaner.clean(r["text"]) for r in records(400)]


def test_folder_of_text_files_with_jobs(tmp_path):
    from cleaner.run.runner import InputJob, Options, run

    jobs = []
    for i in range(30):
        path = tmp_path / "in" / f"{i:02}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(DOCS[i % len(DOCS)], encoding="utf-8")
        jobs.append(InputJob(path, str(path), tmp_path / "out" / path.name, "text"))
    result = run(jobs, Cleaner.from_yaml(), Options(), processes=2)
    assert result.stats.documents == 30 and not result.failed
    for i in range(30):
        expected = Cleaner.from_yaml().clean(DOCS[i % len(DOCS)])
        assert (tmp_path / "out" / f"{i:02}.txt").read_text("utf-8") == expected


def test_resume_skips_finished_outputs(run_cli, tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text("a\n&\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "0.txt").write_text("finished earlier\n", encoding="utf-8")
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out", "--resume")
    assert code == 0
    assert "--resume skipped 1 finished inputs" in err
    assert (tmp_path / "out" / "0.txt").read_text("utf-8") == "finished earlier\n"
    assert (tmp_path / "out" / "1.txt").read_text("utf-8") == "a\n"


def test_stats_json(run_cli, tmp_path):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, records(8))
    run_cli(source, "-o", tmp_path / "out.jsonl", "--stats-json", tmp_path / "stats.json")
    stats = json.loads((tmp_path / "stats.json").read_text("utf-8"))
    assert stats["documents"] == 8
    assert stats["changed_documents"] == 6
    rules = {row["rule"]: row for row in stats["rules"]}
    assert rules["symbols/lone-symbol-line"]["lines_dropped"] == 2


def test_a_corrupt_archive_is_reported_and_leaves_no_output(run_cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.jsonl.gz").write_bytes(b"not gzip at all")
    write_jsonl(tmp_path / "in" / "good.jsonl", records(4))
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 1
    assert "bad.jsonl.gz: error: cannot read" in err
    assert not (tmp_path / "out" / "bad.jsonl.gz").exists()
    assert len(read_jsonl(tmp_path / "out" / "good.jsonl")) == 4


def test_clean_batch_lists_and_arrow():
    pa = pytest.importorskip("pyarrow")
    cleaner = Cleaner.from_yaml()
    assert cleaner.clean_batch(["a\n&\n", None]) == ["a\n", None]
    array = pa.array(["a\n&\n", None, "b\n"], type=pa.large_string())
    cleaned = cleaner.clean_batch(array)
    assert cleaned.type == pa.large_string()
    assert cleaned.to_pylist() == ["a\n", None, "b\n"]
    chunked = pa.chunked_array([["a\n&\n"], ["b\n"]])
    assert cleaner.clean_batch(chunked).to_pylist() == ["a\n", "b\n"]
