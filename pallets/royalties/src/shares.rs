//! Share changes reported by the datasets pallet become pool positions.

use lineage_primitives::datasets::{DatasetId, DatasetVersion, OnSharesChanged, Shares};
use sp_runtime::traits::Saturating;

use crate::{store::StoredNodes, Config, Contributors, Pallet, Pools, PoolsOf};

impl<T: Config> OnSharesChanged<T::AccountId> for Pallet<T> {
	/// Opens a position for the added shares, counting from `version`. Shares never shrink in
	/// the datasets pallet; a decrease is ignored rather than guessed at.
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
		let pool = Pools::<T>::get(dataset);
		let nodes = StoredNodes::<T>::of(dataset);
		Contributors::<T>::mutate(dataset, who, |account| {
			// A position costs nothing until paid; if opening one overflowed, the shares
			// would earn nothing rather than corrupt the pool.
			let Ok(position) = pool.open(&nodes, version, added) else { return };
			if let Some(last) = account.positions.last_mut() {
				if last.version == version {
					let owed = pool.settle(&nodes, last).unwrap_or_default();
					account.settled.saturating_accrue(owed);
					account.earned.saturating_accrue(owed);
					last.shares.saturating_accrue(added);
					if let Ok(reopened) = pool.open(&nodes, version, last.shares) {
						*last = reopened;
					}
					return;
				}
			}
			if account.positions.is_full() {
				Self::merge_oldest(&pool, &nodes, account);
			}
			// `merge_oldest` freed a slot, so this cannot fail.
			let _ = account.positions.try_push(position);
		});
		PoolsOf::<T>::insert(who, dataset, ());
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn prepare_worst_case(dataset: DatasetId, who: &T::AccountId) {
		crate::worst_case::prepare_share_change::<T>(dataset, who);
	}
}

impl<T: Config> Pallet<T> {
	/// Settles the two oldest positions and merges them into one counting from the later
	/// version. The older shares then miss payments for the versions in between, so a
	/// contributor with more than `MaxPositions` contributions to one dataset may earn
	/// slightly less; never more, so the pool stays solvent.
	fn merge_oldest(
		pool: &crate::pool::PoolState,
		nodes: &StoredNodes<T>,
		account: &mut crate::ContributorAccount<T>,
	) {
		if account.positions.len() < 2 {
			return;
		}
		let mut oldest = account.positions.remove(0);
		account.merges.saturating_inc();
		let owed = pool.settle(nodes, &mut oldest).unwrap_or_default();
		account.settled.saturating_accrue(owed);
		account.earned.saturating_accrue(owed);
		if let Some(next) = account.positions.get_mut(0) {
			let owed = pool.settle(nodes, next).unwrap_or_default();
			account.settled.saturating_accrue(owed);
			account.earned.saturating_accrue(owed);
			next.shares.saturating_accrue(oldest.shares);
			if let Ok(merged) = pool.open(nodes, next.version, next.shares) {
				*next = merged;
			}
		}
	}
}
