//! The folded view of a line: NFKC, full case folding, Arabic letter folding,
//! lone tatweels, whitespace and leading bullets, exactly as `cleaner.text.folding` says.
//!
//! Lines are sequences of code points (`u32`), not `char`s: a line read with
//! `surrogateescape` holds lone surrogates for undecodable bytes, which fold like any
//! other character that has no decomposition, no case and is not a space.

use crate::casefold::CASEFOLD;
use std::sync::OnceLock;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

const TATWEEL: u32 = 0x640;
const DOT_ABOVE: u32 = 0x307;
const SMALL_I: u32 = 0x69;
const SPACE: u32 = 0x20;
const DASH: u32 = 0x2d;

/// List markers and bullets that scrapers leave at the start of a line.
const BULLETS: &[char] = &[
    '-', '–', '—', '•', '·', '*', '‣', '⁃', '∙', '●', '○', '◦', '■', '□', '▪', '▫', '►', '▶', '➢',
    '➤', '→', '>', '|',
];

/// Arabic marks that change pronunciation, not identity: tashkeel, superscript alef,
/// Quranic annotation signs, tatweel (kashida), and invisible direction marks.
fn is_removed(c: u32) -> bool {
    matches!(c,
        0x64b..=0x65f | 0x670 | 0x640 | 0x61c | 0x200b..=0x200f | 0xfeff
        | 0x6d6..=0x6e4 | 0x6e7..=0x6ed)
}

/// Letter variants that writers and keyboards use interchangeably.
fn variant(c: u32) -> u32 {
    match c {
        0x623 | 0x625 | 0x622 | 0x671 => 0x627, // أ إ آ ٱ -> ا
        0x649 | 0x6cc => 0x64a,                 // ى ی -> ي
        0x629 => 0x647,                         // ة -> ه
        0x6a9 => 0x643,                         // ک -> ك
        other => other,
    }
}

/// Python's `str.isspace` (what `str.split()` and `\s` of `re` split on).
pub fn is_space(c: u32) -> bool {
    matches!(c,
        0x9..=0xd | 0x1c..=0x20 | 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029
        | 0x202f | 0x205f | 0x3000)
}

fn is_bullet(c: u32) -> bool {
    char::from_u32(c).is_some_and(|c| BULLETS.contains(&c))
}

#[inline]
fn push_casefolded<S: Sink>(out: &mut Letters<'_, S>, c: char) {
    if c.is_ascii() {
        out.take(c.to_ascii_lowercase() as u32);
    } else if !may_casefold(c) {
        out.take(c as u32);
    } else {
        match CASEFOLD.binary_search_by_key(&c, |&(from, _)| from) {
            Ok(at) => CASEFOLD[at].1.chars().for_each(|c| out.take(c as u32)),
            Err(_) => out.take(c as u32),
        }
    }
}

/// False for the blocks without case (Arabic, Hebrew, the scripts of India, CJK...):
/// most characters of a line skip the table search.
fn may_casefold(c: char) -> bool {
    !matches!(c as u32, 0x590..=0x109f | 0x1100..=0x139f | 0x1400..=0x1c7f | 0x2e80..=0xa63f)
}

/// Only the letter folding (diacritics, tatweel, variants): safe on patterns.
pub fn fold_letters(text: &[u32]) -> Vec<u32> {
    text.iter()
        .copied()
        .filter(|&c| !is_removed(c))
        .map(variant)
        .collect()
}

/// Where folded code points go: a `String` (a line of valid text) or a `Vec<u32>` (a
/// line with lone surrogates).
pub trait Sink {
    fn put(&mut self, c: u32);
    fn is_empty(&self) -> bool;
}

impl Sink for String {
    #[inline]
    fn put(&mut self, c: u32) {
        // Only code points of a `str` reach a String: never a surrogate.
        self.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl Sink for Vec<u32> {
    fn put(&mut self, c: u32) {
        self.push(c);
    }
    fn is_empty(&self) -> bool {
        <[u32]>::is_empty(self)
    }
}

/// The steps after NFKC and case folding, one code point at a time: lone tatweel runs
/// made a dash, Arabic marks removed and letter variants unified, one dot above after
/// an `i` dropped (Turkish "İ" case-folds to "i" and a dot above: "GİRİŞ" is "giriş";
/// "i\u{307}\u{307}" keeps one), whitespace runs made one space (none at either end).
struct Letters<'a, S: Sink> {
    out: &'a mut S,
    /// Tatweels seen in a row, not yet judged, and whether a space (or the start) came
    /// before them.
    tatweels: usize,
    alone_before: bool,
    after_space: bool,
    space_pending: bool,
    /// The last code point put is an `i` whose dot above has not been dropped yet.
    dotless_i: bool,
}

impl<'a, S: Sink> Letters<'a, S> {
    fn new(out: &'a mut S) -> Self {
        Letters {
            out,
            tatweels: 0,
            alone_before: false,
            after_space: true,
            space_pending: false,
            dotless_i: false,
        }
    }

