"""``--report``: the HTML page's content, its escaping, its size, and that samples merged
from any number of workers give the same page (the browser checks are in
``test_report_browser.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.engine.document import Edit
from cleaner.run import runner
from cleaner.run.htmlreport import MAX_BYTES, render_run_report
from cleaner.run.reports import Stats
from cleaner.run.runner import InputJob, Options, RunResult
from cleaner.run.samples import PER_RULE, Samples

from benchmarks.corpus import generate, write_jsonl
from conftest import SEEDS

SCRIPT_DOC = "Body of the story.\n<script>alert(1)</script>\nAdvertisement\nMore text.\n"


def without_timings(page: str) -> str:
    return re.sub(r'<span class="timing">.*?</span>', "", page)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A generated JSONL corpus of a few hundred documents from several sites."""
    path = tmp_path_factory.mktemp("report-corpus") / "news.jsonl"
    write_jsonl(path, generate(600_000, seed=5))
    return path


def test_seeds_report_shows_the_run_rules_samples_and_documents(run_cli, tmp_path):
    report = tmp_path / "report.html"
    code, _, err = run_cli(SEEDS, "-o", tmp_path / "out", "--report", report)
    assert code == 0, err
    page = report.read_text(encoding="utf-8")
    assert "default-src 'none'" in page and "<link" not in page
    assert re.search(r'(?:src|href|action)="(?!#)', page) is None  # nothing to fetch
    for rule in ("repeats/paragraphs", "comment-policy/ar", "symbols/lone-symbol-line"):
        assert f'data-rule="{rule}"' in page
    assert page.count('class="sample f"') >= 5
    assert page.count('class="pair f"') == 5  # every changed seed, before and after
    assert "Arabic" in page and 'dir="auto"' in page
    assert "<svg" in page


def test_untrusted_text_is_escaped_and_the_page_has_one_script(run_cli, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(SCRIPT_DOC, encoding="utf-8")
    report = tmp_path / "report.html"
    code, _, err = run_cli(source, "-o", tmp_path / "out", "--report", report)
    assert code == 0, err
    page = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 1 and "alert(1)</script>" not in page


def test_invalid_utf8_and_failed_inputs_still_give_a_report(run_cli, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "bad.txt").write_bytes(b"Body \xff text.\nAdvertisement\n")
    report = tmp_path / "report.html"
    code, _, _ = run_cli(source, tmp_path / "missing.txt", "-o", tmp_path / "out",
                         "--report", report)
    assert code == 1
    page = report.read_text(encoding="utf-8")
    assert "missing.txt" in page and "news-debris/advertisement" in page


def test_an_unwritable_report_is_one_line_and_exit_1(run_cli, tmp_path):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    code, _, err = run_cli(SEEDS, "-o", tmp_path / "out", "--report",
                           tmp_path / "a-file" / "r.html")
    assert code == 1
    assert err.strip().count("\n") == 0 and "cannot write report" in err
    assert (tmp_path / "out").is_dir()  # the run itself went through


def test_two_workers_give_the_same_report_as_one(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK_BYTES", 48 << 10)  # many units, merged in any order
    cleaner = Cleaner.from_yaml()
    options = Options(report=True, dry_run=True)
    jobs = [InputJob(corpus, "news.jsonl", None, "jsonl")]
    one = runner.run(jobs, cleaner, options, processes=1, warn=lambda *a: None)
    two = runner.run(jobs, cleaner, options, processes=2, warn=lambda *a: None)
    assert one.stats.samples is not None and one.stats.samples == two.stats.samples
    assert len(one.stats.samples.documents) == one.stats.samples.documents_kept
    assert without_timings(render_run_report(one, cleaner, jobs)) == without_timings(
        render_run_report(two, cleaner, jobs))


def test_samples_do_not_depend_on_the_order_documents_arrive_in():
    documents = [(f"d{n}.txt", f"Story {n}.\nAdvertisement\n&\n") for n in range(40)]
    cleaner = Cleaner.from_yaml()
    forward, backward, halves = Samples(), Samples(), [Samples(), Samples()]
    for number, (name, text) in enumerate(documents):
        cleaned, edits = cleaner.explain(text)
        forward.add(name, text, cleaned, edits, "g")
        halves[number % 2].add(name, text, cleaned, edits, "g")
    for name, text in reversed(documents):
        backward.add(name, text, *cleaner.explain(text), "g")
    merged = Samples()
    merged.merge(halves[1])
    merged.merge(halves[0])
    assert forward == backward == merged
    assert len(forward.removals["news-debris/advertisement"]) == PER_RULE
    sampled = forward.removals["news-debris/advertisement"][0]
    assert sampled.context_before == ("Story " + sampled.document[1:-4] + ".",)


def test_the_page_stays_under_the_limit_whatever_the_samples():
    stats = Stats()
    nasty = '"<&>' * 200  # every character escapes to 4-6 bytes
    for rule in range(600):
        for document in range(PER_RULE):
            edit = Edit(f"pack/rule-{rule}", 3, "drop", nasty)
            stats.add([edit])
            stats.sample(f"doc-{rule}-{document}", "\n".join([nasty] * 80), "", [edit], nasty)
    page = render_run_report(RunResult(stats, bytes_in=1), None, [])
    assert len(page.encode("utf-8")) <= MAX_BYTES
    assert 'class="sample f"' in page  # fewer samples, not none


def test_discover_report_lists_repeated_lines_and_their_rules(run_cli, corpus, tmp_path):
    report = tmp_path / "discover.html"
    code, _, err = run_cli("discover", corpus, "--disable", "site-chrome", "--report", report,
                           "--top", "3")
    assert code == 0, err
    page = report.read_text(encoding="utf-8")
    assert page.count('<section class="rule"') >= 2  # one per site
    assert "discovered/site-" in page and "<svg" in page


def test_a_document_held_by_the_safety_limit_is_counted_and_shown(run_cli, tmp_path):
    text = "Advertisement\n" * 30 + "A short article of one sentence.\n"
    report = tmp_path / "report.html"
    code, out, _ = run_cli("--report", report, stdin=text.encode())
    assert code == 0 and out == text
    page = report.read_text(encoding="utf-8")
    assert re.search(r"<b>1</b><span>held by the safety limit</span>", page)
    assert 'data-rule="cleaner/max-loss"' in page and "would remove 390 of 453" in page


def test_a_name_with_a_newline_is_quoted_as_other_reports_quote_it(run_cli, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "two\nlines.txt").write_text("Body.\nAdvertisement\n", encoding="utf-8")
    report = tmp_path / "report.html"
    code, _, err = run_cli(source, "-o", tmp_path / "out", "--report", report)
    assert code == 0, err
    page = report.read_text(encoding="utf-8")
    assert "two\\nlines.txt" in page and "two\nlines.txt" not in page
