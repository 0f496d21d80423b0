"""The seeded corpus generator of benchmarks/corpus.py: determinism, size, truth, files."""

from __future__ import annotations

import contextlib
import gzip
import html
import sys
from collections import Counter, defaultdict
from dataclasses import fields
from pathlib import Path

import orjson
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmarks/ is not installed; `python -m pytest` finds it anyway
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import (  # noqa: E402
    KINDS,
    REPAIRS,
    GeneratedDoc,
    Rates,
    generate,
    main,
    write_jsonl,
    write_truth,
)

MB = 1_000_000


@pytest.fixture(scope="module")
def corpus() -> list[GeneratedDoc]:
    """About 1 MB of documents from seed 0."""
    return list(generate(MB, seed=0))


def _lines(doc: GeneratedDoc) -> list[str]:
    """The lines of ``doc.text`` as the truth numbers them."""
    assert doc.text.endswith("\n")
    return doc.text.split("\n")[:-1]


def test_same_seed_same_documents_other_seed_others():
    first = list(generate(200_000, seed=7))
    assert first == list(generate(200_000, seed=7))
    assert [d.text for d in first] != [d.text for d in generate(200_000, seed=8)]


def test_size_is_controlled(corpus):
    sizes = [len(doc.text.encode()) for doc in corpus]
    assert MB <= sum(sizes) < MB + max(sizes)
    assert 3_000 <= sum(sizes) / len(sizes) <= 6_000
    assert [doc.id for doc in corpus[:2]] == ["doc-000000", "doc-000001"]
    assert all(doc.url.startswith(f"https://{doc.source}/") for doc in corpus)


def test_text_has_no_other_line_breaks(corpus):
    for doc in corpus:
        assert doc.text.splitlines() == _lines(doc)


def _repaired(line: str) -> set[str]:
    """What a mojibake line may have been."""
    out = set()
    for codec in ("cp1252", "cp1256"):
        with contextlib.suppress(UnicodeError):
            out.add(line.encode(codec).decode("utf-8"))
    return out


def _check_debris(doc: GeneratedDoc, number: int, kind: str) -> None:
    """The recorded line is what its kind says, and ``expected`` has it removed or fixed."""
    lines = _lines(doc)
    line = lines[number - 1]
    kept = doc.expected.split("\n")
    if kind == "blank":
        assert line == ""
    elif kind == "lone-symbol":
        assert line in {"&", "&amp;", "|", "***"}
    elif kind == "repeat":
        assert line in lines[: number - 1]
    elif kind == "trailing-amp":
        assert line.endswith("&") and line[:-1] in kept
    elif kind == "entity":
        assert "&" in line and html.unescape(line) in kept and line not in kept
    elif kind == "mojibake":
        assert line not in kept and _repaired(line) & set(kept)
    else:
        assert line.strip() and line not in kept
        if kind == "site-footer":
            assert doc.source.split(".")[0] in line


def test_every_recorded_line_is_debris_of_its_kind(corpus):
    seen = Counter()
    for doc in corpus:
        assert [n for n, _ in doc.debris] == sorted({n for n, _ in doc.debris})
        for number, kind in doc.debris:
            assert kind in KINDS
            _check_debris(doc, number, kind)
            seen[kind] += 1
        lines = _lines(doc)
        removed = sum(bool(lines[n - 1]) for n, kind in doc.debris if kind not in REPAIRS)
        kept = [line for line in doc.expected.split("\n") if line]
        assert len(kept) == sum(map(bool, lines)) - removed
    assert set(seen) >= KINDS - {"mojibake", "trailing-amp"}  # rare ones: next test


def test_rare_kinds_at_higher_rates():
    docs = list(generate(300_000, seed=1, mojibake_rate=1.0, amp_doc_rate=1.0))
    for doc in docs:
        for number, kind in doc.debris:
            _check_debris(doc, number, kind)
    kinds = Counter(kind for doc in docs for _, kind in doc.debris)
    assert kinds["mojibake"] > len(docs) / 2
    assert kinds["trailing-amp"] > 0


def test_expected_is_tidy_and_has_no_repeated_line(corpus):
    for doc in corpus:
        assert doc.expected.endswith("\n") and not doc.expected.endswith("\n\n")
        assert not doc.expected.startswith("\n") and "\n\n\n" not in doc.expected
        kept = [line for line in doc.expected.split("\n") if line]
        assert len(kept) == len(set(kept))


