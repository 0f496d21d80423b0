"""From command-line paths to input jobs: walking folders, naming outputs, sizes.

A single file goes to stdout or to ``-o FILE``; a folder mirrors its tree into ``-o``;
several inputs go under ``-o OUT/<name>``; ``--in-place`` writes each input over itself.

No output may replace an input: an output, or a ``--stats-json``, ``--report`` or
``--counts`` file, that is an input file (the same file, by whatever path or link) is
a usage error, and an output folder inside an input folder
is not read as input (outputs never become inputs of the next run). ``--in-place``
cleans the target of a symbolic link once, however many links lead to it.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePath

from ..errors import CleanerError
from ..run.formats import detect_format, output_mismatch
from ..run.outputs import check_writable, is_stream
from ..run.runner import STDOUT, InputJob

__all__ = ["DEFAULT_GLOBS", "PARALLEL_BYTES", "UsageError", "check_globs", "input_size",
           "plan_jobs"]

#: Matched case-insensitively (``*.TXT``, ``*.JSONL.GZ``); ``--glob`` patterns are matched
#: as given, against the path inside the folder.
DEFAULT_GLOBS = (*(f"*.{kind}{packed}" for kind in ("txt", "jsonl", "ndjson", "json")
                   for packed in ("", ".gz", ".zst")), "*.parquet")


# Below this many input bytes, starting worker processes costs more than it saves.
PARALLEL_BYTES = 8 << 20


def input_size(path: Path | None) -> int:
    """Bytes of ``path`` (0 for stdin or what cannot be read)."""
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0


class UsageError(CleanerError):
    """The paths and output options do not fit together (exit code 2)."""


class _Walk:
    """The files of ``folder`` that ``patterns`` take (hidden files and folders aside, and
    the output folders, resolved paths in ``outputs``, that lie inside ``folder``), the
    ones they leave out, and the folders that could not be read."""

    def __init__(self, folder: Path, patterns: Sequence[str] | None, outputs: Sequence[Path]):
        self.found: list[Path] = []
        self.left_out: list[Path] = []
        self.unreadable: list[tuple[Path, str]] = []
        root = folder.resolve()
        skipped = {output for output in outputs if root in output.parents}
        for parent, folders, files in os.walk(folder, onerror=self._unreadable):
            here = Path(parent)
            if skipped and here.resolve() in skipped:
                folders.clear()
                continue
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            for name in sorted(files):
                path = here / name
                if name.startswith(".") or not path.is_file():
                    continue
                taken = (_matches(PurePath(path.relative_to(folder)), patterns)
                         if patterns else _matches_default(name))
                (self.found if taken else self.left_out).append(path)
        self.found.sort()

    def _unreadable(self, error: OSError) -> None:
        self.unreadable.append((Path(error.filename), error.strerror or str(error)))


def _matches(relative: PurePath, patterns: Sequence[str]) -> bool:
    return any(relative.match(pattern) for pattern in patterns)


def _matches_default(name: str) -> bool:
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(lowered, pattern) for pattern in DEFAULT_GLOBS)


def _folder_jobs(folder: Path, walk: _Walk, args: argparse.Namespace) -> Iterator[InputJob]:
    """Report what a folder's walk found wrong: unreadable folders and an empty walk
    fail (exit 1); files the globs leave out are a warning."""
    for path, reason in walk.unreadable:
        yield InputJob(path, str(path), None, problem=f"cannot read folder: {reason}")
    if walk.left_out and not getattr(args, "quiet", False):
        example = walk.left_out[0].relative_to(folder)
        print(f"{folder}: warning: {len(walk.left_out)} files left out by the globs "
              f"(e.g. {example}); --glob PATTERN takes them", file=sys.stderr)
    if not walk.found and not walk.unreadable:
        globs = " ".join(args.glob or ("the default globs",))
        yield InputJob(folder, str(folder), None, problem=f"no input files ({globs})")


def check_globs(patterns: Sequence[str]) -> None:
    """Raise :class:`UsageError` for a ``--glob`` pattern that cannot match inside a folder.

    >>> check_globs(["*.txt", "news/*.jsonl"])
    >>> try:
    ...     check_globs(["/"])
    ... except UsageError as error:
    ...     print(str(error)[:44])
    --glob '/': a pattern names files inside the
    """
    for pattern in patterns:
        if not pattern.strip():
            raise UsageError("--glob '': an empty pattern matches nothing (such as *.txt)")
        if PurePath(pattern).anchor or pattern.startswith(("/", "\\")):
            raise UsageError(f"--glob {pattern!r}: a pattern names files inside the folders "
                             "given (such as *.txt or news/*.jsonl), not an absolute path")


def plan_jobs(args: argparse.Namespace) -> list[InputJob]:
    """The input jobs the paths and options of ``args`` ask for.

    Raises :class:`UsageError` if an output would replace an input, and OSError
    (naming the folder) if the output folder cannot be written.
    """
    check_globs(args.glob or ())
    forced = None if args.input_format == "auto" else args.input_format
    jobs = []
    for job in _plan_destinations(args):
        fmt = forced or (detect_format(job.source) if job.source is not None else "text")
        destination = job.destination
        if (isinstance(destination, Path) and job.problem is None
                and (job.source is None or destination.name != job.source.name)):
            mismatch = output_mismatch(fmt, destination)
            if mismatch:
                raise UsageError(f"{job.name}: {mismatch}")
        jobs.append(InputJob(job.source, job.name, destination, fmt, job.problem))
    _refuse_side_files_on_inputs(args, jobs)
    if args.in_place:
        return _once_per_file(jobs)
    _refuse_overwriting_inputs(jobs)
    if args.output and not args.dry_run and not is_stream(Path(args.output)):
        output = Path(args.output)
        check_writable(output if any(job.destination != output for job in jobs)
                       else output.parent)
    return jobs


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _refuse_overwriting_inputs(jobs: list[InputJob]) -> None:
    """A usage error if some output is one of the inputs (``clean in -o in``)."""
    inputs = {_identity(job.source): job.name for job in jobs if job.source is not None}
    inputs.pop(None, None)
    for job in jobs:
        if isinstance(job.destination, Path):
            name = inputs.get(_identity(job.destination))
            if name is not None:
                raise UsageError(f"{job.destination} is the input {name}; write the "
                                 "output elsewhere, or use --in-place to replace the inputs")


#: Options that name a file the run writes besides its outputs.
_SIDE_FILES = (("stats_json", "--stats-json"), ("report", "--report"), ("counts", "--counts"))


def _refuse_side_files_on_inputs(args: argparse.Namespace, jobs: list[InputJob]) -> None:
    """A usage error if ``--stats-json``, ``--report`` or ``--counts`` names an input."""
    inputs = {_identity(job.source): job.name for job in jobs if job.source is not None}
    inputs.pop(None, None)
    for attribute, option in _SIDE_FILES:
        value = getattr(args, attribute, None)
        name = inputs.get(_identity(Path(value))) if value else None
        if name is not None:
            raise UsageError(f"{option} {value} is the input {name}; write it elsewhere")


def _once_per_file(jobs: list[InputJob]) -> list[InputJob]:
    """``--in-place`` jobs without the second path (a link) to a file already taken."""
    seen: set[str] = set()
    kept = []
    for job in jobs:
        target = os.path.realpath(job.source) if job.source is not None else job.name
        if target not in seen:
            seen.add(target)
            kept.append(job)
    return kept


def _plan_destinations(args: argparse.Namespace) -> Iterator[InputJob]:
    paths = args.paths or ["-"]
    writes = not args.dry_run
    output = Path(args.output) if args.output else None
    if "-" in paths:
        if len(paths) > 1:
            raise UsageError("`-` (stdin) cannot be mixed with other inputs")
        if args.in_place:
            raise UsageError("--in-place needs files, not stdin")
        if output and output.is_dir():
            raise UsageError(f"{output} is a folder; name a file for stdin's output")
        yield InputJob(None, "<stdin>", (output or STDOUT) if writes else None)
        return
    sources = [Path(p) for p in paths]
    single_file = len(sources) == 1 and not sources[0].is_dir()
    if not (output or args.in_place or not writes) and not single_file:
        raise UsageError("several inputs or a folder need -o OUT or --in-place")
    if output is not None and output.exists() and not output.is_dir() and not single_file:
        raise UsageError(f"{output} is a file; several inputs need a folder")
    seen: dict[Path, str] = {}
    # the folders outputs go to: never read as input (see _Walk)
    output_folders = [] if output is None else [output.resolve()] + [
        output.resolve() / source.resolve().name for source in sources if len(sources) > 1]
    for source in sources:
        if not source.exists():
            yield InputJob(source, str(source), None)  # reported as missing when processed
            continue
        if source.is_dir():
            base = output if len(sources) == 1 else (output / source.resolve().name
                                                     if output else None)
            walk = _Walk(source, args.glob, output_folders)
            yield from _folder_jobs(source, walk, args)
            for path in walk.found:
                name = str(path)
                if not writes:
                    yield InputJob(path, name, None)
                elif args.in_place:
                    yield InputJob(path, name, path)
                elif base is not None:
                    yield InputJob(path, name, _claim(seen, base / path.relative_to(source), name))
            continue
        if not writes:
            yield InputJob(source, str(source), None)
        elif args.in_place:
            yield InputJob(source, str(source), source)
        elif output is None:
            yield InputJob(source, str(source), STDOUT)
        elif single_file and not (output.is_dir() or args.output.endswith(("/", "\\"))):
            yield InputJob(source, str(source), output)
        else:
            yield InputJob(source, str(source), _claim(seen, output / source.name, str(source)))


def _claim(seen: dict[Path, str], destination: Path, name: str) -> Path:
    if destination in seen:
        raise UsageError(f"{name} and {seen[destination]} would both be written to "
                          f"{destination}")
    seen[destination] = name
    return destination
