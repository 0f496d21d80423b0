"""The ``clean`` command: clean files, folders or stdin (``clean rules ...`` and
``clean discover`` live in :mod:`cleaner.cli.rules` and :mod:`cleaner.cli.discover`).

Exit codes: 0 all inputs cleaned, 1 some input failed or was reported or an output
could not be written, 2 usage, rule-file, ``--counts`` or engine errors, or an output
that would replace an input (nothing is cleaned then), 130 Ctrl-C, 143 SIGTERM (workers
stopped, temporary files removed). Cleaned text goes to stdout (or files); every report
goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..engine.api import Cleaner
from ..engine.frequencies import Frequencies
from ..engine.plan import DEFAULT_MAX_LOSS
from ..run.executors import Executor, LocalProcesses
from ..run.formats import FORMATS
from ..run.progress import Progress
from ..run.reports import ProblemLog, display_name
from ..run.runner import InputJob, Options, RunResult, count_first, run
from ..run.textio import write_atomic
from .config import show
from .help import CLEAN_EPILOG, CONFIG_COMMANDS, CONFIG_EPILOG, CONFIG_SUMMARY, RULES_COMMANDS
from .inputs import DEFAULT_GLOBS, PARALLEL_BYTES, UsageError, input_size, plan_jobs
from .options import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    build_cleaner,
    config_options,
    configured,
    fraction,
    reports_failures,
    rule_options,
)

__all__ = ["main"]


@reports_failures
def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``clean`` console script; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        command = _subcommand(args)
        if command is not None:
            return _SUBCOMMANDS[command](args[1:])
        return _clean_main(args)
    except KeyboardInterrupt:
        print("clean: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def config_main(argv: list[str]) -> int:
    """Run ``clean config show [OPTIONS]``: print the effective settings of ``clean`` with
    these options, and where each came from."""
    parser = argparse.ArgumentParser(
        prog="clean config", description="The project configuration: " + CONFIG_SUMMARY,
        epilog=CONFIG_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=CONFIG_COMMANDS,
                        help="show: the effective settings and where each came from")
    _, rest = parser.parse_known_args(argv)
    settings = configured(_clean_parser(), rest)
    if settings is None:
        return EXIT_USAGE
    _, config, effective = settings
    print(show(config, effective))
    return EXIT_OK


def discover_main(argv: list[str]) -> int:
    """``clean discover``: imported when asked for, as a one-file clean never is."""
    from .discover import discover_main as main

    return main(argv)


def rules_main(argv: list[str]) -> int:
    """``clean rules ...``: imported when asked for, as ``clean discover`` is."""
    from .rules import rules_main as main

    return main(argv)


_SUBCOMMANDS = {"rules": rules_main, "discover": discover_main, "config": config_main}


def _subcommand(args: list[str]) -> str | None:
    """The subcommand ``args`` start with, or None: clean them (see ``SUBCOMMAND_NOTE``).

    A path named like a subcommand is a path when what follows cannot be that
    subcommand: for ``rules``, anything but one of its commands; for ``discover``,
    nothing or an option (``clean discover -o out``). ``-h`` asks for the subcommand.
    """
    word = args[0] if args else None
    if word not in _SUBCOMMANDS:
        return None
    if not os.path.lexists(word):
        return word
    following = args[1] if len(args) > 1 else None
    if following in ("-h", "--help") or (word == "rules" and following in RULES_COMMANDS):
        return word
    if word == "config" and following in CONFIG_COMMANDS:
        return word
    if word == "discover" and following is not None and not following.startswith("-"):
        return word
    return None


def _clean_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clean",
        description="Remove boilerplate from text corpora (text, JSONL, Parquet) with\n"
        "YAML rules, explaining every removal. Subcommands are listed below.",
        epilog=CLEAN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (recursive); `-` or nothing reads stdin")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="output file or folder (folders mirror the input tree)")
    parser.add_argument("--in-place", action="store_true",
                        help="replace each input file with its cleaned text (atomically)")
    parser.add_argument("--glob", action="append", metavar="PATTERN",
                        help="files to take inside folders (repeatable; default: "
                        + " ".join(DEFAULT_GLOBS) + ")")
    parser.add_argument("--input-format", choices=("auto", *FORMATS), default="auto",
                        help="text (a file is a document), jsonl or parquet (a record is a "
                        "document); auto: by file name (default)")
    parser.add_argument("--text-field", default="text", metavar="NAME",
                        help="the JSONL field or Parquet column to clean (default: text); "
                        "every other field passes through untouched")
    parser.add_argument("--annotate", metavar="FIELD",
                        help="JSONL/Parquet: add FIELD to each record with a text, what each "
                        'rule removed from it: {"rule-id": {"lines": N, "chars": M}} ({} if '
                        "nothing); every other byte of a JSONL record stays as it was")
    parser.add_argument("--min-chars", type=_count, default=0, metavar="N",
                        help="JSONL/Parquet: drop records whose text cleaning leaves shorter "
                        "than N characters (default 0: keep all); counted in --stats, listed "
                        "by --explain")
    parser.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="worker processes (default: all cores; with --engine ray: "
                        "the cluster's CPUs)")
    parser.add_argument("--resume", action="store_true",
                        help="skip inputs whose output already exists (outputs are written "
                        "atomically, so an existing one is complete); corpus counts still "
                        "cover every input")
    parser.add_argument("--explain", action="store_true",
                        help="print every edit as `path:line: rule-id: removed text`")
    parser.add_argument("--stats", action="store_true",
                        help="print per-rule counts of lines and characters removed")
    parser.add_argument("--stats-json", metavar="FILE",
                        help="write totals and per-rule counts as JSON")
    parser.add_argument("--report", metavar="FILE",
                        help="write one self-contained HTML page of what was removed and why: "
                        "counts, charts, sampled removals in context, documents before/after")
    parser.add_argument("--dry-run", action="store_true",
                        help="write nothing; print what would be removed (implies --explain "
                        "unless --stats is given)")
    parser.add_argument("--max-loss", type=fraction, default=DEFAULT_MAX_LOSS, metavar="F",
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
    rule_options(parser)
    config_options(parser)
    return parser


def _clean_main(argv: list[str]) -> int:
    parser = _clean_parser()
    settings = configured(parser, argv)
    if settings is None:
        return EXIT_USAGE
    args = settings[0]
    if args.in_place and args.output:
        parser.error("--in-place and -o/--output cannot be used together")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.corpus_repeats:
        args.enable.append("corpus")
    cleaner = build_cleaner(args, args.max_loss)
    if cleaner is None:
        return EXIT_USAGE
    try:
        jobs = list(plan_jobs(args))
    except UsageError as error:
        print(f"clean: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    every_job, pending = jobs, list(range(len(jobs)))
    if args.resume:
        from ..run.resume import pending_positions

        pending = pending_positions(jobs)
        jobs = [every_job[position] for position in pending]
    skipped = len(every_job) - len(jobs)
    explain = args.explain or (args.dry_run and not args.stats)
    total = sum(input_size(job.source) for job in jobs)
    interactive = sys.stderr.isatty() and not args.quiet
    progress = Progress(total, enabled=interactive and not explain)
    local_jobs = args.jobs or os.cpu_count() or 1
    processes = 1 if total < PARALLEL_BYTES else min(local_jobs, _units_hint(jobs))

    problems = ProblemLog()

    def warn(name: str, level: str, message: str) -> None:
        problems.add(name, level, message)
        if level == "error" or not args.quiet:
            print(f"{display_name(name)}: {level}: {message}", file=sys.stderr)

    records_only = _records_only(args, jobs)
    if records_only:
        print(f"clean: error: {records_only}", file=sys.stderr)
        return EXIT_USAGE
    options = Options(explain=explain, text_field=args.text_field, in_place=args.in_place,
                      dry_run=args.dry_run, group_by=args.group_by, report=bool(args.report),
                      annotate=args.annotate, min_chars=args.min_chars)
    explain_to = lambda line: print(line, file=sys.stderr)  # noqa: E731
    executor = _executor(args, processes)
    try:
        if cleaner.needs_frequencies and (args.counts or skipped):
            cleaner = _counted(args, every_job, pending, cleaner, options, executor)
        result = run(jobs, cleaner, options, executor=executor, report=explain_to, warn=warn,
                     progress=progress.update)
    except (UsageError, ValueError) as error:
        print(f"clean: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        executor.close()
    progress.close()
    if skipped and not args.quiet:
        print(f"clean: --resume skipped {skipped} finished inputs", file=sys.stderr)
    if args.stats or (interactive and result.stats.documents):
        print(result.stats.table(), file=sys.stderr)
    if args.stats_json:
        _write_stats_json(Path(args.stats_json), result, skipped)
    if args.report:
        from ..run.htmlreport import write_run_report

        try:
            write_run_report(Path(args.report), result, cleaner, jobs, problems)
        except OSError as error:
            print(f"{args.report}: error: cannot write report: {error.strerror or error}",
                  file=sys.stderr)
            return EXIT_INPUT
    return EXIT_INPUT if result.failed else EXIT_OK


def _records_only(args: argparse.Namespace, jobs: list[InputJob]) -> str | None:
    """Why ``--annotate`` or ``--min-chars`` cannot run on these inputs, or None: they act
    on records (JSONL, Parquet), and the annotation cannot be the text field itself."""
    asked = [name for name, value in (("--annotate", args.annotate),
                                      ("--min-chars", args.min_chars)) if value]
    if not asked:
        return None
    if args.annotate is not None and args.annotate == args.text_field:
        return f"--annotate {args.annotate} would overwrite the text field (see --text-field)"
    text = next((job for job in jobs if job.format == "text" and job.problem is None), None)
    if text is not None:
        return (f"{' and '.join(asked)} work on JSONL and Parquet records; "
                f"{display_name(text.name)} is a text file")
    return None


def _count(value: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def _executor(args: argparse.Namespace, processes: int) -> Executor:
    """What runs the units: local processes, or Ray tasks (``--engine ray``; Ray is imported
    when the first unit runs, and what it cannot do is refused in one line)."""
    if args.engine == "ray":
        from ..integrations.ray import RayExecutor

        return RayExecutor(address=args.address, processes=args.jobs)
    return LocalProcesses(processes)


def _counted(args: argparse.Namespace, every_job: list[InputJob], pending: list[int],
             cleaner: Cleaner, options: Options, executor: Executor) -> Cleaner:
    """``--counts`` and ``--resume``: the cleaner with the line counts loaded from
    ``--counts``, or counted over every input (and saved there), then numbered for the
    ``pending`` inputs. (Otherwise :func:`~cleaner.run.runner.run` counts first by itself.)"""
    counts = Path(args.counts) if args.counts else None
    if counts is not None and counts.exists():
        frequencies = Frequencies.load(counts)
    else:
        counted = count_first(every_job, cleaner, options, executor).frequencies
        assert counted is not None  # counted: corpus rules need them
        frequencies = counted
        if counts is not None:
            frequencies.save(counts)
    if len(pending) < len(every_job):  # counted over every input; only the pending cleaned
        from ..run.resume import renumber_for_pending

        frequencies = renumber_for_pending(frequencies, pending)
    return cleaner.with_frequencies(frequencies)


def _units_hint(jobs: list[InputJob]) -> int:
    streamed = any(job.format != "text" for job in jobs)
    return 1 << 30 if streamed else max(1, len(jobs))


def _write_stats_json(path: Path, result: RunResult, skipped: int) -> None:
    payload = {
        "documents": result.stats.documents,
        "changed_documents": result.stats.changed_documents,
        "bytes": result.bytes_in,
        "seconds": round(result.seconds, 3),
        "mb_per_second": round(result.bytes_in / 1e6 / result.seconds, 2)
        if result.seconds else None,
        "dropped_documents": result.stats.dropped,
        "failed": result.failed,
        "skipped_by_resume": skipped,
        "rules": result.stats.rows(),
    }
    write_atomic(path, json.dumps(payload, indent=2).encode("utf-8") + b"\n")


