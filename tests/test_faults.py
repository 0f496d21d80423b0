"""Fault injection with real processes: full disk, unwritable folders, kill -9, SIGTERM.

After every fault: each input is untouched or fully cleaned (bytes compared with a
reference run), no worker process survives, stdout reaches end-of-file (``clean ... |
tee log`` does not hang), the exit code and one line say what happened, and the next
run into the same place completes and leaves no temporary file.

Kills are not timed: the test waits for a condition (the first output written, the
workers started) and then sends the signal, so every run stops at the same stage. The
corpus (150 files, 10 MB: above the size that starts worker processes) keeps each
worker busy for a good second after the first output appears.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cleaner.cli.main import main

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="process checks read /proc (Linux)")

ROOT = Path(__file__).resolve().parents[1]
FILES = 150
TIMEOUT = 60.0
TEMPORARY = ".clean-tmp-"


def clean_process(*args: str | Path, cwd: Path, **options) -> subprocess.Popen:
    """``clean ARGS`` as a process of its own; stdout and stderr are pipes by default."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]))
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.Popen([sys.executable, "-m", "cleaner", *map(str, args)], cwd=cwd,
                            env=env, **{**pipes, **options})


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie (dead, waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)


def temporaries(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob(f"*{TEMPORARY}*"))


def _document(index: int) -> str:
    """About 60 KB, mostly long lines (cheap to clean), and some debris to remove."""
    prose = "\n".join(f"Line {k} of story {index} says item {k * 7 + index} moved."
                      for k in range(40))
    words = " ".join(f"word{(index * 31 + k) % 997}" for k in range(2500))
    padding = "\n".join(f"{k} {words}" for k in range(3))
    return f"{prose}\n{padding}\n&\nAdvertisement\n\n\n"


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A corpus folder, its files' bytes, and their bytes after a reference run."""
    base = tmp_path_factory.mktemp("faults")
    corpus = base / "corpus"
    corpus.mkdir()
    for index in range(FILES):
        (corpus / f"doc{index:03d}.txt").write_text(_document(index), "utf-8")
    assert main([str(corpus), "-o", str(base / "cleaned"), "--jobs", "1", "-q"]) == 0
    original = {p.name: p.read_bytes() for p in corpus.iterdir()}
    cleaned = {p.name: p.read_bytes() for p in (base / "cleaned").iterdir()}
    assert all(cleaned[name] != original[name] for name in original)
    return corpus, original, cleaned


@pytest.fixture
def corpus(reference, tmp_path) -> Path:
    """A fresh copy of the reference corpus."""
    return Path(shutil.copytree(reference[0], tmp_path / "corpus"))


def interrupt(process: subprocess.Popen, ready: Callable[[], bool], victim: str,
              signum: int) -> tuple[int, str]:
    """Once ``ready()`` and the workers have started, send ``signum`` to the main process
    or to a worker; return the exit code and stderr, after checking that stdout reached
    its end and that no worker survives."""
    wait_until(lambda: process.poll() is not None or (ready() and len(children(process.pid))
                                                      >= 2), "the run to get going")
    assert process.poll() is None, "the run ended before it could be interrupted"
    workers = children(process.pid)
    os.kill(process.pid if victim == "main" else workers[0], signum)
    try:
        _, err = process.communicate(timeout=TIMEOUT)  # EOF: nobody holds stdout open
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("stdout stayed open after the main process ended")
    wait_until(lambda: not any(running(pid) for pid in workers), "the workers to die", 10)
    return process.returncode, err.decode("utf-8", "replace")


def outputs_written(folder: Path, at_least: int = 1) -> Callable[[], bool]:
    def ready() -> bool:
        try:
            return sum(not entry.name.startswith(".") for entry in os.scandir(folder)) \
                >= at_least
        except FileNotFoundError:
            return False
    return ready


def inputs_replaced(folder: Path) -> Callable[[], bool]:
    inodes = {p: p.stat().st_ino for p in folder.iterdir()}

    def ready() -> bool:
        return any(p.stat().st_ino != inode for p, inode in inodes.items())
    return ready


EXPECTED = {
    ("main", signal.SIGKILL): (-signal.SIGKILL, ""),
    ("main", signal.SIGTERM): (143, "clean: terminated\n"),
    ("worker", signal.SIGKILL): (1, "clean: error: a worker process died; the run was stopped\n"),
    ("worker", signal.SIGTERM): (1, "clean: error: a worker process died; the run was stopped\n"),
}