def test_credit_heads_and_comment_policy_closes(corpus):
    for doc in corpus:
        kinds = dict(doc.debris)
        assert all(n == 1 for n, k in doc.debris if k == "credit")
        last = max(n for n, line in enumerate(_lines(doc), 1) if line)
        if "comment-policy" in kinds.values():
            assert kinds.get(last) == "comment-policy"


def test_without_debris_expected_is_text():
    content = {"wire_rate", "blank_separated_rate", "heading_rate"}
    rates = {f.name: 0.0 for f in fields(Rates) if f.name not in content}
    for doc in generate(100_000, seed=2, **rates):
        assert doc.debris == () and doc.expected == doc.text


def test_unknown_rate_fails_at_once():
    with pytest.raises(TypeError):
        generate(1_000, no_such_rate=0.5)


def test_site_footers_belong_to_one_site(corpus):
    footers: dict[str, set[str]] = defaultdict(set)
    with_footer: Counter[str] = Counter()
    docs_of: Counter[str] = Counter(doc.source for doc in corpus)
    for doc in corpus:
        lines = _lines(doc)
        found = {lines[n - 1] for n, kind in doc.debris if kind == "site-footer"}
        footers[doc.source] |= found
        with_footer[doc.source] += bool(found)
    for site, count in docs_of.items():
        if count >= 20:
            assert 0.5 <= with_footer[site] / count <= 0.9
            assert 1 <= len(footers[site]) <= 3
    for doc in corpus:
        others = set().union(*(f for site, f in footers.items() if site != doc.source))
        assert not others & set(_lines(doc))


def test_wire_paragraphs_are_shared_across_sites(corpus):
    carriers: dict[str, list[str]] = defaultdict(list)
    for doc in corpus:
        lines = _lines(doc)
        for number in doc.wire:
            carriers[lines[number - 1]].append(doc.source)
    assert 0.1 <= sum(bool(doc.wire) for doc in corpus) / len(corpus) <= 0.3
    for sites in carriers.values():
        assert len(sites) == len(set(sites)) <= 3
    shared = sum(len(sites) >= 2 for sites in carriers.values())
    assert shared >= 0.6 * len(carriers)  # the last stories of a stream may find no second copy


def _read_jsonl(path: Path) -> list[dict]:
    if path.suffix == ".gz":
        data = gzip.decompress(path.read_bytes())
    elif path.suffix == ".zst":
        zstandard = pytest.importorskip("zstandard")
        with zstandard.ZstdDecompressor().stream_reader(path.open("rb")) as reader:
            data = reader.read()
    else:
        data = path.read_bytes()
    return [orjson.loads(line) for line in data.splitlines()]


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz", "c.jsonl.zst"])
def test_jsonl_round_trip(tmp_path, name):
    if name.endswith(".zst"):
        pytest.importorskip("zstandard")
    docs = list(generate(50_000, seed=3))
    written = write_jsonl(tmp_path / name, docs)
    assert written == sum(len(doc.text.encode()) for doc in docs)
    records = _read_jsonl(tmp_path / name)
    assert records == [{"id": d.id, "source": d.source, "url": d.url, "text": d.text} for d in docs]


def test_truth_file(tmp_path):
    docs = list(generate(50_000, seed=3))
    write_truth(tmp_path / "truth.jsonl", docs)
    records = _read_jsonl(tmp_path / "truth.jsonl")
    assert [r["id"] for r in records] == [d.id for d in docs]
    assert [[tuple(pair) for pair in r["debris"]] for r in records] == [
        list(d.debris) for d in docs
    ]
    assert [r["wire"] for r in records] == [list(d.wire) for d in docs]


def test_command_line(tmp_path, capsys):
    out, truth, txt = tmp_path / "c.jsonl.gz", tmp_path / "t.jsonl", tmp_path / "txt"
    assert (
        main(
            [
                "--bytes",
                "40K",
                "--seed",
                "4",
                "--out",
                str(out),
                "--truth",
                str(truth),
                "--txt-dir",
                str(txt),
            ]
        )
        == 0
    )
    docs = list(generate(40_000, seed=4))
    assert [r["id"] for r in _read_jsonl(out)] == [d.id for d in docs]
    assert len(_read_jsonl(truth)) == len(docs)
    first = txt / docs[0].source / f"{docs[0].id}.txt"
    assert first.read_bytes() == docs[0].text.encode()
    assert "documents" in capsys.readouterr().err
