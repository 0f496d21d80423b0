//! The fused pass of the `where: anywhere` line rules (see `cleaner.kinds.lines.LineScan`):
//! the loop over a document's lines, the choice of the rules each line is offered to
//! (its length, the literal prefilter's bits) and, for built-in (untimed) rules, the
//! full matches of their compiled `regex` patterns, called from here.

use std::sync::OnceLock;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};

use crate::folding;

/// One line rule of the pass.
struct Rule {
    /// The number of its first pattern in the prefilter; its patterns follow.
    first: usize,
    /// Its `match` patterns, and their `fullmatch` (compiled on first use).
    sources: Vec<Py<PyAny>>,
    fullmatch: Vec<OnceLock<Py<PyAny>>>,
    /// Its `unless` patterns, and their `search` (compiled on first use).
    unless_sources: Vec<Py<PyAny>>,
    unless: Vec<OnceLock<Py<PyAny>>>,
    /// A `flag` rule reports a line and lets the next rules look at it.
    flag: bool,
    /// A rule with a time limit is asked through the callback (see `LineScan.run`).
    timed: bool,
}

/// Which lines the rules of one pass take, one `drop` or `flag` list per rule.
type Found = Vec<(usize, Vec<usize>)>;

/// Several `where: anywhere` line rules in one pass over a document's lines.
#[pyclass(frozen, module = "cleaner._core")]
pub struct LineScan {
    rules: Vec<Rule>,
    /// The rule (its position) that owns each pattern number.
    owner: Vec<usize>,
    /// Per length limit of the rules, longest first: the bits of the patterns of the
    /// rules that take lines up to that long.
    by_length: Vec<(usize, Vec<u64>)>,
    /// The longest line any rule takes.
    max_chars: usize,
    /// `compile_folded`: a folded pattern's source to its compiled `regex` pattern.
    compile: Py<PyAny>,
}

/// A rule as `LineScan` takes it: max_chars, first pattern number, match patterns,
/// unless patterns, flag, timed.
type RuleArgs = (usize, usize, Vec<Py<PyAny>>, Vec<Py<PyAny>>, bool, bool);

#[pymethods]
impl LineScan {
    #[new]
    fn new(rules: Vec<RuleArgs>, compile: Py<PyAny>) -> Self {
        let top = rules
            .iter()
            .map(|rule| rule.1 + rule.2.len())
            .max()
            .unwrap_or(0);
        let words = top.div_ceil(64);
        let mut owner = vec![usize::MAX; top];
        let mut masks = Vec::with_capacity(rules.len());
        for (position, rule) in rules.iter().enumerate() {
            let mut mask = vec![0u64; words];
            for number in rule.1..rule.1 + rule.2.len() {
                owner[number] = position;
                mask[number / 64] |= 1 << (number % 64);
            }
            masks.push(mask);
        }
        let mut limits: Vec<usize> = rules.iter().map(|rule| rule.0).collect();
        limits.sort_unstable_by(|a, b| b.cmp(a));
        limits.dedup();
        let by_length = limits
            .iter()
            .map(|&limit| {
                let mut reach = vec![0u64; words];
                for (rule, mask) in rules.iter().zip(&masks) {
                    if rule.0 >= limit {
                        reach.iter_mut().zip(mask).for_each(|(r, m)| *r |= m);
                    }
                }
                (limit, reach)
            })
            .collect();
        let max_chars = limits.first().copied().unwrap_or(0);
        let rules = rules
            .into_iter()
            .map(|(_, first, sources, unless_sources, flag, timed)| Rule {
                first,
                fullmatch: sources.iter().map(|_| OnceLock::new()).collect(),
                sources,
                unless: unless_sources.iter().map(|_| OnceLock::new()).collect(),
                unless_sources,
                flag,
                timed,
            })
            .collect();
        LineScan {
            rules,
            owner,
            by_length,
            max_chars,
            compile,
        }
    }

