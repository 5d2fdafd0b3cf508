//! The storage version: what a chain's first migration of this pallet starts from. The
//! pattern for that migration and its test is `pallet-compute`'s `migrations`.

#![allow(clippy::unwrap_used, reason = "tests fail loudly by design")]

use frame_support::traits::{GetStorageVersion, StorageVersion};
use sp_runtime::BuildStorage;

use crate::mock::*;

/// A chain built the way a node builds one: every pallet's genesis, which writes each
/// pallet's storage version.
fn chain_from_genesis() -> sp_io::TestExternalities {
	RuntimeGenesisConfig::default().build_storage().unwrap().into()
}

#[test]
fn genesis_is_at_the_in_code_storage_version() {
	chain_from_genesis().execute_with(|| {
		assert_eq!(Dao::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(Dao::on_chain_storage_version(), Dao::in_code_storage_version());
	});
}

/// What try-runtime checks on every upgrade: with no migration for it listed, a pallet whose
/// on-chain version differs from its code's fails the upgrade.
#[cfg(feature = "try-runtime")]
#[test]
fn an_upgrade_passes_its_checks_at_the_current_version_and_fails_without_a_migration() {
	use frame_support::traits::OnRuntimeUpgrade;
	chain_from_genesis().execute_with(|| {
		assert!(AllPalletsWithSystem::try_on_runtime_upgrade(true).is_ok());
		StorageVersion::new(0).put::<Dao>();
		assert_eq!(
			AllPalletsWithSystem::try_on_runtime_upgrade(true),
			Err("On chain and in-code storage version do not match. Missing runtime upgrade?"
				.into())
		);
	});
}
