"""Type stubs of the compiled core (rust/src/lib.rs), built by maturin."""

UNICODE_VERSION: str
"""The Unicode version of the core's normalisation and case tables."""

def fold(line: str) -> str:
    """The folded view of ``line`` (see :mod:`cleaner.folding`)."""

def fold_lines(lines: list[str]) -> list[str]:
    """The folded view of each of ``lines``: one call for a whole document."""

def fold_letters(text: str) -> str:
    """Only the letter folding (Arabic diacritics, tatweel, letter variants)."""
