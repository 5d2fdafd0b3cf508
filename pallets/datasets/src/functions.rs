//! The pallet's logic, wrapped by the calls in `lib.rs`. Calls are transactional, so an error
//! returned after a write leaves no trace; the checks still come first.

use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	BoundedVec,
};
use lineage_primitives::datasets::{
	ContributionId, DatasetId, DatasetVersion, License, OnSharesChanged, Shares,
};
use sp_core::H256;
use sp_runtime::{traits::Zero, DispatchError};

use crate::{
	AcceptedContribution, AcceptedContributions, BalanceOf, Config, Contribution, Contributions,
	ContributorShares, CuratorDatasets, Dataset, DatasetStatus, Datasets, Error, Event,
	GenesisDataset, HoldReason, NextContributionId, NextDatasetId, Pallet, PendingContributions,
	VersionRecord, Versions,
};

impl<T: Config> Pallet<T> {
	/// Registers a dataset at version 0 with the curator owning its initial items.
	pub(crate) fn do_register(
		curator: T::AccountId,
		root: H256,
		item_count: u64,
		uri: BoundedVec<u8, T::MaxUriLen>,
		metadata: H256,
		license: License<BalanceOf<T>>,
	) -> Result<DatasetId, DispatchError> {
		let id = NextDatasetId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let deposit = T::DatasetDeposit::get();
		T::Currency::hold(&HoldReason::DatasetDeposit.into(), &curator, deposit)?;

		let now = frame_system::Pallet::<T>::block_number();
		Datasets::<T>::insert(
			id,
			Dataset::<T> {
				curator: curator.clone(),
				depositor: curator.clone(),
				deposit,
				root,
				item_count,
				contributors: 0,
				uri,
				metadata,
				license,
				latest_version: 0,
				status: DatasetStatus::Active,
				registered_at: now,
			},
		);
		Versions::<T>::insert(id, 0, VersionRecord::<T> { root, item_count, created_at: now });
		CuratorDatasets::<T>::insert(&curator, id, ());
		NextDatasetId::<T>::put(next);
		if !item_count.is_zero() {
			Self::add_shares(id, 0, &curator, item_count)?;
		}
		Self::deposit_event(Event::DatasetRegistered { dataset: id, curator, root, item_count });
		Ok(id)
	}

