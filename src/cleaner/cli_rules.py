"""``clean rules list|test|check|schema|docs``: inspect, test and document rule files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli_options import EXIT_INPUT, EXIT_OK, EXIT_USAGE, build_cleaner, rule_options
from .packs import builtin_rule_files
from .problems import RuleFileError
from .ruledocs import rules_markdown
from .rulefile import load_rule_file
from .ruletests import run_examples

__all__ = ["rules_main"]


def rules_main(argv: list[str]) -> int:
    """Run ``clean rules ...`` with ``argv``; return the exit code."""
    parser = argparse.ArgumentParser(prog="clean rules", description="Inspect rule files.")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="every loaded rule: id, enabled, summary")
    rule_options(listing)
    testing = commands.add_parser("test", help="run the examples of rules")
    testing.add_argument("files", nargs="*", metavar="FILE",
                         help="rule files to test (default: the built-in packs)")
    checking = commands.add_parser("check", help="validate rule files")
    checking.add_argument("files", nargs="+", metavar="FILE")
    commands.add_parser("schema", help="print the JSON Schema of rule files")
    documenting = commands.add_parser("docs", help="print Markdown docs of the loaded rules")
    rule_options(documenting)
    args = parser.parse_args(argv)
    if args.command == "schema":
        from .schema import schema_text

        print(schema_text(), end="")
        return EXIT_OK
    if args.command in ("list", "docs"):
        cleaner = build_cleaner(args)
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
