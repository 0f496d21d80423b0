"""From command-line paths to input jobs: walking folders, naming outputs, sizes.

A single file goes to stdout or to ``-o FILE``; a folder mirrors its tree into ``-o``;
several inputs go under ``-o OUT/<name>``; ``--in-place`` writes each input over itself.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePath

from .formats import detect_format
from .runner import STDOUT, InputJob

__all__ = ["DEFAULT_GLOBS", "PARALLEL_BYTES", "UsageError", "check_globs", "input_size",
           "plan_jobs"]

DEFAULT_GLOBS = ("*.txt", "*.jsonl", "*.jsonl.gz", "*.jsonl.zst", "*.ndjson", "*.parquet")



# Below this many input bytes, starting worker processes costs more than it saves.
PARALLEL_BYTES = 8 << 20


def input_size(path: Path | None) -> int:
    """Bytes of ``path`` (0 for stdin or what cannot be read)."""
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0


class UsageError(Exception):
    """The paths and output options do not fit together (exit code 2)."""


def _walk(folder: Path, patterns: Sequence[str], skip: Path | None) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        for path in folder.rglob(pattern):
            relative = path.relative_to(folder)
            if any(part.startswith(".") for part in relative.parts) or not path.is_file():
                continue
            if skip is not None and (path == skip or skip in path.parents):
                continue
            found.add(path)
    return sorted(found)


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


def plan_jobs(args: argparse.Namespace) -> Iterator[InputJob]:
    """The input jobs the paths and options of ``args`` ask for."""
    check_globs(args.glob or ())
    forced = None if args.input_format == "auto" else args.input_format
    for job in _plan_destinations(args):
        fmt = forced or (detect_format(job.source) if job.source is not None else "text")
        yield InputJob(job.source, job.name, job.destination, fmt)


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
    globs = args.glob or DEFAULT_GLOBS
    for source in sources:
        if not source.exists():
            yield InputJob(source, str(source), None)  # reported as missing when processed
            continue
        if source.is_dir():
            base = output if len(sources) == 1 else (output / source.resolve().name
                                                     if output else None)
            for path in _walk(source, globs, output.resolve() if output else None):
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
            if output.exists() and output.resolve() == source.resolve():
                raise UsageError(f"{output} is the input; use --in-place to replace it")
            yield InputJob(source, str(source), output)
        else:
            yield InputJob(source, str(source), _claim(seen, output / source.name, str(source)))


def _claim(seen: dict[Path, str], destination: Path, name: str) -> Path:
    if destination in seen:
        raise UsageError(f"{name} and {seen[destination]} would both be written to "
                          f"{destination}")
    seen[destination] = name
    return destination
