"""The base class of every error that ``cleaner`` raises on purpose.

Catch :class:`CleanerError` to handle any of them; each subclass also keeps the
built-in base it had (``ValueError``, ``ImportError`` ...), so narrower handlers work
as before.

>>> from cleaner import Cleaner, CleanerError
>>> try:
...     Cleaner.from_yaml(disable=["no-such-pack"])
... except CleanerError as error:
...     print(type(error).__name__)
SelectionError
"""

from __future__ import annotations

__all__ = ["CleanerError"]


class CleanerError(Exception):
    """A rule file, a selection, an input or an output that ``cleaner`` refuses, with
    a message that names it."""