    /// Take the next case-folded code point.
    #[inline]
    fn take(&mut self, c: u32) {
        if c < 0x80 {
            // ASCII: never removed, never a variant, never a tatweel.
            let space = matches!(c, 0x09..=0x0d | 0x1c..=0x20);
            if self.tatweels > 0 {
                self.judge_tatweels(space);
            }
            self.after_space = space;
            if space {
                self.space_pending = true;
                self.dotless_i = false;
            } else {
                if self.space_pending && !self.out.is_empty() {
                    self.out.put(SPACE);
                }
                self.space_pending = false;
                self.dotless_i = c == SMALL_I;
                self.out.put(c);
            }
            return;
        }
        if c == TATWEEL {
            if self.tatweels == 0 {
                self.alone_before = self.after_space;
            }
            self.tatweels += 1;
            self.after_space = false;
            return;
        }
        self.judge_tatweels(is_space(c));
        self.after_space = is_space(c);
        self.letter(c);
    }

    /// A run of tatweels standing alone ("محمد ـ جدة") is a dash; any other is removed.
    fn judge_tatweels(&mut self, alone_after: bool) {
        if self.tatweels > 0 {
            self.tatweels = 0;
            if self.alone_before && alone_after {
                self.letter(DASH);
            }
        }
    }

    fn letter(&mut self, c: u32) {
        if is_removed(c) {
            return;
        }
        if is_space(c) {
            self.space_pending = true;
            self.dotless_i = false;
            return;
        }
        if c == DOT_ABOVE && self.dotless_i {
            self.dotless_i = false;
            return;
        }
        if self.space_pending && !self.out.is_empty() {
            self.out.put(SPACE);
        }
        self.space_pending = false;
        self.dotless_i = c == SMALL_I;
        self.out.put(variant(c));
    }

    fn finish(mut self) {
        self.judge_tatweels(true);
    }
}

/// The folded view of `line` (code points of a `str`, lone surrogates included), put
/// into `out`, leading bullets not yet dropped.
///
/// NFKC leaves a stable starter (see [`is_stable_starter`]) as it is and never
/// combines anything across it, so only the runs from one stable starter to the next
/// that hold another character are normalised. A lone surrogate has no decomposition,
/// is a starter and composes with nothing: the text between surrogates is normalised
/// on its own.
fn fold_into(line: impl Iterator<Item = u32>, out: &mut impl Sink) {
    let mut letters = Letters::new(out);
    let mut line = line.peekable();
    let mut run: Vec<char> = Vec::new();
    let joins = |next: Option<&u32>| {
        next.is_some_and(|&n| !is_stable_starter(n) && char::from_u32(n).is_some())
    };
    while let Some(c) = line.next() {
        let Some(character) = char::from_u32(c) else {
            letters.take(c); // a lone surrogate
            continue;
        };
        if is_stable_starter(c) && !joins(line.peek()) {
            push_casefolded(&mut letters, character);
            continue;
        }
        run.clear();
        run.push(character);
        while joins(line.peek()) {
            run.extend(line.next().and_then(char::from_u32));
        }
        run.iter()
            .copied()
            .nfkc()
            .for_each(|c| push_casefolded(&mut letters, c));
    }
    letters.finish();
}

/// The folded view of a valid line.
pub fn fold_str(line: &str) -> String {
    let mut folded = String::with_capacity(line.len());
    fold_into(line.chars().map(u32::from), &mut folded);
    let bullets = leading_bullets(folded.chars().map(u32::from));
    if bullets > 0 {
        let start = folded
            .char_indices()
            .nth(bullets)
            .map_or(folded.len(), |(at, _)| at);
        folded.drain(..start);
    }
    folded
}

/// The folded view of `line`, code points that may be lone surrogates.
pub fn fold(line: &[u32]) -> Vec<u32> {
    let mut folded = Vec::with_capacity(line.len());
    fold_into(line.iter().copied(), &mut folded);
    let bullets = leading_bullets(folded.iter().copied());
    folded.drain(..bullets);
    folded
}

/// Code points below this have their NFKC stability looked up in a bit table.
const STABLE_TABLE_END: u32 = 0x3000;

/// True for a character that NFKC leaves alone wherever it stands: quick check "yes"
/// and canonical combining class 0 (below U+3000, from a table built at first use).
fn is_stable_starter(c: u32) -> bool {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    if c < 0x80 {
        return true; // ASCII: quick check "yes", combining class 0
    }
    if c >= STABLE_TABLE_END {
        return false;
    }
    let table = TABLE.get_or_init(|| {
        let mut bits = vec![0u64; (STABLE_TABLE_END as usize).div_ceil(64)];
        for code in 0..STABLE_TABLE_END {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if canonical_combining_class(c) == 0
                && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
            {
                bits[code as usize / 64] |= 1 << (code % 64);
            }
        }
        bits
    });
    table[c as usize / 64] >> (c % 64) & 1 == 1
}

/// How many code points the leading bullets take: runs of bullets, each followed by
/// at most one space.
fn leading_bullets(text: impl Iterator<Item = u32>) -> usize {
    let mut text = text.peekable();
    let mut at = 0;
    while text.next_if(|&c| is_bullet(c)).is_some() {
        at += 1;
        while text.next_if(|&c| is_bullet(c)).is_some() {
            at += 1;
        }
        if text.next_if_eq(&SPACE).is_some() {
            at += 1;
        }
    }
    at
}
