#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "tests fail loudly by design"
)]

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

/// Chunks in a map; the top chunk is the highest written, as a dataset's latest version
/// bounds the versions paid.
#[derive(Default)]
struct MapStore(BTreeMap<u32, PoolChunk>);

impl ChunkStore for MapStore {
	fn chunk(&self, index: u32) -> PoolChunk {
		self.0.get(&index).cloned().unwrap_or_default()
	}
	fn set_chunk(&mut self, index: u32, chunk: PoolChunk) {
		self.0.insert(index, chunk);
	}
	fn top_chunk(&self) -> u32 {
		self.0.keys().next_back().copied().unwrap_or_default()
	}
}

impl MapStore {
	fn paid_in(&self) -> u128 {
		paid_in_and_dust(self).0
	}
	fn dust(&self) -> u128 {
		paid_in_and_dust(self).1
	}
}

type TestHolding = Holding<ConstU32<MAX_VERSIONS>>;

/// A holding of `shares` counting from `version`, opened now.
fn holding(store: &MapStore, version: u32, shares: u64) -> TestHolding {
	let mut holding = TestHolding::default();
	add_shares(store, &mut holding, version, shares).unwrap();
	holding
}

fn settled(store: &MapStore, holding: &mut TestHolding) -> u128 {
	settle(store, holding).unwrap().0
}

fn owed_now(store: &MapStore, holding: &TestHolding) -> u128 {
	pending(store, holding).unwrap().0
}

#[test]
fn a_payment_is_split_by_shares_of_the_version_paid_for() {
	let mut store = MapStore::default();
	// Version 0: Alice 30 shares. Version 1: Bob adds 10.
	let mut alice = holding(&store, 0, 30);
	let mut bob = holding(&store, 1, 10);

	// A model trained on version 0 pays 300: all of it is Alice's.
	assert_eq!(credit(&mut store, 0, 300, 30), Ok(300));
	// A model trained on version 1 pays 400: 3/4 Alice, 1/4 Bob.
	assert_eq!(credit(&mut store, 1, 400, 40), Ok(400));

	assert_eq!(settled(&store, &mut alice), 600);
	assert_eq!(settled(&store, &mut bob), 100);
	// Settled holdings owe nothing until the next payment.
	assert_eq!(owed_now(&store, &alice), 0);
	assert_eq!((store.paid_in(), store.dust()), (700, 0));
}

#[test]
fn a_payment_writes_one_chunk_with_its_totals() {
	let mut store = MapStore::default();
	credit(&mut store, 130, 1_001, 3).unwrap();
	// Version 130 is offset 2 of chunk 2: that chunk alone is written, long enough for it.
	assert_eq!(store.0.keys().copied().collect::<Vec<_>>(), vec![2]);
	let chunk = &store.0[&2];
	assert_eq!(chunk.accumulators.len(), 3);
	// ⌊1001·10¹⁸/3⌋ per share; the three shares are owed 1000, the rest is dust.
	assert_eq!(chunk.accumulators[2], U256::from(333_666_666_666_666_666_666u128));
	assert_eq!((chunk.paid_in, chunk.dust), (1_001, 1));
}

#[test]
fn rounding_goes_to_dust_and_never_creates_money() {
	let mut store = MapStore::default();
	let holdings: Vec<_> = (0..3).map(|_| holding(&store, 0, 1)).collect();
	// 10 over 3 shares: each is owed ⌊10/3⌋ = 3; the remainder is tracked.
	let owed = credit(&mut store, 0, 10, 3).unwrap();
	let owed_to_all: u128 = holdings.iter().map(|h| owed_now(&store, h)).sum();
	assert_eq!((owed, owed_to_all), (9, 9));
	assert_eq!(store.dust(), 1);
}

#[test]
fn fractions_of_a_planck_carry_to_the_next_settlement() {
	let mut store = MapStore::default();
	let mut alice = holding(&store, 0, 1);
	let _bob = holding(&store, 0, 1);
	// Each payment of 1 over 2 shares owes Alice half a planck.
	credit(&mut store, 0, 1, 2).unwrap();
	assert_eq!(settled(&store, &mut alice), 0);
	credit(&mut store, 0, 1, 2).unwrap();
	// The two halves make a planck: the first was carried, not lost.
	assert_eq!(settled(&store, &mut alice), 1);
}

