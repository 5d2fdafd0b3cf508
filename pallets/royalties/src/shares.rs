//! Share changes reported by the datasets pallet become pool positions.

use frame_support::defensive;
use lineage_primitives::datasets::{DatasetId, DatasetVersion, OnSharesChanged, Shares};

use crate::{pool, store::StoredChunks, Config, Contributors, Pallet, PoolsOf};

impl<T: Config> OnSharesChanged<T::AccountId> for Pallet<T> {
	/// Adds the new shares to the contributor's holding, counting from `version`. Shares never
	/// shrink in the datasets pallet; a decrease is ignored rather than guessed at.
	///
	/// This cannot fail when the runtime is wired as `integrity_test` checks: one position per
	/// version, at most `MaxVersions` of them, and amounts far below the fixed-point range. If
	/// it ever did, the shares are left out (they earn nothing, so the pool stays solvent) and
	/// the failure is reported loudly: a panic in tests, an error in the node's log.
	fn on_shares_changed(
		dataset: DatasetId,
		version: DatasetVersion,
		who: &T::AccountId,
		old: Shares,
		new: Shares,
	) {
		let added = new.saturating_sub(old);
		if added == 0 {
			return;
		}
		let chunks = StoredChunks::<T>::of(dataset);
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

	/// Benchmarks: brings `dataset`'s pool to where paying a training fee into version 0
	/// costs [`RoyaltyPayer::pay_training_fee`](lineage_primitives::royalties::RoyaltyPayer)
	/// the most, for the compute pallet's weights (the runtime's benchmark helper calls it).
	pub fn prepare_training_fee_worst_case(dataset: DatasetId) {
		// Only fails on a dataset that does not exist, which the caller just created.
		let _ = crate::worst_case::fill_first_chunk::<T>(dataset);
	}
}
