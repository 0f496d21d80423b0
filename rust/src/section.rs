//! How a line reads to a `section` rule (see `cleaner.kinds.section`): marker, policy,
//! weak, residue or prose, from the words of its vocabulary in it and its shape (its
//! words, sentences, quoted titles, a comment header's date or time).
//!
//! Text is handled as code points (a line read with `surrogateescape` may hold lone
//! surrogates), positions counted as Python counts them. The classes of characters
//! are Python's (`pyunicode`), and each pattern below matches what the `re` pattern
//! quoted above it matches.

use std::sync::OnceLock;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::folding::{self, is_space};
use crate::pyunicode::{is_alpha, is_decimal, is_word};
use crate::vocabulary::WordIndex;
use crate::wtf8_encode;

// Classification thresholds. Markers are short and mostly vocabulary; policy
// sentences need the topic and a policy word; residue is too short to be a sentence.
const MARKER_WORDS: usize = 8;
const FORM_WORDS: usize = 16; // a form's longer lines ("Save my name, email, and website ...")
pub const MARKER_CHARS: usize = 80;
const MARKER_COVERAGE: f64 = 0.4;
const POLICY_DENSITY: usize = 10;
const REQUEST_WORDS: usize = 3;
const REQUEST_LENGTH: usize = 12; // a policy sentence has a topic or policy word in every ten
const WEAK_WORDS: usize = 20;
pub const DENSE_POLICY_WORDS: usize = 4; // a longer sentence with this many policy words is weak
pub const RESIDUE_WORDS: usize = 6;
const RESIDUE_CHARS: usize = 50;
const HEADER_WORDS: usize = 14; // a comment header is short: author, date, maybe "Reply"
const LONG_HEADER_WORDS: usize = 24; // a header that opens with its time may name what it answers
const HEADER_OPENING: usize = 30; // characters before that date
const STAMP_CHARS: usize = 10;

/// The kinds of lines, in the order of `KINDS`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Marker,
    Policy,
    Weak,
    Residue,
    Prose,
}

/// The kinds' names, as `cleaner.kinds.section` spells them.
const KINDS: [&str; 5] = ["marker", "policy", "weak", "residue", "prose"];

impl Kind {
    fn strong(self) -> bool {
        matches!(self, Kind::Marker | Kind::Policy)
    }

    fn in_section(self) -> bool {
        self != Kind::Prose
    }
}

/// The vocabulary classes, bits of a set, in the order `SectionReader` is given their
/// names.
const CUE: u8 = 1;
const TOPIC: u8 = 2;
const POLICY: u8 = 4;
const FORM: u8 = 8;
const NARRATION: u8 = 16;
const MARKER_CLASSES: u8 = CUE | TOPIC | FORM;
const NAMING: u8 = CUE | TOPIC;

/// One word of the vocabulary found: its class (a bit), the word (a number), where it
/// starts and ends.
#[derive(Clone, Copy)]
struct Hit {
    class: u8,
    word: usize,
    start: usize,
    end: usize,
}

/// How a line reads (`_Line` of `cleaner.kinds.section`).
#[derive(Clone, Copy)]
struct Reading {
    kind: Kind,
    classes: u8,
    short: bool,
    policy_words: usize,
    coverage: f64,
    header: bool,
    signed: bool,
    words: usize,
    bare: bool,
    labelled: bool,
    counted: bool,
}

impl Reading {
    fn of(kind: Kind) -> Self {
        Reading {
            kind,
            classes: 0,
            short: false,
            policy_words: 0,
            coverage: 0.0,
            header: false,
            signed: false,
            words: 0,
            bare: false,
            labelled: false,
            counted: false,
        }
    }
}

/// As Python receives a reading: kind, classes (bits), short, policy words, coverage,
/// header, signed, words, bare, labelled, counted.
type ReadingTuple = (
    &'static str,
    u8,
    bool,
    usize,
    f64,
    bool,
    bool,
    usize,
    bool,
    bool,
    bool,
);

