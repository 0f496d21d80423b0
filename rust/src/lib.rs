//! `cleaner._core`: the per-line work of cleaner, compiled.
//!
//! The Python package keeps rules, patterns, the API and the CLI; this module does
//! the work that runs on every line of every document, called once per document (a
//! list of lines), not once per line.

mod casefold;
mod folding;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};

/// The folded view of each of `lines` (see `cleaner.folding`): one call per document.
#[pyfunction]
fn fold_lines<'py>(lines: &Bound<'py, PyList>) -> PyResult<Bound<'py, PyList>> {
    let folded = lines
        .iter()
        .map(|line| transform(line.cast::<PyString>()?, folding::fold))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(lines.py(), folded)
}

/// The folded view of one line (see `cleaner.folding`).
#[pyfunction]
fn fold<'py>(line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
    transform(line, folding::fold)
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

#[pymodule]
fn _core(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(fold_lines, module)?)?;
    module.add_function(wrap_pyfunction!(fold, module)?)?;
    module.add_function(wrap_pyfunction!(fold_letters, module)?)?;
    let (major, minor, micro) = unicode_normalization::UNICODE_VERSION;
    module.add("UNICODE_VERSION", format!("{major}.{minor}.{micro}"))?;
    Ok(())
}
