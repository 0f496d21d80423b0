"""The help pages' closing text: subcommands, where output goes, exit codes, examples.

Kept apart from the parsers so each page's text reads as one piece.

>>> "discover" in CLEAN_EPILOG and "rules docs" in CLEAN_EPILOG
True
"""

from __future__ import annotations

from .cli_rules import RULES_COMMANDS

__all__ = ["CLEAN_EPILOG", "DISCOVER_EPILOG", "DISCOVER_SUMMARY", "SUBCOMMAND_NOTE"]

DISCOVER_SUMMARY = "lines a corpus repeats that no rule removes yet"

SUBCOMMAND_NOTE = (
    "A first argument `rules` or `discover` is that subcommand. Where a file or\n"
    "folder of that name exists, it is that path when what follows cannot be the\n"
    "subcommand: `clean rules -o out` (not list, test, check, schema or docs next),\n"
    "`clean discover -o out` (an option or nothing next). `clean ./rules -o out`\n"
    "and `clean -o out -- rules` always clean the path."
)

_COMMANDS = "\n".join(
    [f"  clean rules {name:<10}{summary}" for name, summary in RULES_COMMANDS.items()]
    + [f"  clean {'discover':<16}{DISCOVER_SUMMARY}"]
)

CLEAN_EPILOG = f"""\
subcommands (each has --help):
{_COMMANDS}

{SUBCOMMAND_NOTE}

where things go:
  stdout carries cleaned text and nothing else; every report (--explain,
  --dry-run's edits, --stats, warnings, errors, progress) goes to stderr.

exit codes:
  0 every input cleaned; 1 an input failed or was reported (missing, binary,
  corrupt, invalid UTF-8, a rule out of time); 2 usage, rule-file, --counts or
  engine errors (nothing is cleaned then).

examples:
  clean article.txt > clean.txt              one file, cleaned text to stdout
  clean corpus/ -o cleaned/                  a folder; the tree is mirrored
  clean corpus/ --in-place                   replace each file, atomically
  clean shard.jsonl.zst -o out.jsonl.zst --text-field content
  clean corpus/ --dry-run 2> edits.txt       what would go; nothing is written
  clean corpus/ -o out/ --explain --stats    every edit, then a per-rule table
  clean corpus/ -o out/ --rules mysite.yaml --disable repeats
  clean corpus/ -o out/ --corpus-repeats --counts counts.bin
  clean corpus/ -o out/ --resume             finish an interrupted run"""

DISCOVER_EPILOG = """\
The table goes to stdout: group, documents, share, the line (or a run of lines)
and where it was seen, as path:line with the line numbered as in the input.
--write-rules writes one `line` rule per pattern (lines that differ only in
numbers or month names, or that several groups share, become one rule).

exit codes: 0 done; 1 an input is missing; 2 usage or rule-file errors.

examples:
  clean discover corpus/                              the most repeated lines
  clean discover shard.jsonl --group-by url:link      group by the `link` host
  clean discover corpus/ --min-docs 20 --top 50
  clean discover corpus/ --write-rules found.yaml
  clean rules test found.yaml                         then review and test them"""
