//! Benchmarks of every call, with components that count the work a call does (see
//! [`charges`](crate::charges)): models reached and pools credited by a payment, positions
//! settled and chunks read by a claim, pools gone through by `claim_all`; every pool's
//! chunk read at its longest. And two showing that a payment's cost does not depend on how
//! many contributors a dataset has: `pay_with_contributors`, at a fixed state size, and its
//! control `pay_with_other_contributors`, which grows the state instead.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	reason = "benchmark setup runs off-chain; a failure there must abort the benchmark"
)]

use super::*;
use alloc::{vec, vec::Vec};
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
use sp_runtime::Perbill;

use crate::{
	pool::{Holding, Position},
	worst_case,
};

const SEED: u32 = 0;
const PLENTY: u128 = 1_000_000_000_000_000_000;
/// The most contributors the flatness benchmarks put in the state.
const MANY_CONTRIBUTORS: u32 = 100_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	T::Currency::set_balance(&who, PLENTY);
	who
}

/// The signer of the benchmarked call, funded. Its account is whitelisted: the transaction's
/// fee payment already reads and writes it, and that is in the extrinsic's base weight.
fn funded_caller<T: Config>() -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(&who, PLENTY);
	who
}

/// A dataset whose pool was never paid.
fn unpaid_dataset<T: Config>() -> DatasetId {
	let (dataset, _) = T::BenchmarkHelper::create_dataset(License {
		training_allowed: true,
		commercial_use_allowed: true,
		training_fee: 1_000_000,
	});
	dataset
}

/// A dataset whose pool's first chunk is full, so paying it reads and writes the longest chunk.
fn new_dataset<T: Config>() -> (DatasetId, DatasetVersion) {
	let (dataset, version) = T::BenchmarkHelper::create_dataset(License {
		training_allowed: true,
		commercial_use_allowed: true,
		training_fee: 1_000_000,
	});
	worst_case::fill_first_chunk::<T>(dataset).unwrap();
	(dataset, version)
}

/// `count` contributors of `dataset`, one share each at version 0, accounts numbered from
/// `first`.
fn insert_contributors<T: Config>(dataset: DatasetId, first: u32, count: u32) {
	let position = Position { version: 0, shares: 1 };
	let contributor = ContributorAccount::<T> {
		holding: Holding {
			positions: BoundedVec::truncate_from(vec![position]),
			debt: U256::zero(),
		},
		settled: 0,
		earned: 0,
	};
	for index in first..first + count {
		let who: T::AccountId = account("contributor", index, SEED);
		Contributors::<T>::insert(dataset, who, &contributor);
	}
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

/// A chain of `models` models, each fine-tuned from the previous one, trained on `pools`
/// fresh datasets in all (as evenly spread as they go); returns the newest.
fn lineage_chain<T: Config>(models: u32, pools: u32) -> ModelId {
	let owner = funded::<T>("owner", 0);
	let mut parent = None;
	for index in 0..models {
		let datasets = pools / models + u32::from(index < pools % models);
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
		parent = Some(T::BenchmarkHelper::create_model(owner.clone(), split, parents, uses));
	}
	parent.unwrap()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `m` models reached, `p` pools credited. `p` is measured up to one model's datasets
	/// (spread over the `m` models) so that the two components vary independently; a pool
	/// credit costs the same whichever model names it, so the slope holds up to
	/// `MaxPaidModels × MaxDatasetsPerModel`.
	#[benchmark]
	fn pay(
		m: Linear<1, { T::MaxPaidModels::get() }>,
		p: Linear<0, { T::MaxDatasetsPerModel::get() }>,
	) {
		let model = lineage_chain::<T>(m, p);
		let payer = funded_caller::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), model, 1_000_000_000);

		assert_eq!(ModelStatements::<T>::get(model).revenue, 1_000_000_000);
	}

	/// Not a call: `pay` on a dataset with `c` contributors, to show its cost is flat in `c`.
	/// The state holds `MANY_CONTRIBUTORS` contributor entries at every `c` (the rest belong to
	/// another dataset), so the only thing that varies is how many the paid dataset has; the
	/// cost of a larger state as such is measured by `pay_with_other_contributors`.
	#[benchmark]
	fn pay_with_contributors(c: Linear<1, MANY_CONTRIBUTORS>) {
		let model = lineage_chain::<T>(1, 1);
		let dataset = T::Models::royalty_terms(model).unwrap().datasets.first().unwrap().dataset;
		insert_contributors::<T>(dataset, 0, c);
		insert_contributors::<T>(unpaid_dataset::<T>(), c, MANY_CONTRIBUTORS - c);
		let payer = funded_caller::<T>();

		#[block]
		{
			Pallet::<T>::do_pay(&payer, model, 1_000_000_000).unwrap();
		}

		assert_eq!(ModelStatements::<T>::get(model).revenue, 1_000_000_000);
	}

	/// Not a call: the control for `pay_with_contributors`. `pay` on a dataset with one
	/// contributor while another dataset has `k`: the state grows under the same storage map
	/// but nothing the payment touches changes, so any slope here is the cost of the state's
	/// size (a deeper trie), not of contributors.
	#[benchmark]
	fn pay_with_other_contributors(k: Linear<1, MANY_CONTRIBUTORS>) {
		let model = lineage_chain::<T>(1, 1);
		let dataset = T::Models::royalty_terms(model).unwrap().datasets.first().unwrap().dataset;
		insert_contributors::<T>(dataset, 0, 1);
		insert_contributors::<T>(unpaid_dataset::<T>(), 1, k);
		let payer = funded_caller::<T>();

		#[block]
		{
			Pallet::<T>::do_pay(&payer, model, 1_000_000_000).unwrap();
		}

		assert_eq!(ModelStatements::<T>::get(model).revenue, 1_000_000_000);
	}

	#[benchmark]
	fn pay_training_fee() {
		let (dataset, version) = new_dataset::<T>();
		let payer = funded_caller::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), dataset, version);

		assert!(PoolChunks::<T>::get(dataset, 0).paid_in > 0);
	}

	/// `p` positions settled, `c` chunks read: the dataset's versions span `c` chunks and the
	/// positions start in the first.
	#[benchmark]
	fn claim(p: Linear<1, { T::MaxVersions::get() }>, c: Linear<1, { Pallet::<T>::max_chunks() }>) {
		let dataset = unpaid_dataset::<T>();
		let who = funded_caller::<T>();
		worst_case::span_chunks::<T>(dataset, c);
		let versions = worst_case::spread_versions::<T>(p, c);
		worst_case::owed_holding::<T>(dataset, &who, &versions, c).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), dataset);

		assert_eq!(Contributors::<T>::get(dataset, &who).settled, 0);
	}

	/// `n` pools of one position each, reading one chunk each: what each further position and
	/// chunk costs is `claim`'s.
	#[benchmark]
	fn claim_all(n: Linear<1, { T::MaxClaimAll::get() }>) {
		let who = funded_caller::<T>();
		for _ in 0..n {
			let dataset = unpaid_dataset::<T>();
			worst_case::owed_holding::<T>(dataset, &who, &[0], 1).unwrap();
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(who));
	}

	#[benchmark]
	fn claim_earnings() {
		let who = funded_caller::<T>();
		OwnerEarnings::<T>::insert(&who, Earnings { claimable: 1_000_000, earned: 1_000_000 });
		T::Currency::set_balance(&Pallet::<T>::pot(), PLENTY);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(OwnerEarnings::<T>::get(&who).claimable, 0);
	}

	impl_benchmark_test_suite!(Pallet, mock::new_test_ext(), mock::Test);
}
