//! The genesis config, and the invariants catching state the calls could never produce.

use sp_runtime::BuildStorage;

use super::*;
use crate::{GenesisConfig, GenesisModel, Models as ModelRecords};

fn demo(parents: Vec<ModelId>) -> GenesisModel<AccountId, Balance> {
	GenesisModel {
		owner: ALICE,
		name: b"demo".to_vec(),
		spec: mlp(),
		weights_hash: H256::repeat_byte(3),
		weights_uri: b"blob://demo".to_vec(),
		license: ModelLicense { commercial_use: true, derivatives_allowed: true },
		price: 10,
		split: if parents.is_empty() { split(90, 0, 0, 10) } else { split(60, 30, 0, 10) },
		parents,
		datasets: vec![],
	}
}

fn build(models: Vec<GenesisModel<AccountId, Balance>>) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL_BALANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	GenesisConfig::<Test> { models }.assimilate_storage(&mut storage).unwrap();
	storage.into()
}

#[test]
fn genesis_models_are_registered_in_order() {
	build(vec![demo(vec![]), demo(vec![0])]).execute_with(|| {
		assert_eq!(ModelRecords::<Test>::get(1).unwrap().parents.to_vec(), vec![0]);
		assert_eq!(ModelRecords::<Test>::get(1).unwrap().depth, 1);
		assert_eq!(held(ALICE), 2 * MODEL_DEPOSIT);
		Models::do_try_state().unwrap();
	});
}

#[test]
#[should_panic(expected = "genesis model")]
fn genesis_rejects_unknown_parents() {
	build(vec![demo(vec![5])]);
}

#[test]
fn invariants_catch_a_wrong_depth_and_a_stray_hold() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		ModelRecords::<Test>::mutate(model, |m| m.as_mut().unwrap().depth = 1);
		assert!(Models::do_try_state().is_err());
		ModelRecords::<Test>::mutate(model, |m| m.as_mut().unwrap().depth = 0);

		use frame_support::traits::fungible::MutateHold;
		let reason = RuntimeHoldReason::Models(HoldReason::ModelDeposit);
		frame_support::assert_ok!(Balances::hold(&reason, &BOB, 7));
		assert!(Models::do_try_state().is_err());
		frame_support::assert_ok!(Balances::release(
			&reason,
			&BOB,
			7,
			frame_support::traits::tokens::Precision::Exact
		));
	});
}
