//! The genesis config, and the invariants catching state the calls could never produce.

use sp_runtime::BuildStorage;

use super::*;
use crate::{
	AcceptedContributions, ContributorShares, Datasets as DatasetRecords, GenesisConfig,
	GenesisContribution, GenesisDataset, Versions,
};

fn genesis_ext(datasets: Vec<GenesisDataset<AccountId, Balance>>) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL_BALANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	GenesisConfig::<Test> { datasets }.assimilate_storage(&mut storage).unwrap();
	storage.into()
}

fn demo() -> GenesisDataset<AccountId, Balance> {
	GenesisDataset {
		curator: ALICE,
		root: root(1),
		item_count: 5,
		uri: b"ipfs://demo".to_vec(),
		metadata: root(2),
		license: open_license(),
		contributions: vec![
			GenesisContribution {
				contributor: BOB,
				item_count: 3,
				item_root: root(3),
				root_after: root(4),
			},
			GenesisContribution {
				contributor: CHARLIE,
				item_count: 2,
				item_root: root(5),
				root_after: root(6),
			},
		],
	}
}

#[test]
fn genesis_datasets_get_versions_shares_and_deposits() {
	genesis_ext(vec![demo()]).execute_with(|| {
		let record = DatasetRecords::<Test>::get(0).unwrap();
		assert_eq!((record.latest_version, record.item_count, record.root), (2, 10, root(6)));
		assert_eq!(record.contributors, 3);
		assert_eq!(Versions::<Test>::get(0, 1).unwrap().root, root(4));
		assert_eq!(ContributorShares::<Test>::get(0, CHARLIE), Some(2));
		assert_eq!(held(ALICE, HoldReason::DatasetDeposit), DATASET_DEPOSIT);
		// Genesis contributions take ids 0 and 1, so they can be disputed like later ones.
		let charlies = AcceptedContributions::<Test>::get(1).unwrap();
		assert_eq!(
			(charlies.dataset, charlies.contributor, charlies.version, charlies.shares),
			(0, CHARLIE, 2, 2)
		);
		assert_eq!(charlies.item_root, root(5));
		assert_eq!(crate::NextContributionId::<Test>::get(), 2);
		Datasets::do_try_state().unwrap();
	});
}

#[test]
#[should_panic(expected = "genesis dataset")]
fn genesis_rejects_a_curator_without_funds() {
	let mut dataset = demo();
	dataset.curator = POOR;
	genesis_ext(vec![dataset]);
}

#[test]
fn invariants_catch_shares_that_do_not_sum_to_items() {
	run_test(|| {
		let dataset = alice_dataset();
		ContributorShares::<Test>::insert(dataset, BOB, 1);
		assert!(Datasets::do_try_state().is_err());
		ContributorShares::<Test>::remove(dataset, BOB);
	});
}

#[test]
fn invariants_catch_a_hold_without_a_record() {
	run_test(|| {
		use frame_support::traits::fungible::MutateHold;
		assert_ok!(Balances::hold(
			&RuntimeHoldReason::Datasets(HoldReason::DatasetDeposit),
			&BOB,
			7
		));
		assert!(Datasets::do_try_state().is_err());
		assert_ok!(Balances::release(
			&RuntimeHoldReason::Datasets(HoldReason::DatasetDeposit),
			&BOB,
			7,
			frame_support::traits::tokens::Precision::Exact
		));
	});
}
