"""Steps for the pipelines data people already run; each imports its library only when
it is imported itself (``pip install 'cleaner[datatrove]'`` for
:mod:`cleaner.integrations.datatrove`)."""
