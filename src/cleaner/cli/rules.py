"""``clean rules list|test|check|schema|docs``: inspect, test and document rule files.

Every subcommand that reads rule files takes them both ways, as arguments
(``clean rules test a.yaml``) and with ``--rules`` (``clean rules test --rules a.yaml``):
the two lists are joined.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..ruleset.packs import builtin_lists_file, builtin_rule_files
from ..ruleset.problems import RuleFileError
from ..ruleset.ruledocs import kinds_markdown, rules_markdown
from ..ruleset.rulefile import load_lists_file, load_rule_file
from ..ruleset.ruletests import run_examples
from .help import RULES_COMMANDS
from .options import EXIT_INPUT, EXIT_OK, EXIT_USAGE, build_cleaner, rule_options

__all__ = ["rules_main"]

_EXAMPLES = {
    "": """\
examples:
  clean rules list --disable repeats        which rules run, after a selection
  clean rules test mysite.yaml              run the examples of a rule file
  clean rules check mysite.yaml other.yaml  validate rule files
  clean rules schema > rules.schema.json    a JSON Schema for editors
  clean rules docs --rules mysite.yaml > rules.md
  clean rules kinds > kinds.md              every kind's keys, and the run order

Rule files are given as arguments or with --rules FILE, alike, everywhere.
Exit codes: 0 ok, 1 an example failed, 2 a rule file has mistakes.""",
    "list": """\
examples:
  clean rules list                          the built-in packs
  clean rules list mysite.yaml              the built-in packs and mysite.yaml
  clean rules list --rules mysite.yaml --no-defaults --enable corpus""",
    "test": """\
examples:
  clean rules test                          the examples of every built-in pack
  clean rules test mysite.yaml              the examples of mysite.yaml
  clean rules test --rules mysite.yaml      the same

Exit codes: 0 every example passed, 1 one failed, 2 a rule file has mistakes.""",
    "check": """\
examples:
  clean rules check mysite.yaml             mistakes as file:line:col, hints
  clean rules check --rules a.yaml b.yaml   several files (both forms join)
  clean rules check rules/lists.yaml        the packs' shared word lists

Exit codes: 0 every file is valid, 2 a file has mistakes.""",
    "schema": """\
example:
  clean rules schema > rules.schema.json""",
    "docs": """\
examples:
  clean rules docs > rules.md               the built-in packs
  clean rules docs mysite.yaml --no-defaults > mysite.md""",
    "kinds": """\
example:
  clean rules kinds > docs/kinds.md""",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clean rules", description="Inspect, test, validate and document rule files.",
        epilog=_EXAMPLES[""], formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     help="one of:")
    for name, summary in RULES_COMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary[0].upper()
                                  + summary[1:] + ".", epilog=_EXAMPLES[name],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        if name in ("schema", "kinds"):
            continue
        sub.add_argument("files", nargs="*", metavar="FILE",
                         help="rule files (the same as --rules FILE)")
        if name in ("list", "docs"):
            rule_options(sub)
        else:
            sub.add_argument("--rules", action="append", default=[], metavar="FILE",
                             help="a rule file (repeatable; the same as giving it as FILE)")
    return parser


def rules_main(argv: list[str]) -> int:
    """Run ``clean rules ...`` with ``argv``; return the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "schema":
        from ..ruleset.schema import schema_text

        print(schema_text(), end="")
        return EXIT_OK
    if args.command == "kinds":
        print(kinds_markdown(), end="")
        return EXIT_OK
    args.rules = [*args.files, *args.rules]
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
    if args.command == "check" and not args.rules:
        print("clean rules check: error: name the rule files to check", file=sys.stderr)
        return EXIT_USAGE
    files = [Path(f) for f in args.rules] or builtin_rule_files()
    status = EXIT_OK
    for file in files:
        try:
            if file.resolve() == builtin_lists_file().resolve():
                print(f"{file}: ok ({len(load_lists_file(file))} shared lists)")
                continue
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
