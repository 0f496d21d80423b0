"""Options and helpers every ``clean`` subcommand shares: rule selection, exit codes.

>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> rule_options(parser)
>>> parser.parse_args(["--disable", "repeats"]).disable
['repeats']
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Protocol

from ..engine.api import Cleaner
from ..engine.plan import DEFAULT_MAX_LOSS
from ..ruleset.problems import RuleFileError
from ..ruleset.selection import SelectionError
from ..run.lifecycle import EXIT_TERMINATED, Terminated, terminate_on_sigterm
from ..run.outputs import OutputError, guarded_stdout
from .config import KEYS, Config, ConfigError, Setting, project_config, resolve, take_defaults

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_TERMINATED", "EXIT_USAGE", "build_cleaner",
           "config_options", "configured", "fraction", "reports_failures", "rule_options"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class Main(Protocol):
    """A command's entry point: its arguments (default: ``sys.argv[1:]``) to an exit code."""

    def __call__(self, argv: Sequence[str] | None = None) -> int: ...


def reports_failures(main: Main) -> Main:
    """Wrap a command's entry point so that no failure to write ends in a traceback.

    SIGTERM stops the run (exit 143, see :mod:`cleaner.run.lifecycle`); stdout that cannot
    be written (a full disk) and an output path that cannot be written (a read-only
    folder, ``--stats-json``, ``--counts``) give one line and exit code 1; a closed
    pipe (``clean ... | head``) ends quietly.
    """
    @functools.wraps(main)
    def guarded(argv: Sequence[str] | None = None) -> int:
        try:
            with terminate_on_sigterm(), guarded_stdout():
                code = main(argv)
                sys.stdout.flush()
                return code
        except Terminated:
            print("clean: terminated", file=sys.stderr)
            return EXIT_TERMINATED
        except BrokenPipeError:
            _discard_stdout()
            return EXIT_OK
        except OutputError as error:
            _discard_stdout()
            print(f"clean: error: {error}", file=sys.stderr)
            return EXIT_INPUT
        except OSError as error:
            where = f"{error.filename}: " if error.filename is not None else ""
            print(f"clean: error: {where}{error.strerror or error}", file=sys.stderr)
            return EXIT_INPUT

    return guarded


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that exiting does not retry the failed write."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


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


def config_options(parser: argparse.ArgumentParser) -> None:
    """Add --config and --no-config (the project configuration, see :mod:`cleaner.cli.config`)."""
    group = parser.add_argument_group("configuration")
    choice = group.add_mutually_exclusive_group()
    choice.add_argument("--config", metavar="FILE",
                        help="read settings from FILE (a cleaner.toml, or a pyproject.toml's "
                        "[tool.cleaner]) instead of the one found from the current folder up")
    choice.add_argument("--no-config", action="store_true",
                        help="ignore any cleaner.toml or [tool.cleaner] table")


def configured(parser: argparse.ArgumentParser, argv: Sequence[str],
               keys: Iterable[str] = KEYS) -> tuple[argparse.Namespace, Config,
                                                    dict[str, Setting]] | None:
    """Parse ``argv`` and fill the options in ``keys`` that the command line leaves out
    from the project configuration (then the defaults); None after reporting a problem
    with the configuration file."""
    defaults = take_defaults(parser, keys)
    args = parser.parse_args(list(argv))
    try:
        config = project_config(args)
    except ConfigError as error:
        print(error.render(), file=sys.stderr)
        return None
    return args, config, resolve(args, defaults, config)


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
