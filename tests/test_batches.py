"""``Cleaner.clean_batch`` with the batches people pass, each against the real library:
lists with missing values, pandas Series, Arrow arrays, chunked arrays and tables, and
Hugging Face ``datasets`` in arrow format."""

from __future__ import annotations

import math

import pytest

from cleaner import Cleaner

CLEANER = Cleaner.from_yaml()
DIRTY, CLEAN = "Body.\n&\n", "Body.\n"


def test_list_with_none_and_nan_passes_them_through():
    nan = float("nan")
    cleaned = CLEANER.clean_batch([DIRTY, None, nan, "x\n"])
    assert cleaned[0] == CLEAN and cleaned[1] is None and cleaned[2] is nan
    assert cleaned[3] == "x\n"


def test_tuple_and_generator_give_a_list():
    assert CLEANER.clean_batch((DIRTY,)) == [CLEAN]
    assert CLEANER.clean_batch(text for text in [DIRTY]) == [CLEAN]


def test_a_value_that_is_not_text_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="item 1 is int"):
        CLEANER.clean_batch([DIRTY, 3])


def test_pandas_series_keeps_index_name_dtype_and_missing_values():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"text": [DIRTY, None, "y\n"]}, index=[10, 20, 30])
    before = frame["text"].copy()
    assert frame["text"].isna().tolist() == [False, True, False]
    cleaned = CLEANER.clean_batch(frame["text"])
    assert isinstance(cleaned, pd.Series)
    assert cleaned.index.tolist() == [10, 20, 30] and cleaned.name == "text"
    assert cleaned.dtype == before.dtype
    assert cleaned[10] == CLEAN and pd.isna(cleaned[20]) and cleaned[30] == "y\n"
    assert frame["text"].equals(before)  # the input is not modified
    frame["text"] = CLEANER.clean_batch(frame["text"])
    assert frame["text"][10] == CLEAN


def test_pandas_tolist_with_nan_is_a_list_with_nan():
    pd = pytest.importorskip("pandas")
    values = pd.DataFrame({"text": [DIRTY, None]}, dtype=object)["text"]
    values = values.where(values.notna(), float("nan")).tolist()
    assert math.isnan(values[1])  # what pandas makes of a missing value
    cleaned = CLEANER.clean_batch(values)
    assert cleaned[0] == CLEAN and math.isnan(cleaned[1])


def test_pandas_object_series_with_pd_na():
    pd = pytest.importorskip("pandas")
    series = pd.Series([DIRTY, pd.NA], dtype="string", name="body")
    cleaned = CLEANER.clean_batch(series)
    assert cleaned.dtype == series.dtype and cleaned.name == "body"
    assert cleaned[0] == CLEAN and cleaned[1] is pd.NA


@pytest.mark.parametrize("kind", ["string", "large_string"])
def test_arrow_array_gives_the_same_type_with_nulls(kind):
    pa = pytest.importorskip("pyarrow")
    array = pa.array([DIRTY, None], type=getattr(pa, kind)())
    cleaned = CLEANER.clean_batch(array)
    assert isinstance(cleaned, pa.Array) and cleaned.type == array.type
    assert cleaned.to_pylist() == [CLEAN, None]


def test_arrow_chunked_array_gives_a_chunked_array_with_the_same_chunks():
    pa = pytest.importorskip("pyarrow")
    chunked = pa.chunked_array([[DIRTY], [None, "z\n&\n"]], type=pa.large_string())
    cleaned = CLEANER.clean_batch(chunked)
    assert isinstance(cleaned, pa.ChunkedArray) and cleaned.type == chunked.type
    assert [chunk.to_pylist() for chunk in cleaned.chunks] == [[CLEAN], [None, "z\n"]]


def test_arrow_table_and_record_batch_clean_one_column():
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"id": [1, 2], "body": [DIRTY, None]})
    cleaned = CLEANER.clean_batch(table, column="body")
    assert cleaned.schema == table.schema
    assert cleaned.to_pydict() == {"id": [1, 2], "body": [CLEAN, None]}
    batch = table.to_batches()[0]
    assert CLEANER.clean_batch(batch, column="body").to_pydict() == cleaned.to_pydict()
    with pytest.raises(TypeError, match="no column `text`"):
        CLEANER.clean_batch(table)


def test_datasets_arrow_format_map_batched(monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")
    data = datasets.Dataset.from_dict({"id": [1, 2, 3], "text": [DIRTY, None, "q\n"]})
    arrow = data.with_format("arrow").map(CLEANER.clean_batch, batched=True, batch_size=2)
    assert arrow.with_format(None).to_dict() == {"id": [1, 2, 3], "text": [CLEAN, None, "q\n"]}
    plain = data.map(lambda b: {"text": CLEANER.clean_batch(b["text"])}, batched=True)
    assert plain.to_dict() == {"id": [1, 2, 3], "text": [CLEAN, None, "q\n"]}
