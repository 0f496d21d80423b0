//! Words by class found in folded text (see `cleaner.text.vocabulary`): every
//! occurrence of every key, overlapping ones included, in one pass of an Aho-Corasick
//! automaton.
//!
//! Hits come in the order of their end, and at one end the longest key first (the
//! order of the automaton's match list: a state's own key, then those along its
//! failure links). Positions are code points, as Python counts them.

use aho_corasick::AhoCorasick;
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};

use crate::automaton::automaton_of;
use crate::pyunicode;

/// A key's meanings as Python passes them: (class, word) pairs.
type Meanings<'py> = Vec<(Bound<'py, PyString>, Bound<'py, PyString>)>;

#[pyclass(frozen, module = "cleaner._core")]
pub struct WordIndex {
    /// None when there is no key.
    automaton: Option<AhoCorasick>,
    /// Per key, its meanings: (class, word) pairs.
    pub meanings: Vec<Vec<(Py<PyString>, Py<PyString>)>>,
    word_start: bool,
}

#[pymethods]
impl WordIndex {
    #[new]
    #[pyo3(signature = (entries, word_start = true))]
    fn new(entries: Vec<(String, Meanings<'_>)>, word_start: bool) -> PyResult<Self> {
        let automaton = automaton_of(entries.iter().map(|(key, _)| key.as_bytes()))
            .map_err(PyValueError::new_err)?;
        let meanings = entries
            .into_iter()
            .map(|(_, pairs)| {
                pairs
                    .into_iter()
                    .map(|(class, word)| (class.unbind(), word.unbind()))
                    .collect()
            })
            .collect();
        Ok(WordIndex {
            automaton,
            meanings,
            word_start,
        })
    }

    /// Every key in `folded` as (class, word, start, end) hits, one per meaning.
    fn find<'py>(&self, folded: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
        let py = folded.py();
        let encoded;
        let bytes: &[u8] = match folded.to_str() {
            Ok(valid) => valid.as_bytes(),
            Err(_) => {
                encoded = folded.call_method1(intern!(py, "encode"), ("utf-8", "surrogatepass"))?;
                encoded.cast::<PyBytes>()?.as_bytes()
            }
        };
        let hits = PyList::empty(py);
        for (key, start, end) in self.keys(bytes) {
            for (class, word) in &self.meanings[key] {
                hits.append(PyTuple::new(
                    py,
                    [
                        class.bind(py).clone().into_any(),
                        word.bind(py).clone().into_any(),
                        start.into_pyobject(py)?.into_any(),
                        end.into_pyobject(py)?.into_any(),
                    ],
                )?)?;
            }
        }
        Ok(hits)
    }
}

impl WordIndex {
    /// Every key in `bytes` (a folded text, WTF-8) where a word starts (or anywhere
    /// without `word_start`): the key's number and where it starts and ends, in code
    /// points; by their ends, and at one end the longest first.
    pub fn keys(&self, bytes: &[u8]) -> Vec<(usize, usize, usize)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut keys = Vec::new();
        // Code points before `counted` bytes, advanced as matches end further on.
        let (mut counted, mut points) = (0usize, 0usize);
        for found in automaton.find_overlapping_iter(bytes) {
            let (start, end) = (found.start(), found.end());
            if self.word_start && start > 0 && word_before(&bytes[..start]) {
                continue;
            }
            // Matches end in order, but a longer one may start before the last start.
            let start_points = if start >= counted {
                points + code_points(&bytes[counted..start])
            } else {
                points - code_points(&bytes[start..counted])
            };
            points = start_points + code_points(&bytes[start..end]);
            counted = end;
            keys.push((found.pattern().as_usize(), start_points, points));
        }
        keys
    }
}

/// Does `before` (WTF-8) end with a letter, a digit or "_" (Python's `isalnum`)?
fn word_before(before: &[u8]) -> bool {
    let lead = before
        .iter()
        .rposition(|&byte| byte & 0xC0 != 0x80)
        .expect("a lead byte");
    let Ok(text) = std::str::from_utf8(&before[lead..]) else {
        return false; // a lone surrogate is no letter
    };
    pyunicode::is_word(text.chars().next().expect("one character") as u32)
}

/// The code points in `bytes` (WTF-8, cut at code point boundaries).
fn code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte & 0xC0 != 0x80).count()
}
