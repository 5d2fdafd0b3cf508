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
struct MapStore(BTreeMap<u32, Chunk>);

impl ChunkStore for MapStore {
	fn chunk(&self, index: u32) -> Chunk {
		self.0.get(&index).cloned().unwrap_or_default()
	}
	fn set_chunk(&mut self, index: u32, chunk: Chunk) {
		self.0.insert(index, chunk);
	}
}

type TestHolding = Holding<ConstU32<MAX_VERSIONS>>;

/// A holding of `shares` counting from `version`, opened now.
fn holding(pool: &PoolState, store: &MapStore, version: u32, shares: u64) -> TestHolding {
	let mut holding = TestHolding::default();
	pool.add_shares(store, &mut holding, version, shares).unwrap();
	holding
}

fn settle(pool: &PoolState, store: &MapStore, holding: &mut TestHolding) -> u128 {
	pool.settle(store, holding).unwrap().0
}

fn pending(pool: &PoolState, store: &MapStore, holding: &TestHolding) -> u128 {
	pool.pending(store, holding).unwrap().0
}

#[test]
fn a_payment_is_split_by_shares_of_the_version_paid_for() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	// Version 0: Alice 30 shares. Version 1: Bob adds 10.
	let mut alice = holding(&pool, &store, 0, 30);
	let mut bob = holding(&pool, &store, 1, 10);

	// A model trained on version 0 pays 300: all of it is Alice's.
	assert_eq!(pool.credit(&mut store, 0, 300, 30), Ok(300));
	// A model trained on version 1 pays 400: 3/4 Alice, 1/4 Bob.
	assert_eq!(pool.credit(&mut store, 1, 400, 40), Ok(400));

	assert_eq!(settle(&pool, &store, &mut alice), 600);
	assert_eq!(settle(&pool, &store, &mut bob), 100);
	// Settled holdings owe nothing until the next payment.
	assert_eq!(pending(&pool, &store, &alice), 0);
	assert_eq!((pool.paid_in, pool.dust), (700, 0));
}

#[test]
fn a_payment_writes_the_summary_and_one_chunk() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	pool.credit(&mut store, 130, 1_000, 10).unwrap();
	// Version 130 is offset 2 of chunk 2; the summary grows to cover chunk 2.
	assert_eq!(store.0.keys().copied().collect::<Vec<_>>(), vec![2]);
	assert_eq!(store.0[&2].len(), 3);
	assert_eq!(pool.chunk_sums.len(), 3);
	assert_eq!(pool.chunk_sums[2], store.0[&2][2]);
}

#[test]
fn rounding_goes_to_dust_and_never_creates_money() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	let holdings: Vec<_> = (0..3).map(|_| holding(&pool, &store, 0, 1)).collect();
	// 10 over 3 shares: each is owed ⌊10/3⌋ = 3; the remainder is tracked.
	let owed = pool.credit(&mut store, 0, 10, 3).unwrap();
	let owed_to_all: u128 = holdings.iter().map(|h| pending(&pool, &store, h)).sum();
	assert_eq!((owed, owed_to_all), (9, 9));
	assert_eq!(pool.dust, 1);
}

#[test]
fn fractions_of_a_planck_carry_to_the_next_settlement() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	let mut alice = holding(&pool, &store, 0, 1);
	let _bob = holding(&pool, &store, 0, 1);
	// Each payment of 1 over 2 shares owes Alice half a planck.
	pool.credit(&mut store, 0, 1, 2).unwrap();
	assert_eq!(settle(&pool, &store, &mut alice), 0);
	pool.credit(&mut store, 0, 1, 2).unwrap();
	// The two halves make a planck: the first was carried, not lost.
	assert_eq!(settle(&pool, &store, &mut alice), 1);
}

#[test]
fn positions_are_kept_per_version_and_earn_only_from_their_version_on() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	let mut alice = holding(&pool, &store, 0, 1);
	pool.credit(&mut store, 0, 1_000, 1).unwrap();
	// Versions across chunks, including the last a pool covers.
	for version in [1, 2, 63, 64, 65, 1_000, MAX_VERSIONS - 1] {
		pool.credit(&mut store, version, 1_000, 1).unwrap();
	}
	assert_eq!(settle(&pool, &store, &mut alice), 8_000);
	// Alice adds shares at version 100: they earn nothing already paid, only what comes.
	pool.add_shares(&store, &mut alice, 100, 1).unwrap();
	pool.add_shares(&store, &mut alice, 100, 1).unwrap();
	assert_eq!(
		alice.positions.to_vec(),
		vec![Position { version: 0, shares: 1 }, Position { version: 100, shares: 2 }]
	);
	assert_eq!(pending(&pool, &store, &alice), 0);
	// Version 99 holds only the first share; version 100 all three.
	pool.credit(&mut store, 99, 1_000, 1).unwrap();
	pool.credit(&mut store, 100, 3_000, 3).unwrap();
	assert_eq!(settle(&pool, &store, &mut alice), 4_000);
}

