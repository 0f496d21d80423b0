//! `cleaner._core`: the per-line work of cleaner, compiled.
//!
//! The Python package keeps rules, patterns, the API and the CLI; this module does
//! the work that runs on every line of every document, called once per document (a
//! list of lines), not once per line.

mod automaton;
mod casefold;
mod folding;
mod linescan;
mod mojibake;
mod prefilter;
mod pyunicode;
mod section;
mod vocabulary;

use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyInt, PyList, PyString};

/// The folded view of each of `lines` (see `cleaner.text.folding`): one call per document.
#[pyfunction]
fn fold_lines<'py>(lines: &Bound<'py, PyList>) -> PyResult<Bound<'py, PyList>> {
    let folded = lines
        .iter()
        .map(|line| fold(line.cast::<PyString>()?))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(lines.py(), folded)
}

/// The folded view of one line (see `cleaner.text.folding`).
#[pyfunction]
fn fold<'py>(line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
    fold_units(line)?.into_py(line.py())
}

/// Only the letter folding (Arabic diacritics, tatweel, letter variants).
#[pyfunction]
fn fold_letters<'py>(text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
    transform(text, folding::fold_letters)
}

/// Apply `step` to the code points of `text`, lone surrogates included: a `str` read
/// with `surrogateescape` is not valid UTF-8, so it crosses as `surrogatepass` bytes.
fn transform<'py>(
    text: &Bound<'py, PyString>,
    step: fn(&[u32]) -> Vec<u32>,
) -> PyResult<Bound<'py, PyString>> {
    let py = text.py();
    if let Ok(valid) = text.to_str() {
        let units: Vec<u32> = valid.chars().map(u32::from).collect();
        let out: String = step(&units)
            .into_iter()
            .filter_map(char::from_u32)
            .collect();
        return Ok(PyString::new(py, &out));
    }
    let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let units = wtf8_decode(encoded.cast::<PyBytes>()?.as_bytes());
    let out = PyBytes::new(py, &wtf8_encode(&step(&units)));
    Ok(out
        .call_method1("decode", ("utf-8", "surrogatepass"))?
        .cast_into::<PyString>()?)
}

/// Code points of UTF-8 that may encode surrogates (what `surrogatepass` writes).
fn wtf8_decode(bytes: &[u8]) -> Vec<u32> {
    let mut units = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let lead = bytes[at] as u32;
        let (width, initial) = match lead {
            0x00..=0x7f => (1, lead),
            0xc0..=0xdf => (2, lead & 0x1f),
            0xe0..=0xef => (3, lead & 0x0f),
            _ => (4, lead & 0x07),
        };
        let code = bytes[at + 1..at + width]
            .iter()
            .fold(initial, |code, &byte| (code << 6) | (byte as u32 & 0x3f));
        units.push(code);
        at += width;
    }
    units
}

/// UTF-8 of code points, surrogates encoded like any other (for `surrogatepass`).
fn wtf8_encode(units: &[u32]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(units.len() * 2);
    for &code in units {
        match code {
            0..=0x7f => bytes.push(code as u8),
            0x80..=0x7ff => bytes.extend([0xc0 | (code >> 6) as u8, 0x80 | (code & 0x3f) as u8]),
            0x800..=0xffff => bytes.extend([
                0xe0 | (code >> 12) as u8,
                0x80 | ((code >> 6) & 0x3f) as u8,
                0x80 | (code & 0x3f) as u8,
            ]),
            _ => bytes.extend([
                0xf0 | (code >> 18) as u8,
                0x80 | ((code >> 12) & 0x3f) as u8,
                0x80 | ((code >> 6) & 0x3f) as u8,
                0x80 | (code & 0x3f) as u8,
            ]),
        }
    }
    bytes
}

/// May `text` hold mojibake (see `cleaner.text.mojibake`), or with `controls` a control
/// character too?
#[pyfunction]
#[pyo3(signature = (text, controls = false))]
fn suspect(text: &Bound<'_, PyString>, controls: bool) -> PyResult<bool> {
    Ok(match text.to_str() {
        Ok(valid) => mojibake::suspect(valid.chars().map(u32::from), controls),
        Err(_) => mojibake::suspect(code_points(text)?.into_iter(), controls),
    })
}

