"""``clean discover``: the lines a corpus repeats that no rule removes yet."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..run.discover import discover, render_table, write_rules
from ..run.formats import FORMATS
from ..run.htmlreport import write_discover_report
from ..run.reports import display_name
from ..run.work import Options
from .help import DISCOVER_EPILOG
from .inputs import DEFAULT_GLOBS, PARALLEL_BYTES, UsageError, input_size, plan_jobs
from .options import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    build_cleaner,
    config_options,
    configured,
    fraction,
    rule_options,
)

__all__ = ["discover_main"]

#: The keys of the project configuration that ``discover`` takes (see :mod:`cleaner.cli.config`).
DISCOVER_KEYS = ("rules", "no-defaults", "enable", "disable", "text-field", "input-format",
                 "glob", "group-by", "jobs")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clean discover",
        description="List the lines that many documents of one group repeat after\n"
        "cleaning (boilerplate no rule knows yet), and optionally write them as a\n"
        "rule pack.",
        epilog=DISCOVER_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--glob", action="append", metavar="PATTERN",
                        help="files to take inside folders (repeatable; default: "
                        + " ".join(DEFAULT_GLOBS) + ")")
    parser.add_argument("--input-format", choices=("auto", *FORMATS), default="auto",
                        help="text, jsonl or parquet; auto: by file name (default)")
    parser.add_argument("--text-field", default="text", metavar="NAME",
                        help="the JSONL field or Parquet column to read (default: text)")
    parser.add_argument("--group-by", default="auto", metavar="HOW",
                        help="what a group is (see `clean --help`; default: auto)")
    parser.add_argument("--min-docs", type=int, default=5, metavar="N",
                        help="fewest documents of a group that repeat a line (default 5)")
    parser.add_argument("--min-fraction", type=fraction, default=0.02, metavar="F",
                        help="smallest share of the group's documents (default 0.02)")
    parser.add_argument("--top", type=int, default=20, metavar="N",
                        help="most lines listed per group (default 20)")
    parser.add_argument("--min-chars", type=int, default=10, metavar="N",
                        help="shortest line considered, in characters (default 10)")
    parser.add_argument("--max-chars", type=int, default=300, metavar="N",
                        help="longest line considered, in characters (default 300)")
    parser.add_argument("--write-rules", metavar="FILE",
                        help="write a rule pack matching the listed lines, to review")
    parser.add_argument("--report", metavar="FILE",
                        help="write one self-contained HTML page of the repeated lines and "
                        "runs per group, with examples and the rule each would become")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="worker processes (default: all cores)")
    rule_options(parser)
    config_options(parser)
    return parser


def discover_main(argv: list[str]) -> int:
    """Run ``clean discover`` with ``argv``; return the exit code."""
    settings = configured(_parser(), argv, DISCOVER_KEYS)
    if settings is None:
        return EXIT_USAGE
    args = settings[0]
    cleaner = build_cleaner(args)
    if cleaner is None:
        return EXIT_USAGE
    if cleaner.needs_frequencies:
        print("clean: error: disable corpus rules for discover (it finds what they would)",
              file=sys.stderr)
        return EXIT_USAGE
    args.output, args.in_place, args.dry_run = None, False, True
    try:
        jobs = list(plan_jobs(args))
    except UsageError as error:
        print(f"clean discover: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    missing = [job.name for job in jobs if job.source is not None and not job.source.exists()]
    for name in missing:
        print(f"{display_name(name)}: error: no such file or folder", file=sys.stderr)
    options = Options(text_field=args.text_field, group_by=args.group_by)
    total = sum(input_size(job.source) for job in jobs)
    processes = 1 if total < PARALLEL_BYTES else args.jobs
    started = time.perf_counter()
    found = discover(jobs, cleaner, options, line_chars=(args.min_chars, args.max_chars),
                     min_docs=args.min_docs,
                     min_fraction=args.min_fraction, top=args.top, processes=processes)
    print(render_table(found) if found else "no line is repeated that often")
    if args.write_rules:
        write_rules(Path(args.write_rules), found)
        print(f"wrote {len(found)} rules to {args.write_rules}; review them, then: "
              f"clean rules test {args.write_rules}", file=sys.stderr)
    if args.report:
        try:
            write_discover_report(Path(args.report), found, jobs, time.perf_counter() - started)
        except OSError as error:
            print(f"{args.report}: error: cannot write report: {error.strerror or error}",
                  file=sys.stderr)
            return EXIT_INPUT
    return EXIT_INPUT if missing else EXIT_OK
