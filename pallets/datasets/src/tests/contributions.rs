//! `propose_contribution`, `accept_contribution`, `reject_contribution`,
//! `withdraw_contribution`.

use frame_support::{assert_noop, assert_ok};

use super::*;
use crate::{
	AcceptedContributions, Contributions, ContributorShares, Datasets as DatasetRecords, Error,
	Event, PendingContributions, Versions,
};

#[test]
fn propose_holds_deposit_and_waits() {
	run_test(|| {
		let dataset = alice_dataset();
		let id = propose(BOB, dataset, 4);

		let contribution = Contributions::<Test>::get(id).unwrap();
		assert_eq!(contribution.contributor, BOB);
		assert_eq!(contribution.item_count, 4);
		assert_eq!(contribution.item_root, root(7));
		assert_eq!(contribution.deposit, CONTRIBUTION_DEPOSIT);
		assert_eq!(PendingContributions::<Test>::get(dataset).to_vec(), vec![id]);
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), CONTRIBUTION_DEPOSIT);
		// Nothing changes in the dataset until the curator decides.
		assert_eq!(DatasetRecords::<Test>::get(dataset).unwrap().latest_version, 0);
		assert_eq!(ContributorShares::<Test>::get(dataset, BOB), None);
		assert_eq!(
			last_event(),
			Event::ContributionProposed {
				contribution: id,
				dataset,
				contributor: BOB,
				item_count: 4
			}
		);
	});
}

#[test]
fn propose_fails_for_unknown_dataset() {
	run_test(|| {
		assert_noop!(
			Datasets::propose_contribution(RuntimeOrigin::signed(BOB), 7, root(7), 4),
			Error::<Test>::UnknownDataset
		);
	});
}

#[test]
fn propose_fails_for_empty_contribution() {
	run_test(|| {
		let dataset = alice_dataset();
		assert_noop!(
			Datasets::propose_contribution(RuntimeOrigin::signed(BOB), dataset, root(7), 0),
			Error::<Test>::EmptyContribution
		);
	});
}

#[test]
fn propose_fails_when_items_would_overflow() {
	run_test(|| {
		let dataset = alice_dataset();
		assert_noop!(
			Datasets::propose_contribution(RuntimeOrigin::signed(BOB), dataset, root(7), u64::MAX),
			Error::<Test>::ItemCountOverflow
		);
	});
}

#[test]
fn propose_fails_when_too_many_are_waiting() {
	run_test(|| {
		let dataset = alice_dataset();
		for _ in 0..MAX_PENDING {
			propose(BOB, dataset, 1);
		}
		assert_noop!(
			Datasets::propose_contribution(RuntimeOrigin::signed(CHARLIE), dataset, root(7), 1),
			Error::<Test>::TooManyPendingContributions
		);
	});
}

#[test]
fn propose_fails_on_retired_dataset() {
	run_test(|| {
		let dataset = alice_dataset();
		assert_ok!(Datasets::retire(RuntimeOrigin::signed(ALICE), dataset));
		assert_noop!(
			Datasets::propose_contribution(RuntimeOrigin::signed(BOB), dataset, root(7), 1),
			Error::<Test>::DatasetRetired
		);
	});
}

#[test]
fn propose_fails_without_funds_for_the_deposit() {
	run_test(|| {
		let dataset = alice_dataset();
		assert_noop!(
			Datasets::propose_contribution(RuntimeOrigin::signed(BROKE), dataset, root(7), 1),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn propose_fails_when_ids_are_exhausted() {
	run_test(|| {
		let dataset = alice_dataset();
		crate::NextContributionId::<Test>::put(u32::MAX);
		assert_noop!(
			Datasets::propose_contribution(RuntimeOrigin::signed(BOB), dataset, root(7), 1),
			Error::<Test>::IdsExhausted
		);
	});
}

#[test]
fn accept_publishes_version_gives_shares_and_returns_deposit() {
	run_test(|| {
		let dataset = alice_dataset();
		let id = propose(BOB, dataset, 4);
		take_share_changes();

		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(9)));

		let record = DatasetRecords::<Test>::get(dataset).unwrap();
		assert_eq!((record.latest_version, record.item_count, record.root), (1, 14, root(9)));
		assert_eq!(record.contributors, 2);
		let version = Versions::<Test>::get(dataset, 1).unwrap();
		assert_eq!((version.root, version.item_count), (root(9), 14));
		// The old version stays readable.
		assert_eq!(Versions::<Test>::get(dataset, 0).unwrap().root, root(1));
		assert_eq!(ContributorShares::<Test>::get(dataset, BOB), Some(4));
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		assert!(Contributions::<Test>::get(id).is_none());
		assert!(PendingContributions::<Test>::get(dataset).is_empty());
		assert_eq!(take_share_changes(), vec![(dataset, 1, BOB, 0, 4)]);
		let accepted = AcceptedContributions::<Test>::get(id).unwrap();
		assert_eq!(
			(accepted.dataset, accepted.contributor, accepted.version, accepted.shares),
			(dataset, BOB, 1, 4)
		);
		assert_eq!((accepted.item_root, accepted.cancelled_at), (root(7), None));
		assert_eq!(
			last_event(),
			Event::ContributionAccepted {
				contribution: id,
				dataset,
				contributor: BOB,
				version: 1,
				root: root(9),
				shares: 4
			}
		);
	});
}

#[test]
fn accepting_again_adds_to_existing_shares() {
	run_test(|| {
		let dataset = alice_dataset();
		let first = propose(BOB, dataset, 4);
		let second = propose(BOB, dataset, 6);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), first, root(8)));
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), second, root(9)));
		assert_eq!(ContributorShares::<Test>::get(dataset, BOB), Some(10));
		assert_eq!(DatasetRecords::<Test>::get(dataset).unwrap().contributors, 2);
		assert_eq!(DatasetRecords::<Test>::get(dataset).unwrap().latest_version, 2);
		let changes = take_share_changes();
		assert_eq!(changes.last(), Some(&(dataset, 2, BOB, 4, 10)));
	});
}

