"""The datatrove step, run inside a real ``LocalPipelineExecutor``: JSONL reader, the
step, JSONL writer, on temporary files; the written documents and the per-rule counts
in the ``stats.json`` datatrove saves."""

from __future__ import annotations

import gzip
import json

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleaner import Cleaner
from cleaner.integrations.datatrove import CleanerFormatter

DOCS = [
    {"id": "a", "text": "Body of a.\n&\nMore of a.\nAdvertisement"},
    {"id": "b", "text": "Body of b, nothing to remove."},
    {"id": "c", "text": "&\nShort."},
]


def _run(tmp_path, step):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "part.jsonl").write_text("".join(json.dumps(d) + "\n" for d in DOCS),
                                    encoding="utf-8")
    logs = tmp_path / "logs"
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(raw)), step,
                  JsonlWriter(str(tmp_path / "out"), output_filename="${rank}.jsonl.gz")],
        tasks=1, workers=1, logging_dir=str(logs))
    executor.run()
    with gzip.open(tmp_path / "out" / "00000.jsonl.gz", "rt", encoding="utf-8") as stream:
        written = [json.loads(line) for line in stream]
    stats = json.loads((logs / "stats.json").read_text(encoding="utf-8"))
    mine = next(s for s in stats if "cleaner" in s["name"])["stats"]
    return written, mine


def _total(stat):
    return stat["total"] if isinstance(stat, dict) else stat


def test_pipeline_cleans_texts_and_saves_per_rule_counts(tmp_path):
    written, stats = _run(tmp_path, CleanerFormatter())
    assert [(d["id"], d["text"]) for d in written] == [
        ("a", "Body of a.\nMore of a."),
        ("b", "Body of b, nothing to remove."),
        ("c", "Short."),
    ]
    assert "cleaner" not in written[0]["metadata"]
    assert _total(stats["total"]) == 3 and _total(stats["changed"]) == 2
    assert _total(stats["symbols/lone-symbol-line:lines"]) == 2
    assert _total(stats["symbols/lone-symbol-line:chars"]) == 4
    assert stats["symbols/lone-symbol-line:chars"]["n"] == 2  # documents it touched
    assert _total(stats["news-debris/advertisement:lines"]) == 1
    assert _total(stats["news-debris/advertisement:chars"]) == len("Advertisement") + 1


def test_pipeline_annotates_metadata_and_drops_short_documents(tmp_path):
    written, stats = _run(tmp_path, CleanerFormatter(annotate="cleaner", min_chars=10))
    assert [d["id"] for d in written] == ["a", "b"]
    assert written[0]["metadata"]["cleaner"] == {
        "symbols/lone-symbol-line": {"lines": 1, "chars": 2},
        "news-debris/advertisement": {"lines": 1, "chars": 14},
    }
    assert written[1]["metadata"]["cleaner"] == {}
    assert _total(stats["dropped"]) == 1


def test_a_custom_cleaner_and_refused_corpus_rules():
    step = CleanerFormatter(Cleaner.from_yaml(disable=["symbols"]))
    assert step.format("Body.\n&\n") == "Body.\n&\n"
    with pytest.raises(ValueError, match="corpus rules"):
        CleanerFormatter(Cleaner.from_yaml(enable=["corpus"]))


def test_two_tasks_in_two_worker_processes_merge_their_counts(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for part in range(2):
        (raw / f"p{part}.jsonl").write_text(
            "".join(json.dumps({"id": f"{part}-{n}", "text": "Body.\n&\nThe minister spoke.\n"})
                    + "\n" for n in range(3)), encoding="utf-8")
    logs = tmp_path / "logs"
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(raw)), CleanerFormatter(annotate="cleaner"),
                  JsonlWriter(str(tmp_path / "out"))],
        tasks=2, workers=2, logging_dir=str(logs)).run()
    stats = json.loads((logs / "stats.json").read_text(encoding="utf-8"))
    mine = next(s for s in stats if "cleaner" in s["name"])["stats"]
    assert _total(mine["total"]) == 6 and _total(mine["changed"]) == 6
    assert _total(mine["symbols/lone-symbol-line:chars"]) == 12
    texts = {json.loads(line)["text"] for path in (tmp_path / "out").iterdir()
             for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()}
    assert texts == {"Body.\nThe minister spoke.\n"}
