//! The development chain's demo assets: what `--dev` registers at genesis and what the ML
//! engine builds from the data shipped in `ml/data` (the 8×8 handwritten digits). The engine's
//! tests check that it builds exactly these, so the chain's records and the blobs a worker
//! serves them from cannot drift apart.

use sp_core::H256;
use sp_runtime::Perbill;

use crate::compute::{Optimizer, TrainingSettings};

/// Samples in each genesis version of the digits dataset: the first 1,000 images, then 500
/// more, then the last 297.
pub const DIGITS_VERSION_ITEMS: [u64; 3] = [1_000, 1_500, 1_797];

/// Merkle roots of the digits dataset at versions 0, 1 and 2: its first 1,000, 1,500 and
/// 1,797 samples.
pub const DIGITS_VERSION_ROOTS: [H256; 3] = [
	H256(hex32("3f369994fc07a1aa7ab04da36e279f8ddf2c2b0c0e946d97272cb88df412e362")),
	H256(hex32("aacf3e52a3bc98384d825e196d19f08553a3c56f0028c9a0781024250a5c0966")),
	H256(hex32("1cab1263c750b40851f907e772695d895fb0ea4b2177224c08b76539b29f5f73")),
];

/// Merkle roots of the two contributions that made versions 1 and 2: samples 1,000–1,499
/// (Bob's) and 1,500–1,796 (Charlie's).
pub const DIGITS_CONTRIBUTION_ROOTS: [H256; 2] = [
	H256(hex32("18dd2dd2eae91a655998a3d5dc47a01883a88f786b0c3f10f4a9771321e85433")),
	H256(hex32("c42331600d686b20102eb13816b35e2dcbf95df2e73b05cccf1b2e8213a8c844")),
];

/// blake2-256 of the demo model's weights: the digits MLP trained on version 2 with
/// [`DEMO_TRAINING`] on the CPU reference backend.
pub const DEMO_WEIGHTS_HASH: H256 =
	H256(hex32("976abd7813ca30e10f0b44a528d8361fb0836f81188eb96b8f5423c5a2f0d5ef"));

/// How the demo model was trained: Adam at 0.001, 30 epochs of batches of 32, seed 42, 20%
/// held out.
pub const DEMO_TRAINING: TrainingSettings = TrainingSettings {
	optimizer: Optimizer::Adam,
	learning_rate: Perbill::from_parts(1_000_000),
	epochs: 30,
	batch_size: 32,
	seed: 42,
	held_out_percent: 20,
};

/// 32 bytes from 64 hex digits, at compile time (a malformed constant fails the build).
#[allow(
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	reason = "evaluated at compile time: an index out of range or an overflow fails the build"
)]
const fn hex32(text: &str) -> [u8; 32] {
	let digits = text.as_bytes();
	assert!(digits.len() == 64, "a hash is 64 hex digits");
	let mut bytes = [0u8; 32];
	let mut index = 0;
	while index < 32 {
		bytes[index] = (nibble(digits[2 * index]) << 4) | nibble(digits[2 * index + 1]);
		index += 1;
	}
	bytes
}

#[allow(clippy::arithmetic_side_effects, reason = "each arm's range keeps the result a nibble")]
const fn nibble(digit: u8) -> u8 {
	match digit {
		b'0'..=b'9' => digit - b'0',
		b'a'..=b'f' => digit - b'a' + 10,
		_ => panic!("not a lower-case hex digit"),
	}
}
