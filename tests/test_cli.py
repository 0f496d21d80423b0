"""The `clean` command: inputs, outputs, reports, bad inputs and exit codes."""

from __future__ import annotations

import os

from conftest import GOLDEN, SEEDS

FOOTER_DOC = "Body of the story.\n&\nAdvertisement\n\n\n"


def make(tmp_path, name, content):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_stdin_to_stdout(run_cli):
    code, out, _ = run_cli(stdin=FOOTER_DOC.encode())
    assert (code, out) == (0, "Body of the story.\n")
    code, out, _ = run_cli("-", stdin=FOOTER_DOC.encode())
    assert (code, out) == (0, "Body of the story.\n")


def test_single_file_to_stdout_and_to_file(run_cli, tmp_path):
    source = make(tmp_path, "a.txt", FOOTER_DOC)
    assert run_cli(source)[:2] == (0, "Body of the story.\n")
    code, out, _ = run_cli(source, "-o", tmp_path / "b.txt")
    assert (code, out) == (0, "")
    assert (tmp_path / "b.txt").read_text("utf-8") == "Body of the story.\n"
    assert source.read_text("utf-8") == FOOTER_DOC  # input untouched
    # outputs get the permissions a plain open() would give, not a temp file's 0600
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == source.stat().st_mode & 0o777


def test_folder_tree_is_mirrored(run_cli, tmp_path):
    make(tmp_path, "in/x/a.txt", FOOTER_DOC)
    make(tmp_path, "in/b.txt", "Plain.\n")
    make(tmp_path, "in/notes.md", "# not taken by the default glob\n")
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 0, err
    files = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*"))
    assert files == ["b.txt", "x", os.path.join("x", "a.txt")]
    assert (tmp_path / "out/x/a.txt").read_text("utf-8") == "Body of the story.\n"


def test_several_inputs_go_under_their_names(run_cli, tmp_path):
    make(tmp_path, "one/a.txt", "A.\n")
    make(tmp_path, "two/a.txt", "B.\n")
    code, _, err = run_cli(tmp_path / "one", tmp_path / "two", "-o", tmp_path / "out")
    assert code == 0, err
    assert (tmp_path / "out/one/a.txt").read_text("utf-8") == "A.\n"
    assert (tmp_path / "out/two/a.txt").read_text("utf-8") == "B.\n"


def test_a_folder_without_output_is_a_usage_error(run_cli, tmp_path):
    make(tmp_path, "in/a.txt", "A.\n")
    code, _, err = run_cli(tmp_path / "in")
    assert code == 2 and "-o OUT or --in-place" in err


def test_in_place_replaces_atomically_and_keeps_mode(run_cli, tmp_path):
    source = make(tmp_path, "in/a.txt", FOOTER_DOC)
    os.chmod(source, 0o640)
    code, _, err = run_cli(tmp_path / "in", "--in-place")
    assert code == 0, err
    assert source.read_text("utf-8") == "Body of the story.\n"
    assert source.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in source.parent.iterdir()] == ["a.txt"]  # no temporary left


def test_explain_lists_every_edit(run_cli, tmp_path):
    source = make(tmp_path, "a.txt", FOOTER_DOC)
    code, out, err = run_cli(source, "--explain", "-o", tmp_path / "out.txt")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == [
        f"{source}:2: symbols/lone-symbol-line: &",
        f"{source}:3: news-debris/advertisement: Advertisement",
        f"{source}:4: whitespace/layout: (blank line)",
        f"{source}:5: whitespace/layout: (blank line)",
    ]


def test_reports_go_to_stderr_and_stdout_carries_only_cleaned_text(run_cli, tmp_path):
    source = make(tmp_path, "a.txt", FOOTER_DOC)
    edit = f"{source}:2: symbols/lone-symbol-line: &"
    for where in ([], ["-o", tmp_path / "out.txt"], ["--dry-run"], ["--in-place"]):
        for report in (["--explain"], ["--stats"], ["--explain", "--stats"]):
            source.write_text(FOOTER_DOC, "utf-8")
            code, out, err = run_cli(source, *where, *report)
            assert code == 0, err
            assert out == ("Body of the story.\n" if not where else ""), (where, report)
            assert (edit in err.splitlines()) == ("--explain" in report), (where, report)
            assert ("1 of 1 documents changed" in err) == ("--stats" in report)
    code, out, err = run_cli("--explain", stdin=b"Text.\n&\n")
    assert out == "Text.\n"
    assert "<stdin>:2: symbols/lone-symbol-line: &" in err