#[test]
fn positions_are_kept_per_version_and_earn_only_from_their_version_on() {
	let mut store = MapStore::default();
	let mut alice = holding(&store, 0, 1);
	credit(&mut store, 0, 1_000, 1).unwrap();
	// Versions across chunks, including the last a pool covers.
	for version in [1, 2, 63, 64, 65, 1_000, MAX_VERSIONS - 1] {
		credit(&mut store, version, 1_000, 1).unwrap();
	}
	assert_eq!(settled(&store, &mut alice), 8_000);
	// Alice adds shares at version 100: they earn nothing already paid, only what comes.
	add_shares(&store, &mut alice, 100, 1).unwrap();
	add_shares(&store, &mut alice, 100, 1).unwrap();
	assert_eq!(
		alice.positions.to_vec(),
		vec![Position { version: 0, shares: 1 }, Position { version: 100, shares: 2 }]
	);
	assert_eq!(owed_now(&store, &alice), 0);
	// Version 99 holds only the first share; version 100 all three.
	credit(&mut store, 99, 1_000, 1).unwrap();
	credit(&mut store, 100, 3_000, 3).unwrap();
	assert_eq!(settled(&store, &mut alice), 4_000);
}

#[test]
fn settling_reads_each_chunk_from_the_top_down_to_the_oldest_position_once() {
	let mut store = MapStore::default();
	let mut alice = TestHolding::default();
	for version in [64, 65, 200, 201] {
		add_shares(&store, &mut alice, version, 1).unwrap();
	}
	// Payments in chunks 1, 3 and 4 (the top); positions in chunks 1 and 3.
	credit(&mut store, 66, 200, 2).unwrap();
	credit(&mut store, 201, 100, 4).unwrap();
	credit(&mut store, 300, 400, 4).unwrap();
	let (owed, walk) = settle(&store, &mut alice).unwrap();
	assert_eq!(owed, 700);
	// Chunks 4, 3, 2 and 1: the empty chunk 2 too, never chunk 0.
	assert_eq!(walk, Walk { positions: 4, chunks: 4 });
	// Opening a position at the top reads the top chunk only.
	let mut bob = TestHolding::default();
	let mut reader = SuffixReader::new(&store);
	reader.suffix(300);
	assert_eq!(reader.walk.chunks, 1);
	add_shares(&store, &mut bob, 300, 1).unwrap();
	assert_eq!(owed_now(&store, &bob), 0);
}

#[test]
fn versions_beyond_the_pool_are_refused_and_change_nothing() {
	let mut store = MapStore::default();
	assert_eq!(credit(&mut store, MAX_VERSIONS, 10, 1), Err(PoolError::VersionOutOfRange));
	assert!(store.0.is_empty());
}

#[test]
fn removed_shares_are_settled_first_then_earn_nothing() {
	let mut store = MapStore::default();
	let mut alice = holding(&store, 0, 2);
	add_shares(&store, &mut alice, 70, 3).unwrap();
	credit(&mut store, 70, 500, 5).unwrap();
	// Alice's 3 shares at version 70 are cancelled: the 500 is hers, and it is settled now.
	let (owed, walk) = remove_shares(&mut store, &mut alice, 70, 3).unwrap();
	assert_eq!(owed, 500);
	// Both chunks, from the top (70's) down to the oldest position's.
	assert_eq!(walk.chunks, 2);
	assert_eq!(alice.positions.to_vec(), vec![Position { version: 0, shares: 2 }]);
	assert_eq!(owed_now(&store, &alice), 0);
	// Version 70 now has 2 shares, both Alice's at version 0: she earns every payment.
	credit(&mut store, 70, 200, 2).unwrap();
	assert_eq!(settled(&store, &mut alice), 200);
}

#[test]
fn removing_shares_not_held_is_refused_and_changes_nothing() {
	let mut store = MapStore::default();
	let mut alice = holding(&store, 1, 2);
	credit(&mut store, 1, 100, 2).unwrap();
	let before = alice.clone();
	assert_eq!(remove_shares(&mut store, &mut alice, 0, 1), Err(PoolError::NotHeld));
	assert_eq!(remove_shares(&mut store, &mut alice, 1, 3), Err(PoolError::NotHeld));
	assert_eq!(alice, before);
	assert_eq!(owed_now(&store, &alice), 100);
}

#[test]
fn a_full_holding_refuses_another_version_and_changes_nothing() {
	let store = MapStore::default();
	let mut full = Holding::<ConstU32<2>>::default();
	add_shares(&store, &mut full, 0, 1).unwrap();
	add_shares(&store, &mut full, 1, 1).unwrap();
	let before = full.clone();
	assert_eq!(add_shares(&store, &mut full, 2, 1), Err(PoolError::TooManyPositions));
	assert_eq!(full, before);
	// A version it already has still takes shares.
	assert_eq!(add_shares(&store, &mut full, 1, 1), Ok(()));
}

