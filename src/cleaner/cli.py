"""The ``clean`` command: clean files, folders or stdin; list, test and check rules.

Exit codes: 0 all inputs cleaned, 1 some input failed or was reported, 2 usage or
rule-file errors (nothing is cleaned then).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import __version__
from .api import Cleaner
from .discover import discover, render_table, write_rules
from .formats import FORMATS, detect_format
from .frequencies import Frequencies
from .packs import builtin_rule_files
from .plan import DEFAULT_MAX_LOSS
from .problems import RuleFileError
from .progress import Progress
from .ruledocs import rules_markdown
from .rulefile import load_rule_file
from .ruletests import run_examples
from .runner import STDOUT, InputJob, Options, RunResult, run
from .selection import SelectionError
from .textio import write_atomic

__all__ = ["main"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``clean`` console script; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "rules":
            return _rules_main(args[1:])
        if args and args[0] == "discover":
            return _discover_main(args[1:])
        return _clean_main(args)
    except KeyboardInterrupt:
        print("clean: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _rule_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("rules")
    group.add_argument("--rules", action="append", default=[], metavar="FILE",
                       help="a YAML rule file to add (repeatable)")
    group.add_argument("--no-defaults", action="store_true",
                       help="do not load the built-in packs")
    group.add_argument("--enable", action="append", default=[], metavar="ID",
                       help="enable a rule or pack, even one disabled by default (repeatable)")
    group.add_argument("--disable", action="append", default=[], metavar="ID",
                       help="disable a rule or pack (repeatable)")


def _build_cleaner(args: argparse.Namespace, max_loss: float = DEFAULT_MAX_LOSS
                   ) -> Cleaner | None:
    """The cleaner the rule options ask for, or None after reporting why it can't be."""
    try:
        return Cleaner.from_yaml(*args.rules, defaults=not args.no_defaults,
                                 enable=args.enable, disable=args.disable, max_loss=max_loss)
    except RuleFileError as error:
        print(error.render(), file=sys.stderr)
    except SelectionError as error:
        print(f"clean: error: {error}", file=sys.stderr)
    return None


def _fraction(value: str) -> float:
    number = float(value)
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return number


_DEFAULT_GLOBS = ("*.txt", "*.jsonl", "*.jsonl.gz", "*.jsonl.zst", "*.ndjson", "*.parquet")


def _clean_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clean",
        description="Remove boilerplate from text corpora with YAML rules. "
        "Subcommands: `clean rules list|test|check|schema` (see `clean rules --help`).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (recursive); `-` or nothing reads stdin")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="output file or folder (folders mirror the input tree)")
    parser.add_argument("--in-place", action="store_true",
                        help="replace each input file with its cleaned text (atomically)")
    parser.add_argument("--glob", action="append", metavar="PATTERN",
                        help="files to take inside folders (repeatable; default: "
                        + " ".join(_DEFAULT_GLOBS) + ")")
    parser.add_argument("--input-format", choices=("auto", *FORMATS), default="auto",
                        help="text (a file is a document), jsonl or parquet (a record is a "
                        "document); auto: by file name (default)")
    parser.add_argument("--text-field", default="text", metavar="NAME",
                        help="the JSONL field or Parquet column to clean (default: text); "
                        "every other field passes through untouched")
    parser.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="worker processes (default: all cores; with --engine ray: "
                        "the cluster's CPUs)")
    parser.add_argument("--resume", action="store_true",
                        help="skip inputs whose output already exists (outputs are written "
                        "atomically, so an existing one is complete)")
    parser.add_argument("--explain", action="store_true",
                        help="print every edit as `path:line: rule-id: removed text`")
    parser.add_argument("--stats", action="store_true",
                        help="print per-rule counts of lines and characters removed")
    parser.add_argument("--stats-json", metavar="FILE",
                        help="write totals and per-rule counts as JSON")
    parser.add_argument("--dry-run", action="store_true",
                        help="write nothing; print what would be removed (implies --explain "
                        "unless --stats is given)")
    parser.add_argument("--max-loss", type=_fraction, default=DEFAULT_MAX_LOSS, metavar="F",
                        help="leave a document unchanged if rules would remove more than this "
                        f"fraction of it (default {DEFAULT_MAX_LOSS}; 1 turns the limit off)")
    engine = parser.add_argument_group("engine")
    engine.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local processes (default) or a Ray cluster (JSONL and Parquet; "
                        "pip install 'cleaner[ray]')")
    engine.add_argument("--address", metavar="ADDR",
                        help="the Ray cluster to join (default: RAY_ADDRESS, else a local Ray)")
    corpus = parser.add_argument_group("corpus-level repeats (two passes over the input)")
    corpus.add_argument("--corpus-repeats", action="store_true",
                        help="enable the `corpus` pack: lines that many documents of one "
                        "group repeat (same as --enable corpus)")
    corpus.add_argument("--group-by", default="auto", metavar="HOW",
                        help="what a group is: auto (JSONL/Parquet: the `source` field, else "
                        "the host of `url`, else the whole input; text files: their folder), "
                        "none, folder, file, FIELD or url:FIELD (default: auto)")
    corpus.add_argument("--counts", metavar="FILE",
                        help="reuse the line counts in FILE if it exists; otherwise count "
                        "and save them there, for later runs and new batches")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress, summary or warnings (errors are still printed)")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    _rule_options(parser)
    return parser


