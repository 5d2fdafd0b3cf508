//! Storage migrations of the compute pallet.
//!
//! **v1 → v2** ([`v2::MigrateToCapableActiveList`]): the active list holds each worker's
//! capabilities beside its account, so that a job draws only among the workers able to load
//! its model from one read. Each account is looked up in `Workers` once; an entry naming no
//! worker (which the pallet never writes) is dropped.

use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	weights::Weight,
};
use sp_runtime::Saturating;

use crate::{ActiveWorkers, Capabilities, Config, Pallet, Workers};

/// The v1 layout of the active list.
pub mod v1 {
	use super::*;

	/// The active list in v1: accounts only.
	pub type ActiveAccounts<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxWorkers>;
}

/// v1 → v2: capabilities join the active list.
pub mod v2 {
	use super::*;

	/// The migration's body, run only on a pallet at storage version 1.
	pub struct InnerMigrateToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads = 1u64;
			let translated = ActiveWorkers::<T>::translate::<v1::ActiveAccounts<T>, _>(|old| {
				let old = old?;
				let entries = old.into_iter().filter_map(|account| {
					reads.saturating_inc();
					let capabilities: Capabilities = Workers::<T>::get(&account)?.capabilities;
					Some((account, capabilities))
				});
				// As many entries as before or fewer: the bound holds.
				Some(BoundedVec::truncate_from(entries.collect()))
			});
			if translated.is_err() {
				// Not v1's layout: leave it for try-state to report rather than guess.
				log::error!(target: "runtime::compute", "active list is not in v1 layout");
			}
			T::DbWeight::get().reads_writes(reads, 1)
		}
	}

	/// v1 → v2, versioned: runs once, then sets the storage version to 2.
	pub type MigrateToCapableActiveList<T> = VersionedMigration<
		1,
		2,
		InnerMigrateToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
