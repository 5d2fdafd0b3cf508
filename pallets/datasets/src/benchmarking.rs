//! Benchmarks of every call at its worst case: the longest URI, full lists of waiting
//! contributions, first-time contributors.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	reason = "benchmark setup runs off-chain; a failure there must abort the benchmark"
)]

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::{traits::StaticLookup, Saturating};

const SEED: u32 = 0;

/// An account with enough balance for any number of deposits the benchmarks take.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let deposits = T::DatasetDeposit::get()
		.saturating_add(T::ContributionDeposit::get())
		.saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, T::Currency::minimum_balance().saturating_add(deposits));
	who
}

fn longest_uri<T: Config>() -> BoundedVec<u8, T::MaxUriLen> {
	BoundedVec::truncate_from(vec![b'u'; T::MaxUriLen::get() as usize])
}

fn open_license<T: Config>() -> License<BalanceOf<T>> {
	License { training_allowed: true, commercial_use_allowed: true, training_fee: 0u32.into() }
}

/// Registers a dataset with a funded curator and returns it with its first version; used here
/// and, through the runtime's benchmark helpers, by dependent pallets' benchmarks.
pub fn create_dataset<T: Config>(license: License<BalanceOf<T>>) -> (DatasetId, DatasetVersion) {
	let curator = funded::<T>("curator", NextDatasetId::<T>::get());
	let id = Pallet::<T>::do_register(
		curator,
		H256::repeat_byte(1),
		100,
		longest_uri::<T>(),
		H256::repeat_byte(2),
		license,
	)
	.unwrap_or_default();
	(id, 0)
}

/// Publishes versions of `dataset` up to `latest` (one item each, as if each had been a
/// contribution of one item), which becomes its latest version; for dependent pallets'
/// benchmarks that need a dataset with many versions without accepting that many
/// contributions.
pub fn publish_versions<T: Config>(dataset: DatasetId, latest: DatasetVersion) {
	let Some(mut record) = Datasets::<T>::get(dataset) else { return };
	for version in record.latest_version.saturating_add(1)..=latest {
		record.item_count = record.item_count.saturating_add(1);
		Versions::<T>::insert(
			dataset,
			version,
			VersionRecord::<T> {
				root: record.root,
				item_count: record.item_count,
				created_at: frame_system::Pallet::<T>::block_number(),
			},
		);
	}
	record.latest_version = record.latest_version.max(latest);
	Datasets::<T>::insert(dataset, record);
}

/// Records `contributor`'s accepted contribution of one share at version 1 of `dataset`
/// (whose versions must reach it), with `dataset`'s cancelled list one short of full, so that
/// disputing and cancelling it cost the most; for the DAO pallet's dispute benchmarks through
/// the runtime's helper. The royalties side is left to the caller.
pub fn disputable_contribution<T: Config>(
	dataset: DatasetId,
	contributor: &T::AccountId,
) -> ContributionId {
	let id = NextContributionId::<T>::get();
	NextContributionId::<T>::put(id + 1);
	Pallet::<T>::record_accepted(id, dataset, contributor, 1, H256::repeat_byte(6), 1);
	let old = ContributorShares::<T>::get(dataset, contributor).unwrap_or_default();
	ContributorShares::<T>::insert(dataset, contributor, old + 1);
	if old == 0 {
		Datasets::<T>::mutate(dataset, |record| {
			if let Some(record) = record {
				record.contributors += 1;
			}
		});
	}
	let others = vec![(T::MaxVersions::get() - 1, 0); T::MaxCancellations::get() as usize - 1];
	CancelledShares::<T>::insert(dataset, BoundedVec::truncate_from(others));
	id
}

/// A dataset whose pending list holds `pending` contributions from distinct contributors.
fn dataset_with_pending<T: Config>(pending: u32) -> (T::AccountId, DatasetId) {
	let curator = funded::<T>("curator", 0);
	let id = Pallet::<T>::do_register(
		curator.clone(),
		H256::repeat_byte(1),
		100,
		longest_uri::<T>(),
		H256::repeat_byte(2),
		open_license::<T>(),
	)
	.unwrap_or_default();
	for index in 0..pending {
		let contributor = funded::<T>("pending", index);
		let _ = Pallet::<T>::do_propose(contributor, id, H256::repeat_byte(3), 10);
	}
	(curator, id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		let caller = funded::<T>("caller", 0);
		let uri = longest_uri::<T>().into_inner();
		let id = NextDatasetId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			H256::repeat_byte(1),
			100,
			uri,
			H256::repeat_byte(2),
			open_license::<T>(),
		);

		assert!(Datasets::<T>::contains_key(id));
		assert_eq!(ContributorShares::<T>::get(id, &caller), Some(100));
	}

	#[benchmark]
	fn propose_contribution() {
		let (_, id) = dataset_with_pending::<T>(T::MaxPendingContributions::get() - 1);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, H256::repeat_byte(4), 10);

		assert_eq!(
			PendingContributions::<T>::get(id).len() as u32,
			T::MaxPendingContributions::get()
		);
	}

	#[benchmark]
	fn accept_contribution() {
		let (curator, id) = dataset_with_pending::<T>(T::MaxPendingContributions::get());
		// The last one: removing it from the pending list scans the whole list.
		let contribution = NextContributionId::<T>::get() - 1;
		let contributor = Contributions::<T>::get(contribution)
			.map(|c| c.contributor)
			.ok_or("contribution missing")
			.unwrap();
		// The runtime's share-change hook (royalties) at its costliest.
		T::BenchmarkHelper::prepare_share_change(id, &contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), contribution, H256::repeat_byte(5));

		assert_eq!(Datasets::<T>::get(id).map(|d| d.latest_version), Some(1));
	}

	#[benchmark]
	fn reject_contribution() {
		let (curator, id) = dataset_with_pending::<T>(T::MaxPendingContributions::get());
		let contribution = NextContributionId::<T>::get() - 1;

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), contribution);

		assert!(!PendingContributions::<T>::get(id).contains(&contribution));
	}

	#[benchmark]
	fn withdraw_contribution() {
		let (_, id) = dataset_with_pending::<T>(T::MaxPendingContributions::get());
		let contribution = NextContributionId::<T>::get() - 1;
		let contributor = Contributions::<T>::get(contribution)
			.map(|c| c.contributor)
			.ok_or("contribution missing")
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(contributor), contribution);

		assert!(!PendingContributions::<T>::get(id).contains(&contribution));
	}

	#[benchmark]
	fn transfer_curator() {
		let (curator, id) = dataset_with_pending::<T>(0);
		let new_curator: T::AccountId = account("new", 0, SEED);
		let target = T::Lookup::unlookup(new_curator.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id, target);

		assert_eq!(Datasets::<T>::get(id).map(|d| d.curator), Some(new_curator));
	}

	#[benchmark]
	fn retire(p: Linear<0, { T::MaxPendingContributions::get() }>) {
		let (curator, id) = dataset_with_pending::<T>(p);

		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id);

		assert_eq!(Datasets::<T>::get(id).map(|d| d.status), Some(DatasetStatus::Retired));
		assert!(PendingContributions::<T>::get(id).is_empty());
	}

	impl_benchmark_test_suite!(Pallet, mock::new_test_ext(), mock::Test);
}
