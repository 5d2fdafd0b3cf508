//! Choosing a job's workers: `count` distinct active workers able to load the model, the
//! requester excluded, drawn uniformly with a seed from the runtime's randomness source.
//!
//! The draw is a partial Fisher–Yates shuffle whose `i`-th swap index comes from
//! `blake2_256(seed ‖ i)`, so it is deterministic given the seed, and uniform up to the
//! negligible bias of reducing a 64-bit number modulo the candidates left.

use alloc::vec::Vec;
use lineage_primitives::compute::Capabilities;
use sp_runtime::traits::{BlakeTwo256, Hash};

/// A number below `bound` (which must be positive) from the `index`-th draw of `seed`.
fn below(seed: &[u8; 32], index: u32, bound: u64) -> u64 {
	let mut input = seed.to_vec();
	input.extend_from_slice(&index.to_le_bytes());
	let hash = BlakeTwo256::hash(&input);
	let word: [u8; 8] =
		hash.as_bytes().get(..8).and_then(|bytes| bytes.try_into().ok()).unwrap_or_default();
	u64::from_le_bytes(word).checked_rem(bound).unwrap_or_default()
}

/// `count` of `candidates` other than `excluded` whose capabilities load models of
/// `model_bytes`, in draw order; `None` if there are fewer.
pub(crate) fn draw<AccountId: Clone + PartialEq>(
	candidates: &[(AccountId, Capabilities)],
	excluded: &AccountId,
	model_bytes: u64,
	count: u32,
	seed: [u8; 32],
) -> Option<Vec<AccountId>> {
	let mut pool: Vec<AccountId> = candidates
		.iter()
		.filter(|(who, capabilities)| {
			who != excluded && capabilities.max_model_bytes >= model_bytes
		})
		.map(|(who, _)| who.clone())
		.collect();
	let wanted = usize::try_from(count).ok()?;
	if pool.len() < wanted {
		return None;
	}
	for index in 0..count {
		let at = usize::try_from(index).ok()?;
		let left = u64::try_from(pool.len().saturating_sub(at)).ok()?;
		let offset = usize::try_from(below(&seed, index, left)).ok()?;
		pool.swap(at, at.saturating_add(offset));
	}
	pool.truncate(wanted);
	Some(pool)
}

#[cfg(test)]
mod tests {
	#![allow(
		clippy::unwrap_used,
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		reason = "tests fail loudly by design"
	)]

	use super::*;
	use lineage_primitives::compute::Backends;

	/// Candidates that load models up to `max` bytes.
	fn loading(accounts: impl IntoIterator<Item = u64>, max: u64) -> Vec<(u64, Capabilities)> {
		let capabilities = Capabilities { backends: Backends(Backends::CPU), max_model_bytes: max };
		accounts.into_iter().map(|who| (who, capabilities)).collect()
	}

	fn draw_any(candidates: &[u64], excluded: u64, count: u32, seed: [u8; 32]) -> Option<Vec<u64>> {
		draw(&loading(candidates.iter().copied(), 10), &excluded, 10, count, seed)
	}

	#[test]
	fn only_workers_that_load_the_model_are_drawn() {
		let mut candidates = loading(0..4, 100);
		candidates.extend(loading(4..8, 99));
		for round in 0..50u8 {
			let drawn = draw(&candidates, &9, 100, 3, [round; 32]).unwrap();
			assert!(drawn.iter().all(|who| *who < 4), "{drawn:?}");
		}
		// Three can load it, one of them the requester: not enough.
		assert_eq!(draw(&candidates[1..], &1, 100, 3, [0; 32]), None);
	}

	#[test]
	fn draws_distinct_candidates_never_the_excluded_one_and_the_same_for_a_seed() {
		let candidates: Vec<u64> = (0..10).collect();
		let drawn = draw_any(&candidates, 3, 3, [7; 32]).unwrap();
		assert_eq!(drawn.len(), 3);
		assert!(!drawn.contains(&3));
		let mut unique = drawn.clone();
		unique.sort_unstable();
		unique.dedup();
		assert_eq!(unique.len(), 3);
		assert_eq!(draw_any(&candidates, 3, 3, [7; 32]).unwrap(), drawn);
		assert_ne!(draw_any(&candidates, 3, 3, [8; 32]).unwrap(), drawn);
		// Too few once the excluded one is out.
		assert_eq!(draw_any(&[1u64, 2, 3], 2, 3, [0; 32]), None);
		assert_eq!(draw_any(&[1u64, 2, 3], 9, 3, [0; 32]).map(|d| d.len()), Some(3));
	}

	#[test]
	fn every_candidate_is_drawn_about_equally_often() {
		let candidates: Vec<u64> = (0..6).collect();
		let mut counts = [0u32; 6];
		for round in 0..3_000u32 {
			let mut seed = [0u8; 32];
			seed[..4].copy_from_slice(&round.to_le_bytes());
			for who in draw_any(&candidates, 99, 2, seed).unwrap() {
				counts[who as usize] += 1;
			}
		}
		// 6,000 draws over 6 candidates: 1,000 each expected.
		assert!(counts.iter().all(|&count| (850..1_150).contains(&count)), "{counts:?}");
	}
}
