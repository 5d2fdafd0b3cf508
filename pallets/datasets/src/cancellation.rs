//! Cancelling an accepted contribution's shares when a dispute against it is upheld. The
//! dispute itself lives in `pallet-dao`; the runtime calls these two functions for it.

use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get};
use lineage_primitives::datasets::{ContributionId, OnSharesChanged};
use sp_runtime::{traits::Zero, DispatchError};

use crate::{
	AcceptedContribution, AcceptedContributions, CancelledShares, Config, ContributorShares,
	Datasets, Error, Event, Pallet,
};

impl<T: Config> Pallet<T> {
	/// Who answers for accepted contribution `id` in a dispute: its contributor, while its
	/// shares can still be cancelled.
	pub fn dispute_offender(id: ContributionId) -> Result<T::AccountId, DispatchError> {
		let accepted = Self::cancellable(id)?;
		Ok(accepted.contributor)
	}

	/// Cancels accepted contribution `id`'s shares: from its version on, payments are split
	/// over the dataset's other shares, and the royalties pallet (told through
	/// [`Config::OnSharesChanged`]) settles what the contributor earned until now and stops
	/// their earning from these shares. The version's items stay as published.
	pub fn cancel_contribution(id: ContributionId) -> DispatchResult {
		let mut accepted = Self::cancellable(id)?;
		CancelledShares::<T>::try_mutate(accepted.dataset, |cancelled| {
			cancelled.try_push((accepted.version, accepted.shares))
		})
		.map_err(|_| Error::<T>::TooManyCancellations)?;

		let old = ContributorShares::<T>::get(accepted.dataset, &accepted.contributor)
			.unwrap_or_default();
		// Every accepted contribution's shares were added to its contributor's, and only a
		// cancellation takes them away, once.
		let new = old.checked_sub(accepted.shares).ok_or(Error::<T>::ItemCountOverflow)?;
		if new.is_zero() {
			ContributorShares::<T>::remove(accepted.dataset, &accepted.contributor);
			Datasets::<T>::try_mutate(accepted.dataset, |maybe| -> DispatchResult {
				let record = maybe.as_mut().ok_or(Error::<T>::UnknownDataset)?;
				record.contributors = record.contributors.saturating_sub(1);
				Ok(())
			})?;
		} else {
			ContributorShares::<T>::insert(accepted.dataset, &accepted.contributor, new);
		}
		T::OnSharesChanged::on_shares_changed(
			accepted.dataset,
			accepted.version,
			&accepted.contributor,
			old,
			new,
		);

		accepted.cancelled_at = Some(frame_system::Pallet::<T>::block_number());
		AcceptedContributions::<T>::insert(id, &accepted);
		Self::deposit_event(Event::ContributionCancelled {
			contribution: id,
			dataset: accepted.dataset,
			contributor: accepted.contributor,
			version: accepted.version,
			shares: accepted.shares,
		});
		Ok(())
	}

	/// Accepted contribution `id`, if its shares can still be cancelled.
	fn cancellable(id: ContributionId) -> Result<AcceptedContribution<T>, DispatchError> {
		let accepted = AcceptedContributions::<T>::get(id).ok_or(Error::<T>::NotAccepted)?;
		ensure!(accepted.cancelled_at.is_none(), Error::<T>::AlreadyCancelled);
		ensure!(
			CancelledShares::<T>::decode_len(accepted.dataset).unwrap_or_default()
				< T::MaxCancellations::get() as usize,
			Error::<T>::TooManyCancellations
		);
		Ok(accepted)
	}
}
