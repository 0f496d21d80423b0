"""cleaner: rule-based cleaning of scraped text corpora.

YAML rules find debris (comment-policy footers, lone ``&`` lines, pasted-twice
paragraphs, credit lines, blank tails, mojibake) and remove it, explaining every edit.

The public API is what this namespace exports (``__all__``: what the API returns and
raises), :mod:`cleaner.kinds` (kinds of your own: ``Kind``, ``Field``, ``register``) and
:mod:`cleaner.integrations` (datatrove, Ray). The subpackages follow the data flow,
and are implementation that may change between releases: :mod:`cleaner.text` (folding,
patterns) -> :mod:`cleaner.ruleset` (rule files to specs) -> :mod:`cleaner.engine`
(specs to a plan, applied to one document) -> :mod:`cleaner.run` (many inputs, workers,
reports) -> :mod:`cleaner.cli` (the ``clean`` command).

>>> import cleaner
>>> cleaner.clean("Body of the article.\\n\\n\\n&\\n")
'Body of the article.\\n'
"""

from .engine.api import Cleaner, Explained, clean
from .engine.document import Edit
from .engine.frequencies import Frequencies
from .errors import CleanerError
from .ruleset.problems import Problem, RuleFileError
from .ruleset.selection import SelectionError
from .ruleset.spec import Example, RuleSpec
from .run.reports import Stats

__all__ = [
    "Cleaner",
    "CleanerError",
    "Edit",
    "Example",
    "Explained",
    "Frequencies",
    "Problem",
    "RuleFileError",
    "RuleSpec",
    "SelectionError",
    "Stats",
    "clean",
]
__version__ = "0.1.0"
