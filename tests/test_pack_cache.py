"""The built-in packs, validated once and read back from the user's cache folder: the
same rules as the YAML gives, keyed by the pack's text and the code, never trusted when
corrupt, never kept when the pack has problems, and never the cause of a failed run."""

from __future__ import annotations

import os
import pickle

import pytest

from cleaner import Cleaner, RuleFileError, usercache
from cleaner.ruleset import packcache, rulefile, yamlsource
from cleaner.ruleset.packs import builtin_rule_files

from conftest import forget_caches

PACK = builtin_rule_files()[0]




def _pickles(home):
    return sorted((home / "cleaner").glob("packs-*/*.pickle"))


def _no_yaml(monkeypatch):
    def refuse(text, name):
        raise AssertionError(f"{name} was read from YAML again")

    monkeypatch.setattr(yamlsource, "load_yaml", refuse)


def test_a_second_run_reads_the_validated_pack_back(cache_home, monkeypatch):
    from_yaml = rulefile.load_rule_file(PACK)
    assert len(_pickles(cache_home)) == 1
    forget_caches()
    _no_yaml(monkeypatch)
    assert rulefile.load_rule_file(PACK) == from_yaml


def test_the_whole_cleaner_is_the_same_from_the_cache(cache_home):
    text = "Body.\nAdvertisement\n© 2016 AFP\n"
    cold = Cleaner.from_yaml()
    forget_caches()
    warm = Cleaner.from_yaml()
    assert warm.specs == cold.specs
    assert warm.explain(text) == cold.explain(text)


def test_another_text_or_another_version_of_the_code_is_another_entry(cache_home,
                                                                       monkeypatch):
    calls = []

    def validate():
        calls.append(1)
        return ()

    packcache.cached_pack("rules: []", "a.yaml", validate)
    packcache.cached_pack("rules: []", "a.yaml", validate)
    assert len(calls) == 1
    packcache.cached_pack("rules: [] ", "a.yaml", validate)  # the text changed
    packcache.cached_pack("rules: []", "b.yaml", validate)  # another file
    assert len(calls) == 3
    monkeypatch.setattr(packcache, "_code_stamp", lambda: "edited")
    packcache.cached_pack("rules: []", "a.yaml", validate)
    assert len(calls) == 4


@pytest.mark.parametrize("content", [
    b"", b"not a pickle", pickle.dumps(["a list", "of strings"]), pickle.dumps(("x",)),
])
def test_a_corrupt_entry_is_validated_again_and_replaced(cache_home, content):
    from_yaml = rulefile.load_rule_file(PACK)
    [entry] = _pickles(cache_home)
    entry.write_bytes(content)
    forget_caches()
    assert rulefile.load_rule_file(PACK) == from_yaml
    assert pickle.loads(entry.read_bytes()) == tuple(from_yaml)


def test_a_pack_with_problems_is_never_kept(cache_home):
    def validate():
        raise RuleFileError([])

    for _ in range(2):
        with pytest.raises(RuleFileError):
            packcache.cached_pack("rules: [", "bad.yaml", validate)
    assert _pickles(cache_home) == []


def test_an_unwritable_cache_folder_is_not_an_error(cache_home, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert Cleaner.from_yaml().clean("Body.\nAdvertisement\n") == "Body.\n"
    assert blocker.read_text() == "not a folder"


def test_only_the_last_versions_of_the_code_are_kept(cache_home, monkeypatch):
    for version in range(12):
        monkeypatch.setattr(packcache, "_code_stamp", lambda v=version: f"version {v}")
        packcache.cached_pack("rules: []", "a.yaml", lambda: ())
        folders = sorted((cache_home / "cleaner").glob("packs-*"))
        for age, folder in enumerate(sorted(folders, key=lambda f: f.stat().st_mtime_ns)):
            os.utime(folder, ns=(age, age))  # the newest written last, whatever the clock
    assert len(list((cache_home / "cleaner").glob("packs-*"))) == usercache.KEPT_VERSIONS
