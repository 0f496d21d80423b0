"""The ``--report`` page in a real browser: headless Chromium driven by Selenium.

One browser serves the module. It opens the report of the seeds (plus a document that
carries a ``<script>``) and of a generated multi-site corpus, and checks what a person
sees: the per-rule table and chart, Arabic samples laid out right to left, the filter
box, the script shown as text and never run, no request leaving the page.

Needs Debian's ``chromium`` and ``chromium-driver`` (``make test`` installs them through
``.ci/browser-deps``) and the ``selenium`` package. Without them the tests skip locally
and fail in CI (``CI=true``).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import generate, write_jsonl
from conftest import SEEDS

SCRIPT_DOC = "Body of the story.\n<script>alert(1)</script>\nAdvertisement\nMore text.\n"
ARABIC = "\u0600-\u06ff"


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (system binary and driver) that records network events."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[test]')")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        _missing("chromium or chromedriver not found (run .ci/browser-deps as root)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1300,1600",
                     "--no-first-run", "--disable-background-networking"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """The report of the seeds (and a document with a script) and of a generated corpus."""
    from cleaner.cli.main import main

    folder = tmp_path_factory.mktemp("browser")
    seeds = folder / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "script.txt").write_text(SCRIPT_DOC, encoding="utf-8")
    corpus = folder / "news.jsonl"
    write_jsonl(corpus, generate(200_000, seed=11))
    pages = {"seeds": folder / "seeds.html", "corpus": folder / "corpus.html"}
    assert main([str(seeds), "-o", str(folder / "out"), "-q", "--report",
                 str(pages["seeds"])]) == 0
    assert main([str(corpus), "-o", str(folder / "out.jsonl"), "-q", "--report",
                 str(pages["corpus"])]) == 0
    return pages


def _open(browser, page: Path) -> list[str]:
    """Load ``page``; return the URLs of every request the load made."""
    browser.get_log("performance")  # drop what earlier pages logged
    browser.get(page.as_uri())
    requests = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return requests


def _visible(browser, selector: str) -> list[str]:
    """The text of every element matching ``selector`` that is displayed (one round trip)."""
    return browser.execute_script(
        "return [...document.querySelectorAll(arguments[0])]"
        ".filter(e => e.checkVisibility()).map(e => e.innerText);", selector)


def test_seeds_report_table_chart_rtl_and_no_request(browser, reports, tmp_path):
    requests = _open(browser, reports["seeds"])
    assert requests and all(url == reports["seeds"].as_uri() for url in requests), requests
    rows = browser.find_elements("css selector", "#rules tbody tr")
    rules = [row.find_element("css selector", "code").text for row in rows]
    assert "repeats/paragraphs" in rules and "news-debris/advertisement" in rules
    bars = browser.find_elements("css selector", "svg.chart g.bar rect")
    assert len(bars) >= 3 and all(bar.rect["width"] > 0 for bar in bars)
    arabic = browser.execute_script(
        f"return [...document.querySelectorAll('.sample .tx')]"
        f".filter(e => /[{ARABIC}]/.test(e.textContent))"
        ".map(e => getComputedStyle(e).direction);")
    assert arabic and set(arabic) == {"rtl"}
    english = browser.execute_script(
        "return [...document.querySelectorAll('.sample .tx')]"
        ".filter(e => e.textContent.startsWith('Body of the story'))"
        ".map(e => getComputedStyle(e).direction);")
    assert english and set(english) == {"ltr"}
    assert browser.save_screenshot(str(tmp_path / "seeds.png"))


def test_a_script_in_a_document_shows_as_text_and_runs_nothing(browser, reports):
    from selenium.common.exceptions import NoAlertPresentException

    _open(browser, reports["seeds"])
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 (the property raises when no alert is open)
    assert "<script>alert(1)</script>" in _visible(browser, ".sample .tx")
    assert browser.execute_script("return document.scripts.length") == 1


def test_filter_box_narrows_tables_and_samples(browser, reports):
    _open(browser, reports["seeds"])
    everything = len(_visible(browser, ".f"))
    box = browser.find_element("id", "filter")
    box.send_keys("comment-policy")
    samples = _visible(browser, ".sample")
    assert samples and all("comment-policy" in text for text in samples)
    rows = _visible(browser, "#rules tbody tr")
    assert len(rows) == 1 and rows[0].startswith("comment-policy/ar")
    assert not browser.find_element("id", "rule-repeats/paragraphs").is_displayed()
    box.clear()
    box.send_keys("alert(1)")  # a phrase, not a rule id
    samples = _visible(browser, ".sample")
    assert samples and all("alert(1)" in text for text in samples)
    box.clear()
    box.send_keys(" ")  # clearing by keys fires `input`; blank shows everything
    assert len(_visible(browser, ".f")) == everything


def test_generated_corpus_report_groups_languages_and_no_request(browser, reports, tmp_path):
    requests = _open(browser, reports["corpus"])
    assert all(url == reports["corpus"].as_uri() for url in requests), requests
    body = browser.find_element("tag name", "body").text
    assert "site-00.example" in body
    for language in ("Arabic", "Latin"):
        assert language in body
    assert len(browser.find_elements("css selector", ".pair")) == 6
    assert browser.save_screenshot(str(tmp_path / "corpus.png"))
    problems = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not problems  # no blocked script or style, no error
