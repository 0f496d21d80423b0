"""Benchmarks and corpus generation for ``cleaner`` (not part of the installed package)."""
