//! `register`.

use frame_support::{assert_noop, assert_ok};

use super::*;
use crate::{ContributorShares, DatasetStatus, Datasets as DatasetRecords, Error, Event, Versions};

#[test]
fn register_records_dataset_version_zero_shares_and_deposit() {
	run_test(|| {
		let id = alice_dataset();
		assert_eq!(id, 0);

		let dataset = DatasetRecords::<Test>::get(id).unwrap();
		assert_eq!(dataset.curator, ALICE);
		assert_eq!(dataset.depositor, ALICE);
		assert_eq!(dataset.deposit, DATASET_DEPOSIT);
		assert_eq!(dataset.root, root(1));
		assert_eq!(dataset.item_count, 10);
		assert_eq!(dataset.contributors, 1);
		assert_eq!(dataset.uri.to_vec(), b"ipfs://digits".to_vec());
		assert_eq!(dataset.license, open_license());
		assert_eq!(dataset.latest_version, 0);
		assert_eq!(dataset.status, DatasetStatus::Active);

		let version = Versions::<Test>::get(id, 0).unwrap();
		assert_eq!((version.root, version.item_count, version.created_at), (root(1), 10, 1));
		assert_eq!(ContributorShares::<Test>::get(id, ALICE), Some(10));
		assert_eq!(held(ALICE, HoldReason::DatasetDeposit), DATASET_DEPOSIT);
		assert_eq!(take_share_changes(), vec![(0, 0, ALICE, 0, 10)]);
		assert_eq!(
			last_event(),
			Event::DatasetRegistered { dataset: 0, curator: ALICE, root: root(1), item_count: 10 }
		);
	});
}

#[test]
fn register_empty_dataset_gives_no_shares() {
	run_test(|| {
		assert_ok!(Datasets::register(
			RuntimeOrigin::signed(BOB),
			root(1),
			0,
			vec![],
			root(2),
			open_license()
		));
		let dataset = DatasetRecords::<Test>::get(0).unwrap();
		assert_eq!((dataset.item_count, dataset.contributors), (0, 0));
		assert_eq!(ContributorShares::<Test>::get(0, BOB), None);
		assert!(take_share_changes().is_empty());
	});
}

#[test]
fn register_assigns_increasing_ids() {
	run_test(|| {
		assert_eq!(alice_dataset(), 0);
		assert_eq!(alice_dataset(), 1);
		assert_eq!(held(ALICE, HoldReason::DatasetDeposit), 2 * DATASET_DEPOSIT);
	});
}

#[test]
fn register_fails_with_too_long_uri() {
	run_test(|| {
		assert_noop!(
			Datasets::register(
				RuntimeOrigin::signed(ALICE),
				root(1),
				10,
				vec![b'x'; 33],
				root(2),
				open_license()
			),
			Error::<Test>::UriTooLong
		);
	});
}

#[test]
fn register_fails_without_funds_for_the_deposit() {
	run_test(|| {
		assert_noop!(
			Datasets::register(
				RuntimeOrigin::signed(POOR),
				root(1),
				10,
				vec![],
				root(2),
				open_license()
			),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn register_fails_when_ids_are_exhausted() {
	run_test(|| {
		crate::NextDatasetId::<Test>::put(u32::MAX);
		assert_noop!(
			Datasets::register(
				RuntimeOrigin::signed(ALICE),
				root(1),
				10,
				vec![],
				root(2),
				open_license()
			),
			Error::<Test>::IdsExhausted
		);
	});
}

#[test]
fn register_requires_a_signed_origin() {
	run_test(|| {
		assert_noop!(
			Datasets::register(RuntimeOrigin::root(), root(1), 10, vec![], root(2), open_license()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
