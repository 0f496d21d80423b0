//! The folded view of a line: NFKC, full case folding, Arabic letter folding,
//! lone tatweels, whitespace and leading bullets, exactly as `cleaner.folding` says.
//!
//! Lines are sequences of code points (`u32`), not `char`s: a line read with
//! `surrogateescape` holds lone surrogates for undecodable bytes, which fold like any
//! other character that has no decomposition, no case and is not a space.

use crate::casefold::CASEFOLD;
use unicode_normalization::UnicodeNormalization;

const TATWEEL: u32 = 0x640;
const SPACE: u32 = 0x20;
const DASH: u32 = 0x2d;

/// List markers and bullets that scrapers leave at the start of a line.
const BULLETS: &[char] = &[
    '-', '–', '—', '•', '·', '*', '‣', '⁃', '∙', '●', '○', '◦', '■', '□', '▪', '▫', '►', '▶',
    '➢', '➤', '→', '>', '|',
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
    } else {
        match CASEFOLD.binary_search_by_key(&c, |&(from, _)| from) {
            Ok(at) => out.extend(CASEFOLD[at].1.chars().map(u32::from)),
            Err(_) => out.push(c as u32),
        }
    }
}

/// Only the letter folding (diacritics, tatweel, variants): safe on patterns.
pub fn fold_letters(text: &[u32]) -> Vec<u32> {
    text.iter().copied().filter(|&c| !is_removed(c)).map(variant).collect()
}

/// The folded view of `line`.
pub fn fold(line: &[u32]) -> Vec<u32> {
    let folded = if line.iter().all(|&c| c < 0x80) {
        line.iter().map(|&c| (c as u8).to_ascii_lowercase() as u32).collect()
    } else {
        let mut folded = normalize_and_casefold(line);
        if folded.contains(&TATWEEL) {
            folded = lone_tatweels_to_dashes(&folded);
        }
        fold_letters(&folded)
    };
    let mut spaced = Vec::with_capacity(folded.len());
    for word in folded.split(|&c| is_space(c)).filter(|word| !word.is_empty()) {
        if !spaced.is_empty() {
            spaced.push(SPACE);
        }
        spaced.extend_from_slice(word);
    }
    let start = leading_bullets(&spaced);
    spaced.drain(..start);
    spaced
}

/// NFKC, then full case folding. A lone surrogate has no decomposition, is a starter
/// and composes with nothing, so the text between surrogates is normalised on its own.
fn normalize_and_casefold(line: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(line.len());
    for segment in line.split_inclusive(|&c| char::from_u32(c).is_none()) {
        let (chars, surrogate) = match segment.split_last() {
            Some((&last, rest)) if char::from_u32(last).is_none() => (rest, Some(last)),
            _ => (segment, None),
        };
        for c in chars.iter().filter_map(|&c| char::from_u32(c)).nfkc() {
            push_casefolded(&mut out, c);
        }
        out.extend(surrogate);
    }
    out
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
