#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "tests fail loudly by design"
)]

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

#[derive(Default)]
struct MapStore(BTreeMap<u64, U256>);

impl NodeStore for MapStore {
	fn node(&self, index: u64) -> U256 {
		self.0.get(&index).copied().unwrap_or_default()
	}
	fn set_node(&mut self, index: u64, value: U256) {
		self.0.insert(index, value);
	}
}

#[test]
fn a_payment_is_split_by_shares_of_the_version_paid_for() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	// Version 0: Alice 30 shares. Version 1: Bob adds 10.
	let mut alice = pool.open(&store, 0, 30).unwrap();
	let mut bob = pool.open(&store, 1, 10).unwrap();

	// A model trained on version 0 pays 300: all of it is Alice's.
	assert_eq!(pool.credit(&mut store, 0, 300, 30), Ok(300));
	// A model trained on version 1 pays 400: 3/4 Alice, 1/4 Bob.
	assert_eq!(pool.credit(&mut store, 1, 400, 40), Ok(400));

	assert_eq!(pool.settle(&store, &mut alice), Ok(600));
	assert_eq!(pool.settle(&store, &mut bob), Ok(100));
	// Settled positions owe nothing until the next payment.
	assert_eq!(pool.pending(&store, &alice), Ok(0));
	assert_eq!((pool.paid_in, pool.dust), (700, 0));
}

#[test]
fn rounding_goes_to_dust_and_never_creates_money() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	let positions: Vec<_> = (0..3).map(|_| pool.open(&store, 0, 1).unwrap()).collect();
	// 10 over 3 shares: each is owed ⌊10/3⌋ = 3; the remainder is tracked.
	let owed = pool.credit(&mut store, 0, 10, 3).unwrap();
	let pending: u128 = positions.iter().map(|p| pool.pending(&store, p).unwrap()).sum();
	assert_eq!((owed, pending), (9, 9));
	assert_eq!(pool.dust, 1);
	assert_eq!(pool.paid_in - pending, pool.dust);
}

#[test]
fn later_versions_grow_the_tree_without_losing_earlier_payments() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	let mut early = pool.open(&store, 0, 1).unwrap();
	pool.credit(&mut store, 0, 1_000, 1).unwrap();
	// Versions far beyond the tree's first capacity.
	for version in [1, 2, 5, 9, 100, 1_000] {
		pool.credit(&mut store, version, 1_000, 1).unwrap();
	}
	assert_eq!(pool.settle(&store, &mut early), Ok(7_000));
	let mut late = pool.open(&store, 100, 1).unwrap();
	pool.credit(&mut store, 99, 1_000, 1).unwrap();
	pool.credit(&mut store, 100, 1_000, 1).unwrap();
	assert_eq!(pool.settle(&store, &mut late), Ok(1_000));
	assert_eq!(pool.settle(&store, &mut early), Ok(2_000));
}

#[test]
fn paying_a_version_without_shares_is_refused_and_changes_nothing() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	assert_eq!(pool.credit(&mut store, 0, 10, 0), Err(PoolError::NoShares));
	assert_eq!(pool, PoolState::default());
	assert!(store.0.is_empty());
}

#[test]
fn amounts_beyond_the_fixed_point_range_are_refused() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	pool.credit(&mut store, 0, u128::MAX, 1).unwrap();
	let before = pool;
	// The accumulated total no longer fits another maximal payment's paid_in.
	assert_eq!(pool.credit(&mut store, 0, u128::MAX, 1), Err(PoolError::Overflow));
	assert_eq!(pool, before);
}

/// What the property test does, in order.
#[derive(Clone, Debug)]
enum Op {
	/// `contributor` adds `shares`, creating the next version.
	Contribute { contributor: usize, shares: u64 },
	/// A model trained on version `pick % versions` pays `amount`.
	Pay { pick: usize, amount: u128 },
	/// `contributor` settles all their positions.
	Claim { contributor: usize },
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		(0..4usize, 1..1_000u64)
			.prop_map(|(contributor, shares)| Op::Contribute { contributor, shares }),
		(any::<usize>(), 0..10_000_000_000_000u128)
			.prop_map(|(pick, amount)| Op::Pay { pick, amount }),
		(0..4usize).prop_map(|contributor| Op::Claim { contributor }),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(512))]

	/// Funds are conserved exactly, and each contributor gets what the naive O(contributors)
	/// calculation gives (shares at the version paid for / total shares of that version),
	/// less at most one planck per position and one per payment of rounding.
	#[test]
	fn matches_the_naive_calculation(first in 1..1_000u64, ops in proptest::collection::vec(op(), 1..60)) {
		let (mut pool, mut store) = (PoolState::default(), MapStore::default());
		// Version 0: contributor 0 holds `first` shares.
		let mut totals = vec![first];
		let mut positions: Vec<Vec<Position>> = vec![vec![pool.open(&store, 0, first).unwrap()], vec![], vec![], vec![]];
		let mut shares_at: Vec<Vec<u64>> = vec![vec![first, 0, 0, 0]];
		let mut claimed = [0u128; 4];
		// Naive entitlement as an exact fraction per contributor, kept as floor and ceiling.
		let (mut naive_floor, mut naive_ceil) = ([0u128; 4], [0u128; 4]);
		let mut payments = 0u128;

		for op in ops {
			match op {
				Op::Contribute { contributor, shares } => {
					let version = totals.len() as u32;
					totals.push(totals.last().unwrap() + shares);
					let mut row = shares_at.last().unwrap().clone();
					row[contributor] += shares;
					shares_at.push(row);
					positions[contributor].push(pool.open(&store, version, shares).unwrap());
				},
				Op::Pay { pick, amount } => {
					let version = pick % totals.len();
					pool.credit(&mut store, version as u32, amount, totals[version]).unwrap();
					payments += 1;
					for c in 0..4 {
						let numerator = amount * u128::from(shares_at[version][c]);
						let total = u128::from(totals[version]);
						naive_floor[c] += numerator / total;
						naive_ceil[c] += numerator.div_ceil(total);
					}
				},
				Op::Claim { contributor } => {
					for position in positions[contributor].iter_mut() {
						claimed[contributor] += pool.settle(&store, position).unwrap();
					}
				},
			}
		}

		let mut owed_to_all = 0u128;
		for c in 0..4 {
			let pending: u128 = positions[c].iter().map(|p| pool.pending(&store, p).unwrap()).sum();
			let got = claimed[c] + pending;
			owed_to_all += got;
			prop_assert!(got <= naive_ceil[c], "contributor {c} got {got} > {}", naive_ceil[c]);
			let slack = positions[c].len() as u128 + payments;
			prop_assert!(got + slack >= naive_floor[c], "contributor {c} got {got}, naive {}", naive_floor[c]);
		}
		// Conservation: never more owed than paid in; what is not owed is bounded by the
		// tracked dust plus one planck per position.
		prop_assert!(owed_to_all <= pool.paid_in);
		let positions_count: u128 = positions.iter().map(|p| p.len() as u128).sum();
		prop_assert!(pool.paid_in - owed_to_all <= pool.dust + positions_count);
	}
}
