"""Outputs never replace inputs, devices or links, and a failed write is one line.

Processes and faults (kill -9, SIGTERM, full disk, read-only folders) are tested with
real subprocesses in test_faults.py.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading

import pytest

FOOTER_DOC = "Body of the story.\n&\nAdvertisement\n"
CLEANED = "Body of the story.\n"


def make(path, content=FOOTER_DOC):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, "utf-8")
    return path


def tree(folder):
    """Every file under ``folder`` (relative path -> bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make(tmp_path / "in/a.txt")
    make(tmp_path / "in/sub/b.txt")
    return tmp_path / "in"


@pytest.mark.parametrize("output", ["in", "./in", "in/sub/..", "ABSOLUTE"])
def test_an_output_folder_that_is_the_input_is_refused(run_cli, corpus, output):
    before = tree(corpus)
    code, out, err = run_cli("in", "-o", str(corpus) if output == "ABSOLUTE" else output)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "is the input" in err and "--in-place" in err
    assert tree(corpus) == before


def test_files_written_into_their_own_folder_are_refused(run_cli, corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    code, _, err = run_cli("a.txt", "sub/b.txt", "-o", ".")
    assert code == 2 and err == (
        "clean: error: a.txt is the input a.txt; write the output elsewhere, or use "
        "--in-place to replace the inputs\n")
    assert (corpus / "a.txt").read_text("utf-8") == FOOTER_DOC


@pytest.mark.parametrize("option", ["--stats-json", "--report", "--counts"])
@pytest.mark.parametrize("mode", [["-o", "out"], ["--in-place"]])
def test_a_side_file_that_is_an_input_is_refused(run_cli, corpus, option, mode):
    before = tree(corpus)
    code, out, err = run_cli("in", *mode, option, "in/sub/b.txt")
    assert code == 2 and out == ""
    assert err == (f"clean: error: {option} in/sub/b.txt is the input in/sub/b.txt; "
                   "write it elsewhere\n")
    assert tree(corpus) == before


def test_an_output_reached_through_a_link_is_still_the_input(run_cli, corpus):
    (corpus.parent / "link.txt").symlink_to(corpus / "a.txt")
    os.link(corpus / "sub/b.txt", corpus.parent / "hard.txt")
    assert run_cli("in/a.txt", "-o", "link.txt")[0] == 2
    assert run_cli("in/sub/b.txt", "-o", "hard.txt")[0] == 2
    assert tree(corpus) == {"a.txt": FOOTER_DOC.encode(), "sub/b.txt": FOOTER_DOC.encode()}


def test_an_output_folder_inside_the_input_is_never_read_as_input(run_cli, corpus):
    for _ in range(2):  # outputs of the first run are not inputs of the second
        code, _, err = run_cli("in", "-o", "in/out")
        assert code == 0, err
    assert tree(corpus / "out") == {"a.txt": CLEANED.encode(), "sub/b.txt": CLEANED.encode()}
    assert tree(corpus)["a.txt"] == FOOTER_DOC.encode()
    # several inputs: OUT/<name> inside one of them is left out of it too
    make(corpus.parent / "one/d.txt")
    make(corpus.parent / "two/c.txt")
    for _ in range(2):
        code, _, err = run_cli("one", "two", "-o", "two")
        assert code == 0, err
    assert sorted(tree(corpus.parent / "two")) == ["c.txt", "one/d.txt", "two/c.txt"]


def null_device(tmp_path):
    """A character device to write to: /dev/null, or as root (who could replace that one
    if the code were wrong) a copy of it made for the test."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return os.devnull
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        with open(device, "wb") as probe:
            probe.write(b"x")
    except OSError:
        pytest.skip("no device of our own to write to")
    return str(device)


def test_a_device_is_written_to_never_replaced(run_cli, corpus, tmp_path):
    device = null_device(tmp_path)
    for extra in ([], ["--resume"]):
        code, _, err = run_cli("in/a.txt", "-o", device, *extra)
        assert (code, err) == (0, "")
        assert stat.S_ISCHR(os.stat(device).st_mode)


def _read_fifo(path, into):
    with open(path, "rb") as fifo:
        into.append(fifo.read())


@pytest.mark.parametrize("name", ["out.fifo", "out.jsonl.gz"])
def test_a_fifo_is_written_to_as_a_stream(run_cli, corpus, name):
    fifo = corpus.parent / name
    os.mkfifo(fifo)
    source = corpus / "a.txt" if name == "out.fifo" else make(
        corpus.parent / "x.jsonl", '{"text": "Body of the story.\\n&\\n", "id": 1}\n')
    received: list[bytes] = []
    reader = threading.Thread(target=_read_fifo, args=(fifo, received))
    reader.start()
    code, _, err = run_cli(source, "-o", fifo)
    reader.join(30)
    assert (code, err) == (0, "")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    if name == "out.fifo":
        assert received == [CLEANED.encode()]
    else:
        import gzip
        assert gzip.decompress(received[0]) == b'{"text": "Body of the story.\\n", "id": 1}\n'


def test_in_place_cleans_the_target_of_a_link_and_keeps_the_link(run_cli, tmp_path):
    target = make(tmp_path / "data/a.txt")
    os.chmod(target, 0o640)
    make(tmp_path / "in/plain.txt")
    (tmp_path / "in/link.txt").symlink_to(target)
    (tmp_path / "in/second-link.txt").symlink_to(target)
    code, _, err = run_cli(tmp_path / "in", "--in-place", "--stats")
    assert code == 0, err
    for link in ("link.txt", "second-link.txt"):
        assert (tmp_path / "in" / link).is_symlink()
        assert os.readlink(tmp_path / "in" / link) == str(target)
    assert target.read_text("utf-8") == CLEANED
    assert target.stat().st_mode & 0o777 == 0o640
    assert err.splitlines()[-1] == "2 of 2 documents changed"  # the target once
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]
    # -o onto a link writes the file it points to, like the shell's `>`
    (tmp_path / "out-link.txt").symlink_to(tmp_path / "data/out.txt")
    assert run_cli(tmp_path / "in/plain.txt", "-o", tmp_path / "out-link.txt")[0] == 0
    assert (tmp_path / "out-link.txt").is_symlink()
    assert (tmp_path / "data/out.txt").read_text("utf-8") == CLEANED


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_temporary_files_of_killed_runs_are_removed_by_the_next_run(run_cli, corpus):
    out = corpus.parent / "out"
    stale = [out / f".a.txt.clean-tmp-{_dead_pid()}-k1lled", out / "sub" /
             f".b.txt.clean-tmp-{_dead_pid()}-abc_123"]
    live = out / f".a.txt.clean-tmp-{os.getpid()}-running"
    unrelated = out / ".a.txt.notes"
    for path in (*stale, live, unrelated):
        make(path, "partial")
    code, _, err = run_cli("in", "-o", "out")
    assert code == 0, err
    assert sorted(tree(out)) == sorted([".a.txt.notes", live.name, "a.txt", "sub/b.txt"])


def test_an_output_that_cannot_be_written_fails_that_input_only(run_cli, tmp_path):
    make(tmp_path / "in/a.jsonl", '{"text": "Body.\\n&\\n"}\n')
    make(tmp_path / "in/b.jsonl", '{"text": "Body.\\n&\\n"}\n')
    (tmp_path / "out/a.jsonl").mkdir(parents=True)  # a folder where the output should go
    code, _, err = run_cli(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 1
    assert err == f"{tmp_path / 'out/a.jsonl'}: error: cannot write: Is a directory\n"
    assert (tmp_path / "out/b.jsonl").read_bytes() == b'{"text": "Body.\\n"}\n'
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.jsonl", "b.jsonl"]


@pytest.mark.parametrize("option", ["-o", "--stats-json", "--counts"])
def test_an_unwritable_output_path_is_one_line(run_cli, corpus, option):
    blocked = corpus.parent / "file.txt"
    make(blocked, "a file, not a folder\n")
    target = blocked / "inside" / "x.json"
    extra = [] if option == "-o" else ["-o", "out"]
    if option == "--counts":
        extra.append("--corpus-repeats")
    code, out, err = run_cli("in", option, target, *extra)
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("clean: error: ")
    assert str(blocked) in err
    assert "Traceback" not in err