    /// The lines of `doc` (a `Document`) each rule flags and drops, per rule position,
    /// in the order first found: rules are offered a line in order, a dropped line is
    /// seen by no later rule, a flagged one is. A timed rule is asked
    /// `ask(doc, position, index)`, which answers True, False, or None when the
    /// document's time budget is spent: that rule then changes nothing in it.
    fn run(&self, doc: &Bound<'_, PyAny>, ask: &Bound<'_, PyAny>) -> PyResult<(Found, Found)> {
        let py = doc.py();
        let lines = doc.getattr(intern!(py, "lines"))?.cast_into::<PyList>()?;
        let folded_views = doc.getattr(intern!(py, "_folded"))?.cast_into::<PyList>()?;
        let possibles = doc
            .getattr(intern!(py, "_possible"))?
            .cast_into::<PyList>()?;
        let mut flags: Found = Vec::new();
        let mut drops: Found = Vec::new();
        let mut spent = vec![false; self.rules.len()];
        for index in 0..lines.len() {
            let line = lines.get_item(index)?.cast_into::<PyString>()?;
            let length = line.len()?;
            if length > self.max_chars || length == 0 || blank(&line) {
                continue;
            }
            let Some(reach) = self.reach(length) else {
                continue;
            };
            let mut hits = reach.clone();
            let mut possible = possibles.get_item(index)?;
            if possible.is_none() {
                possible = doc.call_method1(intern!(py, "possible"), (index,))?;
            }
            if !possible.is_none() {
                let words = int_words(&possible, hits.len())?;
                hits.iter_mut().zip(words).for_each(|(h, w)| *h &= w);
            }
            let mut folded: Option<Bound<'_, PyAny>> = None;
            // Pattern numbers follow rule order: the lowest bit is the next rule to ask.
            while let Some(bit) = lowest(&hits) {
                let position = self.owner[bit];
                let (first, count) = {
                    let rule = &self.rules[position];
                    (rule.first, rule.sources.len())
                };
                let mut only = Vec::new();
                for number in bit..first + count {
                    let (word, shift) = (number / 64, number % 64);
                    if hits[word] >> shift & 1 == 1 {
                        only.push(number - first);
                        hits[word] &= !(1 << shift);
                    }
                }
                if spent[position] {
                    continue;
                }
                let accepted = if self.rules[position].timed {
                    let answer = ask.call1((doc, position, index))?;
                    if answer.is_none() {
                        spent[position] = true;
                        flags.retain(|(owner, _)| *owner != position);
                        drops.retain(|(owner, _)| *owner != position);
                        continue;
                    }
                    answer.is_truthy()?
                } else {
                    if folded.is_none() {
                        let view = folded_views.get_item(index)?;
                        folded = Some(if view.is_none() {
                            doc.call_method1(intern!(py, "folded"), (index,))?
                        } else {
                            view
                        });
                    }
                    let view = folded.as_ref().expect("folded above");
                    self.accepts(py, position, &only, view)?
                };
                if accepted {
                    let found = if self.rules[position].flag {
                        &mut flags
                    } else {
                        &mut drops
                    };
                    match found.iter_mut().find(|(owner, _)| *owner == position) {
                        Some((_, indices)) => indices.push(index),
                        None => found.push((position, vec![index])),
                    }
                    if !self.rules[position].flag {
                        break;
                    }
                }
            }
        }
        Ok((flags, drops))
    }
}

impl LineScan {
    /// The bits of the patterns of the rules that take a line of `length` characters.
    fn reach(&self, length: usize) -> Option<&Vec<u64>> {
        let mut reach = None;
        for (limit, mask) in &self.by_length {
            if length > *limit {
                break;
            }
            reach = Some(mask);
        }
        reach
    }

    /// Whether one of the patterns `only` of rule `position` matches all of `folded`
    /// and none of its `unless` patterns is found in it (an untimed rule).
    fn accepts(
        &self,
        py: Python<'_>,
        position: usize,
        only: &[usize],
        folded: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let rule = &self.rules[position];
        let mut matched = false;
        for &number in only {
            let fullmatch = compiled(
                py,
                &self.compile,
                &rule.sources[number],
                &rule.fullmatch[number],
                intern!(py, "fullmatch"),
            )?;
            if !fullmatch.call1((folded,))?.is_none() {
                matched = true;
                break;
            }
        }
        if !matched {
            return Ok(false);
        }
        for (source, search) in rule.unless_sources.iter().zip(&rule.unless) {
            let search = compiled(py, &self.compile, source, search, intern!(py, "search"))?;
            if !search.call1((folded,))?.is_none() {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// The `method` of the pattern compiled from `source`, compiled on first use (a plan
/// may clean documents in several threads: two may compile it at once, to the same
/// object of the pattern cache, and the first kept wins).
fn compiled<'py>(
    py: Python<'py>,
    compile: &Py<PyAny>,
    source: &Py<PyAny>,
    slot: &OnceLock<Py<PyAny>>,
    method: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyAny>> {
    if let Some(bound) = slot.get() {
        return Ok(bound.bind(py).clone());
    }
    let pattern = compile.bind(py).call1((source.bind(py),))?;
    let bound = pattern.getattr(method)?;
    let _ = slot.set(bound.clone().unbind());
    Ok(bound)
}

/// `not line.strip()` for a line that is not empty: only whitespace (`str.isspace`).
fn blank(line: &Bound<'_, PyString>) -> bool {
    match line.to_str() {
        Ok(valid) => valid.chars().all(|c| folding::is_space(c as u32)),
        Err(_) => false, // a lone surrogate is not whitespace
    }
}

/// The number of the lowest set bit of `mask`.
fn lowest(mask: &[u64]) -> Option<usize> {
    mask.iter()
        .position(|&word| word != 0)
        .map(|at| at * 64 + mask[at].trailing_zeros() as usize)
}

/// The low `words` 64-bit words of the non-negative Python int `value`.
fn int_words(value: &Bound<'_, PyAny>, words: usize) -> PyResult<Vec<u64>> {
    let py = value.py();
    let bits: usize = value.call_method0(intern!(py, "bit_length"))?.extract()?;
    if bits <= 64 {
        let low: u64 = value.extract()?;
        let mut out = vec![0u64; words];
        if let Some(first) = out.first_mut() {
            *first = low;
        }
        return Ok(out);
    }
    let size = bits.div_ceil(8);
    let bytes = value.call_method1(intern!(py, "to_bytes"), (size, intern!(py, "little")))?;
    let bytes = bytes.cast::<PyBytes>()?.as_bytes();
    Ok((0..words)
        .map(|word| {
            let mut chunk = [0u8; 8];
            let start = (word * 8).min(bytes.len());
            let end = (word * 8 + 8).min(bytes.len());
            chunk[..end - start].copy_from_slice(&bytes[start..end]);
            u64::from_le_bytes(chunk)
        })
        .collect())
}