#[test]
fn settling_reads_each_chunk_its_positions_fall_in_once() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	let mut alice = TestHolding::default();
	// Offsets 0 need no chunk (the summary has the whole chunk's sum).
	for version in [0, 5, 6, 64, 200, 201] {
		pool.add_shares(&store, &mut alice, version, 1).unwrap();
	}
	pool.credit(&mut store, 300, 600, 6).unwrap();
	let (owed, walk) = pool.settle(&store, &mut alice).unwrap();
	assert_eq!(owed, 600);
	assert_eq!(walk, Walk { positions: 6, chunks: 2 });
}

#[test]
fn versions_beyond_the_pool_are_refused_and_change_nothing() {
	let (mut pool, mut store) = (PoolState::default(), MapStore::default());
	assert_eq!(pool.credit(&mut store, MAX_VERSIONS, 10, 1), Err(PoolError::VersionOutOfRange));
	assert_eq!(pool, PoolState::default());
	assert!(store.0.is_empty());
}

#[test]
fn a_full_holding_refuses_another_version_and_changes_nothing() {
	let (pool, store) = (PoolState::default(), MapStore::default());
	let mut full = Holding::<ConstU32<2>>::default();
	pool.add_shares(&store, &mut full, 0, 1).unwrap();
	pool.add_shares(&store, &mut full, 1, 1).unwrap();
	let before = full.clone();
	assert_eq!(pool.add_shares(&store, &mut full, 2, 1), Err(PoolError::TooManyPositions));
	assert_eq!(full, before);
	// A version it already has still takes shares.
	assert_eq!(pool.add_shares(&store, &mut full, 1, 1), Ok(()));
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
	let before = pool.clone();
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
	/// `contributor` settles their holding.
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
	/// less at most one planck per payment of rounding and the fraction of a planck carried.
	/// Versions spread over several chunks (`stride`), however many contributions.
	#[test]
	fn matches_the_naive_calculation(
		first in 1..1_000u64,
		stride in 1..40u32,
		ops in proptest::collection::vec(op(), 1..100),
	) {
		let (mut pool, mut store) = (PoolState::default(), MapStore::default());
		// Version 0: contributor 0 holds `first` shares. Later versions are `stride` apart.
		let mut versions = vec![0u32];
		let mut totals = vec![first];
		let mut holdings: Vec<TestHolding> = vec![holding(&pool, &store, 0, first), TestHolding::default(), TestHolding::default(), TestHolding::default()];
		let mut shares_at: Vec<Vec<u64>> = vec![vec![first, 0, 0, 0]];
		let mut claimed = [0u128; 4];
		// Naive entitlement as an exact fraction per contributor, kept as floor and ceiling.
		let (mut naive_floor, mut naive_ceil) = ([0u128; 4], [0u128; 4]);
		let mut payments = 0u128;

		for op in ops {
			match op {
				Op::Contribute { contributor, shares } => {
					let version = versions.last().unwrap() + stride;
					if version >= MAX_VERSIONS {
						continue;
					}
					versions.push(version);
					totals.push(totals.last().unwrap() + shares);
					let mut row = shares_at.last().unwrap().clone();
					row[contributor] += shares;
					shares_at.push(row);
					pool.add_shares(&store, &mut holdings[contributor], version, shares).unwrap();
				},
				Op::Pay { pick, amount } => {
					let index = pick % totals.len();
					pool.credit(&mut store, versions[index], amount, totals[index]).unwrap();
					payments += 1;
					for c in 0..4 {
						let numerator = amount * u128::from(shares_at[index][c]);
						let total = u128::from(totals[index]);
						naive_floor[c] += numerator / total;
						naive_ceil[c] += numerator.div_ceil(total);
					}
				},
				Op::Claim { contributor } => {
					claimed[contributor] += settle(&pool, &store, &mut holdings[contributor]);
				},
			}
		}

		let mut owed_to_all = 0u128;
		for c in 0..4 {
			let got = claimed[c] + pending(&pool, &store, &holdings[c]);
			owed_to_all += got;
			prop_assert!(got <= naive_ceil[c], "contributor {c} got {got} > {}", naive_ceil[c]);
			prop_assert!(got + payments + 1 >= naive_floor[c], "contributor {c} got {got}, naive {}", naive_floor[c]);
		}
		// Conservation: never more owed than paid in; what is not owed is bounded by the
		// tracked dust plus a fraction of a planck per holding.
		prop_assert!(owed_to_all <= pool.paid_in);
		prop_assert!(pool.paid_in - owed_to_all <= pool.dust + 4);
	}
}
