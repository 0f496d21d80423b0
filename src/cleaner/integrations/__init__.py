"""Steps for the pipelines data people already run: a datatrove formatter
(:mod:`cleaner.integrations.datatrove`, ``pip install 'cleaner[datatrove]'``) and Ray
(:mod:`cleaner.integrations.ray`, ``pip install 'cleaner[ray]'``: Ray Data functions, and
the executor of ``clean --engine ray``). Public API, like :mod:`cleaner` and
:mod:`cleaner.kinds`; each module imports its library only when it is used.
"""
