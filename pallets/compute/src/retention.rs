//! Retention: accepted results stay in [`Results`] for [`Config::ResultRetention`] blocks
//! after their job settles, then a block's hook removes them, so the map does not grow with
//! every job ever run. The settling block's `JobCompleted` / `TrainingCompleted` events (and
//! the registered model, for training) remain for indexers.
//!
//! Results are indexed by the block they were stored in ([`ResultsSettledIn`], at most
//! `MaxJobsPerBlock` a block, as that many settle). A cursor ([`PruneCursor`]), set when the
//! first result is stored, walks those blocks in order: each hook prunes up to
//! [`BLOCKS_PER_HOOK`] of them that are old enough. One a block keeps pace; the others catch
//! up after governance shortens the retention, which makes a span of blocks old enough at
//! once. No block is skipped, so no result outlives its retention by more than the catch-up.

use frame_support::{defensive, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{CheckedSub, One, Saturating};

use crate::{Config, JobId, Pallet, PruneCursor, Results, ResultsSettledIn};

/// Most blocks' results one hook prunes: catching up after the retention shrinks by `k`
/// blocks takes about `k / 7` blocks.
pub(crate) const BLOCKS_PER_HOOK: u32 = 8;

impl<T: Config> Pallet<T> {
	/// Indexes job `id`'s result, stored at `now`, for pruning.
	pub(crate) fn keep_until_retention_ends(id: JobId, now: BlockNumberFor<T>) {
		if !PruneCursor::<T>::exists() {
			PruneCursor::<T>::put(now);
		}
		let indexed = ResultsSettledIn::<T>::mutate(now, |ids| ids.try_push(id));
		if indexed.is_err() {
			// At most `MaxJobsPerBlock` jobs settle in a block, and each stores one result.
			defensive!("more results in a block than jobs settle in one");
		}
	}

	/// Removes the results of up to [`BLOCKS_PER_HOOK`] blocks at least `ResultRetention`
	/// old. Returns how many results it removed.
	pub(crate) fn prune_results(now: BlockNumberFor<T>) -> u32 {
		// Results stored at or before this block have been kept long enough.
		let Some(due) = now.checked_sub(&T::ResultRetention::get()) else { return 0 };
		// No result was ever stored: nothing to prune.
		let Some(mut cursor) = PruneCursor::<T>::get() else { return 0 };
		let mut pruned = 0u32;
		for _ in 0..BLOCKS_PER_HOOK {
			if cursor > due {
				break;
			}
			for id in ResultsSettledIn::<T>::take(cursor) {
				Results::<T>::remove(id);
				pruned.saturating_inc();
			}
			cursor.saturating_accrue(One::one());
		}
		PruneCursor::<T>::put(cursor);
		pruned
	}
}
