"""Rule files to rule specs: read the YAML (:mod:`.yamlsource`), check every key against
the kinds' field tables (:mod:`.fields`, :mod:`.rulefile`), expand named word lists
(:mod:`.wordlists`), choose what runs (:mod:`.selection`); and what is generated from
the rules themselves: the JSON Schema (:mod:`.schema`), the docs (:mod:`.ruledocs`), the
examples run as tests (:mod:`.ruletests`).

Implementation, not API: import from :mod:`cleaner` (``RuleSpec``, ``Example``,
``RuleFileError``, ``Problem``, ``SelectionError``); these modules may change between
releases.
"""
