"""Options and helpers every ``clean`` subcommand shares: rule selection, exit codes.

>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> rule_options(parser)
>>> parser.parse_args(["--disable", "repeats"]).disable
['repeats']
"""

from __future__ import annotations

import argparse
import sys

from .api import Cleaner
from .plan import DEFAULT_MAX_LOSS
from .problems import RuleFileError
from .selection import SelectionError

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_USAGE", "build_cleaner", "fraction", "rule_options"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def rule_options(parser: argparse.ArgumentParser) -> None:
    """Add --rules, --no-defaults, --enable and --disable to ``parser``."""
    group = parser.add_argument_group("rules")
    group.add_argument("--rules", action="append", default=[], metavar="FILE",
                       help="a YAML rule file to add (repeatable)")
    group.add_argument("--no-defaults", action="store_true",
                       help="do not load the built-in packs")
    group.add_argument("--enable", action="append", default=[], metavar="ID",
                       help="enable a rule or pack, even one disabled by default (repeatable)")
    group.add_argument("--disable", action="append", default=[], metavar="ID",
                       help="disable a rule or pack (repeatable)")


def build_cleaner(args: argparse.Namespace, max_loss: float = DEFAULT_MAX_LOSS
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


def fraction(value: str) -> float:
    """An argparse type: a number from 0 to 1."""
    number = float(value)
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return number
