//! The folded view of a line: NFKC, full case folding, Arabic letter folding,
//! lone tatweels, whitespace and leading bullets, exactly as `cleaner.folding` says.
//!
//! Lines are sequences of code points (`u32`), not `char`s: a line read with
//! `surrogateescape` holds lone surrogates for undecodable bytes, which fold like any
//! other character that has no decomposition, no case and is not a space.

use crate::casefold::CASEFOLD;
use std::sync::OnceLock;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

const TATWEEL: u32 = 0x640;
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
fn is_space(c: u32) -> bool {
    matches!(c,
        0x9..=0xd | 0x1c..=0x20 | 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029
        | 0x202f | 0x205f | 0x3000)
}

fn is_bullet(c: u32) -> bool {
    char::from_u32(c).is_some_and(|c| BULLETS.contains(&c))
}

fn push_casefolded(out: &mut Vec<u32>, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase() as u32);
    } else if !may_casefold(c) {
        out.push(c as u32);
    } else {
        match CASEFOLD.binary_search_by_key(&c, |&(from, _)| from) {
            Ok(at) => out.extend(CASEFOLD[at].1.chars().map(u32::from)),
            Err(_) => out.push(c as u32),
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

/// The folded view of `line`.
pub fn fold(line: &[u32]) -> Vec<u32> {
    let mut folded = Vec::with_capacity(line.len());
    if line.iter().all(|&c| c < 0x80) {
        // NFKC and case folding of ASCII are its lower case; no Arabic to fold.
        push_spaced(
            &mut folded,
            line.iter().map(|&c| (c as u8).to_ascii_lowercase() as u32),
        );
    } else {
        let mut cased = normalize_and_casefold(line);
        if cased.contains(&TATWEEL) {
            cased = lone_tatweels_to_dashes(&cased);
        }
        let letters = cased.into_iter().filter(|&c| !is_removed(c)).map(variant);
        push_spaced(&mut folded, letters);
    }
    let start = leading_bullets(&folded);
    folded.drain(..start);
    folded
}

/// Push `text` with each run of whitespace made one space, and none at either end.
fn push_spaced(out: &mut Vec<u32>, text: impl Iterator<Item = u32>) {
    let mut space_pending = false;
    for c in text {
        if is_space(c) {
            space_pending = true;
            continue;
        }
        if space_pending && !out.is_empty() {
            out.push(SPACE);
        }
        space_pending = false;
        out.push(c);
    }
}

/// NFKC, then full case folding. NFKC leaves a stable starter (see
/// [`is_stable_starter`]) as it is and never combines anything across it, so only the
/// runs from one stable starter to the next that hold another character are
/// normalised. A lone surrogate has no decomposition, is a starter and composes with
/// nothing: the text between surrogates is normalised on its own.
fn normalize_and_casefold(line: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(line.len() + line.len() / 8);
    let mut at = 0;
    while at < line.len() {
        let c = line[at];
        let Some(character) = char::from_u32(c) else {
            out.push(c); // a lone surrogate
            at += 1;
            continue;
        };
        let mut end = at + 1;
        while end < line.len()
            && !is_stable_starter(line[end])
            && char::from_u32(line[end]).is_some()
        {
            end += 1;
        }
        if end == at + 1 && is_stable_starter(c) {
            push_casefolded(&mut out, character);
        } else {
            let run = line[at..end].iter().filter_map(|&c| char::from_u32(c));
            run.nfkc().for_each(|c| push_casefolded(&mut out, c));
        }
        at = end;
    }
    out
}

/// Code points below this have their NFKC stability looked up in a bit table.
const STABLE_TABLE_END: u32 = 0x3000;

/// True for a character that NFKC leaves alone wherever it stands: quick check "yes"
/// and canonical combining class 0 (below U+3000, from a table built at first use).
fn is_stable_starter(c: u32) -> bool {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
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

/// A run of tatweels standing alone ("محمد ـ جدة") is a dash, not a stretch.
fn lone_tatweels_to_dashes(text: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        if text[at] != TATWEEL {
            out.push(text[at]);
            at += 1;
            continue;
        }
        let mut end = at;
        while end < text.len() && text[end] == TATWEEL {
            end += 1;
        }
        let alone_before = at == 0 || is_space(text[at - 1]);
        let alone_after = end == text.len() || is_space(text[end]);
        if alone_before && alone_after {
            out.push(DASH);
        } else {
            out.extend_from_slice(&text[at..end]);
        }
        at = end;
    }
    out
}

/// How many code points the leading bullets take: runs of bullets, each followed by
/// at most one space.
fn leading_bullets(text: &[u32]) -> usize {
    let mut at = 0;
    while at < text.len() && is_bullet(text[at]) {
        while at < text.len() && is_bullet(text[at]) {
            at += 1;
        }
        if at < text.len() && text[at] == SPACE {
            at += 1;
        }
    }
    at
}
