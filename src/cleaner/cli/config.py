"""Project configuration, the way ruff finds its own: a ``cleaner.toml`` or a
``[tool.cleaner]`` table in ``pyproject.toml``.

The search starts in the current folder and goes up to the root; the first folder with
a ``cleaner.toml``, or a ``pyproject.toml`` that has a ``[tool.cleaner]`` table, holds
the configuration (``cleaner.toml`` first, as ruff prefers ``ruff.toml``), and the
search stops there. ``--config PATH`` names the file, ``--no-config`` ignores any.

Keys are the ``clean`` options' long names (:data:`KEYS`); relative paths (``rules``,
``counts``) are read from the file's folder. Options given on the command line win
(see :func:`resolve`). Problems are reported as rule files' are, ``file:line:col``:

>>> text = 'text-field = "content"\\njobs = "4"\\n'
>>> try:
...     parse_config(text, Path("proj/cleaner.toml"))
... except ConfigError as error:
...     print(error)
proj/cleaner.toml:2:1: error[wrong-type] `jobs` must be a whole number (1 or more), not "4"
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ruleset.problems import Problem, RuleFileError, did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["CONFIG_FILE", "KEYS", "Config", "ConfigError", "Setting", "find_config",
           "load_config", "parse_config", "project_config", "resolve", "show",
           "take_defaults"]

CONFIG_FILE = "cleaner.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class _Key:
    """What a key holds: ``str``, ``path``, ``paths``, ``strs``, ``bool``, ``count``
    (a whole number from ``low``), ``fraction`` (0 to 1) or ``choice``."""

    kind: str
    low: int = 0
    choices: tuple[str, ...] = ()


#: Every key a configuration may hold, by the ``clean`` option it sets.
KEYS: dict[str, _Key] = {
    "rules": _Key("paths"),
    "no-defaults": _Key("bool"),
    "enable": _Key("strs"),
    "disable": _Key("strs"),
    "text-field": _Key("str"),
    "input-format": _Key("choice", choices=("auto", "text", "jsonl", "parquet")),
    "glob": _Key("strs"),
    "max-loss": _Key("fraction"),
    "jobs": _Key("count", low=1),
    "group-by": _Key("str"),
    "corpus-repeats": _Key("bool"),
    "counts": _Key("path"),
    "annotate": _Key("str"),
    "min-chars": _Key("count"),
    "engine": _Key("choice", choices=("local", "ray")),
    "address": _Key("str"),
}

_KIND_NAMES = {
    "str": "a string", "path": "a path (a string)", "paths": "a list of paths (strings)",
    "strs": "a list of strings", "bool": "true or false", "fraction": "a number from 0 to 1",
}


class ConfigError(RuleFileError):
    """Problems in a configuration file (rendered as rule files' problems are)."""


@dataclass(frozen=True)
class Setting:
    """An option's effective value and where it came from: ``command line``, a file and
    line (``cleaner.toml:3``), both (a list that the command line extends), or
    ``default``."""

    value: Any
    source: str


@dataclass
class Config:
    """A configuration file's values (checked, paths resolved) and each key's line."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def where(self, key: str) -> str:
        return f"{self.path}:{self.lines.get(key, 1)}"


def find_config(start: Path) -> Path | None:
    """The configuration file that applies in folder ``start``, or None (see above)."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    """True if ``pyproject`` has a ``[tool.cleaner]`` table (a file that cannot be read
    or parsed counts as having one, so that its problem is reported, not skipped)."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and "cleaner" in tool


def load_config(path: Path) -> Config:
    """Read and check the configuration file ``path``; raise :class:`ConfigError`."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([Problem(name, 0, 0, "no-file", "config file not found")]) from None
    except (OSError, UnicodeDecodeError) as error:
        message = f"cannot read config file: {error}"
        raise ConfigError([Problem(name, 0, 0, "unreadable", message)]) from None
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> Config:
    """Check configuration ``text`` read from ``path`` (a ``pyproject.toml`` by name: its
    ``[tool.cleaner]`` table; any other name: the whole file)."""
    name = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column, message = _syntax_position(error, text)
        raise ConfigError([Problem(name, line, column, "toml-syntax", message)],
                          {name: text}) from None
    in_pyproject = path.name == PYPROJECT
    table: Any = data.get("tool", {}).get("cleaner", {}) if in_pyproject else data
    header = ("tool", "cleaner") if in_pyproject else ()
    lines = _key_lines(text, header)
    problems: list[Problem] = []
    config = Config(path, lines={key: line for key, (line, _) in lines.items()})

    def problem(key: str, code: str, message: str, hint: str | None = None) -> None:
        line, column = lines.get(key, (1, 1))
        problems.append(Problem(name, line, column, code, message, hint))

    if not isinstance(table, dict):
        problem("", "wrong-type", "`tool.cleaner` must be a table")
        table = {}
    for key, value in table.items():
        spec = KEYS.get(key)
        if spec is None:
            hint = did_you_mean(key, KEYS) or f"keys: {', '.join(KEYS)}"
            problem(key, "unknown-key", f"unknown key `{key}`", hint)
            continue
        checked = _checked(value, spec)
        if checked is None:
            problem(key, "wrong-type", f"`{key}` must be {_expected(spec)}, not {_toml(value)}")
            continue
        config.values[key] = _resolved(checked, spec, path.parent)
    if problems:
        raise ConfigError(problems, {name: text})
    return config


def _syntax_position(error: Exception, text: str) -> tuple[int, int, str]:
    """Line, column and message of a TOML syntax error (tomllib puts the position at
    the end of its message; "at end of document" is the end of ``text``'s last line)."""
    message = str(error)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found is not None:
        return int(found.group(1)), int(found.group(2)), message[:found.start()]
    at_end = re.search(r"\s*\(at end of document\)$", message)
    if at_end is not None:
        lines = text.splitlines() or [""]
        return len(lines), len(lines[-1]) + 1, message[:at_end.start()] + " at the end of the file"
    return 1, 1, message


_HEADER = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


def _key_lines(text: str, header: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """``key -> (line, column)`` of the keys of the table ``header`` (``()``: the top
    level); the table's header line stands for the table itself (key ``""``)."""
    found: dict[str, tuple[int, int]] = {}
    current: tuple[str, ...] = ()
    open_brackets = 0
    for number, line in enumerate(text.splitlines(), 1):
        if open_brackets > 0:  # inside a value written over several lines
            open_brackets += line.count("[") - line.count("]")
            continue
        heading = _HEADER.match(line)
        if heading is not None and not line.lstrip().startswith("[["):
            current = tuple(part.strip().strip("\"'") for part in heading.group(1).split("."))
            if current == header:
                found[""] = (number, line.index("[") + 1)
            elif len(current) > len(header) and current[:len(header)] == header:
                found.setdefault(current[len(header)], (number, line.index("[") + 1))
            continue
        key = _KEY.match(line)
        if key is not None and current == header:
            name = next(group for group in key.groups() if group is not None)
            found.setdefault(name, (number, len(line) - len(line.lstrip()) + 1))
            value = line[key.end():]
            open_brackets = max(0, value.count("[") - value.count("]"))
    return found


def _checked(value: Any, spec: _Key) -> Any:
    """``value`` if it is what ``spec`` asks for (a whole number for a fraction becomes a
    float), else None."""
    kind = spec.kind
    if kind in ("str", "path"):
        return value if isinstance(value, str) else None
    if kind in ("strs", "paths"):
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        return value if ok else None
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind == "choice":
        return value if value in spec.choices else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if kind == "count":
        return value if isinstance(value, int) and value >= spec.low else None
    return float(value) if 0 <= value <= 1 else None


def _expected(spec: _Key) -> str:
    if spec.kind == "count":
        return f"a whole number ({spec.low} or more)"
    if spec.kind == "choice":
        return "one of " + ", ".join(f'"{choice}"' for choice in spec.choices)
    return _KIND_NAMES[spec.kind]


def _toml(value: Any) -> str:
    """``value`` as TOML writes it (for messages and ``clean config show``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def _resolved(value: Any, spec: _Key, folder: Path) -> Any:
    """Relative paths made relative to ``folder`` (the configuration file's)."""
    if spec.kind == "path":
        return str(folder / value)
    if spec.kind == "paths":
        return [str(folder / item) for item in value]
    return value


def project_config(args: argparse.Namespace, start: Path | None = None) -> Config:
    """The configuration ``--config``/``--no-config`` ask for, or the one found from
    ``start`` (default: the current folder); an empty one if there is none."""
    if getattr(args, "no_config", False):
        return Config()
    named = getattr(args, "config", None)
    path = Path(named) if named else find_config(Path.cwd() if start is None else start)
    return Config() if path is None else load_config(path)


def take_defaults(parser: argparse.ArgumentParser,
                  keys: Iterable[str] = KEYS) -> dict[str, Any]:
    """Set the default of each option of ``parser`` named in ``keys`` to None, so that
    :func:`resolve` can tell an option given on the command line; return the defaults
    taken, by key."""
    taken: dict[str, Any] = {}
    wanted = set(keys)
    for action in parser._actions:
        key = action.dest.replace("_", "-")
        if key in wanted and action.option_strings:
            taken[key] = action.default
            action.default = None
    return taken


def resolve(args: argparse.Namespace, defaults: Mapping[str, Any], config: Config
            ) -> dict[str, Setting]:
    """Set every option of ``args`` named in ``defaults`` to its effective value and
    return each with its source.

    The command line wins over the configuration, and the configuration over the
    defaults. Lists add up: ``rules`` from both (the configuration's first); an
    ``enable`` or ``disable`` selector from the configuration is dropped where the
    command line says the opposite of it (``--enable repeats`` over ``disable =
    ["repeats"]``). ``glob`` from the command line replaces the configuration's.
    """
    settings: dict[str, Setting] = {}
    given = {key: getattr(args, key.replace("-", "_")) for key in defaults}
    for key in sorted(defaults, key=list(KEYS).index):
        default, cli = defaults[key], given[key]
        if key in ("rules", "enable", "disable") and key in config.values:
            opposite = {"enable": "disable", "disable": "enable"}.get(key)
            overruled = set(given.get(opposite) or ()) if opposite else set()
            kept = [item for item in config.values[key] if item not in overruled]
            value = kept + list(cli or [])
            source = config.where(key) + (" + command line" if cli else "")
        elif cli is not None:
            value, source = cli, "command line"
        elif key in config.values:
            value, source = config.values[key], config.where(key)
        else:
            value, source = default, "default"
        setattr(args, key.replace("-", "_"), value)
        settings[key] = Setting(value, source)
    return settings


def show(config: Config, settings: Mapping[str, Setting]) -> str:
    """What ``clean config show`` prints: the file, then one ``key = value  # source``
    line per setting (a value never set: ``# key: not set``).

    >>> print(show(Config(), {"jobs": Setting(None, "default"),
    ...                       "text-field": Setting("content", "command line")}))
    # config file: none (--no-config, or none found from here up)
    # jobs: not set (default)
    text-field = "content"  # command line
    """
    where = str(config.path) if config.path else "none (--no-config, or none found from here up)"
    lines = [f"# config file: {where}"]
    width = max((len(key) + len(_toml(s.value)) for key, s in settings.items()
                 if s.value is not None), default=0)
    for key, setting in settings.items():
        if setting.value is None:
            lines.append(f"# {key}: not set ({setting.source})")
            continue
        assignment = f"{key} = {_toml(setting.value)}"
        lines.append(f"{assignment.ljust(width + 3)}  # {setting.source}")
    return "\n".join(lines)