	/// Records a contribution for the curator to decide on and holds its deposit.
	pub(crate) fn do_propose(
		contributor: T::AccountId,
		dataset: DatasetId,
		item_root: H256,
		item_count: u64,
	) -> Result<ContributionId, DispatchError> {
		ensure!(!item_count.is_zero(), Error::<T>::EmptyContribution);
		let record = Datasets::<T>::get(dataset).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(record.status == DatasetStatus::Active, Error::<T>::DatasetRetired);
		// Checked now so that a contribution that could never be accepted is refused early.
		record.item_count.checked_add(item_count).ok_or(Error::<T>::ItemCountOverflow)?;

		let id = NextContributionId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		PendingContributions::<T>::try_mutate(dataset, |pending| pending.try_push(id))
			.map_err(|_| Error::<T>::TooManyPendingContributions)?;
		let deposit = T::ContributionDeposit::get();
		T::Currency::hold(&HoldReason::ContributionDeposit.into(), &contributor, deposit)?;

		Contributions::<T>::insert(
			id,
			Contribution::<T> {
				dataset,
				contributor: contributor.clone(),
				item_root,
				item_count,
				deposit,
				proposed_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		NextContributionId::<T>::put(next);
		Self::deposit_event(Event::ContributionProposed {
			contribution: id,
			dataset,
			contributor,
			item_count,
		});
		Ok(id)
	}

	/// Accepts a contribution: new version, new shares, deposit returned.
	pub(crate) fn do_accept(
		curator: T::AccountId,
		contribution: ContributionId,
		new_root: H256,
	) -> DispatchResult {
		let pending =
			Contributions::<T>::get(contribution).ok_or(Error::<T>::UnknownContribution)?;
		let record = Datasets::<T>::get(pending.dataset).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(record.curator == curator, Error::<T>::NotCurator);
		// Retiring returns every waiting contribution, so an accepted one always targets an
		// active dataset; checked anyway because accepting into a retired dataset must never
		// happen.
		ensure!(record.status == DatasetStatus::Active, Error::<T>::DatasetRetired);

		Self::close_contribution(contribution, &pending)?;
		let (version, shares) = Self::publish_version(
			pending.dataset,
			&pending.contributor,
			pending.item_count,
			new_root,
		)?;
		Self::record_accepted(
			contribution,
			pending.dataset,
			&pending.contributor,
			version,
			pending.item_root,
			pending.item_count,
		);
		Self::deposit_event(Event::ContributionAccepted {
			contribution,
			dataset: pending.dataset,
			contributor: pending.contributor,
			version,
			root: new_root,
			shares,
		});
		Ok(())
	}

	/// Adds `item_count` items from `contributor` as the dataset's next version with root
	/// `root`. Returns the version and the contributor's shares after it.
	pub(crate) fn publish_version(
		dataset: DatasetId,
		contributor: &T::AccountId,
		item_count: u64,
		root: H256,
	) -> Result<(DatasetVersion, Shares), DispatchError> {
		let version =
			Datasets::<T>::try_mutate(dataset, |maybe| -> Result<DatasetVersion, DispatchError> {
				let record = maybe.as_mut().ok_or(Error::<T>::UnknownDataset)?;
				let version =
					record.latest_version.checked_add(1).ok_or(Error::<T>::VersionOverflow)?;
				ensure!(version < T::MaxVersions::get(), Error::<T>::TooManyVersions);
				record.item_count = record
					.item_count
					.checked_add(item_count)
					.ok_or(Error::<T>::ItemCountOverflow)?;
				record.latest_version = version;
				record.root = root;
				Versions::<T>::insert(
					dataset,
					version,
					VersionRecord::<T> {
						root,
						item_count: record.item_count,
						created_at: frame_system::Pallet::<T>::block_number(),
					},
				);
				Ok(version)
			})?;
		let shares = Self::add_shares(dataset, version, contributor, item_count)?;
		Ok((version, shares))
	}

	/// Keeps an accepted contribution on record, so that it can be disputed.
	pub(crate) fn record_accepted(
		id: ContributionId,
		dataset: DatasetId,
		contributor: &T::AccountId,
		version: DatasetVersion,
		item_root: H256,
		shares: Shares,
	) {
		AcceptedContributions::<T>::insert(
			id,
			AcceptedContribution::<T> {
				dataset,
				contributor: contributor.clone(),
				version,
				item_root,
				shares,
				accepted_at: frame_system::Pallet::<T>::block_number(),
				cancelled_at: None,
			},
		);
	}

	/// Where shares are added: updates the contributor's shares and the dataset's
	/// contributor count, and tells [`Config::OnSharesChanged`]. Returns the new shares.
	pub(crate) fn add_shares(
		dataset: DatasetId,
		version: DatasetVersion,
		who: &T::AccountId,
		added: Shares,
	) -> Result<Shares, DispatchError> {
		let old = ContributorShares::<T>::get(dataset, who).unwrap_or_default();
		let new = old.checked_add(added).ok_or(Error::<T>::ItemCountOverflow)?;
		if old.is_zero() && !new.is_zero() {
			Datasets::<T>::try_mutate(dataset, |maybe| -> DispatchResult {
				let record = maybe.as_mut().ok_or(Error::<T>::UnknownDataset)?;
				record.contributors =
					record.contributors.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
				Ok(())
			})?;
		}
		ContributorShares::<T>::insert(dataset, who, new);
		T::OnSharesChanged::on_shares_changed(dataset, version, who, old, new);
		Ok(new)
	}

	/// Removes a waiting contribution and returns its deposit.
	pub(crate) fn close_contribution(
		id: ContributionId,
		pending: &Contribution<T>,
	) -> DispatchResult {
		T::Currency::release(
			&HoldReason::ContributionDeposit.into(),
			&pending.contributor,
			pending.deposit,
			Precision::Exact,
		)?;
		Contributions::<T>::remove(id);
		PendingContributions::<T>::mutate(pending.dataset, |ids| ids.retain(|other| *other != id));
		Ok(())
	}

	/// Retires a dataset and returns every deposit it holds. Returns how many waiting
	/// contributions were returned.
	pub(crate) fn do_retire(
		curator: T::AccountId,
		dataset: DatasetId,
	) -> Result<u32, DispatchError> {
		let mut record = Datasets::<T>::get(dataset).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(record.curator == curator, Error::<T>::NotCurator);
		ensure!(record.status == DatasetStatus::Active, Error::<T>::DatasetRetired);

		T::Currency::release(
			&HoldReason::DatasetDeposit.into(),
			&record.depositor,
			record.deposit,
			Precision::Exact,
		)?;
		let pending = PendingContributions::<T>::take(dataset);
		let returned = u32::try_from(pending.len()).unwrap_or(u32::MAX);
		for id in pending {
			if let Some(contribution) = Contributions::<T>::take(id) {
				T::Currency::release(
					&HoldReason::ContributionDeposit.into(),
					&contribution.contributor,
					contribution.deposit,
					Precision::Exact,
				)?;
				Self::deposit_event(Event::ContributionRejected { contribution: id, dataset });
			}
		}
		record.deposit = Zero::zero();
		record.status = DatasetStatus::Retired;
		Datasets::<T>::insert(dataset, record);
		Self::deposit_event(Event::DatasetRetired { dataset, returned_contributions: returned });
		Ok(returned)
	}

	/// Registers a genesis dataset and accepts its contributions.
	pub(crate) fn build_genesis_dataset(
		genesis: &GenesisDataset<T::AccountId, BalanceOf<T>>,
	) -> DispatchResult {
		let uri = genesis.uri.clone().try_into().map_err(|_| Error::<T>::UriTooLong)?;
		let id = Self::do_register(
			genesis.curator.clone(),
			genesis.root,
			genesis.item_count,
			uri,
			genesis.metadata,
			genesis.license,
		)?;
		for contribution in &genesis.contributions {
			ensure!(!contribution.item_count.is_zero(), Error::<T>::EmptyContribution);
			// Genesis contributions take ids like proposed ones, so they can be disputed too.
			let contribution_id = NextContributionId::<T>::get();
			let next = contribution_id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			let (version, _) = Self::publish_version(
				id,
				&contribution.contributor,
				contribution.item_count,
				contribution.root_after,
			)?;
			Self::record_accepted(
				contribution_id,
				id,
				&contribution.contributor,
				version,
				contribution.item_root,
				contribution.item_count,
			);
			NextContributionId::<T>::put(next);
		}
		Ok(())
	}

	/// Balance held from `who` for `reason` by this pallet.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn held(who: &T::AccountId, reason: HoldReason) -> BalanceOf<T> {
		<T::Currency as frame_support::traits::fungible::InspectHold<T::AccountId>>::balance_on_hold(
			&reason.into(),
			who,
		)
	}
}