impl From<Reading> for ReadingTuple {
    fn from(line: Reading) -> Self {
        (
            KINDS[line.kind as usize],
            line.classes,
            line.short,
            line.policy_words,
            line.coverage,
            line.header,
            line.signed,
            line.words,
            line.bare,
            line.labelled,
            line.counted,
        )
    }
}

/// Reads lines with the words of a section rule's vocabulary.
#[pyclass(frozen, module = "cleaner._core")]
pub struct SectionReader {
    index: Py<WordIndex>,
    /// Per key of the index, its meanings: (class bit, word number).
    meanings: Vec<Vec<(u8, usize)>>,
    word_start: bool,
}

#[pymethods]
impl SectionReader {
    /// `classes`: the names of the classes cue, topic, policy, form and narration, in
    /// that order; every class of the index must be one of them.
    #[new]
    fn new(
        py: Python<'_>,
        index: Py<WordIndex>,
        classes: Vec<String>,
        word_start: bool,
    ) -> PyResult<Self> {
        let mut words: Vec<String> = Vec::new();
        let mut meanings = Vec::new();
        for pairs in &index.get().meanings {
            let mut read = Vec::with_capacity(pairs.len());
            for (class, word) in pairs {
                let class = class.bind(py).to_str()?;
                let Some(bit) = classes.iter().position(|name| name == class) else {
                    return Err(PyValueError::new_err(format!("unknown class {class:?}")));
                };
                let word = word.bind(py).to_str()?;
                let number = match words.iter().position(|known| known == word) {
                    Some(number) => number,
                    None => {
                        words.push(word.to_owned());
                        words.len() - 1
                    }
                };
                read.push((1u8 << bit, number));
            }
            meanings.push(read);
        }
        Ok(SectionReader {
            index,
            meanings,
            word_start,
        })
    }

    /// How a line reads, given its folded view. A line of several sentences is prose
    /// when it starts with prose or more than half of its sentences are (an article
    /// sentence with a policy glued after it is prose); else a policy line when one
    /// sentence is a policy, else no stronger than weak. A line glued from a form's
    /// text nodes reads as its nodes do.
    fn read(
        &self,
        line: &Bound<'_, PyString>,
        folded: &Bound<'_, PyString>,
    ) -> PyResult<ReadingTuple> {
        let line = code_points(line)?;
        let hits = self.hits_in(folded)?;
        let folded = code_points(folded)?;
        Ok(self.read_line(&folded, &line, &hits).into())
    }

    /// How a folded sentence reads (found whole, as one sentence).
    fn classify(&self, folded: &Bound<'_, PyString>) -> PyResult<ReadingTuple> {
        let hits = self.hits_in(folded)?;
        let folded = code_points(folded)?;
        Ok(self.classify_units(&folded, &hits).into())
    }

    /// The words of a folded text; without spaces between words, about two letters a
    /// word.
    fn words(&self, folded: &Bound<'_, PyString>) -> PyResult<usize> {
        Ok(self.count_words(&code_points(folded)?))
    }
}

impl SectionReader {
    /// The words of the vocabulary in a folded text.
    fn hits_in(&self, folded: &Bound<'_, PyString>) -> PyResult<Vec<Hit>> {
        Ok(match folded.to_str() {
            Ok(valid) => self.hits(valid.as_bytes()),
            Err(_) => self.hits(&wtf8_encode(&code_points(folded)?)),
        })
    }

    /// The words of the vocabulary in a folded text, as WTF-8.
    fn hits(&self, bytes: &[u8]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (key, start, end) in self.index.get().keys(bytes) {
            for &(class, word) in &self.meanings[key] {
                hits.push(Hit {
                    class,
                    word,
                    start,
                    end,
                });
            }
        }
        hits
    }

    fn count_words(&self, folded: &[u32]) -> usize {
        if self.word_start {
            return split_words(folded);
        }
        (folded.iter().filter(|&&c| is_alpha(c)).count() / 2).max(1)
    }

