"""The folded view of a line: what rule patterns are matched against.

Scraped text spells the same words many ways: diacritics or none, ``أ`` or ``ا``,
``ة`` or ``ه``, a bullet or none, two spaces or one, capitals or not. Rules match
on one canonical spelling so that a pattern written once covers them all, while the
text that is kept or removed is always the original line.

A folded line is, in this order: NFKC, full case folding (``str.casefold``), a run
of tatweels standing alone (``محمد ـ جدة``) made a dash, Arabic diacritics, tatweel
and invisible direction marks removed, letter variants unified (``أ إ آ ٱ`` -> ``ا``,
``ى ی`` -> ``ي``, ``ة`` -> ``ه``, ``ک`` -> ``ك``), one dot above after an ``i``
dropped (Turkish ``İ`` case-folds to ``i`` and a dot above: ``GİRİŞ`` is ``giriş``),
whitespace runs made one space and trimmed, and list bullets at the start dropped.
The work is done by the compiled core (:mod:`cleaner._core`), whose tables are those
of Unicode 14 (Python 3.11's).

>>> fold("  - الرجاءُ معاملة الآخرين   باحترام.")
'الرجاء معامله الاخرين باحترام.'
>>> fold("• Sign Up for our Newsletter!")
'sign up for our newsletter!'
>>> fold("Ｆｕｌｌ　width")
'full width'
>>> fold("GİRİŞ YAPIN")
'giriş yapin'
>>> fold_lines(["Straße", "محمد ـ جدة"])
['strasse', 'محمد - جده']
>>> fold_letters("يُرجى")
'يرجي'
"""

from __future__ import annotations

from .._core import fold, fold_letters, fold_lines

__all__ = ["fold", "fold_letters", "fold_lines"]
