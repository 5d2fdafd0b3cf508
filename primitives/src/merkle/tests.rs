//! The one-pass root against the level-by-level definition.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use super::*;
use alloc::vec::Vec;
use proptest::prelude::*;

/// The definition in the module docs, level by level.
fn by_levels(items: &[Vec<u8>]) -> H256 {
	let mut level: Vec<H256> = items.iter().map(|item| leaf(item)).collect();
	if level.is_empty() {
		return H256::zero();
	}
	while level.len() > 1 {
		level = level
			.chunks(2)
			.map(|pair| if pair.len() == 2 { node(&pair[0], &pair[1]) } else { pair[0] })
			.collect();
	}
	level[0]
}

#[test]
fn small_trees_match_the_definition() {
	assert_eq!(root([]), H256::zero());
	let one: &[u8] = b"a";
	assert_eq!(root([one]), leaf(b"a"));
	let (a, b, c) = (leaf(b"a"), leaf(b"b"), leaf(b"c"));
	assert_eq!(root([&b"a"[..], b"b", b"c"]), node(&node(&a, &b), &c));
	assert_ne!(leaf(b"a"), BlakeTwo256::hash(b"a"), "leaves are domain-separated");
}

proptest! {
	#[test]
	fn one_pass_equals_levels(items in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..8), 0..70)) {
		let expected = by_levels(&items);
		let mut builder = MerkleRoot::new();
		for item in &items {
			builder.push_item(item);
		}
		prop_assert_eq!(builder.leaves(), items.len() as u64);
		prop_assert_eq!(builder.root(), expected);
	}
}