    /// `_classify_line`: a line with its vocabulary `hits`.
    fn read_line(&self, folded: &[u32], line: &[u32], hits: &[Hit]) -> Reading {
        let whole = self.classify_units(folded, hits);
        if !hits.is_empty()
            && !whole.kind.strong()
            && !whole.header
            && whole.classes & NARRATION == 0
        {
            if let Some(nodes) = self.glued_nodes(line) {
                return Reading {
                    kind: nodes.kind,
                    coverage: nodes.coverage,
                    ..whole
                };
            }
        }
        // Sentences end where the line as written ends them: its capitals tell a node
        // glued after a full stop ("spring.Comments") from a domain ("aero.de").
        let written = if line.len() != folded.len() {
            folded
        } else {
            line
        };
        if whole.header
            || sentence_ends(&written[..written.len().saturating_sub(1)], false).is_empty()
            || (whole.kind == Kind::Marker && has_quoted(folded))
        {
            return whole; // "... vs. JSON”"
        }
        let mut kinds = Vec::new();
        for (start, end) in sentence_spans(written, false) {
            let inside: Vec<Hit> = hits
                .iter()
                .filter(|hit| start <= hit.start && hit.end <= end)
                .map(|hit| Hit {
                    start: hit.start - start,
                    end: hit.end - start,
                    ..*hit
                })
                .collect();
            kinds.push(self.classify_units(&folded[start..end], &inside).kind);
            if kinds[0] == Kind::Prose {
                return Reading {
                    kind: Kind::Prose,
                    ..whole
                };
            }
        }
        if kinds.len() < 2 {
            return whole;
        }
        let prose = kinds.iter().filter(|&&kind| kind == Kind::Prose).count();
        let kind = if 2 * prose > kinds.len() {
            Kind::Prose
        } else if kinds.contains(&Kind::Policy) {
            Kind::Policy
        } else if whole.kind != Kind::Prose {
            whole.kind // "He refused to answer. No comment." is no heading
        } else if whole.words <= WEAK_WORDS {
            Kind::Weak
        } else {
            Kind::Prose // a paragraph of short pieces ("Nama : ... No. Peserta :")
        };
        Reading { kind, ..whole }
    }

    /// `_glued_nodes`: how a line reads that a scraper glued from a form's text nodes
    /// ("Leave a Reply Cancel replyYour email address will not be published.Comment *
    /// Name *"): split where a capital follows a small letter, after a mark or a
    /// sentence's end, it is a marker (or a policy line) when every part is part of a
    /// section and one is strong; else None.
    fn glued_nodes(&self, line: &[u32]) -> Option<Reading> {
        let mut cuts: Vec<usize> = vec![0, line.len()];
        cuts.extend(node_starts(line));
        cuts.extend(sentence_ends(line, false).into_iter().map(|(_, end)| end));
        cuts.sort_unstable();
        cuts.dedup();
        if cuts.len() < 3 {
            return None;
        }
        let pieces: Vec<&[u32]> = cuts
            .windows(2)
            .map(|pair| &line[pair[0]..pair[1]])
            .filter(|piece| !is_blank(piece))
            .collect();
        let mut parts = Vec::with_capacity(pieces.len());
        for piece in &pieces {
            let folded = folding::fold(piece);
            let part = self.classify_units(&folded, &self.hits(&wtf8_encode(&folded)));
            if !part.kind.in_section() {
                return None;
            }
            parts.push(part);
        }
        if parts.iter().any(|part| part.kind == Kind::Policy) {
            return Some(Reading::of(Kind::Policy));
        }
        if !parts.iter().any(|part| part.kind == Kind::Marker) {
            return None;
        }
        let letters: Vec<usize> = pieces.iter().map(|piece| count_alpha(piece)).collect();
        let covered: f64 = parts.iter().zip(&letters).fold(0.0, |sum, (part, &count)| {
            sum + part.coverage * count as f64
        });
        let total: usize = letters.iter().sum();
        Some(Reading {
            coverage: covered / total.max(1) as f64,
            ..Reading::of(Kind::Marker)
        })
    }

