//! Storage migrations of the validators pallet.
//!
//! **v0 → v1** ([`v1::MigrateToV1`]): the pallet launched without a storage version, which
//! reads as 0 on chain. v1 is that same layout, numbered, so that the first migration that
//! moves data has a version to start from; nothing is moved.
//!
//! A migration here follows the pattern of `pallet-compute`'s and `pallet-royalties`': the
//! old layout declared with `storage_alias` under `vN`, the body as an
//! `UncheckedOnRuntimeUpgrade`, wrapped in `VersionedMigration` so that it runs once, listed in
//! the runtime's `Migrations`, and tested below from a state written in the old layout.

use frame_support::{
	migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
};

use crate::{Config, Pallet};

/// v0 → v1: the launch layout gets its version number.
pub mod v1 {
	use super::*;

	/// Nothing to move: v1 is v0's layout.
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			Weight::zero()
		}
	}

	/// v0 → v1, versioned: runs once, then sets the storage version to 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

#[cfg(test)]
mod tests {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	use super::*;
	use crate::{mock::*, SessionLength, Validators as ValidatorSet};

	#[test]
	fn genesis_is_at_the_in_code_storage_version() {
		new_test_ext().execute_with(|| {
			assert_eq!(Validators::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(
				Validators::on_chain_storage_version(),
				Validators::in_code_storage_version()
			);
		});
	}

	#[test]
	fn a_v0_chain_is_numbered_v1_with_its_set_untouched_and_a_second_run_does_nothing() {
		new_test_ext().execute_with(|| {
			StorageVersion::new(0).put::<Validators>();
			let set = ValidatorSet::<Test>::get();
			let length = SessionLength::<Test>::get();

			v1::MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Validators::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(ValidatorSet::<Test>::get(), set);
			assert_eq!(SessionLength::<Test>::get(), length);

			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			v1::MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
		});
	}
}
