"""Corpus-level repeats: site boilerplate found by document frequency, wire copy kept."""

from __future__ import annotations

import orjson
import pytest

from cleaner import Cleaner
from cleaner.engine.frequencies import Frequencies

from benchmarks.corpus import generate
from conftest import SEEDS

CORPUS = list(generate(1_500_000, seed=3))


def cleaned_corpus(docs, **options):
    cleaner = Cleaner.from_yaml(enable=["corpus"], **options)
    return cleaner.clean_corpus([(doc.text, doc.source) for doc in docs])


def lines_of(doc, kinds):
    lines = doc.text.split("\n")
    return [lines[number - 1] for number, kind in doc.debris if kind in kinds]


def test_every_site_footer_goes_and_every_wire_paragraph_stays():
    outputs = cleaned_corpus(CORPUS)
    footers = wire = 0
    for doc, output in zip(CORPUS, outputs):
        kept = set(output.split("\n"))
        for line in lines_of(doc, {"site-footer"}):
            footers += 1
            assert line not in kept, (doc.id, line)
        text_lines = doc.text.split("\n")
        for number in doc.wire:
            wire += 1
            assert text_lines[number - 1] in kept, (doc.id, text_lines[number - 1])
    assert footers > 100 and wire > 20


def test_nothing_crosses_groups():
    footer = "Site A Daily is published by Example Media Group."
    docs = [(f"Story {n} of site A.\n{footer}\n", "a") for n in range(12)]
    docs.append((f"Story of site B.\n{footer}\n", "b"))
    outputs = Cleaner.from_yaml(enable=["corpus"]).clean_corpus(docs)
    assert all(footer not in output for output in outputs[:12])
    assert footer in outputs[12]


def test_keep_first_keeps_the_first_copy(tmp_path):
    rules = tmp_path / "keep.yaml"
    rules.write_text(KEEP_FIRST_RULES, encoding="utf-8")
    docs = [f"Story {n}.\nFooter line of the site.\n" for n in range(4)]
    outputs = Cleaner.from_yaml(rules, defaults=False).clean_corpus(docs)
    assert outputs == ["Story 0.\nFooter line of the site.\n"] + [
        f"Story {n}.\n" for n in range(1, 4)]


def test_seeds_do_not_change_with_the_rule_at_its_defaults():
    texts = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    with_rule = Cleaner.from_yaml(enable=["corpus"]).clean_corpus([(t, "seeds") for t in texts])
    assert with_rule == [Cleaner.from_yaml().clean(t) for t in texts]


def test_explain_gives_the_document_count():
    footer = "Site A Daily is published by Example Media Group."
    docs = [(f"Story {n}.\n{footer}\n", "a") for n in range(12)]
    cleaner = Cleaner.from_yaml(enable=["corpus"], defaults=True)
    cleaner = cleaner.with_frequencies(cleaner.count(docs))
    _, edits = cleaner.explain(docs[0][0], group="a")
    [edit] = edits
    assert (edit.rule_id, edit.line, edit.note) == (
        "corpus/site-lines", 2, "in 12 of 12 documents of a")


def test_corpus_rules_without_counts_are_an_error():
    with pytest.raises(ValueError, match="no document frequencies"):
        Cleaner.from_yaml(enable=["corpus"]).clean("text\n")


def write_jsonl(path, docs):
    path.write_bytes(b"".join(orjson.dumps({"id": d.id, "source": d.source, "url": d.url,
                                            "text": d.text}) + b"\n" for d in docs))


def test_cli_two_passes_on_jsonl_and_reusable_counts(run_cli, tmp_path):
    source = tmp_path / "corpus.jsonl"
    write_jsonl(source, CORPUS)
    counts = tmp_path / "counts.bin"
    code, _, err = run_cli(source, "-o", tmp_path / "out.jsonl", "--corpus-repeats",
                           "--counts", counts, "--jobs", "2")
    assert code == 0, err
    expected = cleaned_corpus(CORPUS)
    got = [orjson.loads(line)["text"] for line in (tmp_path / "out.jsonl").read_bytes().split(
        b"\n") if line]
    assert got == expected
    # a new batch from the same sites is judged against the saved counts
    batch = tmp_path / "batch.jsonl"
    write_jsonl(batch, CORPUS[:5])
    code, _, err = run_cli(batch, "-o", tmp_path / "batch-out.jsonl", "--corpus-repeats",
                           "--counts", counts)
    assert code == 0, err
    got = [orjson.loads(line)["text"] for line in (tmp_path / "batch-out.jsonl").read_bytes(
    ).split(b"\n") if line]
    assert got == expected[:5]


def test_counts_round_trip(tmp_path):
    cleaner = Cleaner.from_yaml(enable=["corpus"])
    counted = cleaner.count([(doc.text, doc.source) for doc in CORPUS[:50]])
    counted.save(tmp_path / "c.bin")
    loaded = Frequencies.load(tmp_path / "c.bin")
    assert loaded.totals == counted.totals and loaded.counts == counted.counts
    assert loaded.first == counted.first
    (tmp_path / "bad.bin").write_bytes(b"nope")
    with pytest.raises(ValueError, match="not a counts file"):
        Frequencies.load(tmp_path / "bad.bin")


