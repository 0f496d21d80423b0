"""Idempotence and "only removes or trims" through each format's path (hypothesis).

Text files go through ``decode_bytes`` / ``encode_text`` (invalid UTF-8 carried as it
is), JSONL records through JSON and ``Cleaner.explain``, Parquet columns through
``Cleaner.clean_batch`` on Arrow arrays; one more test runs the ``clean`` command on a
folder of all three and holds its outputs to the API's. The CI profile runs a fixed set
of examples, ``make fuzz`` many random ones (see tests/conftest.py).
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from debris import documents
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.cli.main import main
from cleaner.ruleset.ruletests import only_removes
from cleaner.run.textio import BinaryInputError, decode_bytes, encode_text, keep_line_ends

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

CLEANER = Cleaner.from_yaml()
# Invalid UTF-8 (and no NUL byte: that makes a text file binary) around a document.
RAW_TEXT = st.builds(
    lambda before, text, after: before + encode_text(text.replace("\x00", "")) + after,
    st.sampled_from([b"", b"\xff", b"\xc3"]), documents(), st.sampled_from([b"", b"\xfe\n"]),
)
DOCUMENTS = st.lists(documents(), min_size=1, max_size=5)


def _assert_cleaned(text: str, cleaned: str) -> None:
    """``cleaned`` is what the API makes of ``text``, only removes, and is a fixpoint."""
    expected, edits = CLEANER.explain(text)
    assert cleaned == expected
    assert only_removes(text, cleaned, edits)
    assert CLEANER.clean(cleaned) == cleaned


def _written(text: str, record: bool) -> str:
    """What the command writes for ``text``: the API's result with the text's line ends
    kept (``\\r\\n`` throughout stays), and a record's text without a final newline
    gets none (see the README's formats section)."""
    cleaned = CLEANER.clean(text)
    if record and cleaned.endswith("\n") and not text.endswith(("\n", "\r")):
        cleaned = cleaned[:-1]
    return keep_line_ends(cleaned, text)


def _readable(raw: bytes) -> bool:
    """False for bytes the text reader skips (not UTF-8 text, a broken byte-order mark)."""
    try:
        decode_bytes(raw)
    except BinaryInputError:
        return False
    return True


@given(RAW_TEXT)
def test_text_file_path(raw):
    if not _readable(raw):
        return  # skipped by the reader, with a warning (tests/test_badinput.py)
    decoded = decode_bytes(raw)
    once = encode_text(CLEANER.clean(decoded.text))
    _assert_cleaned(decoded.text, decode_bytes(once).text)
    assert encode_text(CLEANER.clean(decode_bytes(once).text)) == once


@given(DOCUMENTS)
def test_jsonl_record_path(texts):
    records = [json.dumps({"id": number, "text": text}) for number, text in enumerate(texts)]
    for record in records:
        text = json.loads(record)["text"]
        cleaned = json.loads(json.dumps({"text": CLEANER.clean(text)}))["text"]
        _assert_cleaned(text, cleaned)


@given(DOCUMENTS)
def test_parquet_column_path(texts):
    column = pa.array([*texts, None], type=pa.large_string())
    buffer = io.BytesIO()
    pq.write_table(pa.table({"text": CLEANER.clean_batch(column)}), buffer)
    cleaned = pq.read_table(io.BytesIO(buffer.getvalue())).column("text").combine_chunks()
    assert cleaned.type == column.type and cleaned[-1].as_py() is None
    for text, result in zip(texts, cleaned.to_pylist()):
        _assert_cleaned(text, result)
    assert CLEANER.clean_batch(cleaned).equals(cleaned)


# The command costs a few tenths of a second a run: a fiftieth of the examples.
@settings(max_examples=max(3, settings().max_examples // 50))
@given(DOCUMENTS)
def test_clean_command_on_every_format(texts):
    with tempfile.TemporaryDirectory() as folder:
        inputs, first, second = (Path(folder) / name for name in ("in", "once", "twice"))
        inputs.mkdir()
        texts = [text.replace("\x00", "") for text in texts]
        readable = [_readable(encode_text(text)) for text in texts]
        for number, text in enumerate(texts):
            (inputs / f"{number}.txt").write_bytes(encode_text(text))
        (inputs / "all.jsonl").write_text(
            "".join(json.dumps({"text": text}) + "\n" for text in texts), encoding="utf-8")
        pq.write_table(pa.table({"text": texts}), inputs / "all.parquet")
        assert main([str(inputs), "-o", str(first), "--jobs", "1"]) == (0 if all(readable)
                                                                           else 1)
        assert main([str(first), "-o", str(second), "--jobs", "1"]) == 0
        for number, text in enumerate(texts):
            if readable[number]:
                cleaned = (first / f"{number}.txt").read_bytes()
                assert cleaned == encode_text(_written(text, record=False))
            else:
                assert not (first / f"{number}.txt").exists()
        records = (first / "all.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
        assert [json.loads(record)["text"] for record in records] == [
            _written(text, record=True) for text in texts]
        assert pq.read_table(first / "all.parquet").column("text").to_pylist() == [
            _written(text, record=True) for text in texts]
        for path in first.iterdir():
            assert (second / path.name).read_bytes() == path.read_bytes(), path.name
