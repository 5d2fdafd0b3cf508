//! The Merkle root of a dataset's items: what a `pallet-datasets` version records as its
//! `root` and what `lineage-ml` computes from a data file, so anyone holding the data can check
//! it against the chain.
//!
//! - An item's leaf is `blake2_256(0x00 ‖ item)`; an inner node is
//!   `blake2_256(0x01 ‖ left ‖ right)`. The prefixes keep a leaf from passing for a node.
//! - Leaves pair left to right, level by level; the last node of an odd level is carried up
//!   unchanged.
//! - No items have the root `H256::zero()`.
//!
//! [`MerkleRoot`] computes this in one pass over the items with `O(log n)` memory.

use alloc::vec::Vec;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

const LEAF_PREFIX: u8 = 0;
const NODE_PREFIX: u8 = 1;

/// The leaf of one item (its canonical bytes).
pub fn leaf(item: &[u8]) -> H256 {
	let mut bytes = Vec::with_capacity(item.len().saturating_add(1));
	bytes.push(LEAF_PREFIX);
	bytes.extend_from_slice(item);
	BlakeTwo256::hash(&bytes)
}

fn node(left: &H256, right: &H256) -> H256 {
	let mut bytes = Vec::with_capacity(65);
	bytes.push(NODE_PREFIX);
	bytes.extend_from_slice(left.as_bytes());
	bytes.extend_from_slice(right.as_bytes());
	BlakeTwo256::hash(&bytes)
}

/// Builds a root one leaf at a time. Holds one subtree root per set bit of the leaf count.
#[derive(Clone, Default, Debug)]
pub struct MerkleRoot {
	/// Complete subtrees, largest first, each with its height.
	subtrees: Vec<(u32, H256)>,
	leaves: u64,
}

impl MerkleRoot {
	/// No leaves yet.
	pub fn new() -> Self {
		Self::default()
	}

	/// Appends the leaf of the next item.
	pub fn push_leaf(&mut self, leaf: H256) {
		let mut carry = (0u32, leaf);
		while let Some(&(height, left)) = self.subtrees.last() {
			if height != carry.0 {
				break;
			}
			self.subtrees.pop();
			carry = (height.saturating_add(1), node(&left, &carry.1));
		}
		self.subtrees.push(carry);
		self.leaves = self.leaves.saturating_add(1);
	}

	/// Appends the next item.
	pub fn push_item(&mut self, item: &[u8]) {
		self.push_leaf(leaf(item));
	}

	/// Items pushed so far.
	pub fn leaves(&self) -> u64 {
		self.leaves
	}

	/// The root of everything pushed. Carrying an odd node up and pairing it later is the same
	/// as folding the remaining subtrees from the right.
	pub fn root(&self) -> H256 {
		let mut subtrees = self.subtrees.iter().rev();
		let Some(&(_, mut root)) = subtrees.next() else { return H256::zero() };
		for (_, left) in subtrees {
			root = node(left, &root);
		}
		root
	}
}

/// The root of `items`.
pub fn root<'a>(items: impl IntoIterator<Item = &'a [u8]>) -> H256 {
	let mut builder = MerkleRoot::new();
	for item in items {
		builder.push_item(item);
	}
	builder.root()
}

#[cfg(test)]
mod tests;
