//! What other pallets and the runtime API read: [`DatasetInspect`] and the query helpers
//! behind `DatasetsApi`.

use alloc::vec::Vec;
use lineage_primitives::{
	apis::MAX_PAGE,
	datasets::{DatasetId, DatasetInspect, DatasetVersion, License, Shares},
};

use crate::{
	BalanceOf, CancelledShares, Config, ContributorShares, CuratorDatasets, Dataset, Datasets,
	Pallet, VersionRecord, Versions,
};

impl<T: Config> DatasetInspect<BalanceOf<T>> for Pallet<T> {
	fn license_at(dataset: DatasetId, version: DatasetVersion) -> Option<License<BalanceOf<T>>> {
		let record = Datasets::<T>::get(dataset)?;
		Versions::<T>::contains_key(dataset, version).then_some(record.license)
	}

	fn shares_at(dataset: DatasetId, version: DatasetVersion) -> Option<Shares> {
		let items = Versions::<T>::get(dataset, version)?.item_count;
		let cancelled = CancelledShares::<T>::get(dataset)
			.iter()
			.filter(|(at, _)| *at <= version)
			.fold(0u64, |sum, (_, shares)| sum.saturating_add(*shares));
		// A cancelled contribution's items are in every version from its own on.
		Some(items.saturating_sub(cancelled))
	}

	fn latest_version(dataset: DatasetId) -> Option<DatasetVersion> {
		Datasets::<T>::get(dataset).map(|record| record.latest_version)
	}

	fn max_versions() -> u32 {
		<T::MaxVersions as frame_support::traits::Get<u32>>::get()
	}
}

impl<T: Config> Pallet<T> {
	/// The dataset, if registered.
	pub fn dataset(id: DatasetId) -> Option<Dataset<T>> {
		Datasets::<T>::get(id)
	}

	/// Up to `limit` (capped at [`MAX_PAGE`]) versions from `from` on, oldest first.
	pub fn versions(
		id: DatasetId,
		from: DatasetVersion,
		limit: u32,
	) -> Vec<(DatasetVersion, VersionRecord<T>)> {
		let Some(record) = Datasets::<T>::get(id) else { return Vec::new() };
		(from..=record.latest_version)
			.take(limit.min(MAX_PAGE) as usize)
			.filter_map(|version| Versions::<T>::get(id, version).map(|v| (version, v)))
			.collect()
	}

	/// Up to `limit` (capped at [`MAX_PAGE`]) contributors with their shares, in storage order,
	/// after `start_after`.
	pub fn contributors_page(
		id: DatasetId,
		start_after: Option<T::AccountId>,
		limit: u32,
	) -> Vec<(T::AccountId, Shares)> {
		let page = limit.min(MAX_PAGE) as usize;
		match start_after {
			Some(last) => ContributorShares::<T>::iter_prefix_from(
				id,
				ContributorShares::<T>::hashed_key_for(id, last),
			)
			.take(page)
			.collect(),
			None => ContributorShares::<T>::iter_prefix(id).take(page).collect(),
		}
	}

	/// Ids of the datasets `curator` curates, ascending.
	pub fn datasets_of_curator(curator: T::AccountId) -> Vec<DatasetId> {
		let mut ids: Vec<DatasetId> = CuratorDatasets::<T>::iter_key_prefix(curator).collect();
		ids.sort_unstable();
		ids
	}
}
