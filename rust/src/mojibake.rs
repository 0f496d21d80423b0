//! The document-level unicode scan: may this text hold mojibake (or a control
//! character), as `cleaner.text.mojibake` describes it?
//!
//! A hit is a character that a UTF-8 continuation byte becomes when read through
//! Latin-1, Windows-1252 or Windows-1256, in a place that makes it suspect: after a
//! character a UTF-8 lead byte becomes, or a C1 control, or "Ã" before a space. Each
//! test below reads the two characters before the hit and the one after it.
//!
//! The unicode rule's other document-level question, "is this text in NFC (NFKC)?",
//! is here too: [`is_normalized`].

use unicode_normalization::{is_nfc, is_nfc_quick, is_nfkc, is_nfkc_quick, IsNormalized};

/// What UTF-8 continuation bytes look like through Latin-1 and Windows-1252.
fn is_latin_cont(c: u32) -> bool {
    matches!(c,
        0x80..=0xbf | 0x152 | 0x153 | 0x160 | 0x161 | 0x178 | 0x17d | 0x17e | 0x192 | 0x2c6
        | 0x2dc | 0x2013 | 0x2014 | 0x2018..=0x201a | 0x201c..=0x201e | 0x2020..=0x2022
        | 0x2026 | 0x2030 | 0x2039 | 0x203a | 0x20ac | 0x2122)
}

/// Windows-1256 of bytes 0x80-0xBF.
const CP1256_CONT: [u32; 64] = [
    0x20ac, 0x67e, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x679, 0x2039,
    0x152, 0x686, 0x698, 0x688, 0x6af, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x6a9, 0x2122, 0x691, 0x203a, 0x153, 0x200c, 0x200d, 0x6ba, 0xa0, 0x60c, 0xa2, 0xa3, 0xa4,
    0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0x6be, 0xab, 0xac, 0xad, 0xae, 0xaf, 0xb0, 0xb1, 0xb2, 0xb3,
    0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0x61b, 0xbb, 0xbc, 0xbd, 0xbe, 0x61f,
];

/// A UTF-8 continuation byte as Windows-1256 shows it.
fn is_cont(c: u32) -> bool {
    CP1256_CONT.contains(&c)
}

/// Continuation look-alikes that genuine text puts after a letter.
fn is_separator(c: u32) -> bool {
    matches!(
        c,
        0x60c
            | 0x61b
            | 0x61f
            | 0xab
            | 0xbb
            | 0x2026
            | 0x2018
            | 0x2019
            | 0x201c
            | 0x201d
            | 0x2039
            | 0x203a
            | 0x2013
            | 0x2014
            | 0x2022
            | 0xb7
            | 0xa0
            | 0xad
            | 0x200c
            | 0x200d
    )
}

/// آ أ ؤ إ (lead bytes 0xC2-0xC5 through Windows-1256).
fn is_latin_lead(c: u32) -> bool {
    matches!(c, 0x622..=0x625)
}

/// The lead bytes of two-byte sequences through Windows-1256: آأؤإطظعغثئ.
fn is_pair_lead(c: u32) -> bool {
    matches!(c, 0x622..=0x625 | 0x637..=0x63a | 0x62b | 0x626)
}

/// Every lead byte: the pair leads and â ï ً (0xE2, 0xEF, 0xF0).
fn is_lead(c: u32) -> bool {
    is_pair_lead(c) || is_long_lead(c)
}

fn is_long_lead(c: u32) -> bool {
    matches!(c, 0xe2 | 0xef | 0x64b)
}

fn is_arabic(c: u32) -> bool {
    matches!(c, 0x620..=0x65f | 0x66e..=0x6d3)
}

fn is_ascii_letter(c: u32) -> bool {
    matches!(c, 0x41..=0x5a | 0x61..=0x7a)
}

/// C0 and C1 controls (not tab or line feed), BOM, zero-width space, word joiner,
/// interlinear annotation marks: what the unicode rule removes.
pub fn is_control(c: u32) -> bool {
    matches!(c,
        0x00..=0x08 | 0x0b..=0x1f | 0x7f..=0x9f | 0x200b | 0x2060 | 0xfeff | 0xfff9..=0xfffb)
}

/// True when some character of `text` is suspect (with `controls`, a control character
/// counts too): the answer of `cleaner.text.mojibake`'s search, without a regex.
pub fn suspect(text: impl Iterator<Item = u32>, controls: bool) -> bool {
    // Two characters back, one back, this one, the next; None where there is none.
    let (mut before2, mut before) = (None::<u32>, None::<u32>);
    let mut text = text.peekable();
    while let Some(c) = text.next() {
        // ASCII (but controls) and Arabic letters and marks are never suspect.
        let plain = (c < 0x80 && !(controls && is_control(c))) || matches!(c, 0x621..=0x65f);
        if !plain && hit(before2, before, c, text.peek().copied(), controls) {
            return true;
        }
        before2 = before;
        before = Some(c);
    }
    false
}

/// Does the search match at `c`, between `before2`, `before` and `next`?
fn hit(
    before2: Option<u32>,
    before: Option<u32>,
    c: u32,
    next: Option<u32>,
    controls: bool,
) -> bool {
    let is = |at: Option<u32>, test: fn(u32) -> bool| at.is_some_and(test);
    if !(is_latin_cont(c) || is_cont(c) || c == 0xc3 || (controls && is_control(c))) {
        return false;
    }
    if (controls && is_control(c)) || matches!(c, 0x80..=0x9f) {
        return true;
    }
    if c == 0xc3 && next == Some(0x20) {
        return true;
    }
    // The character before is a lead byte (`.` never matches a line feed).
    let Some(lead) = before else { return false };
    if c == 0x0a || !(matches!(lead, 0xc2..=0xf4) || is_lead(lead)) {
        return false;
    }
    (matches!(lead, 0xc2..=0xf4) && is_latin_cont(c))
        || (is_latin_lead(lead)
            && is_cont(c)
            && (is(before2, is_ascii_letter) || is(next, is_ascii_letter)))
        || (is_pair_lead(lead)
            && is_cont(c)
            && !is_separator(c)
            && !is(before2, is_arabic)
            && !is(next, is_arabic))
        || (is_pair_lead(lead) && is_cont(c) && is(next, is_lead))
        || (is_long_lead(lead) && is_cont(c) && is(next, is_cont))
}

/// Is `text` in NFC (`nfc`) or NFKC, as `unicodedata.is_normalized` says?
///
/// The quick check of a text is that of its stretches between characters that are
/// in the form whatever surrounds them (combining class 0, quick check "yes": ASCII,
/// and for NFC everything below U+0300 and the Arabic letters): those only reset the
/// order of combining marks. Only a "maybe" needs the text normalised and compared.
pub fn is_normalized(text: &str, nfc: bool) -> bool {
    let stable = |c: char| {
        c.is_ascii() || (nfc && ((c as u32) < 0x300 || matches!(c as u32, 0x621..=0x64a)))
    };
    let mut maybe = false;
    for stretch in text.split(stable).filter(|stretch| !stretch.is_empty()) {
        let quick = if nfc {
            is_nfc_quick(stretch.chars())
        } else {
            is_nfkc_quick(stretch.chars())
        };
        match quick {
            IsNormalized::No => return false,
            IsNormalized::Maybe => maybe = true,
            IsNormalized::Yes => {}
        }
    }
    !maybe || if nfc { is_nfc(text) } else { is_nfkc(text) }
}