    /// `_classify`: how a folded sentence reads, given its vocabulary `hits`.
    fn classify_units(&self, folded: &[u32], hits: &[Hit]) -> Reading {
        let words = self.count_words(folded);
        let classes = hits.iter().fold(0u8, |set, hit| set | hit.class);
        let mut kind = Kind::Prose;
        let mut short = words <= MARKER_WORDS && folded.len() <= MARKER_CHARS;
        if !short && classes & CUE != 0 && has_quote_mark(folded) {
            // A heading with the article's title quoted: "5 thoughts on “JSON parsing”".
            let unquoted = without_quoted(folded);
            short = self.count_words(&unquoted) <= MARKER_WORDS && unquoted.len() <= MARKER_CHARS;
        }
        let mut coverage = 0.0;
        let policy_words = distinct_words(hits, POLICY);
        let narration = classes & NARRATION != 0;
        if classes != 0 {
            let topic_words = distinct_words(hits, TOPIC);
            let dense = (topic_words.max(1) + policy_words) * POLICY_DENSITY >= words;
            // Named: the topic, or a heading it starts with ("Rules for posting: ...").
            let named =
                topic_words > 0 || hits.iter().any(|hit| hit.class == CUE && hit.start <= 1);
            if !narration
                && policy_words >= 2
                && dense
                && (named || (policy_words >= REQUEST_WORDS && words <= REQUEST_LENGTH))
            {
                // or a short request rich in policy words ("Please treat others with
                // respect": no topic word, but three of policy)
                kind = Kind::Policy;
            } else if classes & MARKER_CLASSES != 0 && words <= FORM_WORDS {
                coverage = covered_share(folded, hits);
                if coverage >= MARKER_COVERAGE && (short || classes & FORM != 0) {
                    kind = Kind::Marker;
                }
            }
            if kind == Kind::Prose
                && !narration
                && ((policy_words > 0 && words <= WEAK_WORDS)
                    || (policy_words >= DENSE_POLICY_WORDS
                        && policy_words * POLICY_DENSITY >= words))
            {
                // or a long rule rich in policy words ("Content that is insulting,
                // obscene, defamatory ... is the sender's responsibility")
                kind = Kind::Weak;
            }
        }
        if kind == Kind::Prose && words <= RESIDUE_WORDS && folded.len() <= RESIDUE_CHARS {
            kind = Kind::Residue;
        }
        let (mut header, mut signed) = (false, false);
        if matches!(kind, Kind::Prose | Kind::Residue | Kind::Weak) {
            (header, signed) = header_shape(folded, words);
        }
        if header {
            // "Anna Lee · March 4, 2020 at 9:40 am": a comment's header
            if kind == Kind::Prose {
                kind = Kind::Residue;
            }
        } else if matches!(kind, Kind::Prose | Kind::Residue)
            && words <= RESIDUE_WORDS
            && classes & NAMING != 0
            && !narration
            && folded.iter().any(|&c| is_decimal(c))
        {
            kind = Kind::Marker; // a counter: "This post has 4 comments."
        }
        let bare = kind == Kind::Residue && !header && !folded.iter().any(|&c| is_alpha(c));
        let marker = kind == Kind::Marker;
        Reading {
            kind,
            classes,
            short,
            policy_words,
            coverage,
            header,
            signed,
            words,
            bare,
            labelled: marker && labelled(folded),
            counted: marker && counted(folded),
        }
    }
}

/// Distinct words of the class `class` among `hits`.
fn distinct_words(hits: &[Hit], class: u8) -> usize {
    let mut words: Vec<usize> = hits
        .iter()
        .filter(|hit| hit.class == class)
        .map(|hit| hit.word)
        .collect();
    words.sort_unstable();
    words.dedup();
    words.len()
}

