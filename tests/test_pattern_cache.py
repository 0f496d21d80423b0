"""Compiled patterns kept in the user's cache folder between runs: read back instead of
compiled, keyed by the pattern and its flags, never trusted when corrupt or not the
pattern asked for, and never the cause of a failed run."""

from __future__ import annotations

import os
import pickle

import pytest
import regex

from cleaner import Cleaner, usercache
from cleaner.text import patterncache

from conftest import SEEDS, forget_caches

PATTERN = r"(?:read|see) more:? .*"
FLAGS = regex.IGNORECASE | regex.FULLCASE




def _entries(home):
    return sorted((home / "cleaner").glob("patterns-*/*.pickle"))


def _no_compiling(monkeypatch):
    def refuse(pattern, flags=0):
        raise AssertionError(f"compiled {pattern!r} again")

    monkeypatch.setattr(patterncache.regex, "compile", refuse)


def test_a_second_run_reads_the_compiled_pattern_back(cache_home, monkeypatch):
    first = patterncache.cached_compile(PATTERN, FLAGS)
    [entry] = _entries(cache_home)
    _no_compiling(monkeypatch)
    again = patterncache.cached_compile(PATTERN, FLAGS)
    assert (again.pattern, again.flags) == (first.pattern, first.flags)
    for text in ("Read more: here", "SEE MORE ...", "read less"):
        assert bool(again.fullmatch(text)) == bool(first.fullmatch(text))
    # Keyed by the pattern and the flags: another is not taken for it.
    with pytest.raises(AssertionError, match="compiled"):
        patterncache.cached_compile(PATTERN + "x", FLAGS)
    with pytest.raises(AssertionError, match="compiled"):
        patterncache.cached_compile(PATTERN, regex.MULTILINE)
    assert _entries(cache_home) == [entry]


def test_a_pattern_in_error_is_raised_and_never_kept(cache_home):
    for _ in range(2):
        with pytest.raises(regex.error):
            patterncache.cached_compile("(unclosed", FLAGS)
    assert _entries(cache_home) == []


def _valid(payload: bytes) -> bytes:
    return usercache.digest(payload) + payload


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff garbage",
    _valid(b"not a pickle"),
    _valid(pickle.dumps(["a list"])),
    _valid(pickle.dumps(regex.compile("another pattern"))),
])
def test_a_corrupt_entry_is_compiled_again_and_replaced(cache_home, content):
    first = patterncache.cached_compile(PATTERN, FLAGS)
    [entry] = _entries(cache_home)
    entry.write_bytes(content)
    again = patterncache.cached_compile(PATTERN, FLAGS)
    assert (again.pattern, again.flags) == (first.pattern, first.flags)
    assert patterncache._loaded(entry.read_bytes(), PATTERN) is not None


def test_an_entry_cut_short_or_altered_is_not_trusted(cache_home):
    patterncache.cached_compile(PATTERN, FLAGS)
    [entry] = _entries(cache_home)
    whole = entry.read_bytes()
    assert patterncache._loaded(whole, PATTERN) is not None
    assert patterncache._loaded(whole[:-1], PATTERN) is None
    altered = bytearray(whole)
    altered[-20] ^= 1
    assert patterncache._loaded(bytes(altered), PATTERN) is None


def test_an_unwritable_cache_folder_is_not_an_error(cache_home, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    compiled = patterncache.cached_compile(PATTERN, FLAGS)
    assert compiled.fullmatch("Read more: the story") is not None
    assert blocker.read_text() == "not a folder"


def test_only_the_last_versions_are_kept(cache_home, monkeypatch):
    for version in range(12):
        monkeypatch.setattr(patterncache, "_stamp", lambda v=version: f"version{v}")
        patterncache.cached_compile(f"{PATTERN}{version}", FLAGS)
        folders = sorted((cache_home / "cleaner").glob("patterns-*"))
        for age, folder in enumerate(sorted(folders, key=lambda f: f.stat().st_mtime_ns)):
            os.utime(folder, ns=(age, age))  # the newest written last, whatever the clock
    assert len(list((cache_home / "cleaner").glob("patterns-*"))) == usercache.KEPT_VERSIONS


def test_the_same_cleaning_from_a_cold_a_warm_and_a_corrupt_cache(cache_home):
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    cold = Cleaner.from_yaml().clean(text)
    entries = _entries(cache_home)
    assert entries
    forget_caches()
    assert Cleaner.from_yaml().clean(text) == cold
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-1])  # cut short
    forget_caches()
    assert Cleaner.from_yaml().clean(text) == cold
    for entry in entries:  # written whole again
        data = entry.read_bytes()
        assert data[:16] == usercache.digest(data[16:])


def test_a_folder_past_its_limit_starts_afresh(cache_home, monkeypatch):
    monkeypatch.setattr(patterncache, "MAX_ENTRIES", 3)
    for number in range(4):
        patterncache.cached_compile(f"{PATTERN}{number}", FLAGS)
    assert len(_entries(cache_home)) == 1  # the fourth, alone
    _no_compiling(monkeypatch)
    assert patterncache.cached_compile(f"{PATTERN}3", FLAGS).pattern == f"{PATTERN}3"
