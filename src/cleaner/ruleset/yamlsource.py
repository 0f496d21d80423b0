"""Read a YAML rule file into plain Python values, remembering where each came from.

PyYAML's ``safe_load`` forgets positions, keeps the last of two duplicate keys and
reads ``yes``/``no``/``on``/``off`` as booleans and ``2016-04-15`` as a date. A rule
file is code: each of those is a mistake waiting to happen, so this loader walks
PyYAML's node tree itself and reports them as problems with a line and column.

Rule files may come from anyone, so aliases (``*name``) are refused: a few hundred
bytes of nested aliases expand to billions of values (a "billion laughs"). The walk
visits each node once and reports a node met a second time, so it stays linear.

>>> doc = load_yaml("rules:\\n  - id: a/b\\n", "x.yaml")
>>> doc.value
{'rules': [{'id': 'a/b'}]}
>>> doc.where(("rules", 0, "id"))
(2, 9)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem, RuleFileError

__all__ = ["Located", "Path", "load_yaml"]

Path = tuple[Any, ...]
_TAG = "tag:yaml.org,2002:"
# libyaml's parser when PyYAML was built with it (about ten times faster), else Python's.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEY = "<key>"


@dataclass
class Located:
    """A loaded YAML document and the 1-based (line, column) of every value and key."""

    value: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    quoted: dict[Path, bool] = field(default_factory=dict)

    def where(self, path: Path) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest located parent."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def where_key(self, path: Path) -> tuple[int, int]:
        """Position of the key whose value is at ``path``."""
        return self.positions.get((*path, _KEY), self.where(path))

    def column_in_value(self, path: Path, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` of the one-line string scalar at ``path``."""
        line, column = self.where(path)
        if path in self.quoted:
            return line, column + offset + (1 if self.quoted[path] else 0)
        return line, column


class _Walker:
    def __init__(self, path_name: str):
        self.path_name = path_name
        self.doc = Located(None)
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._aliased: set[int] = set()

    def problem(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.path_name, mark.line + 1, mark.column + 1, code, message, hint)
        )

    def walk(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self._seen:  # only an alias brings a node back
            if id(node) not in self._aliased:
                self._aliased.add(id(node))
                self.problem(node, "yaml-alias",
                             "this value is used again through an alias (`*name`); aliases "
                             "are not supported in rule files", "write the value out in full")
            return None
        self._seen.add(id(node))
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # YAML has three kinds of node
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.problem(key_node, "yaml-merge", "merge keys (`<<`) are not supported")
                continue
            key = self._scalar(key_node, (*path, _KEY)) if isinstance(
                key_node, yaml.ScalarNode
            ) else None
            if not isinstance(key, str):
                self.problem(key_node, "bad-key", "keys must be plain strings")
                continue
            if key in result:
                self.problem(
                    key_node,
                    "duplicate-key",
                    f"duplicate key `{key}`",
                    "YAML would silently keep only the last one; remove one of them",
                )
                continue
            key_path = (*path, key)
            key_position = (*key_path, _KEY)
            self.doc.positions[key_position] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.walk(value_node, key_path)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag = node.tag.removeprefix(_TAG)
        text = node.value
        if tag == "str":
            if node.start_mark.line == node.end_mark.line and node.style in (None, "'", '"'):
                self.doc.quoted[path] = node.style is not None
            return text
        if tag == "bool":
            if text.lower() not in ("true", "false"):
                self.problem(
                    node,
                    "yaml-boolean",
                    f"`{text}` would be read as a boolean",
                    "write true or false, or quote it to mean the text",
                )
            return text.lower() == "true"
        if tag == "timestamp":
            self.problem(
                node,
                "yaml-date",
                f"`{text}` would be read as a date",
                f"quote it: '{text}'",
            )
            return text
        if tag == "null":
            return None
        if tag in ("int", "float"):
            return yaml.safe_load(text)
        self.problem(node, "yaml-tag", f"unsupported YAML tag `{node.tag}`")
        return text


def load_yaml(text: str, path_name: str) -> Located:
    """Parse ``text`` (the content of ``path_name``); raise :class:`RuleFileError` on problems."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = error.problem or str(error)
        if error.context:
            message = f"{message} ({error.context})"
        problem = Problem(path_name, line, column, "yaml-syntax", message)
        raise RuleFileError([problem], {path_name: text}) from None
    except yaml.YAMLError as error:
        problem = Problem(path_name, 1, 1, "yaml-syntax", str(error).splitlines()[0])
        raise RuleFileError([problem], {path_name: text}) from None
    walker = _Walker(path_name)
    if node is not None:
        walker.doc.value = walker.walk(node, ())
    if walker.problems:
        raise RuleFileError(walker.problems, {path_name: text})
    return walker.doc
