//! The literal prefilter: which patterns can possibly match a folded line.
//!
//! Every pattern of a plan has a set of literals one of which occurs in each line it
//! matches (or none known: the pattern may match any line). One Aho-Corasick automaton
//! holds the literals of all patterns; one pass over a folded line, in UTF-8 (or the
//! WTF-8 of a line with lone surrogates: a literal is whole code points, so it occurs
//! in the bytes exactly where it occurs in the text), reports every literal present.

use aho_corasick::AhoCorasick;
use memchr::memmem;

use crate::automaton::automaton_of;

/// A set of pattern numbers, 64 to a word.
pub type Mask = Vec<u64>;

pub struct Literals {
    /// Literals of one code point (punctuation, a digit, a space), looked for one by
    /// one: an automaton reports every occurrence, and they occur many times a line.
    chars: Vec<(Vec<u8>, Mask)>,
    automaton: Option<AhoCorasick>,
    /// Per literal of the automaton, the patterns that need it.
    owners: Vec<Mask>,
    /// The patterns without literals: possible on every line.
    always: Mask,
}

impl Literals {
    /// `sets[n]`: the literals of pattern `n`, or None when any line may match it.
    pub fn new(sets: &[Option<Vec<String>>]) -> Result<Self, String> {
        let words = sets.len().div_ceil(64).max(1);
        let mut always = vec![0u64; words];
        let mut literals: Vec<&str> = Vec::new();
        let mut owners: Vec<Mask> = Vec::new();
        let mut number_of = std::collections::HashMap::new();
        for (number, set) in sets.iter().enumerate() {
            let (word, bit) = (number / 64, 1u64 << (number % 64));
            match set {
                None => always[word] |= bit,
                Some(set) => {
                    for literal in set {
                        let at = *number_of.entry(literal.as_str()).or_insert_with(|| {
                            literals.push(literal.as_str());
                            owners.push(vec![0u64; words]);
                            owners.len() - 1
                        });
                        owners[at][word] |= bit;
                    }
                }
            }
        }
        let mut chars = Vec::new();
        let mut kept = Vec::new();
        let mut kept_owners = Vec::new();
        for (literal, mask) in literals.into_iter().zip(owners) {
            if literal.chars().count() == 1 {
                chars.push((literal.as_bytes().to_vec(), mask));
            } else {
                kept.push(literal);
                kept_owners.push(mask);
            }
        }
        let (literals, owners) = (kept, kept_owners);
        let automaton = automaton_of(&literals)?;
        Ok(Literals {
            chars,
            automaton,
            owners,
            always,
        })
    }

    /// The patterns that may match `folded` (its UTF-8 or WTF-8 bytes).
    pub fn possible(&self, folded: &[u8]) -> Mask {
        let mut found = self.always.clone();
        for (char, owners) in &self.chars {
            let present = match char.as_slice() {
                [byte] => memchr::memchr(*byte, folded).is_some(),
                bytes => memmem::find(folded, bytes).is_some(),
            };
            if present {
                for (word, bits) in found.iter_mut().zip(owners) {
                    *word |= bits;
                }
            }
        }
        if let Some(automaton) = &self.automaton {
            for hit in automaton.find_overlapping_iter(folded) {
                let owners = &self.owners[hit.pattern().as_usize()];
                for (word, bits) in found.iter_mut().zip(owners) {
                    *word |= bits;
                }
            }
        }
        found
    }
}

/// Most rules take lines up to this long (in code points): a longer line is searched
/// only for the literals of the patterns whose rules take it.
const SHORT_LINE: usize = 250;

/// [`Literals`] for the patterns of rules that take lines up to some length: which
/// patterns may match a line, among those whose rule takes a line that long.
pub struct Index {
    short: Literals,
    long: Literals,
    /// Ascending by limit: the patterns whose rule takes a line of at most `limit`.
    allowed: Vec<(usize, Mask)>,
}

impl Index {
    /// `limits[n]`: the longest line (in code points) the rule of pattern `n` takes.
    pub fn new(sets: &[Option<Vec<String>>], limits: &[usize]) -> Result<Self, String> {
        let words = sets.len().div_ceil(64).max(1);
        let long_sets: Vec<Option<Vec<String>>> = sets
            .iter()
            .zip(limits)
            .map(|(set, &limit)| {
                if limit > SHORT_LINE {
                    set.clone()
                } else {
                    Some(Vec::new())
                }
            })
            .collect();
        let mut distinct: Vec<usize> = limits.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let allowed = distinct
            .into_iter()
            .map(|bound| {
                let mut mask = vec![0u64; words];
                for (number, &limit) in limits.iter().enumerate() {
                    if limit >= bound {
                        mask[number / 64] |= 1 << (number % 64);
                    }
                }
                (bound, mask)
            })
            .collect();
        Ok(Index {
            short: Literals::new(sets)?,
            long: Literals::new(&long_sets)?,
            allowed,
        })
    }

    /// The patterns that may match `folded`, the folded view of a line `length` code
    /// points long, and whose rules take such a line.
    pub fn possible(&self, folded: &[u8], length: usize) -> Mask {
        let literals = if length <= SHORT_LINE {
            &self.short
        } else {
            &self.long
        };
        let mut mask = literals.possible(folded);
        let at = self.allowed.partition_point(|&(limit, _)| limit < length);
        match self.allowed.get(at) {
            Some((_, allowed)) => mask
                .iter_mut()
                .zip(allowed)
                .for_each(|(word, bits)| *word &= bits),
            None => mask.iter_mut().for_each(|word| *word = 0),
        }
        mask
    }
}