def test_dry_run_writes_nothing(run_cli, tmp_path):
    source = make(tmp_path, "in/a.txt", FOOTER_DOC)
    code, out, err = run_cli(tmp_path / "in", "--dry-run", "-o", tmp_path / "out")
    assert (code, out) == (0, "")
    assert f"{source}:2: symbols/lone-symbol-line: &" in err
    assert not (tmp_path / "out").exists()
    assert source.read_text("utf-8") == FOOTER_DOC


def test_stats_counts_lines_and_characters_per_rule(run_cli, tmp_path):
    code, out, err = run_cli(SEEDS, "--stats", "--dry-run")
    assert (code, out) == (0, "")
    out = err
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:-1]}
    assert rows["symbols/lone-symbol-line"][:2] == ["1", "16"]  # 1 document, 16 lines
    assert rows["repeats/paragraphs"][:2] == ["1", "5"]
    assert out.splitlines()[-1] == "5 of 5 documents changed"


def test_bad_inputs_are_reported_and_the_rest_cleaned(run_cli, tmp_path):
    make(tmp_path, "in/good.txt", FOOTER_DOC)
    make(tmp_path, "in/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    make(tmp_path, "in/empty.txt", b"")
    make(tmp_path, "in/latin1.txt", "Café ouvert.\n&\n".encode("latin-1"))
    code, _, err = run_cli(tmp_path / "in", tmp_path / "missing.txt", "-o", tmp_path / "out")
    assert code == 1
    lines = err.splitlines()
    assert f"{tmp_path / 'in/binary.txt'}: error: binary file (NUL byte); skipped" in lines
    assert f"{tmp_path / 'missing.txt'}: error: no such file or folder" in lines
    assert any("latin1.txt: warning: invalid UTF-8 at byte 3" in line for line in lines)
    out = tmp_path / "out" / "in"
    assert (out / "good.txt").read_text("utf-8") == "Body of the story.\n"
    assert (out / "empty.txt").read_bytes() == b""
    # the undecodable byte is written back as it was, never dropped
    assert (out / "latin1.txt").read_bytes() == "Café ouvert.\n".encode("latin-1")
    assert not (out / "binary.txt").exists()


def test_output_onto_the_input_is_refused(run_cli, tmp_path):
    source = make(tmp_path, "a.txt", FOOTER_DOC)
    code, _, err = run_cli(source, "-o", source)
    assert code == 2 and "--in-place" in err
    assert source.read_text("utf-8") == FOOTER_DOC


def test_disable_and_enable_select_rules(run_cli, tmp_path):
    source = make(tmp_path, "a.txt", FOOTER_DOC)
    assert run_cli(source, "--disable", "symbols")[1] == "Body of the story.\n&\n"
    out = run_cli(source, "--disable", "symbols", "--enable", "symbols/lone-symbol-line")[1]
    assert out == "Body of the story.\n"


def test_unknown_rule_id_suggests_a_name(run_cli, tmp_path):
    code, _, err = run_cli("--disable", "symbols/lone-symbol", stdin=b"x\n")
    assert code == 2
    assert "did you mean `symbols/lone-symbol-line`?" in err


def test_rules_list_shows_ids_state_and_summary(run_cli):
    code, out, _ = run_cli("rules", "list", "--disable", "repeats")
    assert code == 0
    lines = {line.split()[0]: line.split()[1] for line in out.splitlines()}
    assert lines["repeats/paragraphs"] == "off"
    assert lines["symbols/lone-symbol-line"] == "on"


def test_rules_test_runs_the_builtin_examples(run_cli):
    code, out, err = run_cli("rules", "test")
    assert code == 0, err
    assert all(line.endswith(" 0 failed") for line in out.splitlines())


def test_catastrophic_user_regex_does_not_hang(run_cli, tmp_path):
    rules = make(tmp_path, "slow.yaml", """\
rules:
  - id: slow/backtrack
    kind: line
    summary: A pattern that backtracks catastrophically.
    match: '(a|aa)+b'
    examples:
      - input: "aab\\n"
        output: ""
""")
    source = make(tmp_path, "a.txt", "a" * 60 + "\nText.\n")
    code, out, err = run_cli(source, "--rules", rules, "--no-defaults")
    assert code == 1
    assert out == "a" * 60 + "\nText.\n"
    assert "line 1: rule slow/backtrack ran out of time; line kept" in err


def test_golden_seed_via_stdin(run_cli):
    name = "000_b251037a76b156f6.txt"
    _, out, _ = run_cli(stdin=(SEEDS / name).read_bytes())
    assert out == (GOLDEN / name).read_text("utf-8")


def test_safety_limit_leaves_document_unchanged(run_cli):
    text = "Advertisement\n" * 30 + "A short article of one sentence.\n"
    code, out, err = run_cli("--max-loss", "0.5", stdin=text.encode())
    assert out == text
    assert "<stdin>: warning: would remove 390 of 453 characters; document left unchanged" in err
    assert code == 0
    code, out, _ = run_cli("--max-loss", "1", stdin=text.encode())
    assert out == "A short article of one sentence.\n"


def test_an_absolute_or_empty_glob_is_a_usage_error(run_cli, tmp_path):
    make(tmp_path, "in/a.txt", FOOTER_DOC)
    for pattern in ("/", "", "/etc/*.txt"):
        code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out", "--glob", pattern)
        assert code == 2 and len(err.splitlines()) == 1, err
        assert err.startswith(f"clean: error: --glob {pattern!r}: ")
    code, _, err = run_cli("discover", tmp_path / "in", "--glob", "/")
    assert code == 2 and err.startswith("clean discover: error: --glob '/'"), err


def test_a_damaged_counts_file_is_one_line_and_exit_2(run_cli, tmp_path):
    import gzip

    source = make(tmp_path, "a.txt", FOOTER_DOC)
    counts = tmp_path / "counts.bin"
    good = {"format": "cleaner-frequencies/1", "groups": {"g": {"documents": 1, "lines": []}}}
    damaged = {
        "not gzip": b"nope",
        "truncated gzip": gzip.compress(b'{"format": 1}')[:12],
        "not JSON": gzip.compress(b"{oops"),
        "a list": gzip.compress(b"[1, 2]"),
        "another version": gzip.compress(b'{"format": "cleaner-frequencies/9", "groups": {}}'),
        "groups not a mapping": gzip.compress(
            b'{"format": "cleaner-frequencies/1", "groups": [1]}'),
        "lines of the wrong arity": gzip.compress(
            b'{"format": "cleaner-frequencies/1", "groups": {"g": {"documents": 1, '
            b'"lines": [[1, 2]]}}}'),
        "a count that is text": gzip.compress(
            b'{"format": "cleaner-frequencies/1", "groups": {"g": {"documents": 1, '
            b'"lines": [[1, "2", 0]]}}}'),
        "no documents": gzip.compress(
            b'{"format": "cleaner-frequencies/1", "groups": {"g": {"lines": []}}}'),
    }
    for what, data in damaged.items():
        counts.write_bytes(data)
        code, out, err = run_cli(source, "--corpus-repeats", "--counts", counts)
        assert (code, out) == (2, ""), what
        assert len(err.splitlines()) == 1 and err.startswith(f"clean: error: {counts}: "), (
            what, err)
    import orjson

    counts.write_bytes(gzip.compress(orjson.dumps(good)))
    assert run_cli(source, "--corpus-repeats", "--counts", counts)[0] == 0
    counts.unlink()
    counts.mkdir()  # a folder where the counts should be
    code, _, err = run_cli(source, "--corpus-repeats", "--counts", counts)
    assert code == 2 and err == f"clean: error: {counts}: not a counts file (Is a directory)\n"


RAY_BLOCKED = """\
import sys
sys.modules["ray"] = None  # `import ray` raises ImportError, as without Ray installed
from cleaner.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_engine_ray_without_ray_installed_is_one_line(tmp_path):
    import subprocess
    import sys

    source = make(tmp_path, "a.jsonl", '{"text": "A.\\n&\\n"}\n')
    env = {**os.environ, "PYTHONPATH": str(SEEDS.parent / "src")}
    done = subprocess.run([sys.executable, "-c", RAY_BLOCKED, str(source), "-o",
                           str(tmp_path / "out.jsonl"), "--engine", "ray"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("clean: error: --engine ray needs Ray: pip install")
    assert len(done.stderr.splitlines()) == 1 and not (tmp_path / "out.jsonl").exists()


def test_engine_ray_without_a_reachable_cluster_fails_fast(run_cli, tmp_path):
    import time

    source = make(tmp_path, "a.jsonl", '{"text": "A.\\n&\\n"}\n')
    started = time.monotonic()
    code, _, err = run_cli(source, "-o", tmp_path / "out.jsonl", "--engine", "ray",
                           "--address", "127.0.0.1:1")
    assert time.monotonic() - started < 10
    assert code == 2
    assert err == "clean: error: cannot reach the Ray cluster at 127.0.0.1:1: Connection refused\n"
    assert not (tmp_path / "out.jsonl").exists()


def test_a_control_character_in_a_file_name_is_quoted_in_reports(run_cli, tmp_path):
    odd = make(tmp_path, "in/two\nlines.txt", FOOTER_DOC)
    bad = make(tmp_path, "in/bin\tary.txt", b"\x00\x01")
    code, out, err = run_cli(tmp_path / "in", "-o", tmp_path / "out", "--explain")
    assert code == 1
    reports = (out + err).splitlines()
    assert f"{str(odd)!r}:2: symbols/lone-symbol-line: &" in reports
    assert f"{str(bad)!r}: error: binary file (NUL byte); skipped" in reports
    assert all(line.startswith(("'", "clean:")) for line in reports), reports
    assert (tmp_path / "out" / "two\nlines.txt").read_text("utf-8") == "Body of the story.\n"


def test_a_missing_rule_file_is_named_without_a_position(run_cli, tmp_path):
    missing = tmp_path / "gone.yaml"
    for args in (["--rules", missing], ["rules", "test", missing], ["rules", "check", missing],
                 ["rules", "list", "--rules", missing]):
        code, out, err = run_cli(*args, stdin=b"x\n")
        assert (code, out, err) == (2, "", f"{missing}: error[no-file] rule file not found\n")


HELP_PAGES = (["--help"], ["rules", "--help"], ["rules", "list", "--help"],
              ["rules", "test", "--help"], ["rules", "check", "--help"],
              ["rules", "schema", "--help"], ["rules", "docs", "--help"],
              ["rules", "kinds", "--help"],
              ["discover", "--help"], ["config", "--help"])


def test_every_help_page_ends_with_examples_and_every_option_has_help(capsys, monkeypatch):
    import argparse

    import pytest

    from cleaner.cli.main import main

    monkeypatch.setenv("COLUMNS", "80")
    for args in HELP_PAGES:
        with pytest.raises(SystemExit) as done:
            main(args)
        assert done.value.code == 0
        page = capsys.readouterr().out
        last = page.rstrip().split("\n\n")
        assert any(part.startswith(("examples:", "example:")) for part in last[-2:]), args
        assert all(len(line) <= 80 for line in page.splitlines()), args
    from cleaner.cli import discover as cli_discover
    from cleaner.cli import main as cli
    from cleaner.cli import rules as cli_rules

    parsers = [cli._clean_parser(), cli_discover._parser(), cli_rules._parser()]
    parsers += [sub for action in parsers[2]._actions
                if isinstance(action, argparse._SubParsersAction)
                for sub in action.choices.values()]
    for parser in parsers:
        for action in parser._actions:
            assert action.help, (parser.prog, action.option_strings or action.dest)


def test_clean_help_lists_every_subcommand(capsys):
    import pytest

    from cleaner.cli.main import main

    with pytest.raises(SystemExit):
        main(["--help"])
    page = capsys.readouterr().out
    for command in ("rules list", "rules test", "rules check", "rules schema", "rules docs",
                    "discover"):
        [line] = [line for line in page.splitlines() if line.startswith(f"  clean {command} ")]
        assert len(line.split()) > 4, line  # with a one-line description


def test_rule_files_are_taken_as_arguments_or_with_rules_alike(run_cli, tmp_path):
    from test_custom_rules import readme_rule_file

    rules = make(tmp_path, "mysite.yaml", readme_rule_file())
    for command in ("test", "check", "list", "docs"):
        as_argument = run_cli("rules", command, rules)
        with_option = run_cli("rules", command, "--rules", rules)
        assert as_argument == with_option and as_argument[0] == 0, (command, as_argument)
        assert "tip-line" in as_argument[1] or str(rules) in as_argument[1], command
    assert run_cli("rules", "test", rules)[1] == f"{rules}: 2 passed, 0 failed\n"
    code, _, err = run_cli("rules", "check")
    assert code == 2 and "name the rule files to check" in err


def test_a_folder_named_like_a_subcommand_is_cleaned(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for word in ("rules", "discover"):
        make(tmp_path, f"{word}/a.txt", FOOTER_DOC)
        for spelled in ([word, "-o", "out"], [f"./{word}", "-o", "out"],
                        ["-o", "out", "--", word]):
            code, out, err = run_cli(*spelled)
            assert code == 0, (spelled, err)
            assert (tmp_path / "out/a.txt").read_text("utf-8") == "Body of the story.\n"
            (tmp_path / "out/a.txt").unlink()
        code, out, err = run_cli(word, "--in-place")
        assert code == 0, err
        assert (tmp_path / word / "a.txt").read_text("utf-8") == "Body of the story.\n"
    # what can only be the subcommand stays the subcommand, folder or not
    code, out, _ = run_cli("rules", "list")
    assert code == 0 and "symbols/lone-symbol-line" in out
    code, out, _ = run_cli("discover", "rules")
    assert code == 0 and out == "no line is repeated that often\n"
