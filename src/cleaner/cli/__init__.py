"""The ``clean`` command (:mod:`.main`), its ``rules`` and ``discover`` subcommands
(:mod:`.rules`, :mod:`.discover`), the options they share (:mod:`.options`), inputs and
outputs named on the command line (:mod:`.inputs`), the project configuration
(:mod:`.config`) and the help pages' text (:mod:`.help`).

Implementation, not API: run ``clean`` or ``python -m cleaner``.
"""
