//! Benchmarks of every call at its worst case: the longest lineage a payment follows, the most
//! datasets per model, the most positions and pools per claim, every pool's index as deep as
//! a dataset's versions allow; and two showing that a payment's cost does not depend on how
//! many contributors a dataset has: `pay_with_contributors` and its control,
//! `pay_with_unrelated_keys`, which grows the state by as many keys that nobody reads.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	reason = "benchmark setup runs off-chain; a failure there must abort the benchmark"
)]

use super::*;
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use lineage_primitives::{
	datasets::License,
	models::{DatasetUse, RoyaltySplit},
};
use sp_core::U256;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	Perbill,
};

use crate::{pool::Position, worst_case};

const SEED: u32 = 0;
const PLENTY: u128 = 1_000_000_000_000_000_000;
/// Prefix of the control benchmark's keys, which no pallet reads.
const UNRELATED_PREFIX: &[u8] = b"lineage/benchmark/unrelated";

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	T::Currency::set_balance(&who, PLENTY);
	who
}

/// A dataset whose pool was never paid.
fn unpaid_dataset<T: Config>() -> DatasetId {
	let (dataset, _) = T::Datasets::create_for_benchmark(License {
		training_allowed: true,
		commercial_use_allowed: true,
		training_fee: 1_000_000,
	});
	dataset
}

/// A dataset whose pool index already covers every version a dataset may have, so paying it
/// walks the longest path.
fn new_dataset<T: Config>() -> (DatasetId, DatasetVersion) {
	let (dataset, version) = T::Datasets::create_for_benchmark(License {
		training_allowed: true,
		commercial_use_allowed: true,
		training_fee: 1_000_000,
	});
	worst_case::deepen_pool::<T>(dataset).unwrap();
	(dataset, version)
}

/// `count` weights summing to exactly one.
fn even_weights(count: u32) -> Vec<Perbill> {
	let mut weights = vec![Perbill::from_rational(1, count.max(1)); count as usize];
	let total: u32 = weights.iter().map(|w| w.deconstruct()).sum();
	if let Some(first) = weights.first_mut() {
		*first = Perbill::from_parts(first.deconstruct() + (1_000_000_000 - total));
	}
	weights
}

/// A chain of `models` models, each trained on `datasets` fresh datasets and fine-tuned from
/// the previous one; returns the newest.
fn lineage_chain<T: Config>(models: u32, datasets: u32) -> ModelId {
	let owner = funded::<T>("owner", 0);
	let mut parent = None;
	for _ in 0..models {
		let uses: Vec<DatasetUse> = even_weights(datasets)
			.into_iter()
			.map(|weight| {
				let (dataset, version) = new_dataset::<T>();
				DatasetUse { dataset, version, weight }
			})
			.collect();
		let upstream = if parent.is_some() { Perbill::from_percent(30) } else { Perbill::zero() };
		let data = if datasets > 0 { Perbill::from_percent(20) } else { Perbill::zero() };
		let treasury = Perbill::from_percent(10);
		let split = RoyaltySplit {
			owner: Perbill::one() - upstream - data - treasury,
			upstream,
			data,
			treasury,
		};
		let parents = parent.into_iter().collect();
		parent = Some(T::Models::create_for_benchmark(owner.clone(), split, parents, uses));
	}
	parent.unwrap()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn pay(
		a: Linear<1, { T::MaxPaidModels::get() }>,
		d: Linear<0, { T::MaxDatasetsPerModel::get() }>,
	) {
		let model = lineage_chain::<T>(a, d);
		let payer = funded::<T>("payer", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), model, 1_000_000_000);

		assert_eq!(ModelRevenue::<T>::get(model), 1_000_000_000);
	}

	/// Not a call: `pay` on a dataset with `c` contributors, to show its cost is flat in `c`.
	#[benchmark]
	fn pay_with_contributors(c: Linear<1, 100_000>) {
		let model = lineage_chain::<T>(1, 1);
		let dataset = T::Models::royalty_terms(model).unwrap().datasets.first().unwrap().dataset;
		let position = Position { version: 0, shares: 1, debt: U256::zero() };
		for index in 0..c {
			let who: T::AccountId = account("contributor", index, SEED);
			Contributors::<T>::insert(
				dataset,
				who,
				ContributorAccount::<T> {
					positions: BoundedVec::truncate_from(vec![position]),
					settled: 0,
					earned: 0,
					merges: 0,
				},
			);
		}
		let payer = funded::<T>("payer", 0);

		#[block]
		{
			Pallet::<T>::do_pay(&payer, model, 1_000_000_000).unwrap();
		}

		assert_eq!(ModelRevenue::<T>::get(model), 1_000_000_000);
	}

	/// Not a call: the control for `pay_with_contributors`. `pay` with one contributor after
	/// writing `k` keys of the same size that no pallet reads, so any slope here comes from
	/// the size of the state, not from the contributors.
	#[benchmark]
	fn pay_with_unrelated_keys(k: Linear<1, 100_000>) {
		let model = lineage_chain::<T>(1, 1);
		let dataset = T::Models::royalty_terms(model).unwrap().datasets.first().unwrap().dataset;
		let position = Position { version: 0, shares: 1, debt: U256::zero() };
		let value = ContributorAccount::<T> {
			positions: BoundedVec::truncate_from(vec![position]),
			settled: 0,
			earned: 0,
			merges: 0,
		};
		Contributors::<T>::insert(dataset, account::<T::AccountId>("contributor", 0, SEED), &value);
		for index in 0..k {
			let key = BlakeTwo256::hash(&(UNRELATED_PREFIX, index).encode());
			frame_support::storage::unhashed::put(key.as_bytes(), &value);
		}
		let payer = funded::<T>("payer", 0);

		#[block]
		{
			Pallet::<T>::do_pay(&payer, model, 1_000_000_000).unwrap();
		}

		assert_eq!(ModelRevenue::<T>::get(model), 1_000_000_000);
	}

	#[benchmark]
	fn pay_training_fee() {
		let (dataset, version) = new_dataset::<T>();
		let payer = funded::<T>("payer", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), dataset, version);

		assert!(Pools::<T>::get(dataset).paid_in > 0);
	}

	#[benchmark]
	fn claim(p: Linear<1, { T::MaxPositions::get() }>) {
		let dataset = unpaid_dataset::<T>();
		let who = funded::<T>("contributor", 0);
		worst_case::owed_positions::<T>(dataset, &who, p).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), dataset);

		assert_eq!(Contributors::<T>::get(dataset, &who).settled, 0);
	}

	#[benchmark]
	fn claim_all(n: Linear<1, { T::MaxClaimAll::get() }>) {
		let who = funded::<T>("contributor", 0);
		for _ in 0..n {
			let dataset = unpaid_dataset::<T>();
			worst_case::owed_positions::<T>(dataset, &who, T::MaxPositions::get()).unwrap();
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(who));
	}

	#[benchmark]
	fn claim_earnings() {
		let who = funded::<T>("owner", 0);
		OwnerEarnings::<T>::insert(&who, Earnings { claimable: 1_000_000, earned: 1_000_000 });
		T::Currency::set_balance(&Pallet::<T>::pot(), PLENTY);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(OwnerEarnings::<T>::get(&who).claimable, 0);
	}

	impl_benchmark_test_suite!(Pallet, mock::new_test_ext(), mock::Test);
}
