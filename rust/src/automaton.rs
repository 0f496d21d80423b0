//! The one way the core builds an Aho-Corasick automaton (the prefilter's literals,
//! the vocabularies' words): every occurrence of every key reported, overlapping ones
//! included.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// The automaton of `keys`, or None when there is no key. A contiguous NFA: a rule
/// builds its automata on the first document it is offered, and a DFA costs more to
/// build than it saves on a few thousand lines.
pub fn automaton_of<I, P>(keys: I) -> Result<Option<AhoCorasick>, String>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    let mut keys = keys.into_iter().peekable();
    if keys.peek().is_none() {
        return Ok(None);
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(keys)
        .map(Some)
        .map_err(|error| error.to_string())
}
