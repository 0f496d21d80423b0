"""The cheap mojibake check misses no document whose mojibake ftfy would repair.

ftfy's ``fix_text`` costs about 2 MB/s, so the unicode rule runs repairs only where
``has_mojibake`` says so. On a generated corpus with mojibake injected in a third of the
documents, every document that ftfy's encoding repair would change must be flagged.
"""

from __future__ import annotations

import ftfy

from cleaner.text.mojibake import has_mojibake

from benchmarks.corpus import generate

DOCS = list(generate(2_000_000, seed=11, mojibake_rate=0.3))


def test_check_misses_no_document_that_ftfy_would_repair():
    repairable = [doc for doc in DOCS if ftfy.fix_encoding(doc.text) != doc.text]
    assert len(repairable) > 50
    missed = [doc.id for doc in repairable if not has_mojibake(doc.text)]
    assert missed == []


def test_every_injected_mojibake_document_is_flagged():
    injected = [doc for doc in DOCS if any(kind == "mojibake" for _, kind in doc.debris)]
    assert len(injected) > 50
    assert all(has_mojibake(doc.text) for doc in injected)
