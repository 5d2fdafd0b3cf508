//! Share changes reported by the datasets pallet become pool positions.

use frame_support::defensive;
use lineage_primitives::datasets::{DatasetId, DatasetVersion, OnSharesChanged, Shares};
use sp_runtime::Saturating;

use crate::{pool, store::StoredChunks, Config, Contributors, Pallet, PoolsOf};

impl<T: Config> OnSharesChanged<T::AccountId> for Pallet<T> {
	/// New shares join the contributor's holding, counting from `version`. Cancelled shares
	/// (an upheld dispute against `version`'s contribution) leave it: the holding is settled
	/// first, so what they earned until now stays the contributor's to claim.
	///
	/// This cannot fail when the runtime is wired as `integrity_test` checks: one position per
	/// version, at most `MaxVersions` of them, amounts far below the fixed-point range, and
	/// only shares that were added are cancelled. If it ever did, the holding is left as it
	/// was and the failure is reported loudly: a panic in tests, an error in the node's log.
	/// Added shares are then left out (they earn nothing, so the pool stays solvent).
	fn on_shares_changed(
		dataset: DatasetId,
		version: DatasetVersion,
		who: &T::AccountId,
		old: Shares,
		new: Shares,
	) {
		let mut chunks = StoredChunks::<T>::of(dataset);
		if new < old {
			let removed = old.saturating_sub(new);
			let cancelled = Contributors::<T>::try_mutate(dataset, who, |account| {
				let (owed, _) =
					pool::remove_shares(&mut chunks, &mut account.holding, version, removed)?;
				account.settled.saturating_accrue(owed);
				account.earned.saturating_accrue(owed);
				Ok::<_, pool::PoolError>(())
			});
			if let Err(error) = cancelled {
				defensive!("cancelled shares could not leave the contributor's holding", error);
			}
			return;
		}
		let added = new.saturating_sub(old);
		if added == 0 {
			return;
		}
		let added_to_holding = Contributors::<T>::try_mutate(dataset, who, |account| {
			pool::add_shares(&chunks, &mut account.holding, version, added)
		});
		match added_to_holding {
			Ok(()) => PoolsOf::<T>::insert(who, dataset, ()),
			Err(error) => {
				defensive!("shares could not join the contributor's holding", error);
			},
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Benchmarks: brings the state to where the next change of `who`'s shares in `dataset`
	/// costs [`OnSharesChanged::on_shares_changed`] the most, for the datasets pallet's
	/// weights (the runtime's benchmark helper calls it).
	pub fn prepare_share_change_worst_case(dataset: DatasetId, who: &T::AccountId) {
		crate::worst_case::prepare_share_change::<T>(dataset, who);
	}

	/// Benchmarks: gives `who` the holding in `dataset`'s pool whose cancelled position at
	/// version 1 (one share) costs [`OnSharesChanged::on_shares_changed`] the most, for the
	/// DAO pallet's weights (the runtime's benchmark helper calls it). Publishes the dataset's
	/// versions up to the last a pool covers.
	pub fn prepare_share_cancel_worst_case(dataset: DatasetId, who: &T::AccountId) {
		crate::worst_case::prepare_share_cancel::<T>(dataset, who);
	}

	/// Benchmarks: brings `dataset`'s pool to where paying a training fee into version 0
	/// costs [`RoyaltyPayer::pay_training_fee`](lineage_primitives::royalties::RoyaltyPayer)
	/// the most, for the compute pallet's weights (the runtime's benchmark helper calls it).
	pub fn prepare_training_fee_worst_case(dataset: DatasetId) {
		// Only fails on a dataset that does not exist, which the caller just created.
		let _ = crate::worst_case::fill_first_chunk::<T>(dataset);
	}
}
