"""Batches in the shapes data tools pass them: lists, pandas Series, Arrow arrays and
tables. Each comes back as the same kind, with missing values where they were.

Used by :meth:`cleaner.Cleaner.clean_batch`; ``clean`` is any ``str -> str`` function:

>>> clean_batch(str.strip, [" a ", None, float("nan"), "b "])
['a', None, nan, 'b']
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..errors import CleanerError

__all__ = ["BatchError", "clean_batch", "is_missing"]

Clean = Callable[[str], str]


class BatchError(CleanerError, TypeError):
    """A batch that cannot be cleaned: a value that is neither a text nor missing, or a
    table without the column to clean."""


def is_missing(value: Any) -> bool:
    """True for the values data tools use for "no text": ``None``, a float NaN (what
    pandas puts in an object column), ``pandas.NA`` and ``numpy.nan``.

    >>> [is_missing(v) for v in (None, float("nan"), "", "nan", 0)]
    [True, True, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ == "NAType"  # pandas.NA, without importing pandas


def clean_batch(clean: Clean, texts: Any, column: str = "text") -> Any:
    """``texts`` with every text cleaned by ``clean``, as the same kind of batch:

    - a list (or any other iterable of texts): a list; missing values (see
      :func:`is_missing`) stay as they were;
    - a pandas Series: a Series with the same index, name and dtype;
    - an Arrow ``StringArray``/``LargeStringArray``: an array of that type; a
      ``ChunkedArray``: a chunked array with the same chunks; nulls stay null;
    - an Arrow ``Table`` or ``RecordBatch`` (what ``datasets`` passes in arrow format):
      the same with its ``column`` cleaned and every other column as it was.

    A value that is neither a text nor missing, or a table without ``column``, raises
    :class:`BatchError` (a ``TypeError``) naming it.
    """
    kind = _kind(texts)
    if kind == "table":
        return _clean_table(clean, texts, column)
    if kind == "chunked":
        import pyarrow as pa

        chunks = [_clean_arrow(clean, chunk) for chunk in texts.chunks]
        return pa.chunked_array(chunks, type=texts.type)
    if kind == "arrow":
        return _clean_arrow(clean, texts)
    if kind == "series":
        import pandas as pd

        cleaned = _clean_values(clean, texts.tolist())
        return pd.Series(cleaned, index=texts.index, name=texts.name, dtype=texts.dtype)
    return _clean_values(clean, texts)


def _kind(texts: Any) -> str:
    """Which kind of batch ``texts`` is, by its class's module and name (so that neither
    pandas nor pyarrow is imported for a list)."""
    module = type(texts).__module__.split(".")[0]
    name = type(texts).__name__
    if module == "pyarrow":
        if name in ("Table", "RecordBatch"):
            return "table"
        return "chunked" if name == "ChunkedArray" else "arrow"
    if module == "pandas" and name == "Series":
        return "series"
    return "list"


def _clean_values(clean: Clean, values: Any) -> list[Any]:
    cleaned = []
    for position, value in enumerate(values):
        if isinstance(value, str):
            cleaned.append(clean(value))
        elif is_missing(value):
            cleaned.append(value)
        else:
            raise BatchError(f"clean_batch: item {position} is {type(value).__name__}, "
                            "not a text or a missing value")
    return cleaned


def _clean_arrow(clean: Clean, array: Any) -> Any:
    import pyarrow as pa

    return pa.array(_clean_values(clean, array.to_pylist()), type=array.type)


def _clean_table(clean: Clean, table: Any, column: str) -> Any:
    index = table.schema.get_field_index(column)
    if index < 0:
        raise BatchError(f"clean_batch: no column `{column}` (columns: "
                       f"{', '.join(table.schema.names)}); pass column=NAME")
    field = table.schema.field(index)
    values = clean_batch(clean, table.column(index))
    return table.set_column(index, field, values)
