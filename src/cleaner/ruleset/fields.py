"""The keys of a rule and the types of their values.

A kind declares the keys it accepts as a table of :class:`Field` objects. A field's
``type`` names one of :data:`FIELD_TYPES`: a small class that checks a value read from
a rule file and describes itself in the JSON Schema, so that validation
(:mod:`cleaner.ruleset.rulefile`) and the schema (:mod:`cleaner.ruleset.schema`) read one
definition.

>>> Field("int", 200, minimum=1, help="longer lines never match").schema()
{'type': 'integer', 'minimum': 1, 'description': 'longer lines never match', 'default': 200}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from .problems import did_you_mean
from .wordlists import Expansion

if TYPE_CHECKING:
    from .yamlsource import Path

__all__ = ["FIELD_TYPES", "Checker", "Field", "FieldType"]

_REQUIRED = object()


class Checker(Protocol):
    """What a field type needs from the rule-file checker: where to report a problem,
    the file's word lists (:meth:`expand`: None after reporting an unknown one), and the
    checks of patterns and examples (see :class:`cleaner.ruleset.rulefile`)."""

    def error(self, path: Path, code: str, message: str, hint: str | None = None, *,
              key: bool = False, offset: int | None = None) -> None: ...

    def wrong(self, path: Path, key: str, expected: str) -> None: ...

    def expand(self, pattern: str, path: Path) -> Expansion | None: ...

    def pattern(self, pattern: Expansion, path: Path, key: str, folded: bool) -> None: ...

    def examples(self, value: Any, path: Path) -> Any: ...


class FieldType:
    """One type of value: :meth:`check` returns the value to keep (None after reporting
    a problem), :meth:`schema` its JSON Schema."""

    name: ClassVar[str]

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        raise NotImplementedError

    def schema(self, field: Field) -> dict[str, Any]:
        raise NotImplementedError


class _Text(FieldType):
    name = "str"

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        if not isinstance(value, str):
            return checker.wrong(path, key, "a string")
        return value

    def schema(self, field: Field) -> dict[str, Any]:
        return {"type": "string"}


def _checked_pattern(checker: Checker, pattern: str, path: Path, key: str, folded: bool,
                     compile_patterns: bool) -> str | None:
    """``pattern`` with its word lists expanded (see :mod:`cleaner.ruleset.wordlists`), checked."""
    expansion = checker.expand(pattern, path)
    if expansion is None:
        return None
    if compile_patterns:
        checker.pattern(expansion, path, key, folded)
    return expansion.text


class _Pattern(_Text):
    """A pattern matched on the original text (the ``regex`` module's syntax)."""

    name = "pattern"

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        text = super().check(checker, value, path, key, field, compile_patterns)
        if text is None:
            return None
        return _checked_pattern(checker, text, path, key, False, compile_patterns)


class _Patterns(FieldType):
    """One pattern or a list of them, matched on the folded view of a line."""

    name = "patterns"

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(
                isinstance(item, str) for item in items):
            return checker.wrong(path, key, "a pattern or a list of patterns")
        expanded = [_checked_pattern(checker, item, path if isinstance(value, str)
                                     else (*path, number), key, True, compile_patterns)
                    for number, item in enumerate(items)]
        if None in expanded:
            return None
        return expanded[0] if isinstance(value, str) else expanded

    def schema(self, field: Field) -> dict[str, Any]:
        return {"$ref": "#/$defs/patterns"}


_WORDS_SCHEMA = {"type": "array", "items": {"type": "string", "minLength": 1}}


def _is_words(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)


class _Words(FieldType):
    name = "words"

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        return value if _is_words(value) else checker.wrong(path, key, "a list of words")

    def schema(self, field: Field) -> dict[str, Any]:
        return dict(_WORDS_SCHEMA)


class _Vocabulary(FieldType):
    """A mapping of word classes (the field's ``choices``) to lists of words."""

    name = "vocabulary"

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        if not isinstance(value, dict) or not value:
            return checker.wrong(path, key, "a mapping of word classes to lists of words")
        for name, words in value.items():
            if name not in field.choices:
                checker.error((*path, name), "unknown-field", f"unknown word class `{name}`",
                              did_you_mean(str(name), field.choices)
                              or f"one of: {', '.join(field.choices)}", key=True)
            elif not _is_words(words):
                checker.wrong((*path, name), f"{key}.{name}", "a list of words")
        return value

    def schema(self, field: Field) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": False, "minProperties": 1,
                "properties": {name: dict(_WORDS_SCHEMA) for name in field.choices}}


class _Flag(FieldType):
    name = "bool"

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        return value if isinstance(value, bool) else checker.wrong(path, key, "true or false")

    def schema(self, field: Field) -> dict[str, Any]:
        return {"type": "boolean"}


class _Number(FieldType):
    name = "float"
    whole: ClassVar[bool] = False
    expected: ClassVar[str] = "a number"
    json_type: ClassVar[str] = "number"

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or (self.whole and not isinstance(value, int))):
            return checker.wrong(path, key, self.expected)
        if field.minimum is not None and value < field.minimum:
            checker.error(path, "bad-value", f"`{key}` must be at least {field.minimum}")
        if field.maximum is not None and value > field.maximum:
            checker.error(path, "bad-value", f"`{key}` must be at most {field.maximum}")
        return value

    def schema(self, field: Field) -> dict[str, Any]:
        return {"type": self.json_type}


class _Whole(_Number):
    name = "int"
    whole = True
    expected = "a whole number"
    json_type = "integer"


class _Choice(FieldType):
    name = "choice"

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        if value not in field.choices:
            checker.error(path, "bad-value", f"`{key}` must be one of: "
                          f"{', '.join(field.choices)}", did_you_mean(str(value), field.choices))
            return None
        return value

    def schema(self, field: Field) -> dict[str, Any]:
        return {"enum": list(field.choices)}


class _Examples(FieldType):
    """A rule's examples: documents it must change, and documents it must leave."""

    name = "examples"

    def check(self, checker: Checker, value: Any, path: Path, key: str, field: Field,
              compile_patterns: bool) -> Any:
        return checker.examples(value, path)

    def schema(self, field: Field) -> dict[str, Any]:
        return {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/example"}}


#: Every field type by the name a :class:`Field` gives it.
FIELD_TYPES: dict[str, FieldType] = {
    kind.name: kind() for kind in (_Text, _Pattern, _Patterns, _Words, _Vocabulary, _Flag,
                                   _Number, _Whole, _Choice, _Examples)
}


@dataclass(frozen=True)
class Field:
    """A key a kind accepts: its type (a name in :data:`FIELD_TYPES`), its default (none:
    the key is required), a line of help, and the bounds or choices of its values (a
    vocabulary's word classes are its ``choices``)."""

    type: str
    default: Any = _REQUIRED
    help: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"unknown field type {self.type!r}; one of: "
                             f"{', '.join(FIELD_TYPES)}")

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED

    def check(self, checker: Checker, value: Any, path: Path, key: str,
              compile_patterns: bool) -> Any:
        """``value`` as read from a rule file, checked; problems go to ``checker``."""
        if value is None and self.type != "examples" and not self.required \
                and self.default is None:
            return None
        return FIELD_TYPES[self.type].check(checker, value, path, key, self, compile_patterns)

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of this key's values."""
        result = FIELD_TYPES[self.type].schema(self)
        if self.minimum is not None:
            result["minimum"] = self.minimum
        if self.maximum is not None:
            result["maximum"] = self.maximum
        if self.help:
            result["description"] = self.help
        if not self.required and self.default is not None:
            result["default"] = self.default
        return result
