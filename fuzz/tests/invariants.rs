//! The invariants the fuzzer checks are not vacuous: on the development genesis they hold,
//! and each kind of corruption a bug could cause is caught.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use lineage_fuzz::{accounts, chain, invariants};
use lineage_runtime::{Runtime, UNIT};

fn genesis() -> sp_io::TestExternalities {
	chain::genesis(&accounts::actors())
		.unwrap_or_else(|message| panic!("the harness did not start: {message}"))
}

/// Opens block 1, so that checks see a block's events and weight.
fn in_block_one(check: impl FnOnce()) {
	genesis().execute_with(|| {
		let parent = frame_system::Pallet::<Runtime>::parent_hash();
		chain::open_block(1, parent, 1).unwrap_or_else(|message| panic!("{message}"));
		check();
	});
}

#[test]
fn the_genesis_state_passes_every_check() {
	in_block_one(|| {
		let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
		assert_eq!(invariants::check_block(1, issuance), Vec::<String>::new());
		assert_eq!(invariants::check_try_state(1), None);
	});
}

#[test]
fn money_created_without_an_event_is_caught() {
	in_block_one(|| {
		let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
		let (account, _) = frame_system::Account::<Runtime>::iter().next().expect("accounts");
		frame_system::Account::<Runtime>::mutate(&account, |info| info.data.free += UNIT);
		pallet_balances::TotalIssuance::<Runtime>::put(issuance + UNIT);
		let violations = invariants::check_block(1, issuance);
		assert!(violations.iter().any(|v| v.starts_with("issuance")), "{violations:?}");
	});
}

#[test]
fn a_balance_the_issuance_does_not_count_is_caught() {
	in_block_one(|| {
		let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
		let (account, _) = frame_system::Account::<Runtime>::iter().next().expect("accounts");
		frame_system::Account::<Runtime>::mutate(&account, |info| info.data.reserved += 1);
		let violations = invariants::check_block(1, issuance);
		assert!(violations.iter().any(|v| v.starts_with("accounts hold")), "{violations:?}");
	});
}

#[test]
fn a_pallet_state_its_try_state_rejects_is_caught() {
	in_block_one(|| {
		// The demo dataset (id 0) exists; a next id of 0 would hand its id out again.
		pallet_datasets::NextDatasetId::<Runtime>::put(0);
		let finding = invariants::check_try_state(1).expect("try_state must fail");
		assert!(finding.contains("Datasets: ") && finding.contains("NextDatasetId"), "{finding}");
	});
}