/// `_coverage`: the share of the letters of `folded` (but a quoted title) that its
/// vocabulary words (but narration) cover.
fn covered_share(folded: &[u32], hits: &[Hit]) -> f64 {
    let unquoted_letters = if has_quote_mark(folded) {
        count_alpha(&without_quoted(folded))
    } else {
        count_alpha(folded)
    };
    let letters = if unquoted_letters > 0 {
        unquoted_letters
    } else {
        count_alpha(folded)
    };
    if letters == 0 {
        return 1.0;
    }
    let mut spans: Vec<(usize, usize)> = hits
        .iter()
        .filter(|hit| hit.class != NARRATION)
        .map(|hit| (hit.start, hit.end))
        .collect();
    spans.sort_unstable();
    let (mut covered, mut last) = (0, 0);
    for (begin, end) in spans {
        let begin = begin.max(last);
        if end > begin {
            covered += count_alpha(&folded[begin..end]);
            last = end;
        }
    }
    (covered as f64 / letters as f64).min(1.0)
}

/// `_header_shape`: whether a folded line of `words` words is the header of a reader's
/// comment, and whether it is one without a date. A header is short, with a date or a
/// time, or ending in a colon ("Ramón dijo:"); or a little longer when it opens with a
/// time or a numeric date, not a bare year.
fn header_shape(folded: &[u32], words: usize) -> (bool, bool) {
    if words > LONG_HEADER_WORDS {
        return (false, false);
    }
    let found = folded.iter().any(|&c| is_decimal(c)) && has_header(folded);
    if found && words <= HEADER_WORDS {
        return (true, false);
    }
    if found {
        // longer: it opens with a time or a numeric date, not a year
        let opening = &folded[..folded.len().min(HEADER_OPENING + STAMP_CHARS)];
        if (0..opening.len().min(HEADER_OPENING + 1)).any(|at| stamp_at(opening, at)) {
            return (true, false);
        }
    }
    let signed = words <= HEADER_WORDS && matches!(folded.last(), Some(&(0x3a | 0xff1a)));
    (signed, signed)
}

/// Words that say when a comment was written ("3 hours ago", "vor 8 Stunden").
const AGO: [&str; 18] = [
    "ago",
    "vor",
    "il y a",
    "hace",
    "h\u{e1}",
    "fa",
    "geleden",
    "temu",
    "\u{43d}\u{430}\u{437}\u{430}\u{434}",
    "\u{442}\u{43e}\u{43c}\u{443}",
    "\u{f6}nce",
    "sedan",
    "siden",
    "p\u{159}ed",
    "lalu",
    "\u{67e}\u{6cc}\u{634}",
    "\u{5dc}\u{5e4}\u{5e0}\u{5d9}",
    "\u{645}\u{646}\u{630}",
];

/// `AGO` as code points.
fn ago_words() -> &'static [Vec<u32>] {
    static WORDS: OnceLock<Vec<Vec<u32>>> = OnceLock::new();
    WORDS.get_or_init(|| {
        AGO.iter()
            .map(|word| word.chars().map(u32::from).collect())
            .collect()
    })
}