/// Is `text` in normalization form `form` ("NFC" or "NFKC"), as
/// `unicodedata.is_normalized` says?
#[pyfunction]
fn is_normalized(form: &str, text: &Bound<'_, PyString>) -> PyResult<bool> {
    let nfc = match form {
        "NFC" => true,
        "NFKC" => false,
        other => return Err(PyValueError::new_err(format!("unknown form {other:?}"))),
    };
    if let Ok(valid) = text.to_str() {
        return Ok(mojibake::is_normalized(valid, nfc));
    }
    // A lone surrogate is a starter that composes with nothing: each stretch between
    // two of them is normalised on its own.
    let units = code_points(text)?;
    Ok(units
        .split(|&c| char::from_u32(c).is_none())
        .all(|stretch| {
            let stretch: String = stretch.iter().filter_map(|&c| char::from_u32(c)).collect();
            mojibake::is_normalized(&stretch, nfc)
        }))
}

/// The code points of `text`, lone surrogates included.
fn code_points(text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
    Ok(wtf8_decode(encoded.cast::<PyBytes>()?.as_bytes()))
}

/// The literals of many patterns in one automaton: which patterns may match a folded
/// line (see `cleaner.text.prefilter`). Pattern numbers are the bits of a Python int.
#[pyclass(frozen, module = "cleaner._core")]
struct LiteralIndex {
    literals: prefilter::Index,
    /// Lines longer than this (in code points) are neither folded nor prefiltered by
    /// `scan`.
    #[pyo3(get)]
    max_chars: usize,
}

#[pymethods]
impl LiteralIndex {
    #[new]
    #[pyo3(signature = (literal_sets, max_chars = usize::MAX, limits = None))]
    fn new(
        literal_sets: Vec<Option<Vec<String>>>,
        max_chars: usize,
        limits: Option<Vec<usize>>,
    ) -> PyResult<Self> {
        let limits = limits.unwrap_or_else(|| vec![usize::MAX; literal_sets.len()]);
        if limits.len() != literal_sets.len() {
            return Err(PyValueError::new_err("one limit per literal set"));
        }
        let literals =
            prefilter::Index::new(&literal_sets, &limits).map_err(PyValueError::new_err)?;
        Ok(LiteralIndex {
            literals,
            max_chars,
        })
    }

    /// The bit mask of the patterns that may match `folded` (an already folded text),
    /// among those whose rules take a line of `length` characters.
    #[pyo3(signature = (folded, length = 0))]
    fn possible<'py>(
        &self,
        folded: &Bound<'py, PyString>,
        length: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mask = match folded.to_str() {
            Ok(valid) => self.literals.possible(valid.as_bytes(), length),
            Err(_) => {
                let encoded = folded.call_method1("encode", ("utf-8", "surrogatepass"))?;
                self.literals
                    .possible(encoded.cast::<PyBytes>()?.as_bytes(), length)
            }
        };
        mask_to_int(folded.py(), &mask)
    }

    /// For each of a document's `lines`: its folded view and the mask of the patterns
    /// that may match it (among those whose rules take a line that long), or None for
    /// both on a blank line or one longer than `max_chars`. One call per document.
    fn scan<'py>(
        &self,
        lines: &Bound<'py, PyList>,
    ) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyList>)> {
        let py = lines.py();
        let count = lines.len();
        let mut folded_lines: Vec<Option<Bound<'py, PyString>>> = Vec::with_capacity(count);
        let mut masks: Vec<Option<Bound<'py, PyAny>>> = Vec::with_capacity(count);
        for line in lines.iter() {
            let line = line.cast_into::<PyString>()?;
            let length = line.len()?;
            if length > self.max_chars {
                folded_lines.push(None);
                masks.push(None);
                continue;
            }
            let folded = fold_units(&line)?;
            if folded.blank {
                folded_lines.push(None);
                masks.push(None);
                continue;
            }
            masks.push(Some(mask_to_int(
                py,
                &self.literals.possible(folded.bytes(), length),
            )?));
            folded_lines.push(Some(folded.into_py(py)?));
        }
        Ok((PyList::new(py, folded_lines)?, PyList::new(py, masks)?))
    }
}