def _clean_main(argv: list[str]) -> int:
    parser = _clean_parser()
    args = parser.parse_args(argv)
    if args.in_place and args.output:
        parser.error("--in-place and -o/--output cannot be used together")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.corpus_repeats:
        args.enable.append("corpus")
    cleaner = _build_cleaner(args, args.max_loss)
    if cleaner is None:
        return EXIT_USAGE
    try:
        jobs = list(_plan_jobs(args))
    except _UsageError as error:
        print(f"clean: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    skipped = 0
    if args.resume:
        pending = [job for job in jobs if not _finished(job)]
        skipped, jobs = len(jobs) - len(pending), pending
    to_stdout = any(job.destination == STDOUT for job in jobs)
    reports = sys.stderr if to_stdout else sys.stdout
    explain = args.explain or (args.dry_run and not args.stats)
    total = sum(_size(job.source) for job in jobs)
    interactive = sys.stderr.isatty() and not args.quiet
    progress = Progress(total, enabled=interactive and not explain)
    local_jobs = args.jobs or os.cpu_count() or 1
    processes = 1 if total < _PARALLEL_BYTES else min(local_jobs, _units_hint(jobs))

    def warn(name: str, level: str, message: str) -> None:
        if level == "error" or not args.quiet:
            print(f"{name}: {level}: {message}", file=sys.stderr)

    options = Options(explain=explain, text_field=args.text_field, in_place=args.in_place,
                      dry_run=args.dry_run, group_by=args.group_by)
    explain_to = lambda line: print(line, file=reports)  # noqa: E731
    try:
        if cleaner.needs_frequencies:
            cleaner = cleaner.with_frequencies(_frequencies(args, jobs, cleaner, options,
                                                            processes))
        if args.engine == "ray":
            result = _ray_engine().run_ray(
                jobs, cleaner, options, address=args.address, processes=args.jobs,
                report=explain_to, warn=warn, progress=progress.update)
        else:
            result = run(jobs, cleaner, options, processes=processes, report=explain_to,
                         warn=warn, progress=progress.update)
    except (_UsageError, ValueError) as error:
        print(f"clean: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    progress.close()
    if skipped and not args.quiet:
        print(f"clean: --resume skipped {skipped} finished inputs", file=sys.stderr)
    if args.stats:
        print(result.stats.table(), file=reports)
    elif interactive and result.stats.documents:
        print(result.stats.table(), file=sys.stderr)
    if args.stats_json:
        _write_stats_json(Path(args.stats_json), result, skipped)
    return EXIT_INPUT if result.failed else EXIT_OK


def _ray_engine() -> Any:
    """The :mod:`cleaner.ray` module (it refuses, one line, what it does not do)."""
    try:
        from . import ray as ray_engine
    except ImportError as error:
        raise ValueError(f"--engine ray needs Ray: pip install 'cleaner[ray]' ({error})") \
            from None
    return ray_engine


def _frequencies(args: argparse.Namespace, jobs: list[InputJob], cleaner: Cleaner,
                 options: Options, processes: int) -> Frequencies:
    """The first pass of corpus rules: load ``--counts`` or count the inputs."""
    counts = Path(args.counts) if args.counts else None
    if counts is not None and counts.exists():
        return Frequencies.load(counts)
    if any(job.source is None for job in jobs):
        raise _UsageError("corpus rules read the input twice; stdin can be read once "
                          "(use files, or --counts from an earlier run)")
    counting = replace(options, task="count", explain=False)
    if args.engine == "ray":
        frequencies = _ray_engine().run_ray(jobs, cleaner, counting, address=args.address,
                                                processes=args.jobs).frequencies
    else:
        frequencies = run(jobs, cleaner, counting, processes=processes).frequencies
    if counts is not None:
        frequencies.save(counts)
    return frequencies


# Below this many input bytes, starting worker processes costs more than it saves.
_PARALLEL_BYTES = 8 << 20


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0


def _units_hint(jobs: list[InputJob]) -> int:
    streamed = any(job.format != "text" for job in jobs)
    return 1 << 30 if streamed else max(1, len(jobs))


def _finished(job: InputJob) -> bool:
    destination = job.destination
    return isinstance(destination, Path) and destination != job.source and destination.exists()


def _write_stats_json(path: Path, result: RunResult, skipped: int) -> None:
    payload = {
        "documents": result.stats.documents,
        "changed_documents": result.stats.changed_documents,
        "bytes": result.bytes_in,
        "seconds": round(result.seconds, 3),
        "mb_per_second": round(result.bytes_in / 1e6 / result.seconds, 2)
        if result.seconds else None,
        "failed": result.failed,
        "skipped_by_resume": skipped,
        "rules": result.stats.rows(),
    }
    write_atomic(path, json.dumps(payload, indent=2).encode("utf-8") + b"\n")


class _UsageError(Exception):
    pass


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


def _plan_jobs(args: argparse.Namespace) -> Iterator[InputJob]:
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
            raise _UsageError("`-` (stdin) cannot be mixed with other inputs")
        if args.in_place:
            raise _UsageError("--in-place needs files, not stdin")
        if output and output.is_dir():
            raise _UsageError(f"{output} is a folder; name a file for stdin's output")
        yield InputJob(None, "<stdin>", (output or STDOUT) if writes else None)
        return
    sources = [Path(p) for p in paths]
    single_file = len(sources) == 1 and not sources[0].is_dir()
    if not (output or args.in_place or not writes) and not single_file:
        raise _UsageError("several inputs or a folder need -o OUT or --in-place")
    if output is not None and output.exists() and not output.is_dir() and not single_file:
        raise _UsageError(f"{output} is a file; several inputs need a folder")
    seen: dict[Path, str] = {}
    globs = args.glob or _DEFAULT_GLOBS
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
                raise _UsageError(f"{output} is the input; use --in-place to replace it")
            yield InputJob(source, str(source), output)
        else:
            yield InputJob(source, str(source), _claim(seen, output / source.name, str(source)))


def _claim(seen: dict[Path, str], destination: Path, name: str) -> Path:
    if destination in seen:
        raise _UsageError(f"{name} and {seen[destination]} would both be written to "
                          f"{destination}")
    seen[destination] = name
    return destination


# --- clean discover ----------------------------------------------------------------------


def _discover_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="clean discover",
        description="List the lines that many documents of one group repeat after cleaning "
        "(boilerplate no rule knows yet), and optionally write them as a rule pack.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--glob", action="append", metavar="PATTERN",
                        help="files to take inside folders (repeatable)")
    parser.add_argument("--input-format", choices=("auto", *FORMATS), default="auto")
    parser.add_argument("--text-field", default="text", metavar="NAME")
    parser.add_argument("--group-by", default="auto", metavar="HOW",
                        help="what a group is (see `clean --help`; default: auto)")
    parser.add_argument("--min-docs", type=int, default=5, metavar="N",
                        help="fewest documents of a group that repeat a line (default 5)")
    parser.add_argument("--min-fraction", type=_fraction, default=0.02, metavar="F",
                        help="smallest share of the group's documents (default 0.02)")
    parser.add_argument("--top", type=int, default=20, metavar="N",
                        help="most lines listed per group (default 20)")
    parser.add_argument("--min-chars", type=int, default=10, metavar="N")
    parser.add_argument("--max-chars", type=int, default=300, metavar="N")
    parser.add_argument("--write-rules", metavar="FILE",
                        help="write a rule pack matching the listed lines, to review")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N")
    _rule_options(parser)
    args = parser.parse_args(argv)
    cleaner = _build_cleaner(args)
    if cleaner is None:
        return EXIT_USAGE
    if cleaner.needs_frequencies:
        print("clean: error: disable corpus rules for discover (it finds what they would)",
              file=sys.stderr)
        return EXIT_USAGE
    args.output, args.in_place, args.dry_run = None, False, True
    jobs = list(_plan_jobs(args))
    missing = [job.name for job in jobs if job.source is not None and not job.source.exists()]
    for name in missing:
        print(f"{name}: error: no such file or folder", file=sys.stderr)
    options = Options(text_field=args.text_field, group_by=args.group_by,
                      line_chars=(args.min_chars, args.max_chars))
    total = sum(_size(job.source) for job in jobs)
    processes = 1 if total < _PARALLEL_BYTES else args.jobs
    found = discover(jobs, cleaner, options, min_docs=args.min_docs,
                     min_fraction=args.min_fraction, top=args.top, processes=processes)
    print(render_table(found) if found else "no line is repeated that often")
    if args.write_rules:
        write_rules(Path(args.write_rules), found)
        print(f"wrote {len(found)} rules to {args.write_rules}; review them, then: "
              f"clean rules test {args.write_rules}", file=sys.stderr)
    return EXIT_INPUT if missing else EXIT_OK


# --- clean rules ... ---------------------------------------------------------------------


def _rules_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="clean rules", description="Inspect rule files.")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="every loaded rule: id, enabled, summary")
    _rule_options(listing)
    testing = commands.add_parser("test", help="run the examples of rules")
    testing.add_argument("files", nargs="*", metavar="FILE",
                         help="rule files to test (default: the built-in packs)")
    checking = commands.add_parser("check", help="validate rule files")
    checking.add_argument("files", nargs="+", metavar="FILE")
    commands.add_parser("schema", help="print the JSON Schema of rule files")
    documenting = commands.add_parser("docs", help="print Markdown docs of the loaded rules")
    _rule_options(documenting)
    args = parser.parse_args(argv)
    if args.command == "schema":
        from .schema import schema_text

        print(schema_text(), end="")
        return EXIT_OK
    if args.command in ("list", "docs"):
        cleaner = _build_cleaner(args)
        if cleaner is None:
            return EXIT_USAGE
        if args.command == "docs":
            print(rules_markdown(cleaner.specs), end="")
            return EXIT_OK
        selected = {spec.id for spec in cleaner.selected}
        width = max((len(spec.id) for spec in cleaner.specs), default=2)
        for spec in cleaner.specs:
            state = "on " if spec.id in selected else "off"
            print(f"{spec.id.ljust(width)}  {state}  {spec.summary}")
        return EXIT_OK
    files = [Path(f) for f in args.files] or builtin_rule_files()
    status = EXIT_OK
    for file in files:
        try:
            specs = load_rule_file(file)
        except RuleFileError as error:
            print(error.render(), file=sys.stderr)
            status = EXIT_USAGE
            continue
        if args.command == "check":
            print(f"{file}: ok ({len(specs)} rules)")
            continue
        examples = failures = 0
        for spec in specs:
            examples += len(spec.examples)
            for failure in run_examples(spec):
                failures += 1
                print(f"{failure}", file=sys.stderr)
        print(f"{file}: {examples - failures} passed, {failures} failed")
        if failures:
            status = max(status, EXIT_INPUT)
    return status