/// Is there a match of `_HEADER` in `text`:
/// `\d{1,2}[:h]\d{2}|(?<!\d)(?:19|20)\d{2}(?!\d)|\d{1,2}[./-] ?\d{1,2}[./-] ?\d{2,4}`
/// `|\d+ ?(?:[^\s\d]{1,3}前|[^\s\d]{1,3} ?전)|[:：]$|(?<!\w)(?:ago|vor|...|منذ)(?!\w)`?
fn has_header(text: &[u32]) -> bool {
    let at = |i: usize| text.get(i).copied();
    let digit = |i: usize| at(i).is_some_and(is_decimal);
    let is = |i: usize, set: &[u32]| at(i).is_some_and(|c| set.contains(&c));
    let n = text.len();
    for i in 0..n {
        if digit(i) {
            // \d{1,2}[:h]\d{2} (a match with two leading digits has one with the last)
            if is(i + 1, &[0x3a, 0x68]) && digit(i + 2) && digit(i + 3) {
                return true;
            }
            // \d{1,2}[./-] ?\d{1,2}[./-] ?\d{2,4}
            if at(i + 1).is_some_and(date_separator) && numeric_date_tail(text, i + 2) {
                return true;
            }
            // \d+ ?(?:[^\s\d]{1,3}前|[^\s\d]{1,3} ?전)
            let after = if at(i + 1) == Some(0x20) {
                vec![i + 1, i + 2]
            } else {
                vec![i + 1]
            };
            for start in after {
                for count in 1..=3 {
                    let run = (start..start + count)
                        .all(|j| at(j).is_some_and(|c| !is_space(c) && !is_decimal(c)));
                    if !run {
                        break;
                    }
                    let next = start + count;
                    if at(next) == Some(0x524d)
                        || at(next) == Some(0xc804)
                        || (at(next) == Some(0x20) && at(next + 1) == Some(0xc804))
                    {
                        return true;
                    }
                }
            }
        }
        // (?<!\d)(?:19|20)\d{2}(?!\d)
        if (i == 0 || !digit(i - 1))
            && ((at(i) == Some(0x31) && at(i + 1) == Some(0x39))
                || (at(i) == Some(0x32) && at(i + 1) == Some(0x30)))
            && digit(i + 2)
            && digit(i + 3)
            && !digit(i + 4)
        {
            return true;
        }
        // (?<!\w)(?:ago|vor|...)(?!\w)
        if i == 0 || !is_word(text[i - 1]) {
            for word in ago_words() {
                if text[i..].starts_with(word) && !at(i + word.len()).is_some_and(is_word) {
                    return true;
                }
            }
        }
    }
    // [:：]$ ($: at the end, or before a newline that ends the text)
    let colon = |c: Option<&u32>| matches!(c, Some(&(0x3a | 0xff1a)));
    colon(text.last()) || (text.last() == Some(&0x0a) && n >= 2 && colon(text.get(n - 2)))
}

/// `[./-]`: what separates the numbers of a date.
fn date_separator(c: u32) -> bool {
    matches!(c, 0x2d..=0x2f)
}

/// The characters of a date or time stamp, read at positions of a line's text.
struct StampText<'a>(&'a [u32]);

impl StampText<'_> {
    fn at(&self, i: usize) -> Option<u32> {
        self.0.get(i).copied()
    }

    fn digit(&self, i: usize) -> bool {
        self.at(i).is_some_and(is_decimal)
    }

    fn separator(&self, i: usize) -> bool {
        self.at(i).is_some_and(date_separator)
    }

    /// Where the next part may start after ` ?` at `i`: past the space, or at `i`.
    fn spaced(&self, i: usize) -> Vec<usize> {
        if self.at(i) == Some(0x20) {
            vec![i + 1, i]
        } else {
            vec![i]
        }
    }

    /// How many decimal digits follow from `from`.
    fn digits(&self, from: usize) -> usize {
        (from..).take_while(|&i| self.digit(i)).count()
    }
}

/// After `\d{1,2}[./-]`: does ` ?\d{1,2}[./-] ?\d{2,4}` match at `start`?
fn numeric_date_tail(text: &[u32], start: usize) -> bool {
    let text = StampText(text);
    for middle in text.spaced(start) {
        for count in 1..=2 {
            if !(middle..middle + count).all(|i| text.digit(i)) || !text.separator(middle + count) {
                continue;
            }
            for last in text.spaced(middle + count + 1) {
                if text.digit(last) && text.digit(last + 1) {
                    return true;
                }
            }
        }
    }
    false
}

/// Does `_STAMP` match at `start` of `text`:
/// `\d{1,2}[:h]\d{2}|\d{1,4}[./-] ?\d{1,2}[./-] ?\d{1,4}`?
fn stamp_at(text: &[u32], start: usize) -> bool {
    let text = StampText(text);
    for count in 1..=2 {
        if text.digits(start) >= count
            && matches!(text.at(start + count), Some(0x3a | 0x68))
            && text.digit(start + count + 1)
            && text.digit(start + count + 2)
        {
            return true;
        }
    }
    for first in 1..=text.digits(start).min(4) {
        if !text.separator(start + first) {
            continue;
        }
        for middle in text.spaced(start + first + 1) {
            for second in 1..=text.digits(middle).min(2) {
                if !text.separator(middle + second) {
                    continue;
                }
                if text
                    .spaced(middle + second + 1)
                    .into_iter()
                    .any(|i| text.digit(i))
                {
                    return true;
                }
            }
        }
    }
    false
}

