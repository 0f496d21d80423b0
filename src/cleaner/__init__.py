"""cleaner: rule-based cleaning of scraped text corpora.

YAML rules find debris (comment-policy footers, lone ``&`` lines, pasted-twice
paragraphs, credit lines, blank tails, mojibake) and remove it, explaining every edit.

>>> import cleaner
>>> cleaner.clean("Body of the article.\\n\\n\\n&\\n")
'Body of the article.\\n'
"""

from .api import Cleaner, Explained, clean
from .document import Edit
from .errors import CleanerError
from .frequencies import Frequencies
from .problems import Problem, RuleFileError
from .reports import Stats
from .selection import SelectionError
from .spec import Example, RuleSpec

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
