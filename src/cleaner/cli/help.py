"""The help pages' closing text: subcommands, where output goes, exit codes, examples.

Kept apart from the parsers so each page's text reads as one piece.

>>> "discover" in CLEAN_EPILOG and "rules docs" in CLEAN_EPILOG
True
"""

from __future__ import annotations

__all__ = ["CLEAN_EPILOG", "CONFIG_COMMANDS", "CONFIG_EPILOG", "CONFIG_SUMMARY",
           "DISCOVER_EPILOG", "DISCOVER_SUMMARY", "RULES_COMMANDS", "SUBCOMMAND_NOTE"]

#: The subcommands of ``clean rules``, with the one line ``clean --help`` shows for each.
RULES_COMMANDS = {
    "list": "every loaded rule: id, on/off, summary",
    "test": "run the examples of rule files (default: built-in packs)",
    "check": "validate rule files; mistakes as file:line:col",
    "schema": "print the JSON Schema of rule files (for editors)",
    "docs": "print Markdown docs of the loaded rules",
    "kinds": "print Markdown docs of the kinds: keys and run order",
}

DISCOVER_SUMMARY = "lines a corpus repeats that no rule removes yet"
CONFIG_SUMMARY = "the effective settings and where each came from"
CONFIG_COMMANDS = ("show",)

SUBCOMMAND_NOTE = (
    "A first argument `rules`, `discover` or `config` is that subcommand. Where a\n"
    "file or folder of that name exists, it is that path when what follows cannot\n"
    "be the subcommand: `clean rules -o out` (not list, test, check, schema or docs\n"
    "next), `clean discover -o out` (an option or nothing next), `clean config -o\n"
    "out` (not show next). `clean ./rules -o out` and `clean -o out -- rules`\n"
    "always clean the path."
)

_COMMANDS = "\n".join(
    [f"  clean rules {name:<10}{summary}" for name, summary in RULES_COMMANDS.items()]
    + [f"  clean {'discover':<16}{DISCOVER_SUMMARY}",
       f"  clean {'config show':<16}{CONFIG_SUMMARY}"]
)

CONFIG_NOTE = """\
project configuration:
  A cleaner.toml, or a [tool.cleaner] table in pyproject.toml, sets defaults
  for these options: rules, no-defaults, enable, disable, text-field,
  input-format, glob, max-loss, jobs, group-by, corpus-repeats, counts,
  annotate, min-chars, engine, address (the long option names). It is looked
  for in the current folder, then each folder above; the first folder that has
  one wins (cleaner.toml before pyproject.toml). Relative paths in it are read
  from its folder. The command line wins over it; rules, enable and disable
  add up (a selector the command line reverses is dropped). --config FILE
  names the file, --no-config ignores it; `clean config show` prints every
  setting and where it came from. An unknown key, a wrong type or a TOML
  syntax error is reported as file:line:col (exit 2):
      # cleaner.toml
      rules = ["rules/mysite.yaml"]
      disable = ["repeats"]
      text-field = "content"
      max-loss = 0.3"""

CLEAN_EPILOG = f"""\
subcommands (each has --help):
{_COMMANDS}

{SUBCOMMAND_NOTE}

{CONFIG_NOTE}

records (JSONL, Parquet):
  --annotate FIELD adds FIELD to each record that has a text: what each rule
  removed, {{"rule-id": {{"lines": N, "chars": M}}}} ({{}} when nothing was);
  in Parquet a map<string, struct<lines, chars>> column. A field of that name
  is replaced. Every other byte of a JSONL record stays as it was, so outputs
  with and without --annotate differ only by that field. --min-chars N drops
  records whose text is left shorter than N characters (off by default);
  --stats counts them, --explain lists them (`file#record: min-chars: record
  dropped, ...`).

where things go:
  stdout carries cleaned text and nothing else; every report (--explain,
  --dry-run's edits, --stats, warnings, errors, progress) goes to stderr.

exit codes:
  0 every input cleaned; 1 an input failed or was reported (missing, binary,
  corrupt, invalid UTF-8, a rule out of time); 2 usage, rule-file, config-file,
  --counts or engine errors (nothing is cleaned then).

examples:
  clean article.txt > clean.txt              one file, cleaned text to stdout
  clean corpus/ -o cleaned/                  a folder; the tree is mirrored
  clean corpus/ --in-place                   replace each file, atomically
  clean shard.jsonl.zst -o out.jsonl.zst --text-field content
  clean corpus/ --dry-run 2> edits.txt       what would go; nothing is written
  clean corpus/ -o out/ --explain --stats    every edit, then a per-rule table
  clean corpus/ -o out/ --report r.html      one HTML page of what went and why
  clean corpus/ -o out/ --rules mysite.yaml --disable repeats
  clean corpus/ -o out/ --corpus-repeats --counts counts.bin
  clean corpus/ -o out/ --resume             finish an interrupted run
  clean shard.jsonl -o out.jsonl --annotate removed --min-chars 200
  clean config show                          the settings in effect, and why"""

CONFIG_EPILOG = """\
`clean config show [OPTIONS]` takes the options of `clean` (and --config FILE or
--no-config), and prints each setting they give, with where it came from: the
command line, the configuration file and line, or the default.

exit codes: 0 shown; 2 usage errors or a problem in the configuration file.

examples:
  clean config show                          what `clean` would use here
  clean config show --jobs 4 --disable repeats
  clean config show --config ci/cleaner.toml"""

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
  clean discover corpus/ --report found.html          the same, as one HTML page
  clean rules test found.yaml                         then review and test them"""
