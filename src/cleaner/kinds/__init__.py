"""Rule kinds, registered by short name (``line``, ``block``, ``trim``, ...).

>>> sorted(KINDS)
['blank', 'block', 'corpus', 'entities', 'line', 'pair', 'repeat', 'section', 'trim', 'unicode']
"""

from . import corpus, layout, lines, pair, section, spans  # noqa: F401  (importing registers the kinds)
from .base import KINDS, Field, Kind, register

__all__ = ["KINDS", "Field", "Kind", "register"]
