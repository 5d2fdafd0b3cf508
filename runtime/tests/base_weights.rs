//! The weights under Lineage's own pallets are the ones generated on this machine: a transfer
//! is charged the generated `transfer_keep_alive` weight plus every transaction extension's
//! generated weight, on top of the measured base extrinsic weight, and state access is priced
//! at the measured ParityDB costs. Polkadot-sdk's defaults (reference-machine constants,
//! RocksDB costs) would each show up here as a mismatch.

#![allow(clippy::expect_used, clippy::arithmetic_side_effects, reason = "tests")]

mod common;

use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	weights::{RuntimeDbWeight, Weight},
};
use frame_system::ExtensionsWeightInfo as _;
use lineage_runtime::{
	configs::RuntimeBlockWeights,
	weights::{
		block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight,
		frame_system_extensions, pallet_balances as balances_weights,
		pallet_transaction_payment as payment_weights, paritydb_weights::constants::ParityDbWeight,
	},
	BalancesCall, Runtime, RuntimeCall, UNIT,
};
use pallet_balances::WeightInfo as _;
use pallet_transaction_payment::WeightInfo as _;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{Alice, Bob};

type Extensions = frame_system_extensions::WeightInfo<Runtime>;

/// What the runtime's `TxExtension` costs for an immortal transaction, extension by extension,
/// in its order. `CheckMetadataHash` has no benchmark: polkadot-sdk weighs it at zero (a
/// comparison of an optional hash).
fn extensions_of_an_immortal_transaction() -> Weight {
	Extensions::check_non_zero_sender()
		+ Extensions::check_spec_version()
		+ Extensions::check_tx_version()
		+ Extensions::check_genesis()
		+ Extensions::check_mortality_immortal_transaction()
		+ Extensions::check_nonce()
		+ Extensions::check_weight()
		+ payment_weights::WeightInfo::<Runtime>::charge_transaction_payment()
		+ Extensions::weight_reclaim()
}

#[test]
fn a_transfer_is_charged_the_generated_call_and_extension_weights() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: Bob.to_account_id().into(),
			value: UNIT,
		});
		let info = common::signed(call, &Alice.pair()).get_dispatch_info();

		assert_eq!(
			info.call_weight,
			balances_weights::WeightInfo::<Runtime>::transfer_keep_alive()
		);
		assert_eq!(info.extension_weight, extensions_of_an_immortal_transaction());
		// Every extension was measured: none is weighed at zero.
		assert!(Extensions::check_nonce().ref_time() > 0);
		assert!(
			payment_weights::WeightInfo::<Runtime>::charge_transaction_payment().ref_time() > 0
		);
	});
}

#[test]
fn blocks_and_extrinsics_carry_the_measured_base_weights() {
	let weights = RuntimeBlockWeights::get();
	assert_eq!(weights.base_block, BlockExecutionWeight::get());
	for class in [DispatchClass::Normal, DispatchClass::Operational, DispatchClass::Mandatory] {
		assert_eq!(weights.get(class).base_extrinsic, ExtrinsicBaseWeight::get(), "{class:?}");
	}
	// The normal class keeps its three quarters of the block's two seconds.
	let normal = weights.get(DispatchClass::Normal).max_total.expect("normal class is bounded");
	assert_eq!(normal.ref_time(), weights.max_block.ref_time() / 4 * 3);
}

#[test]
fn state_access_is_priced_at_the_measured_paritydb_costs() {
	let db: RuntimeDbWeight = <Runtime as frame_system::Config>::DbWeight::get();
	assert_eq!(db, ParityDbWeight::get());
	assert!(db.read > 0 && db.write > 0, "both measured, not zero");
}
