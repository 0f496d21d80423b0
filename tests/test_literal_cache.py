"""The literal sets of patterns kept in the user's cache folder between runs: read back
instead of parsed, keyed by the pattern's text, and never the cause of a failed run
(missing, corrupt, or in a folder that cannot be written)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.text import prefilter
from cleaner.text.literalcache import LiteralCache
from cleaner.usercache import cache_folder

from conftest import ROOT, SEEDS, forget_caches

PATTERN = r"(?:read|see) more:? .*"




def _cache_files(home: Path) -> list[Path]:
    return sorted((home / "cleaner").glob("literals-*.json"))


def test_the_folder_follows_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "cleaner"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored
    assert cache_folder() == Path.home() / ".cache" / "cleaner"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_folder() == Path.home() / ".cache" / "cleaner"


def test_a_second_run_reads_the_literals_instead_of_parsing(cache_home, monkeypatch):
    expected = prefilter.required_literals(PATTERN)
    assert expected == frozenset({" more"})
    prefilter.save_literals()
    [saved] = _cache_files(cache_home)
    forget_caches()

    def no_parsing(pattern: str, casefold: bool) -> None:
        raise AssertionError(f"parsed {pattern!r} again")

    monkeypatch.setattr(prefilter, "_parsed_literals", no_parsing)
    assert prefilter.required_literals(PATTERN) == expected
    # Keyed by the pattern's text and flag: another pattern is not taken for it.
    with pytest.raises(AssertionError, match="parsed"):
        prefilter.required_literals(PATTERN + "x")
    with pytest.raises(AssertionError, match="parsed"):
        prefilter.required_literals(PATTERN, casefold=False)
    assert _cache_files(cache_home) == [saved]


def test_a_pattern_without_literals_is_remembered_as_none(tmp_path):
    cache = LiteralCache(tmp_path / "literals.json")
    cache.put(".*", True, None)
    cache.save()
    assert LiteralCache(cache.path).get(".*", True) is None
    with pytest.raises(KeyError):
        LiteralCache(cache.path).get(".*", False)


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff garbage", b'{"truncated": ["a', b"[1, 2, 3]", b'"a string"',
])
def test_a_corrupt_file_reads_as_empty_and_is_replaced(tmp_path, content):
    path = tmp_path / "literals.json"
    path.write_bytes(content)
    cache = LiteralCache(path)
    assert PATTERN not in cache
    cache.put(PATTERN, True, frozenset({" more"}))
    cache.save()
    assert LiteralCache(path).get(PATTERN, True) == frozenset({" more"})


def test_entries_of_the_wrong_shape_are_not_trusted(tmp_path):
    path = tmp_path / "literals.json"
    cache = LiteralCache(path)
    keys = [cache._key(f"p{n}", True) for n in range(5)]
    path.write_text(json.dumps(dict(zip(keys, [7, "text", [], [""], ["ok", 3]]))))
    assert not any(f"p{n}" in LiteralCache(path) for n in range(5))


def test_a_save_keeps_what_another_process_saved(tmp_path):
    path = tmp_path / "literals.json"
    first, second = LiteralCache(path), LiteralCache(path)
    assert "aa" not in first and "bb" not in second  # both read the file before saving
    first.put("aa", True, frozenset({"aa"}))
    first.save()
    second.put("bb", True, frozenset({"bb"}))
    second.save()
    again = LiteralCache(path)
    assert again.get("aa", True) == frozenset({"aa"})
    assert again.get("bb", True) == frozenset({"bb"})


def test_an_unwritable_folder_is_not_an_error(cache_home, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    cleaner = Cleaner.from_yaml()
    assert cleaner.clean("Body.\nAdvertisement\n") == "Body.\n"
    assert blocker.read_text() == "not a folder"


def test_the_same_cleaning_from_a_cold_a_warm_and_a_corrupt_cache(cache_home):
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    cold = Cleaner.from_yaml().clean(text)
    [saved] = _cache_files(cache_home)
    forget_caches()
    assert Cleaner.from_yaml().clean(text) == cold
    saved.write_bytes(saved.read_bytes()[: len(saved.read_bytes()) // 2])  # cut short
    forget_caches()
    assert Cleaner.from_yaml().clean(text) == cold
    json.loads(saved.read_bytes())  # written whole again


def test_clean_runs_with_a_corrupt_or_unwritable_cache(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    outputs = []
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    corrupt = tmp_path / "corrupt"
    for home in (tmp_path / "fresh", blocker, corrupt):
        if home == corrupt:
            (corrupt / "cleaner").mkdir(parents=True)
            for name in [path.name for path in _cache_files(tmp_path / "fresh")]:
                (corrupt / "cleaner" / name).write_bytes(b"{\x00")
        env = {**os.environ, "XDG_CACHE_HOME": str(home),
               "PYTHONPATH": str(ROOT / "src")}
        done = subprocess.run([sys.executable, "-m", "cleaner", str(seed)],
                              capture_output=True, env=env, timeout=120)
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert _cache_files(tmp_path / "fresh") and _cache_files(corrupt)
