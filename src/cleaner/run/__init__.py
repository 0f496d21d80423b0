"""Many inputs: corpus file formats and safe outputs (:mod:`.formats`, :mod:`.outputs`,
:mod:`.textio`), work units run by an executor in worker processes (:mod:`.runner`,
:mod:`.work`, :mod:`.executors`, :mod:`.lifecycle`), and what a run reports
(:mod:`.reports`, :mod:`.samples`, :mod:`.htmlreport`, :mod:`.progress`); ``--resume``
(:mod:`.resume`) and ``clean discover``'s survey (:mod:`.discover`).

Implementation, not API: the ``clean`` command drives these; from Python use
:mod:`cleaner` (``Stats`` is exported there) and :mod:`cleaner.integrations`.
"""
