//! `transfer_curator` and `retire`.

use frame_support::{assert_noop, assert_ok};

use super::*;
use crate::{
	Contributions, ContributorShares, CuratorDatasets, DatasetStatus, Datasets as DatasetRecords,
	Error, Event, PendingContributions, Versions,
};

#[test]
fn transfer_curator_moves_curation_but_not_the_deposit() {
	run_test(|| {
		let dataset = alice_dataset();
		assert_ok!(Datasets::transfer_curator(RuntimeOrigin::signed(ALICE), dataset, BOB));
		let record = DatasetRecords::<Test>::get(dataset).unwrap();
		assert_eq!((record.curator, record.depositor), (BOB, ALICE));
		assert!(CuratorDatasets::<Test>::contains_key(BOB, dataset));
		assert!(!CuratorDatasets::<Test>::contains_key(ALICE, dataset));
		assert_eq!(held(ALICE, HoldReason::DatasetDeposit), DATASET_DEPOSIT);
		assert_eq!(last_event(), Event::CuratorTransferred { dataset, from: ALICE, to: BOB });

		// The new curator decides on contributions; the old one no longer can.
		let id = propose(CHARLIE, dataset, 1);
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(9)),
			Error::<Test>::NotCurator
		);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(BOB), id, root(9)));
	});
}

#[test]
fn transfer_curator_fails_for_non_curator_self_and_unknown_dataset() {
	run_test(|| {
		let dataset = alice_dataset();
		assert_noop!(
			Datasets::transfer_curator(RuntimeOrigin::signed(BOB), dataset, BOB),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datasets::transfer_curator(RuntimeOrigin::signed(ALICE), dataset, ALICE),
			Error::<Test>::AlreadyCurator
		);
		assert_noop!(
			Datasets::transfer_curator(RuntimeOrigin::signed(ALICE), dataset + 1, BOB),
			Error::<Test>::UnknownDataset
		);
	});
}

#[test]
fn retire_returns_all_deposits_and_keeps_attribution() {
	run_test(|| {
		let dataset = alice_dataset();
		let accepted = propose(BOB, dataset, 4);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), accepted, root(9)));
		let waiting = propose(CHARLIE, dataset, 2);
		// The curator changed: the deposit still goes back to who paid it.
		assert_ok!(Datasets::transfer_curator(RuntimeOrigin::signed(ALICE), dataset, BOB));

		assert_ok!(Datasets::retire(RuntimeOrigin::signed(BOB), dataset));

		let record = DatasetRecords::<Test>::get(dataset).unwrap();
		assert_eq!(record.status, DatasetStatus::Retired);
		assert_eq!(record.deposit, 0);
		assert_eq!(held(ALICE, HoldReason::DatasetDeposit), 0);
		assert_eq!(Balances::free_balance(ALICE), INITIAL_BALANCE);
		assert_eq!(held(CHARLIE, HoldReason::ContributionDeposit), 0);
		assert!(Contributions::<Test>::get(waiting).is_none());
		assert!(PendingContributions::<Test>::get(dataset).is_empty());
		// Attribution stays.
		assert_eq!(ContributorShares::<Test>::get(dataset, BOB), Some(4));
		assert!(Versions::<Test>::get(dataset, 1).is_some());
		assert_eq!(last_event(), Event::DatasetRetired { dataset, returned_contributions: 1 });
	});
}

#[test]
fn retire_fails_for_non_curator_unknown_and_retired_dataset() {
	run_test(|| {
		let dataset = alice_dataset();
		assert_noop!(
			Datasets::retire(RuntimeOrigin::signed(BOB), dataset),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datasets::retire(RuntimeOrigin::signed(ALICE), dataset + 1),
			Error::<Test>::UnknownDataset
		);
		assert_ok!(Datasets::retire(RuntimeOrigin::signed(ALICE), dataset));
		assert_noop!(
			Datasets::retire(RuntimeOrigin::signed(ALICE), dataset),
			Error::<Test>::DatasetRetired
		);
	});
}

#[test]
fn retire_refunds_weight_for_fewer_waiting_contributions() {
	run_test(|| {
		use crate::WeightInfo;
		let dataset = alice_dataset();
		let info = Datasets::retire(RuntimeOrigin::signed(ALICE), dataset).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::retire(0)));
	});
}