#[test]
fn accept_fails_for_non_curator() {
	run_test(|| {
		let dataset = alice_dataset();
		let id = propose(BOB, dataset, 4);
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(BOB), id, root(9)),
			Error::<Test>::NotCurator
		);
	});
}

#[test]
fn accept_fails_for_unknown_contribution() {
	run_test(|| {
		alice_dataset();
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), 3, root(9)),
			Error::<Test>::UnknownContribution
		);
	});
}

#[test]
fn accept_fails_when_version_counter_overflows() {
	// Not `run_test`: the forced counter deliberately breaks the versions invariant.
	new_test_ext().execute_with(|| {
		let dataset = alice_dataset();
		let id = propose(BOB, dataset, 4);
		DatasetRecords::<Test>::mutate(dataset, |d| d.as_mut().unwrap().latest_version = u32::MAX);
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(9)),
			Error::<Test>::VersionOverflow
		);
	});
}

#[test]
fn accept_fails_when_dataset_has_max_versions() {
	run_test(|| {
		let dataset = alice_dataset();
		// Version 0 is the registration, so `MAX_VERSIONS - 1` contributions fill the dataset.
		for _ in 1..MAX_VERSIONS {
			let id = propose(BOB, dataset, 1);
			assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(8)));
		}
		assert_eq!(DatasetRecords::<Test>::get(dataset).unwrap().latest_version, MAX_VERSIONS - 1);

		let id = propose(CHARLIE, dataset, 4);
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(9)),
			Error::<Test>::TooManyVersions
		);
		// Still waiting, deposit still held: the curator can reject it to return the deposit.
		assert_eq!(PendingContributions::<Test>::get(dataset).to_vec(), vec![id]);
		assert_eq!(held(CHARLIE, HoldReason::ContributionDeposit), CONTRIBUTION_DEPOSIT);
		assert_ok!(Datasets::reject_contribution(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(held(CHARLIE, HoldReason::ContributionDeposit), 0);
	});
}

#[test]
fn reject_returns_deposit_without_shares() {
	run_test(|| {
		let dataset = alice_dataset();
		let id = propose(BOB, dataset, 4);
		assert_ok!(Datasets::reject_contribution(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		assert_eq!(Balances::free_balance(BOB), INITIAL_BALANCE);
		assert_eq!(ContributorShares::<Test>::get(dataset, BOB), None);
		assert_eq!(DatasetRecords::<Test>::get(dataset).unwrap().latest_version, 0);
		assert!(Contributions::<Test>::get(id).is_none());
		assert_eq!(last_event(), Event::ContributionRejected { contribution: id, dataset });
	});
}

#[test]
fn reject_fails_for_non_curator_and_unknown_contribution() {
	run_test(|| {
		let dataset = alice_dataset();
		let id = propose(BOB, dataset, 4);
		assert_noop!(
			Datasets::reject_contribution(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datasets::reject_contribution(RuntimeOrigin::signed(ALICE), id + 1),
			Error::<Test>::UnknownContribution
		);
	});
}

#[test]
fn withdraw_returns_deposit_and_keeps_others_waiting() {
	run_test(|| {
		let dataset = alice_dataset();
		let bobs = propose(BOB, dataset, 4);
		let charlies = propose(CHARLIE, dataset, 2);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), bobs));
		assert_eq!(held(BOB, HoldReason::ContributionDeposit), 0);
		assert_eq!(PendingContributions::<Test>::get(dataset).to_vec(), vec![charlies]);
		assert_eq!(last_event(), Event::ContributionWithdrawn { contribution: bobs, dataset });
	});
}

#[test]
fn withdraw_fails_for_someone_else_and_unknown_contribution() {
	run_test(|| {
		let dataset = alice_dataset();
		let id = propose(BOB, dataset, 4);
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotContributor
		);
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), id + 1),
			Error::<Test>::UnknownContribution
		);
	});
}