/// A label and its value on one line ("Publicerat: 3 april, 2021": a card's field,
/// filled): a match of `_LABEL_VALUE`, `[:：]\s*\w`.
fn labelled(text: &[u32]) -> bool {
    text.iter().enumerate().any(|(at, &c)| {
        (c == 0x3a || c == 0xff1a)
            && text[at + 1..]
                .iter()
                .find(|&&next| !is_space(next))
                .is_some_and(|&next| is_word(next))
    })
}

/// A number above zero in `text` ("1 comentário"; not "コメント 0"): of the matches of
/// `\d+` (`_COUNT`), one whose `int` is not 0. Decimal digits come in runs of ten from
/// their zero, so a digit is a zero where its run, counted from its start, is at a
/// multiple of ten.
fn counted(text: &[u32]) -> bool {
    text.iter().any(|&c| {
        is_decimal(c) && {
            let mut start = c;
            while start > 0 && is_decimal(start - 1) {
                start -= 1;
            }
            (c - start) % 10 != 0
        }
    })
}

const SENTENCE_MARKS: [u32; 10] = [
    0x2e, 0x21, 0x3f, 0x61f, 0x3002, 0xff01, 0xff1f, 0x2026, 0x964, 0x6d4,
];
const CLOSERS: [u32; 7] = [0x22, 0x27, 0x201d, 0x2019, 0xbb, 0x29, 0x5d];

/// Where each match of `_SENTENCE_END` in `text` starts and ends:
/// `[.!?؟。！？…।۔]["'”’»)\]]*(?:\s+|$|(?![a-z0-9]))`, the end of a sentence (closing
/// quotes allowed; the Devanagari danda and the Urdu full stop end one too), before a
/// space, a capital or a mark; not inside a word or a number ("aero.de", "3.5"). With
/// `nodes`, those of `_NODE_END` (`_SENTENCE_END` or `\s+`): a run of spaces ends one
/// too.
fn sentence_ends(text: &[u32], nodes: bool) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !SENTENCE_MARKS.contains(&text[i]) {
            if nodes && is_space(text[i]) {
                let start = i;
                while i < text.len() && is_space(text[i]) {
                    i += 1;
                }
                found.push((start, i));
            } else {
                i += 1;
            }
            continue;
        }
        let mut end = i + 1;
        while end < text.len() && CLOSERS.contains(&text[end]) {
            end += 1;
        }
        if end < text.len() && is_space(text[end]) {
            while end < text.len() && is_space(text[end]) {
                end += 1;
            }
        } else if end < text.len() && matches!(text[end], 0x61..=0x7a | 0x30..=0x39) {
            if end == i + 1 {
                i += 1; // inside a word or a number
                continue;
            }
            end -= 1; // one closer less: the lookahead then sees a closer
        }
        found.push((i, end));
        i = end;
    }
    found
}

/// Where each sentence of `text` starts and ends (those of blanks left out); with
/// `nodes`, a space ends one too (see `sentence_ends`).
fn sentence_spans(text: &[u32], nodes: bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (_, end) in sentence_ends(text, nodes) {
        if end > start && !is_blank(&text[start..end]) {
            spans.push((start, end));
        }
        start = end;
    }
    if !is_blank(&text[start..]) {
        spans.push((start, text.len()));
    }
    spans
}

