//! Both genesis presets build a working state: balances, authorities, the sudo key (the
//! development chain's only) and governance's timing.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use frame_support::traits::fungible::Inspect;
use lineage_runtime::{
	genesis_config_presets::DEV_ENDOWMENT, Aura, Balances, Grandpa, Runtime, System,
};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

#[test]
fn runtime_offers_exactly_the_two_presets() {
	let names = lineage_runtime::genesis_config_presets::preset_names();
	assert_eq!(names, vec![DEV_RUNTIME_PRESET.to_string(), LOCAL_TESTNET_RUNTIME_PRESET.into()]);
	assert!(lineage_runtime::genesis_config_presets::get_preset(&"mainnet".to_string()).is_none());
}

#[test]
fn development_preset_has_alice_as_sole_authority_and_sudo() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert_eq!(aura, vec![Sr25519Keyring::Alice.public().into()]);
		assert_eq!(
			Grandpa::grandpa_authorities(),
			vec![(Ed25519Keyring::Alice.public().into(), 1)]
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
		assert_eq!(Aura::slot_duration(), lineage_runtime::SLOT_DURATION);
	});
}

#[test]
fn local_preset_has_alice_bob_charlie_and_dave_as_authorities() {
	common::ext_from_preset(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let four = [
			(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		];
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert_eq!(aura, four.iter().map(|(sr, _)| sr.public().into()).collect::<Vec<_>>());
		assert_eq!(
			Grandpa::grandpa_authorities(),
			four.iter().map(|(_, ed)| (ed.public().into(), 1)).collect::<Vec<_>>()
		);
		assert_eq!(
			pallet_validators::Validators::<Runtime>::get().into_inner(),
			four.iter().map(|(sr, _)| sr.to_account_id()).collect::<Vec<_>>()
		);
		// Governed by referenda alone.
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
	});
}

#[test]
fn both_presets_run_governance_in_blocks() {
	for preset in [DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET] {
		common::ext_from_preset(preset).execute_with(|| {
			assert_eq!(
				pallet_dao::Timing::<Runtime>::get(),
				pallet_dao::GovernanceTiming::Development
			);
			// The treasury's account exists, so the first fee share or royalty can be paid in.
			assert_eq!(
				Balances::total_balance(&lineage_runtime::configs::TreasuryAccount::get()),
				lineage_runtime::EXISTENTIAL_DEPOSIT
			);
		});
	}
}

#[test]
fn presets_endow_the_development_accounts() {
	for preset in [DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET] {
		common::ext_from_preset(preset).execute_with(|| {
			for who in [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::FerdieStash] {
				// Free plus held: in `development`, demo deposits are held from Alice and Dave.
				assert_eq!(Balances::total_balance(&who.to_account_id()), DEV_ENDOWMENT);
			}
			// The test-only keys One and Two are not endowed.
			assert!(!System::account_exists(&Sr25519Keyring::One.to_account_id()));
			// Plus the royalties' and the treasury's existential deposits, minted at genesis.
			assert_eq!(
				Balances::total_issuance(),
				DEV_ENDOWMENT * 12 + 2 * lineage_runtime::EXISTENTIAL_DEPOSIT
			);
		});
	}
}
