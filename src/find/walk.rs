//! One step of a walk over the raw nodes of an fst, byte by byte: how the
//! lexicon matches phrases and the language model finds its n-grams,
//! without building key strings.

use fst::raw::{Fst, Node, Output};

/// Follows the transition of `node` on `byte`, adding its output to
/// `out`; false (and nothing changed) when there is none.
#[inline]
pub(crate) fn step<'f, D: AsRef<[u8]>>(
    fst: &'f Fst<D>,
    node: &mut Node<'f>,
    out: &mut Output,
    byte: u8,
) -> bool {
    match node.find_input(byte) {
        Some(i) => {
            let t = node.transition(i);
            *out = out.cat(t.out);
            *node = fst.node(t.addr);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_reads_the_value_of_a_key() {
        let map = fst::Map::from_iter([("ab", 7u64), ("b", 3)]).unwrap();
        let fst = map.as_fst();
        let (mut node, mut out) = (fst.root(), Output::zero());
        assert!(step(fst, &mut node, &mut out, b'a'));
        assert!(!step(fst, &mut node, &mut out, b'c'));
        assert!(step(fst, &mut node, &mut out, b'b'));
        assert!(node.is_final());
        assert_eq!(out.cat(node.final_output()).value(), 7);
    }
}
