"""Load and validate rule files into :class:`~cleaner.ruleset.spec.RuleSpec` objects.

Every problem in a file is collected, with its line and column, before anything is
raised, so one run of ``clean rules check`` shows them all.

>>> specs = load_rule_text('''
... rules:
...   - id: mysite/newsletter
...     kind: line
...     summary: Newsletter prompt.
...     match: 'sign up for our newsletter.*'
...     examples:
...       - input: "Body.\\\\nSign up for our newsletter!\\\\n"
...         output: "Body.\\\\n"
... ''', "mysite.yaml")
>>> specs[0].id, specs[0].options["match"]
('mysite/newsletter', 'sign up for our newsletter.*')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

import regex

from ..kinds import KINDS
from ..text.patterns import PatternTooComplex, compile_folded, compile_plain
from .fields import Field
from .packcache import cached_pack
from .packs import SHARED_LISTS, builtin_lists_file, is_builtin
from .problems import Problem, RuleFileError, did_you_mean
from .spec import Example, RuleSpec
from .wordlists import LIST_NAME, Expansion, expand

if TYPE_CHECKING:
    from .yamlsource import Located, Path

__all__ = ["COMMON_FIELDS", "PACK_NAME", "RULE_ID", "load_lists_file", "load_rule_file",
           "load_rule_text", "shared_lists"]

RULE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_.-]*)+")
PACK_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*")
_TOP_KEYS = ("pack", "summary", "lists", "fragments", "rules")
COMMON_FIELDS = {
    "id": Field("str", help="pack/name"),
    "kind": Field("choice", choices=()),
    "summary": Field("str", help="one line: what the rule removes"),
    "description": Field("str", None, help="why: what the rule is for, and what it must "
                         "leave (shown in the rule docs)"),
    "sources": Field("words", None, help="where its phrasings were seen (shown in the "
                     "rule docs)"),
    "enabled": Field("bool", True, help="false: runs only when selected with --enable"),
    "action": Field("choice", "drop", choices=("drop", "flag")),
    "examples": Field("examples"),
}
_EXAMPLE_KEYS = ("input", "output", "unchanged", "note", "corpus")
_EXAMPLES_HINT = (
    "every rule needs examples (`clean rules test` runs them); add under the rule, e.g.\n"
    "          examples:\n"
    "            - input: \"Article text.\\nthe line it removes\\n\"\n"
    "              output: \"Article text.\\n\"\n"
    "            - input: \"A line it must keep.\\n\"\n"
    "              unchanged: true"
)


def load_rule_file(path: str | FilePath) -> list[RuleSpec]:
    """Read and validate one rule file; raise :class:`RuleFileError` listing every problem."""
    name = str(path)
    text = _read(path)
    if is_builtin(name):
        # Their patterns are compiled by the test suite (compiling them at every start
        # would cost more than half a second; they compile when first used), and they are
        # validated once per version of the pack, of the shared lists and of the code
        # (see packcache).
        return list(_builtin_pack(text, name, _shared_lists_text()))
    return load_rule_text(text, name)


def _read(path: str | FilePath) -> str:
    name = str(path)
    try:
        return FilePath(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError([Problem(name, 0, 0, "no-file", "rule file not found")]) from None
    except (OSError, UnicodeDecodeError) as error:
        message = f"cannot read rule file: {error}"
        raise RuleFileError([Problem(name, 0, 0, "unreadable", message)]) from None


@functools.lru_cache(maxsize=64)
def _builtin_pack(text: str, name: str, shared_lists: str) -> tuple[RuleSpec, ...]:
    return cached_pack(text, name, functools.partial(_validated, text, name, False),
                       depends_on=shared_lists)


@functools.cache
def _shared_lists_text() -> str:
    return _read(builtin_lists_file())


def shared_lists() -> Mapping[str, list[str]]:
    """The word lists that every built-in pack may name (``rules/lists.yaml``); raise
    :class:`RuleFileError` with that file's line and column if one is malformed.

    >>> shared_lists()["weekdays_en"][0]
    'monday'
    """
    return _shared_lists(_shared_lists_text(), str(builtin_lists_file()))


@functools.lru_cache(maxsize=4)
def _shared_lists(text: str, name: str) -> Mapping[str, list[str]]:
    from .yamlsource import load_yaml

    checker = _Checker(load_yaml(text, name), name)
    checker.lists_file()
    if checker.problems:
        raise RuleFileError(checker.problems, {name: text})
    return checker.lists


def load_lists_file(path: str | FilePath) -> Mapping[str, list[str]]:
    """Read and validate a file of shared word lists (the built-in packs' ``lists.yaml``):
    a ``lists`` mapping and nothing else, every list well formed, no two alike; raise
    :class:`RuleFileError` listing every problem."""
    return _shared_lists(_read(path), str(path))


def load_rule_text(text: str, name: str, *, compile_patterns: bool = True) -> list[RuleSpec]:
    """Validate rule-file ``text`` read from ``name`` (used in messages); with
    ``compile_patterns``, every pattern is compiled so that a bad one is reported here.

    Specs are frozen, so the same text read again (every ``Cleaner`` of a process loads
    the built-in packs) is validated once.
    """
    return list(_validated(text, name, compile_patterns))


@functools.lru_cache(maxsize=64)
def _validated(text: str, name: str, compile_patterns: bool) -> tuple[RuleSpec, ...]:
    from .yamlsource import load_yaml  # PyYAML is imported only when a file is read

    doc = load_yaml(text, name)
    shared = shared_lists() if is_builtin(name) else {}
    checker = _Checker(doc, name, compile_patterns, shared)
    specs = checker.file()
    if checker.problems:
        raise RuleFileError(checker.problems, {name: text})
    return tuple(specs)


class _Checker:
    def __init__(self, doc: Located, name: str, compile_patterns: bool = True,
                 shared: Mapping[str, list[str]] | None = None):
        self.doc = doc
        self.name = name
        self.compile_patterns = compile_patterns
        self.problems: list[Problem] = []
        #: Lists the file may name but not define: the built-in packs' shared ones.
        self.shared: Mapping[str, list[str]] = shared or {}
        self.lists: dict[str, list[str]] = {}
        self.fragments: dict[str, str] = {}
        #: Names defined but unusable (reported where defined, not where referred to).
        self.bad_lists: set[str] = set()

    def error(self, path: Path, code: str, message: str, hint: str | None = None, *,
              key: bool = False, offset: int | None = None) -> None:
        if offset is not None:
            line, column = self.doc.column_in_value(path, offset)
        else:
            line, column = self.doc.where_key(path) if key else self.doc.where(path)
        self.problems.append(Problem(self.name, line, column, code, message, hint))

    def file(self) -> list[RuleSpec]:
        top = self.doc.value
        if not isinstance(top, dict):
            self.error((), "wrong-type", "a rule file is a mapping with a `rules` list")
            return []
        self._unknown_keys(top, (), _TOP_KEYS, "rule file")
        pack = top.get("pack")
        if pack is not None and not (isinstance(pack, str) and PACK_NAME.fullmatch(pack)):
            self.error(("pack",), "bad-pack", "`pack` must be lower case letters, digits, `-`")
            pack = None
        if "lists" in top:
            self.word_lists(top["lists"])
        if "fragments" in top:
            self.regex_fragments(top["fragments"])
        rules = top.get("rules")
        if not isinstance(rules, list) or not rules:
            self.error(("rules",) if "rules" in top else (), "no-rules",
                       "a rule file needs a non-empty `rules` list")
            return []
        specs: list[RuleSpec] = []
        seen: dict[str, int] = {}
        for number, rule in enumerate(rules):
            spec = self.rule(rule, ("rules", number), pack)
            if spec is None:
                continue
            if spec.id in seen:
                self.error(("rules", number, "id"), "duplicate-id",
                           f"rule id `{spec.id}` is already used on line {seen[spec.id]}")
                continue
            seen[spec.id] = spec.line
            specs.append(spec)
        return specs

    def lists_file(self) -> None:
        """Read a file of shared word lists: a mapping with ``lists`` and nothing else."""
        top = self.doc.value
        if not isinstance(top, dict) or "lists" not in top:
            self.error((), "wrong-type", "a file of shared lists is a mapping with `lists`")
            return
        self._unknown_keys(top, (), ("lists",), "a file of shared lists")
        self.word_lists(top["lists"])
        alike: dict[frozenset[str], str] = {}
        for name, words in self.lists.items():
            twin = alike.setdefault(frozenset(words), name)
            if twin != name:
                self.error(("lists", name), "duplicate-list",
                           f"list `{name}` holds the same words as `{twin}`",
                           f"name it as `{{{{{twin}}}}}` and delete this one", key=True)

    def word_lists(self, value: Any) -> None:
        """Read the file's named word lists (see :mod:`cleaner.ruleset.wordlists`)."""
        if not isinstance(value, dict) or not value:
            self.wrong(("lists",), "lists", "a mapping of list names to lists of words")
            return
        for name, words in value.items():
            path = ("lists", name)
            self.bad_lists.add(str(name))
            if not (isinstance(name, str) and LIST_NAME.fullmatch(name)):
                self.error(path, "bad-list-name", f"list name `{name}` is not a plain name",
                           "lower case letters, digits and `_`, a letter first", key=True)
            elif name in self.shared:
                self.error(path, "duplicate-list",
                           f"list `{name}` is already one of {SHARED_LISTS}",
                           f"name it as `{{{{{name}}}}}` and delete this one", key=True)
                self.bad_lists.discard(name)
            elif isinstance(words, list) and not words:
                self.error(path, "empty-list", f"list `{name}` is empty")
            elif not (isinstance(words, list)
                      and all(isinstance(word, str) and word for word in words)):
                self.wrong(path, f"lists.{name}", "a list of words (non-empty strings)")
            else:
                self.lists[name] = words
                self.bad_lists.discard(name)

    def regex_fragments(self, value: Any) -> None:
        """Read the file's named regex fragments; a fragment may name the file's lists
        and the fragments above it."""
        if not isinstance(value, dict) or not value:
            self.wrong(("fragments",), "fragments", "a mapping of names to regex text")
            return
        for name, text in value.items():
            path = ("fragments", name)
            self.bad_lists.add(str(name))
            if not (isinstance(name, str) and LIST_NAME.fullmatch(name)):
                self.error(path, "bad-list-name", f"fragment name `{name}` is not a plain name",
                           "lower case letters, digits and `_`, a letter first", key=True)
            elif name in self.lists or name in self.shared:
                self.error(path, "duplicate-list", f"`{name}` is already the name of a list",
                           "lists and fragments share one set of names", key=True)
            elif not (isinstance(text, str) and text):
                self.wrong(path, f"fragments.{name}", "regex text (a non-empty string)")
            else:
                expansion = self.expand(text, path)
                if expansion is None:
                    continue
                if self.compile_patterns:
                    errors_before = len(self.problems)
                    self.pattern(expansion, path, "fragments", folded=False)
                    if len(self.problems) > errors_before:
                        continue
                self.fragments[name] = expansion.text
                self.bad_lists.discard(name)

    def expand(self, pattern: str, path: Path) -> Expansion | None:
        """``pattern`` with its ``{{name}}`` references expanded; None after reporting
        a reference to a list or fragment this file does not define (above it, for a
        fragment)."""
        expansion = expand(pattern, {**self.shared, **self.lists}, self.fragments)
        known = [*self.shared, *self.lists, *self.fragments]
        what = "list or fragment" if self.fragments else "list"
        where = "this file's `lists`" + (" or `fragments`" if what != "list" else "") + (
            f" or {SHARED_LISTS}" if self.shared else "")
        for name, offset in expansion.unknown:
            if name in self.bad_lists:
                continue
            hint = did_you_mean(name, known) or (
                f"defined: {', '.join(known)}" if known
                else "define it under the file's top-level `lists` key")
            self.error(path, "unknown-list", f"no {what} `{name}` in {where}", hint,
                       offset=offset)
        return None if expansion.unknown else expansion

    def _unknown_keys(self, mapping: dict[str, Any], path: Path, allowed: Collection[str],
                      what: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.error((*path, key), "unknown-field", f"unknown field `{key}` in {what}",
                           did_you_mean(key, allowed) or f"allowed: {', '.join(allowed)}",
                           key=True)

    def rule(self, rule: Any, path: Path, pack: str | None) -> RuleSpec | None:
        if not isinstance(rule, dict):
            self.error(path, "wrong-type", "each rule is a mapping with `id`, `kind`, ...")
            return None
        errors_before = len(self.problems)
        kind_name = rule.get("kind")
        kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
        if "kind" not in rule:
            self.error(path, "missing-field", "rule has no `kind`",
                       f"one of: {', '.join(sorted(KINDS))}")
        elif kind is None:
            self.error((*path, "kind"), "unknown-kind", f"unknown kind `{kind_name}`",
                       did_you_mean(str(kind_name), KINDS)
                       or f"one of: {', '.join(sorted(KINDS))}")
        fields = {**COMMON_FIELDS, **(kind.fields if kind else {})}
        if kind is not None:
            self._unknown_keys(rule, path, fields, f"a `{kind_name}` rule")
        values: dict[str, Any] = {}
        for key, field in fields.items():
            if key == "kind":
                continue
            if key not in rule:
                if field.required:
                    self.error(path, "missing-field", f"rule has no `{key}`",
                               _EXAMPLES_HINT if key == "examples" else None)
                continue
            values[key] = field.check(self, rule[key], (*path, key), key,
                                      kind is not None and self.compile_patterns)
        if isinstance(values.get("summary"), str) and not values["summary"].strip():
            self.error((*path, "summary"), "bad-value", "`summary` is empty")
        rule_id = values.get("id")
        if isinstance(rule_id, str):
            if not RULE_ID.fullmatch(rule_id):
                self.error((*path, "id"), "bad-id", f"rule id `{rule_id}` is not `pack/name`",
                           "lower case letters, digits, `-` and `_`, with at least one `/`")
            elif pack and not rule_id.startswith(pack + "/"):
                self.error((*path, "id"), "bad-id",
                           f"rule id `{rule_id}` is not in pack `{pack}`",
                           f"name it `{pack}/{rule_id.rsplit('/', 1)[-1]}`")
        if len(self.problems) > errors_before or kind is None:
            return None
        options = {key: values[key] for key in kind.fields if key in values}
        return RuleSpec(
            id=values["id"],
            kind=kind.name,
            summary=values["summary"],
            description=values.get("description") or "",
            sources=tuple(values.get("sources") or ()),
            enabled=values.get("enabled", True),
            action=values.get("action", "drop"),
            options=options,
            examples=values["examples"],
            source=self.name,
            line=self.doc.where(path)[0],
        )

    def wrong(self, path: Path, key: str, expected: str) -> None:
        self.error(path, "wrong-type", f"`{key}` must be {expected}")

    def pattern(self, pattern: Expansion, path: Path, key: str, folded: bool) -> None:
        where = f"`{key}`" if path[-1] == key else f"`{key}[{path[-1]}]`"
        try:
            (compile_folded if folded else compile_plain)(pattern.text)
        except PatternTooComplex as error:
            self.error(path, "pattern-too-complex", f"{error.msg} in {where}",
                       "split the rule, or use an open repeat such as `+` or `{1,}`",
                       offset=pattern.written_offset(error.pos))
        except regex.error as error:
            message: str = getattr(error, "msg", str(error))
            position: int | None = getattr(error, "pos", None)
            hint = None
            if "missing )" in message or "unbalanced parenthesis" in message:
                hint = 'escape "(" or ")" as "\\(" or "\\)" to match it literally'
            elif "bad escape" in message:
                hint = "write a literal backslash as \\\\"
            self.error(path, "bad-regex", f"{message} in {where}", hint,
                       offset=pattern.written_offset(position or 0))

    def examples(self, value: Any, path: Path) -> tuple[Example, ...]:
        if not isinstance(value, list) or not value:
            self.error(path, "no-examples", "`examples` must be a non-empty list",
                       _EXAMPLES_HINT)
            return ()
        examples = []
        for number, item in enumerate(value):
            item_path = (*path, number)
            if not isinstance(item, dict):
                self.error(item_path, "wrong-type", "an example is a mapping with `input`")
                continue
            self._unknown_keys(item, item_path, _EXAMPLE_KEYS, "an example")
            text = item.get("input")
            if not isinstance(text, str):
                self.error(item_path, "bad-example", "example needs an `input` string")
                continue
            unchanged = item.get("unchanged", False)
            output = item.get("output")
            corpus = item.get("corpus", [])
            if not isinstance(corpus, list) or not all(isinstance(c, str) for c in corpus):
                self.error((*item_path, "corpus"), "bad-example",
                           "`corpus` must be a list of document texts")
                continue
            note = item.get("note", "")
            if not isinstance(note, str):
                self.wrong((*item_path, "note"), "note", "a string")
                continue
            line = self.doc.where(item_path)[0]
            if unchanged is True and output is None:
                examples.append(Example(text, None, line, tuple(corpus), note))
            elif isinstance(output, str) and unchanged is False:
                examples.append(Example(text, output, line, tuple(corpus), note))
            else:
                self.error(item_path, "bad-example",
                           "example needs either an `output` string or `unchanged: true`")
        return tuple(examples)