/// A folded line (the WTF-8 bytes of one with lone surrogates), and whether the line
/// was blank.
struct FoldedText {
    text: Folded,
    blank: bool,
}

enum Folded {
    Valid(String),
    Surrogates(Vec<u8>),
}

impl FoldedText {
    fn bytes(&self) -> &[u8] {
        match &self.text {
            Folded::Valid(text) => text.as_bytes(),
            Folded::Surrogates(bytes) => bytes,
        }
    }

    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        match self.text {
            Folded::Valid(text) => Ok(PyString::new(py, &text)),
            Folded::Surrogates(bytes) => Ok(PyBytes::new(py, &bytes)
                .call_method1("decode", ("utf-8", "surrogatepass"))?
                .cast_into::<PyString>()?),
        }
    }
}

/// Fold `line` (see `cleaner.text.folding`), noting whether it holds only whitespace.
fn fold_units(line: &Bound<'_, PyString>) -> PyResult<FoldedText> {
    if let Ok(valid) = line.to_str() {
        let blank = valid.chars().all(|c| folding::is_space(c as u32));
        let out = if blank {
            String::new()
        } else {
            folding::fold_str(valid)
        };
        return Ok(FoldedText {
            text: Folded::Valid(out),
            blank,
        });
    }
    let encoded = line.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let units = wtf8_decode(encoded.cast::<PyBytes>()?.as_bytes());
    let blank = units.iter().all(|&c| folding::is_space(c));
    let folded = Folded::Surrogates(wtf8_encode(&folding::fold(&units)));
    Ok(FoldedText {
        text: folded,
        blank,
    })
}

/// A mask as a Python int: bit `n` set for pattern `n`.
fn mask_to_int<'py>(py: Python<'py>, mask: &[u64]) -> PyResult<Bound<'py, PyAny>> {
    let used = mask
        .iter()
        .rposition(|&word| word != 0)
        .map_or(0, |top| top + 1);
    if used <= 1 {
        return Ok(PyInt::new(py, mask.first().copied().unwrap_or(0)).into_any());
    }
    let bytes: Vec<u8> = mask[..used]
        .iter()
        .flat_map(|word| word.to_le_bytes())
        .collect();
    py.get_type::<PyInt>().call_method1(
        intern!(py, "from_bytes"),
        (PyBytes::new(py, &bytes), intern!(py, "little")),
    )
}

#[pymodule]
fn _core(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<LiteralIndex>()?;
    module.add_class::<linescan::LineScan>()?;
    module.add_class::<vocabulary::WordIndex>()?;
    module.add_class::<section::SectionReader>()?;
    // The reading's thresholds that the section kind's walk in Python uses too.
    module.add("SECTION_MARKER_CHARS", section::MARKER_CHARS)?;
    module.add("SECTION_DENSE_POLICY_WORDS", section::DENSE_POLICY_WORDS)?;
    module.add("SECTION_RESIDUE_WORDS", section::RESIDUE_WORDS)?;
    module.add_function(wrap_pyfunction!(section::comment_header, module)?)?;
    module.add_function(wrap_pyfunction!(section::sentence_bounds, module)?)?;
    module.add_function(wrap_pyfunction!(section::sentence_cuts, module)?)?;
    module.add_function(wrap_pyfunction!(suspect, module)?)?;
    module.add_function(wrap_pyfunction!(is_normalized, module)?)?;
    module.add_function(wrap_pyfunction!(fold_lines, module)?)?;
    module.add_function(wrap_pyfunction!(fold, module)?)?;
    module.add_function(wrap_pyfunction!(fold_letters, module)?)?;
    let (major, minor, micro) = unicode_normalization::UNICODE_VERSION;
    module.add("UNICODE_VERSION", format!("{major}.{minor}.{micro}"))?;
    Ok(())
}
