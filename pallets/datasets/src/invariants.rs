//! `try_state` invariants, checked after every unit test and by `try-runtime`.

use alloc::collections::BTreeMap;
use frame_support::ensure;
use lineage_primitives::datasets::DatasetId;
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};

use crate::{
	AcceptedContributions, BalanceOf, CancelledShares, Config, Contributions, ContributorShares,
	CuratorDatasets, DatasetStatus, Datasets, HoldReason, NextContributionId, NextDatasetId,
	Pallet, PendingContributions, Versions,
};

impl<T: Config> Pallet<T> {
	/// Checks that versions, shares, indices, waiting contributions and held deposits all
	/// agree with the dataset records.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut dataset_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut contribution_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();

		for (id, dataset) in Datasets::<T>::iter() {
			ensure!(id < NextDatasetId::<T>::get(), "dataset id not below NextDatasetId");

			// Versions 0..=latest, and nothing beyond; the latest matches the record.
			let versions = Versions::<T>::iter_key_prefix(id).count();
			ensure!(
				versions as u64 == u64::from(dataset.latest_version).saturating_add(1),
				"versions are not exactly 0..=latest_version"
			);
			let latest = Versions::<T>::get(id, dataset.latest_version)
				.ok_or("latest version record missing")?;
			ensure!(latest.root == dataset.root, "latest version root differs from dataset root");
			ensure!(latest.item_count == dataset.item_count, "latest version item count differs");

			// Shares follow items, less the cancelled contributions'.
			let (mut shares, mut holders) = (0u64, 0u32);
			for (_, held) in ContributorShares::<T>::iter_prefix(id) {
				ensure!(!held.is_zero(), "zero shares stored");
				shares = shares.checked_add(held).ok_or("shares overflow")?;
				holders = holders.saturating_add(1);
			}
			let cancelled = CancelledShares::<T>::get(id)
				.iter()
				.try_fold(0u64, |sum, (_, shares)| sum.checked_add(*shares))
				.ok_or("cancelled shares overflow")?;
			ensure!(
				shares == dataset.item_count.saturating_sub(cancelled),
				"shares do not sum to the item count less the cancelled shares"
			);
			ensure!(holders == dataset.contributors, "contributor count is wrong");

			ensure!(
				CuratorDatasets::<T>::contains_key(&dataset.curator, id),
				"curator index misses a dataset"
			);

			let pending = PendingContributions::<T>::get(id);
			match dataset.status {
				DatasetStatus::Active => {
					let total = dataset_deposits.entry(dataset.depositor.clone()).or_default();
					*total = total.saturating_add(dataset.deposit);
				},
				DatasetStatus::Retired => {
					ensure!(dataset.deposit.is_zero(), "retired dataset still records a deposit");
					ensure!(pending.is_empty(), "retired dataset has waiting contributions");
				},
			}
			for contribution in pending.iter() {
				let record = Contributions::<T>::get(contribution)
					.ok_or("pending list names a missing contribution")?;
				ensure!(record.dataset == id, "pending contribution belongs to another dataset");
			}
		}

		for (id, contribution) in Contributions::<T>::iter() {
			ensure!(id < NextContributionId::<T>::get(), "contribution id not below next id");
			ensure!(
				PendingContributions::<T>::get(contribution.dataset).contains(&id),
				"contribution missing from its dataset's pending list"
			);
			let total = contribution_deposits.entry(contribution.contributor.clone()).or_default();
			*total = total.saturating_add(contribution.deposit);
		}

		// Cancelled contributions, as recorded, against each dataset's cancelled list.
		let mut cancelled: BTreeMap<DatasetId, (u32, u64)> = BTreeMap::new();
		for (id, accepted) in AcceptedContributions::<T>::iter() {
			ensure!(id < NextContributionId::<T>::get(), "accepted id not below next id");
			ensure!(
				!Contributions::<T>::contains_key(id),
				"a contribution both waits and is accepted"
			);
			let dataset = Datasets::<T>::get(accepted.dataset)
				.ok_or("accepted contribution of a missing dataset")?;
			ensure!(
				accepted.version > 0 && accepted.version <= dataset.latest_version,
				"accepted contribution at a version the dataset does not have"
			);
			if accepted.cancelled_at.is_some() {
				let (count, shares) = cancelled.entry(accepted.dataset).or_default();
				*count = count.saturating_add(1);
				*shares = shares.saturating_add(accepted.shares);
			}
		}
		for (dataset, list) in CancelledShares::<T>::iter() {
			let count = u32::try_from(list.len()).unwrap_or(u32::MAX);
			let shares = list.iter().fold(0u64, |sum, (_, shares)| sum.saturating_add(*shares));
			ensure!(
				cancelled.remove(&dataset) == Some((count, shares)),
				"a dataset's cancelled list differs from its cancelled contributions"
			);
		}
		ensure!(cancelled.is_empty(), "a cancelled contribution missing from its dataset's list");

		for (curator, id, ()) in CuratorDatasets::<T>::iter() {
			let dataset = Datasets::<T>::get(id).ok_or("curator index names a missing dataset")?;
			ensure!(dataset.curator == curator, "curator index names the wrong curator");
		}

		// Every account, so that a hold without a record is caught too.
		for who in frame_system::Account::<T>::iter_keys() {
			ensure!(
				Self::held(&who, HoldReason::DatasetDeposit)
					== dataset_deposits.get(&who).copied().unwrap_or_default(),
				"held dataset deposits differ from recorded deposits"
			);
			ensure!(
				Self::held(&who, HoldReason::ContributionDeposit)
					== contribution_deposits.get(&who).copied().unwrap_or_default(),
				"held contribution deposits differ from recorded deposits"
			);
		}
		Ok(())
	}
}