#[test]
fn paying_a_version_without_shares_is_refused_and_changes_nothing() {
	let mut store = MapStore::default();
	assert_eq!(credit(&mut store, 0, 10, 0), Err(PoolError::NoShares));
	assert!(store.0.is_empty());
}

#[test]
fn amounts_beyond_the_fixed_point_range_are_refused() {
	let mut store = MapStore::default();
	credit(&mut store, 0, u128::MAX, 1).unwrap();
	let before = store.0.clone();
	// The chunk's paid_in no longer fits another maximal payment.
	assert_eq!(credit(&mut store, 0, u128::MAX, 1), Err(PoolError::Overflow));
	assert_eq!(store.0, before);
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
	/// The contribution that made version `pick % versions` (not version 0) is cancelled.
	Cancel { pick: usize },
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		(0..4usize, 1..1_000u64)
			.prop_map(|(contributor, shares)| Op::Contribute { contributor, shares }),
		(any::<usize>(), 0..10_000_000_000_000u128)
			.prop_map(|(pick, amount)| Op::Pay { pick, amount }),
		(0..4usize).prop_map(|contributor| Op::Claim { contributor }),
		any::<usize>().prop_map(|pick| Op::Cancel { pick }),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(512))]

	/// Funds are conserved exactly, and each contributor gets what the naive O(contributors)
	/// calculation gives (shares at the version paid for / total shares of that version),
	/// less at most one planck per payment of rounding and the fraction of a planck carried.
	/// Versions spread over several chunks (`stride`), however many contributions; cancelled
	/// contributions keep what they earned before and earn nothing after.
	#[test]
	fn matches_the_naive_calculation(
		first in 1..1_000u64,
		stride in 1..40u32,
		ops in proptest::collection::vec(op(), 1..100),
	) {
		let mut store = MapStore::default();
		// Version 0: contributor 0 holds `first` shares. Later versions are `stride` apart.
		let mut versions = vec![0u32];
		let mut totals = vec![first];
		let mut holdings: Vec<TestHolding> = vec![holding(&store, 0, first), TestHolding::default(), TestHolding::default(), TestHolding::default()];
		let mut shares_at: Vec<Vec<u64>> = vec![vec![first, 0, 0, 0]];
		let mut claimed = [0u128; 4];
		// Who made each version and with how many shares; `None` once cancelled.
		let mut made: Vec<Option<(usize, u64)>> = vec![None];
		let mut cancels = 0u128;
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
					made.push(Some((contributor, shares)));
					add_shares(&store, &mut holdings[contributor], version, shares).unwrap();
				},
				Op::Cancel { pick } => {
					let index = pick % made.len();
					let Some((contributor, shares)) = made[index].take() else { continue };
					for later in index..totals.len() {
						totals[later] -= shares;
						shares_at[later][contributor] -= shares;
					}
					let (owed, _) =
						remove_shares(&mut store, &mut holdings[contributor], versions[index], shares)
							.unwrap();
					claimed[contributor] += owed;
					cancels += 1;
				},
				Op::Pay { pick, amount } => {
					let index = pick % totals.len();
					if totals[index] == 0 {
						// Every share of that version was cancelled: the payment is refused.
						prop_assert_eq!(credit(&mut store, versions[index], amount, 0), Err(PoolError::NoShares));
						continue;
					}
					credit(&mut store, versions[index], amount, totals[index]).unwrap();
					payments += 1;
					for c in 0..4 {
						let numerator = amount * u128::from(shares_at[index][c]);
						let total = u128::from(totals[index]);
						naive_floor[c] += numerator / total;
						naive_ceil[c] += numerator.div_ceil(total);
					}
				},
				Op::Claim { contributor } => {
					claimed[contributor] += settled(&store, &mut holdings[contributor]);
				},
			}
		}

		let mut owed_to_all = 0u128;
		for c in 0..4 {
			let got = claimed[c] + owed_now(&store, &holdings[c]);
			owed_to_all += got;
			prop_assert!(got <= naive_ceil[c], "contributor {c} got {got} > {}", naive_ceil[c]);
			prop_assert!(got + payments + cancels + 1 >= naive_floor[c], "contributor {c} got {got}, naive {}", naive_floor[c]);
		}
		// Conservation: never more owed than paid in; what is not owed is bounded by the
		// tracked dust plus a fraction of a planck per holding.
		prop_assert!(owed_to_all <= store.paid_in());
		prop_assert!(store.paid_in() - owed_to_all <= store.dust() + 4);
	}
}
