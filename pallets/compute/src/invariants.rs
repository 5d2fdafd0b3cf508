//! `try_state` invariants, checked after every unit test and by `try-runtime`.

use frame_support::ensure;
use sp_runtime::TryRuntimeError;

use crate::{ActiveWorkers, Config, Pallet, WorkerOfKey, WorkerStatus, Workers};

impl<T: Config> Pallet<T> {
	/// Checks that every worker's stake is what the currency holds for it, that keys and
	/// workers map one to one, and that the active list is exactly the active workers.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let active = ActiveWorkers::<T>::get();
		let mut active_count = 0usize;
		for (who, worker) in Workers::<T>::iter() {
			ensure!(Self::held_stake(&who) == worker.stake, "a worker's stake is not what is held");
			ensure!(
				WorkerOfKey::<T>::get(&worker.key).as_ref() == Some(&who),
				"a worker's key does not point back to it"
			);
			let listed = active.iter().filter(|account| **account == who).count();
			match worker.status {
				WorkerStatus::Active => {
					ensure!(listed == 1, "an active worker is not listed once");
					active_count = active_count.saturating_add(1);
				},
				WorkerStatus::Unbonding { .. } => {
					ensure!(listed == 0, "an unbonding worker is still listed")
				},
			}
		}
		ensure!(active.len() == active_count, "the active list names a non-worker");
		ensure!(
			WorkerOfKey::<T>::iter().count() == Workers::<T>::iter().count(),
			"a key belongs to no worker"
		);
		Ok(())
	}
}
