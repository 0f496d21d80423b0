"""The ``clean`` command: clean files, folders or stdin; list, test and check rules.

Exit codes: 0 all inputs cleaned, 1 some input failed or was reported, 2 usage or
rule-file errors (nothing is cleaned then).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from . import __version__
from .api import Cleaner
from .packs import builtin_rule_files
from .plan import DEFAULT_MAX_LOSS
from .problems import RuleFileError
from .reports import Stats, explain_line
from .rulefile import load_rule_file
from .ruletests import run_examples
from .selection import SelectionError
from .textio import BinaryInputError, decode_bytes, encode_text, read_text, write_atomic

__all__ = ["main"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``clean`` console script; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "rules":
            return _rules_main(args[1:])
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


def _build_cleaner(args: argparse.Namespace, max_loss: float = DEFAULT_MAX_LOSS) -> Cleaner:
    return Cleaner.from_yaml(*args.rules, defaults=not args.no_defaults, enable=args.enable,
                             disable=args.disable, max_loss=max_loss)


def _fraction(value: str) -> float:
    number = float(value)
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return number


def _clean_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clean",
        description="Remove boilerplate from text files with YAML rules. "
        "Subcommands: `clean rules list|test|check` (see `clean rules --help`).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (recursive); `-` or nothing reads stdin")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="output file or folder (folders mirror the input tree)")
    parser.add_argument("--in-place", action="store_true",
                        help="replace each input file with its cleaned text (atomically)")
    parser.add_argument("--glob", default="*.txt", metavar="PATTERN",
                        help="which files to take inside folders (default: *.txt)")
    parser.add_argument("--explain", action="store_true",
                        help="print every edit as `path:line: rule-id: removed text`")
    parser.add_argument("--stats", action="store_true",
                        help="print per-rule counts of lines and characters removed")
    parser.add_argument("--dry-run", action="store_true",
                        help="write nothing; print what would be removed (implies --explain "
                        "unless --stats is given)")
    parser.add_argument("--max-loss", type=_fraction, default=DEFAULT_MAX_LOSS, metavar="F",
                        help="leave a document unchanged if rules would remove more than this "
                        f"fraction of it (default {DEFAULT_MAX_LOSS}; 1 turns the limit off)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print no warnings")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    _rule_options(parser)
    return parser


@dataclass
class _Job:
    """One input and where its cleaned text goes (``None``: nowhere, ``"-"``: stdout)."""

    source: Path | None  # None: stdin
    name: str
    destination: Path | str | None


class _Run:
    def __init__(self, args: argparse.Namespace, cleaner: Cleaner):
        self.args = args
        self.cleaner = cleaner
        self.stats = Stats()
        self.failed = False
        self.to_stdout = False

    def report_stream(self) -> TextIO:
        return sys.stderr if self.to_stdout else sys.stdout

    def problem(self, name: str, message: str, level: str = "error", fails: bool = True) -> None:
        self.failed = self.failed or fails
        if level == "error" or not self.args.quiet:
            print(f"{name}: {level}: {message}", file=sys.stderr)

    def process(self, job: _Job) -> None:
        try:
            if job.source is None:
                decoded = decode_bytes(sys.stdin.buffer.read())
            else:
                decoded = read_text(job.source)
        except FileNotFoundError:
            self.problem(job.name, "no such file or folder")
            return
        except BinaryInputError as error:
            self.problem(job.name, str(error))
            return
        except OSError as error:
            self.problem(job.name, error.strerror or str(error))
            return
        if decoded.first_bad_byte is not None:
            self.problem(job.name, f"invalid UTF-8 at byte {decoded.first_bad_byte}; "
                         "undecodable bytes kept as they are", level="warning")
        cleaned, edits = self.cleaner.explain(decoded.text)
        self.stats.add(edits)
        if self.args.explain or (self.args.dry_run and not self.args.stats):
            stream = self.report_stream()
            for edit in edits:
                print(explain_line(job.name, edit), file=stream)
        for edit in edits:
            if edit.action == "timeout":
                self.problem(job.name, f"line {edit.line}: rule {edit.rule_id} ran out of time; "
                             "line kept", level="warning")
            elif edit.action == "hold":
                self.problem(job.name, f"{edit.before} (--max-loss)", level="warning",
                             fails=False)
        if self.args.dry_run or job.destination is None:
            return
        data = encode_text(cleaned)
        if job.destination == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        destination = Path(job.destination)
        try:
            write_atomic(destination, data, like=job.source if self.args.in_place else None)
        except OSError as error:
            self.problem(str(destination), f"cannot write: {error.strerror or error}")


def _clean_main(argv: list[str]) -> int:
    parser = _clean_parser()
    args = parser.parse_args(argv)
    if args.in_place and args.output:
        parser.error("--in-place and -o/--output cannot be used together")
    try:
        cleaner = _build_cleaner(args, args.max_loss)
    except RuleFileError as error:
        print(error.render(), file=sys.stderr)
        return EXIT_USAGE
    except SelectionError as error:
        print(f"clean: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        jobs = list(_plan_jobs(args))
    except _UsageError as error:
        print(f"clean: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    run = _Run(args, cleaner)
    run.to_stdout = any(job.destination == "-" for job in jobs)
    for job in jobs:
        run.process(job)
    if args.stats:
        print(run.stats.table(), file=run.report_stream())
    return EXIT_INPUT if run.failed else EXIT_OK


class _UsageError(Exception):
    pass


def _walk(folder: Path, pattern: str, skip: Path | None) -> list[Path]:
    found = []
    for path in sorted(folder.rglob(pattern)):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if skip is not None and (path == skip or skip in path.parents):
            continue
        found.append(path)
    return found


def _plan_jobs(args: argparse.Namespace) -> Iterator[_Job]:
    paths = args.paths or ["-"]
    writes = not args.dry_run
    output = Path(args.output) if args.output else None
    if "-" in paths:
        if len(paths) > 1:
            raise _UsageError("`-` (stdin) cannot be mixed with other inputs")
        if args.in_place:
            raise _UsageError("--in-place needs files, not stdin")
        target = output if output and not output.is_dir() else None
        if output and output.is_dir():
            raise _UsageError(f"{output} is a folder; name a file for stdin's output")
        yield _Job(None, "<stdin>", (target or "-") if writes else None)
        return
    sources = [Path(p) for p in paths]
    single_file = len(sources) == 1 and not sources[0].is_dir()
    if not (output or args.in_place or not writes) and not single_file:
        raise _UsageError("several inputs or a folder need -o OUT or --in-place")
    if output is not None and output.exists() and not output.is_dir() and not single_file:
        raise _UsageError(f"{output} is a file; several inputs need a folder")
    seen: dict[Path, str] = {}
    for source in sources:
        if not source.exists():
            yield _Job(source, str(source), None)  # reported as missing when processed
            continue
        if source.is_dir():
            base = output if len(sources) == 1 else (output / source.resolve().name
                                                     if output else None)
            for path in _walk(source, args.glob, output.resolve() if output else None):
                name = str(path)
                if args.in_place:
                    yield _Job(path, name, path if writes else None)
                elif base is not None:
                    yield _Job(path, name, _claim(seen, base / path.relative_to(source), name)
                               if writes else None)
                else:
                    yield _Job(path, name, None)
            continue
        if args.in_place:
            yield _Job(source, str(source), source if writes else None)
        elif output is None:
            yield _Job(source, str(source), "-" if writes else None)
        elif single_file and not (output.is_dir() or args.output.endswith(("/", "\\"))):
            if output.exists() and output.resolve() == source.resolve():
                raise _UsageError(f"{output} is the input; use --in-place to replace it")
            yield _Job(source, str(source), output if writes else None)
        else:
            yield _Job(source, str(source), _claim(seen, output / source.name, str(source))
                       if writes else None)


def _claim(seen: dict[Path, str], destination: Path, name: str) -> Path:
    if destination in seen:
        raise _UsageError(f"{name} and {seen[destination]} would both be written to "
                          f"{destination}")
    seen[destination] = name
    return destination


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
    args = parser.parse_args(argv)
    if args.command == "schema":
        from .schema import schema_text

        print(schema_text(), end="")
        return EXIT_OK
    if args.command == "list":
        try:
            cleaner = _build_cleaner(args)
        except RuleFileError as error:
            print(error.render(), file=sys.stderr)
            return EXIT_USAGE
        except SelectionError as error:
            print(f"clean: error: {error}", file=sys.stderr)
            return EXIT_USAGE
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