@pytest.mark.parametrize(("victim", "signum"), [("main", signal.SIGKILL),
                                                ("main", signal.SIGTERM),
                                                ("worker", signal.SIGKILL)])
def test_in_place_run_interrupted(reference, corpus, victim, signum):
    _, original, cleaned = reference
    process = clean_process(corpus, "--in-place", "--jobs", "2", "-q", cwd=corpus.parent)
    assert interrupt(process, inputs_replaced(corpus), victim, signum) == \
        EXPECTED[victim, signum]
    after = {p.name: p.read_bytes() for p in corpus.iterdir() if TEMPORARY not in p.name}
    assert after.keys() == original.keys()
    done = [name for name in after if after[name] == cleaned[name]]
    assert all(after[name] in (original[name], cleaned[name]) for name in after)
    assert 0 < len(done) < FILES  # it was stopped mid-run
    if signum == signal.SIGTERM:
        assert temporaries(corpus) == []
    # the next run cleans the rest and removes what the killed run left
    assert main([str(corpus), "--in-place", "--jobs", "1", "-q"]) == 0
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == cleaned


@pytest.mark.parametrize(("victim", "signum", "resume"), [
    ("main", signal.SIGKILL, False),
    ("main", signal.SIGTERM, True),
    ("worker", signal.SIGTERM, True),
])
def test_output_run_interrupted(reference, corpus, victim, signum, resume):
    _, original, cleaned = reference
    out = corpus.parent / "out"
    names = sorted(original)
    if resume:  # an earlier run wrote the first outputs
        out.mkdir()
        for name in names[:8]:
            (out / name).write_bytes(cleaned[name])
    process = clean_process(corpus, "-o", out, "--jobs", "2", "-q", *["--resume"] * resume,
                            cwd=corpus.parent)
    code, err = interrupt(process, outputs_written(out, 9 if resume else 1), victim, signum)
    assert (code, err) == EXPECTED[victim, signum]
    written = {p.name: p.read_bytes() for p in out.iterdir() if TEMPORARY not in p.name}
    assert all(data == cleaned[name] for name, data in written.items())  # complete or absent
    assert 0 < len(written) < FILES
    if signum == signal.SIGTERM:
        assert temporaries(out) == []
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == original  # inputs untouched
    assert main([str(corpus), "-o", str(out), "--resume", "--jobs", "1", "-q"]) == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == cleaned


def test_stdout_on_a_full_disk_is_an_error(tmp_path):
    small = tmp_path / "a.txt"
    small.write_text("Body.\n&\n", "utf-8")
    large = tmp_path / "b.jsonl"
    large.write_text('{"text": "A line of text.\\n&\\n"}\n' * 2_000, "utf-8")
    for args in ([small], [large], ["rules", "list"]):  # a flush, a write, a print()
        with open("/dev/full", "wb") as full:
            process = clean_process(*args, cwd=tmp_path, stdout=full)
        _, err = process.communicate(timeout=TIMEOUT)
        assert (process.returncode, err.decode()) == (
            1, "clean: error: cannot write to stdout: No space left on device\n")


def test_a_missing_output_folder_is_created(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.txt").write_text("Body.\n&\n", "utf-8")
    process = clean_process("in", "-o", "not/yet/there", cwd=tmp_path)
    assert process.communicate(timeout=TIMEOUT) == (b"", b"")
    assert process.returncode == 0
    assert (tmp_path / "not/yet/there/a.txt").read_text("utf-8") == "Body.\n"


def test_a_read_only_output_folder_is_one_line_and_nothing_is_cleaned(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.txt").write_text("Body.\n&\n", "utf-8")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # root writes into any folder it may chmod; sysfs takes no new files from anyone
        out = Path("/sys/kernel")
        if not out.is_dir():
            pytest.skip("no folder that root cannot write to")
    else:
        out = tmp_path / "out"
        out.mkdir(mode=0o555)
        out.chmod(0o555)
    before = sorted(out.iterdir())
    process = clean_process("in", "-o", out, cwd=tmp_path)
    _, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 1
    assert err.decode().startswith(f"clean: error: {out}: ") and err.count(b"\n") == 1
    assert sorted(out.iterdir()) == before