/// Where a scraper glued two text nodes without a space (the ends of the matches of
/// `_NODE_START`, `[a-zß-öø-ÿа-яёєіїґ](?=[A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ])|\*(?=[^\W\d_])`): after a
/// small letter before a capital ("Cancel replyYour email"), after an asterisk before
/// a letter ("marked *Comment").
fn node_starts(text: &[u32]) -> Vec<usize> {
    let small = |c: u32| matches!(c, 0x61..=0x7a | 0xdf..=0xf6 | 0xf8..=0xff | 0x430..=0x44f | 0x451 | 0x454 | 0x456 | 0x457 | 0x491);
    let capital = |c: u32| matches!(c, 0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde | 0x410..=0x42f | 0x401 | 0x404 | 0x406 | 0x407 | 0x490);
    text.windows(2)
        .enumerate()
        .filter(|(_, pair)| {
            (small(pair[0]) && capital(pair[1]))
                || (pair[0] == 0x2a && is_word(pair[1]) && !is_decimal(pair[1]) && pair[1] != 0x5f)
        })
        .map(|(at, _)| at + 1)
        .collect()
}

const OPENING_QUOTES: [u32; 4] = [0x22, 0x201c, 0xab, 0x201e];

fn has_quote_mark(text: &[u32]) -> bool {
    text.iter().any(|c| OPENING_QUOTES.contains(c))
}

/// The end of the quoted title that starts at `start`, if one does (a match of
/// `_QUOTED`: `“[^”]*”|„[^“”]*[“”]|«[^»]*»|"[^"]*"`).
fn quoted_end(text: &[u32], start: usize) -> Option<usize> {
    let closes: &[u32] = match text[start] {
        0x201c => &[0x201d],
        0x201e => &[0x201c, 0x201d],
        0xab => &[0xbb],
        0x22 => &[0x22],
        _ => return None,
    };
    text[start + 1..]
        .iter()
        .position(|c| closes.contains(c))
        .map(|at| start + 1 + at + 1)
}

fn has_quoted(text: &[u32]) -> bool {
    (0..text.len()).any(|start| quoted_end(text, start).is_some())
}

/// `text` without its quoted titles (`_QUOTED.sub("", text)`).
fn without_quoted(text: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        match quoted_end(text, at) {
            Some(end) => at = end,
            None => {
                out.push(text[at]);
                at += 1;
            }
        }
    }
    out
}

/// `len(text.split())`.
fn split_words(text: &[u32]) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &c in text {
        let space = is_space(c);
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    words
}

fn is_blank(text: &[u32]) -> bool {
    text.iter().all(|&c| is_space(c))
}

fn count_alpha(text: &[u32]) -> usize {
    text.iter().filter(|&&c| is_alpha(c)).count()
}

/// The code points of `text`, lone surrogates included.
fn code_points(text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    if let Ok(valid) = text.to_str() {
        return Ok(valid.chars().map(u32::from).collect());
    }
    let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
    Ok(crate::wtf8_decode(encoded.cast::<PyBytes>()?.as_bytes()))
}

/// `_header_shape` of a folded line, its words counted where spaces split them: is it
/// the header of a reader's comment, and one without a date?
#[pyfunction]
pub fn comment_header(folded: &Bound<'_, PyString>) -> PyResult<(bool, bool)> {
    let folded = code_points(folded)?;
    Ok(header_shape(&folded, split_words(&folded)))
}

/// Where each sentence of `text` starts and ends (`_SENTENCE_END`; blank ones left
/// out); with `nodes`, a space ends one too (`_NODE_END`: in a language written without
/// spaces between words, a space in glued text is where a scraper joined two text
/// nodes).
#[pyfunction]
#[pyo3(signature = (text, nodes = false))]
pub fn sentence_bounds(text: &Bound<'_, PyString>, nodes: bool) -> PyResult<Vec<(usize, usize)>> {
    Ok(sentence_spans(&code_points(text)?, nodes))
}

/// Where each end of a sentence (`_SENTENCE_END`) in `text` ends.
#[pyfunction]
pub fn sentence_cuts(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    Ok(sentence_ends(&code_points(text)?, false)
        .into_iter()
        .map(|(_, end)| end)
        .collect())
}
