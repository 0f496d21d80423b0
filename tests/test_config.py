"""Project configuration: cleaner.toml or [tool.cleaner] in pyproject.toml, found from
the current folder up, overridden by the command line, shown by `clean config show`,
its mistakes reported as file:line:col."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.cli.config import ConfigError, find_config, load_config
from cleaner.cli.main import main

from conftest import PROMO_RULES

RECORD = {"id": 1, "content": "Body.\n&\nBuy now!\n"}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a rule file, a JSONL input and a sub folder to run from."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "site.yaml").write_text(PROMO_RULES, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    return tmp_path


def _clean(project, *options):
    out = project / "out.jsonl"
    out.unlink(missing_ok=True)
    code = main([str(project / "in.jsonl"), "-o", str(out), "-q", *options])
    return code, (json.loads(out.read_text(encoding="utf-8")) if out.exists() else None)


def test_found_upwards_and_applied_with_paths_from_its_folder(project):
    code, record = _clean(project)
    assert code == 1 and record is None  # no `text` field: nothing written
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cleaner]\nrules = ["rules/site.yaml"]\n'
        'text-field = "content"\ndisable = ["symbols"]\nannotate = "removed"\n',
        encoding="utf-8")
    code, record = _clean(project)
    assert code == 0
    assert record["content"] == "Body.\n&\n"  # site rule on, symbols off
    assert record["removed"] == {"mysite/promo": {"lines": 1, "chars": 9}}


def test_command_line_wins(project):
    (project / "cleaner.toml").write_text(
        'text-field = "content"\ndisable = ["symbols"]\nrules = ["rules/site.yaml"]\n',
        encoding="utf-8")
    code, record = _clean(project, "--enable", "symbols", "--disable", "mysite")
    assert code == 0 and record["content"] == "Body.\nBuy now!\n"
    code, record = _clean(project, "--text-field", "text")
    assert code == 1 and record is None


def test_cleaner_toml_wins_over_pyproject_and_the_nearest_folder_wins(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "cleaner.toml").write_text("jobs = 1\n", encoding="utf-8")
    assert find_config(sub) == tmp_path / "cleaner.toml"
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(sub) == tmp_path / "cleaner.toml"  # no [tool.cleaner]: skipped
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.cleaner]\njobs = 2\n",
                                                   encoding="utf-8")
    assert find_config(sub) == tmp_path / "a" / "pyproject.toml"
    (tmp_path / "a" / "cleaner.toml").write_text("jobs = 3\n", encoding="utf-8")
    assert find_config(sub) == tmp_path / "a" / "cleaner.toml"
    assert load_config(find_config(sub)).values == {"jobs": 3}


def test_no_config_and_config_path(project, tmp_path):
    (project / "cleaner.toml").write_text('text-field = "content"\n', encoding="utf-8")
    assert _clean(project, "--no-config")[0] == 1
    other = project / "ci" / "pyproject.toml"
    other.parent.mkdir()
    other.write_text('[tool.cleaner]\ntext-field = "content"\nrules = ["../rules/site.yaml"]\n',
                     encoding="utf-8")
    (project / "cleaner.toml").write_text('text-field = "nothing"\n', encoding="utf-8")
    code, record = _clean(project, "--config", str(other))
    assert code == 0 and record["content"] == "Body.\n"


@pytest.mark.parametrize("text, headline", [
    ('jobs = 2\ntext_field = "x"\n',
     "cleaner.toml:2:1: error[unknown-key] unknown key `text_field`"),
    ('text-field = "content"\n  max-loss = 2\n',
     "cleaner.toml:2:3: error[wrong-type] `max-loss` must be a number from 0 to 1, not 2"),
    ('disable = "repeats"\n',
     'cleaner.toml:1:1: error[wrong-type] `disable` must be a list of strings, not "repeats"'),
    ('engine = "spark"\n',
     'cleaner.toml:1:1: error[wrong-type] `engine` must be one of "local", "ray", not "spark"'),
    ('jobs = 2\ntext-field = \n',
     "cleaner.toml:2:14: error[toml-syntax] Invalid value"),
    ('jobs = 2\n[other]\nx = 1\n',
     "cleaner.toml:2:1: error[unknown-key] unknown key `other`"),
    ('jobs = 2\nrules = [',
     "cleaner.toml:2:10: error[toml-syntax] Invalid value at the end of the file"),
])
def test_mistakes_are_located_and_exit_2_without_a_traceback(project, capsys, text, headline):
    (project / "cleaner.toml").write_text(text, encoding="utf-8")
    assert main([str(project / "in.jsonl"), "-o", str(project / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"{project / 'cleaner.toml'}:{headline.split(':', 1)[1]}"
    assert "Traceback" not in err and not (project / "out.jsonl").exists()


def test_pyproject_mistakes_are_located_in_its_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\njobs = "x"\n\n[tool.cleaner]\n\njobs = "4"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (f"{path}:6:1: error[wrong-type] `jobs` must be a whole "
                                 'number (1 or more), not "4"')


def test_missing_config_file_is_one_line_and_exit_2(project, capsys):
    assert main([str(project / "in.jsonl"), "--config", "gone.toml"]) == 2
    assert capsys.readouterr().err == "gone.toml: error[no-file] config file not found\n"


def test_config_show_prints_values_and_sources(project, capsys):
    (project / "cleaner.toml").write_text(
        'text-field = "content"\nrules = ["rules/site.yaml"]\n\ndisable = ["repeats"]\n',
        encoding="utf-8")
    assert main(["config", "show", "--jobs", "3", "--disable", "symbols"]) == 0
    lines = capsys.readouterr().out.splitlines()
    config = project / "cleaner.toml"
    assert lines[0] == f"# config file: {config}"
    shown = {line.split(" = ")[0]: line for line in lines[1:] if " = " in line}
    assert shown["text-field"].endswith(f"# {config}:1")
    assert f'rules = ["{project / "rules" / "site.yaml"}"]' in shown["rules"]
    assert shown["disable"].startswith('disable = ["repeats", "symbols"]')
    assert shown["disable"].endswith(f"# {config}:4 + command line")
    assert shown["jobs"].startswith("jobs = 3 ") and shown["jobs"].endswith("# command line")
    assert shown["max-loss"].endswith("# default")
    assert main(["config", "show", "--no-config"]) == 0
    assert capsys.readouterr().out.startswith("# config file: none")


def test_discover_reads_the_shared_keys(project, capsys):
    (project / "cleaner.toml").write_text('text-field = "content"\n', encoding="utf-8")
    records = [{"content": f"Story {n}.\nSite footer line, the same everywhere.\n"}
               for n in range(6)]
    (project / "many.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records),
                                        encoding="utf-8")
    assert main(["discover", str(project / "many.jsonl")]) == 0
    assert "Site footer line" in capsys.readouterr().out


def test_the_repository_pyproject_has_no_cleaner_table():
    # Tests run from the repository: its own pyproject.toml must not configure them.
    root = Path(__file__).resolve().parents[1]
    assert "[tool.cleaner]" not in (root / "pyproject.toml").read_text(encoding="utf-8")


def test_a_zero_on_the_command_line_still_wins(project):
    (project / "cleaner.toml").write_text('text-field = "content"\nmin-chars = 100\n',
                                          encoding="utf-8")
    out = project / "out.jsonl"
    assert main([str(project / "in.jsonl"), "-o", str(out), "-q"]) == 0
    assert out.read_bytes() == b""  # the one record is dropped
    code, record = _clean(project, "--min-chars", "0")
    assert code == 0 and record["content"] == "Body.\nBuy now!\n"


def test_path_keys_resolve_against_the_config_folder(project, capsys):
    (project / "cleaner.toml").write_text(
        'counts = "state/counts.bin"\ncorpus-repeats = true\n', encoding="utf-8")
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert f'counts = "{project / "state" / "counts.bin"}"' in out
    assert "corpus-repeats = true" in out
