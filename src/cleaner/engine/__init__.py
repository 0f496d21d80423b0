"""Rule specs to cleaned text: the :class:`~cleaner.Cleaner` (:mod:`.api`) compiles the
selected specs into a plan (:mod:`.plan`) that runs the kinds (:mod:`cleaner.kinds`) in
order on one document (:mod:`.document`); corpus rules judge lines by counts gathered
first (:mod:`.frequencies`); :mod:`.batches` takes the batches data tools pass.

Implementation, not API: import from :mod:`cleaner` (``Cleaner``, ``clean``, ``Edit``,
``Explained``, ``Frequencies``); these modules may change between releases.
"""
