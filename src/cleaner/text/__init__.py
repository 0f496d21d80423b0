"""Text, before any rule: the folded view that patterns match, compiled patterns with
their time limits, literal prefilters, word vocabularies, mojibake repair.

Implementation, not API: import from :mod:`cleaner` (and :mod:`cleaner.kinds` for a kind
of your own); these modules may change between releases.
"""
