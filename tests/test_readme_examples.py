"""The README's Python examples run as written: the datatrove pipeline and the batch
examples, on small data in a temporary folder."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from cleaner import Cleaner

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _python_block(section: str, starting: str) -> str:
    """The first ```python block of README ``section`` that starts with ``starting``."""
    body = README.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", body, re.S)
    return next(block for block in blocks if block.startswith(starting))


def test_datatrove_pipeline_example(tmp_path, monkeypatch):
    pytest.importorskip("datatrove")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "raw").mkdir()
    record = {"id": "1", "text": "Body.\n&\nThe minister spoke.\n"}
    (tmp_path / "raw" / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    exec(_python_block("In a datatrove pipeline", "from datatrove"), {})
    [output] = (tmp_path / "clean").iterdir()
    [written] = [json.loads(line) for line in
                 gzip.decompress(output.read_bytes()).decode("utf-8").splitlines()]
    assert written["text"] == "Body.\nThe minister spoke.\n"
    assert written["metadata"]["cleaner"] == {"symbols/lone-symbol-line": {"lines": 1,
                                                                           "chars": 2}}
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    step = next(s["stats"] for s in stats if "cleaner" in s["name"])
    assert step["symbols/lone-symbol-line:lines"] == 1


def test_batch_examples(monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")
    pd = pytest.importorskip("pandas")
    ds = datasets.Dataset.from_dict({"text": ["a\n&\n", None]})
    df = pd.DataFrame({"text": ["a\n&\n", None]}, index=[5, 7])
    scope = {"c": Cleaner.from_yaml(), "ds": ds, "df": df}
    block = _python_block("Use it from Python", "# Hugging Face")
    first, second = block.split("\n# in the default format, batches of lists\n")
    exec(first, scope)
    assert scope["cleaned"].with_format(None)["text"] == ["a\n", None]
    exec(second, scope)
    assert scope["cleaned"]["text"] == ["a\n", None]
    assert scope["df"]["text"][5] == "a\n" and pd.isna(scope["df"]["text"][7])