def test_text_folders_are_groups(run_cli, tmp_path):
    footer = "Site A Daily is published by Example Media Group."
    for n in range(12):
        (tmp_path / "in" / "a").mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / "a" / f"{n}.txt").write_text(f"Story {n}.\n{footer}\n", "utf-8")
    (tmp_path / "in" / "b").mkdir()
    (tmp_path / "in" / "b" / "0.txt").write_text(f"Other site.\n{footer}\n", "utf-8")
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out", "--corpus-repeats")
    assert code == 0, err
    assert (tmp_path / "out" / "a" / "3.txt").read_text("utf-8") == "Story 3.\n"
    assert footer in (tmp_path / "out" / "b" / "0.txt").read_text("utf-8")


def test_stdin_cannot_be_read_twice(run_cli):
    code, _, err = run_cli("--corpus-repeats", stdin=b"text\n")
    assert code == 2 and "stdin can be read once" in err


def test_discover_lists_footers_first_and_its_pack_removes_them(run_cli, tmp_path):
    source = tmp_path / "corpus.jsonl"
    write_jsonl(source, CORPUS)
    pack = tmp_path / "found.yaml"
    code, out, err = run_cli("discover", source, "--write-rules", pack)
    assert code == 0, err
    rows = out.splitlines()[1:]
    footers = {line for doc in CORPUS for line in lines_of(doc, {"site-footer"})}
    listed_first = rows[:10]
    assert all(any(footer.strip()[:30] in row for footer in footers) for row in listed_first)
    # the written pack passes its own examples ...
    code, out, _ = run_cli("rules", "test", pack)
    assert code == 0 and out.strip().endswith(" 0 failed")
    # ... and, added with --rules, removes the footers without the corpus rule
    cleaner = Cleaner.from_yaml(pack)
    for doc in CORPUS:
        kept = set(cleaner.clean(doc.text).split("\n"))
        assert not kept & set(lines_of(doc, {"site-footer"})), doc.id


KEEP_FIRST_RULES = """\
rules:
  - id: site/first
    kind: corpus
    summary: Repeated lines, first copy kept.
    min_docs: 3
    min_fraction: 0
    keep: first
    examples:
      - input: "A.\\nFooter line of the site.\\n"
        corpus: ["B.\\nFooter line of the site.\\n", "C.\\nFooter line of the site.\\n"]
        unchanged: true
"""


@pytest.mark.parametrize("rules", [None, KEEP_FIRST_RULES])
def test_a_resumed_run_writes_what_an_uninterrupted_run_writes(run_cli, tmp_path, rules):
    footer = "Site A Daily is published by Example Media Group."
    for n in range(12):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{n:02}.txt").write_text(f"Story {n}.\n{footer}\n", "utf-8")
    options = ["--corpus-repeats"]
    if rules is not None:
        (tmp_path / "rules.yaml").write_text(rules, "utf-8")
        options = ["--rules", tmp_path / "rules.yaml", "--no-defaults"]
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "whole", *options)
    assert code == 0, err
    whole = {p.name: p.read_bytes() for p in (tmp_path / "whole").iterdir()}
    # a run stopped after the first half: those outputs exist, the rest do not
    (tmp_path / "resumed").mkdir()
    for name in sorted(whole)[:6]:
        (tmp_path / "resumed" / name).write_bytes(whole[name])
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "resumed", "--resume", *options)
    assert code == 0, err
    assert "--resume skipped 6 finished inputs" in err
    assert {p.name: p.read_bytes() for p in (tmp_path / "resumed").iterdir()} == whole
    assert footer.encode() not in whole["11.txt"]


def test_discover_gives_input_lines_and_one_rule_per_pattern(run_cli, tmp_path):
    import yaml

    footer = "The Harbour Gazette is printed in Lisbon each morning."
    for site in ("a", "b"):
        for n in range(6):
            path = tmp_path / "in" / site / f"{n}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            # three lines of debris that cleaning removes come before the story
            path.write_text(f"&\n&\nAdvertisement\nStory {n} of site {site}, a long line.\n"
                            f"{footer}\nPage {n % 2 + 2} of the weekend supplement\n", "utf-8")
    pack = tmp_path / "found.yaml"
    code, out, err = run_cli("discover", tmp_path / "in", "--write-rules", pack,
                             "--min-docs", "3")
    assert code == 0, err
    footer_rows = [row for row in out.splitlines() if footer[:30] in row]
    assert footer_rows and all(row.endswith(".txt:5") for row in footer_rows), out
    rules = yaml.safe_load(pack.read_text("utf-8"))["rules"]
    matches = [rule["match"] for rule in rules]
    # one rule for the footer of both sites, one for the "Page N" lines of both
    assert len(matches) == len(set(matches)) == 2, matches
    footer_rule = next(rule for rule in rules if "lisbon" in rule["match"])
    assert "6 of 6 documents of " + str(tmp_path / "in" / "a") in footer_rule["summary"]
    assert "6 of 6 documents of " + str(tmp_path / "in" / "b") in footer_rule["summary"]
    code, out, err = run_cli("rules", "test", pack)
    assert code == 0, err
