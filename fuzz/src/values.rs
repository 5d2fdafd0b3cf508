//! Arguments biased towards the edges where bugs live: zero, one, the existential deposit
//! and either side of it, the largest value, ids just past the last one, empty and
//! just-too-long byte strings; otherwise a random value of a sensible size.

use lineage_runtime::{Balance, EXISTENTIAL_DEPOSIT, UNIT};
use sp_core::H256;
use sp_runtime::Perbill;

use crate::rng::Rng;

/// An amount: an edge value, or up to 10,000 LIN, or a share of `hint` (a balance the caller
/// has, say).
pub fn balance(rng: &mut Rng, hint: Balance) -> Balance {
	let edges = [
		0,
		1,
		EXISTENTIAL_DEPOSIT.saturating_sub(1),
		EXISTENTIAL_DEPOSIT,
		EXISTENTIAL_DEPOSIT.saturating_add(1),
		UNIT,
		hint,
		hint.saturating_add(1),
		hint / 2,
		Balance::MAX,
	];
	if rng.chance(40) {
		return rng.pick(&edges).copied().unwrap_or_default();
	}
	Balance::from(rng.next_u64()) % UNIT.saturating_mul(10_000)
}

/// An id among those in use (`0..next`), or just past them, or far beyond.
pub fn id(rng: &mut Rng, next: u32) -> u32 {
	match rng.below(10) {
		0 => next,
		1 => next.saturating_add(1),
		2 => u32::MAX,
		3 => next.saturating_sub(1),
		_ => u32::try_from(rng.below(u64::from(next).saturating_add(1))).unwrap_or(0),
	}
}

/// Bytes up to `max` long; sometimes exactly `max`, sometimes one more (to be refused).
pub fn bytes(rng: &mut Rng, max: u32) -> Vec<u8> {
	let len = match rng.below(6) {
		0 => 0,
		1 => max,
		2 => max.saturating_add(1),
		_ => u32::try_from(rng.below(u64::from(max).saturating_add(1))).unwrap_or(0),
	};
	(0..len).map(|_| u8::try_from(rng.below(256)).unwrap_or(0)).collect()
}

/// A hash: zero, or random.
pub fn hash(rng: &mut Rng) -> H256 {
	if rng.chance(10) {
		H256::zero()
	} else {
		H256(rng.bytes32())
	}
}

/// A fraction: none, all, a half, a billionth, or random.
pub fn perbill(rng: &mut Rng) -> Perbill {
	match rng.below(6) {
		0 => Perbill::zero(),
		1 => Perbill::one(),
		2 => Perbill::from_percent(50),
		3 => Perbill::from_parts(1),
		_ => Perbill::from_parts(u32::try_from(rng.below(1_000_000_001)).unwrap_or(0)),
	}
}

/// A count: zero, one, large, or up to a hundred.
pub fn count(rng: &mut Rng) -> u64 {
	match rng.below(6) {
		0 => 0,
		1 => 1,
		2 => u64::MAX,
		_ => rng.below(100),
	}
}
