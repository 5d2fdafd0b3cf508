//! Cancelling an accepted contribution's shares (an upheld dispute, called by the runtime).

use frame_support::{assert_noop, assert_ok};
use lineage_primitives::datasets::DatasetInspect;

use super::*;
use crate::{
	AcceptedContributions, CancelledShares, ContributorShares, Datasets as DatasetRecords, Error,
	Event,
};

/// Alice's 10-item dataset, then `items` from each contributor in order, each accepted as the
/// next version. Returns the dataset and the contribution ids.
fn dataset_with(contributions: &[(AccountId, u64)]) -> (u32, Vec<u32>) {
	let dataset = alice_dataset();
	let ids = contributions
		.iter()
		.map(|&(who, items)| {
			let id = propose(who, dataset, items);
			assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(9)));
			id
		})
		.collect();
	take_share_changes();
	(dataset, ids)
}

#[test]
fn cancelling_removes_the_shares_from_its_version_on() {
	run_test(|| {
		// Versions: 0 (Alice 10), 1 (Bob 4: 14), 2 (Charlie 6: 20).
		let (dataset, ids) = dataset_with(&[(BOB, 4), (CHARLIE, 6)]);
		assert_eq!(Datasets::dispute_offender(ids[0]), Ok(BOB));

		assert_ok!(Datasets::cancel_contribution(ids[0]));

		// Version 0 never had Bob's items; versions 1 and 2 lose his 4 shares.
		let shares: Vec<_> = (0..3).map(|v| Datasets::shares_at(dataset, v)).collect();
		assert_eq!(shares, vec![Some(10), Some(10), Some(16)]);
		// The items themselves are history: the versions are as published.
		assert_eq!(DatasetRecords::<Test>::get(dataset).unwrap().item_count, 20);
		assert_eq!(ContributorShares::<Test>::get(dataset, BOB), None);
		assert_eq!(DatasetRecords::<Test>::get(dataset).unwrap().contributors, 2);
		assert_eq!(CancelledShares::<Test>::get(dataset).to_vec(), vec![(1, 4)]);
		assert_eq!(AcceptedContributions::<Test>::get(ids[0]).unwrap().cancelled_at, Some(1));
		// The royalties pallet is told which version's shares went.
		assert_eq!(take_share_changes(), vec![(dataset, 1, BOB, 4, 0)]);
		assert_eq!(
			last_event(),
			Event::ContributionCancelled {
				contribution: ids[0],
				dataset,
				contributor: BOB,
				version: 1,
				shares: 4
			}
		);
	});
}

#[test]
fn cancelling_one_contribution_keeps_the_contributors_others() {
	run_test(|| {
		let (dataset, ids) = dataset_with(&[(BOB, 4), (BOB, 6)]);

		assert_ok!(Datasets::cancel_contribution(ids[1]));

		assert_eq!(ContributorShares::<Test>::get(dataset, BOB), Some(4));
		assert_eq!(DatasetRecords::<Test>::get(dataset).unwrap().contributors, 2);
		assert_eq!(take_share_changes(), vec![(dataset, 2, BOB, 10, 4)]);
		assert_eq!(Datasets::shares_at(dataset, 1), Some(14));
		assert_eq!(Datasets::shares_at(dataset, 2), Some(14));
	});
}

#[test]
fn a_cancelled_contribution_cannot_be_disputed_or_cancelled_again() {
	run_test(|| {
		let (_, ids) = dataset_with(&[(BOB, 4)]);
		assert_ok!(Datasets::cancel_contribution(ids[0]));
		assert_noop!(Datasets::dispute_offender(ids[0]), Error::<Test>::AlreadyCancelled);
		assert_noop!(Datasets::cancel_contribution(ids[0]), Error::<Test>::AlreadyCancelled);
	});
}

#[test]
fn only_accepted_contributions_can_be_cancelled() {
	run_test(|| {
		let dataset = alice_dataset();
		let waiting = propose(BOB, dataset, 4);
		assert_noop!(Datasets::dispute_offender(waiting), Error::<Test>::NotAccepted);
		assert_noop!(Datasets::cancel_contribution(waiting), Error::<Test>::NotAccepted);
		assert_noop!(Datasets::cancel_contribution(99), Error::<Test>::NotAccepted);
		// A rejected contribution never had shares.
		assert_ok!(Datasets::reject_contribution(RuntimeOrigin::signed(ALICE), waiting));
		assert_noop!(Datasets::cancel_contribution(waiting), Error::<Test>::NotAccepted);
	});
}

#[test]
fn a_dataset_takes_at_most_max_cancellations() {
	run_test(|| {
		let (dataset, ids) = dataset_with(&[(BOB, 1), (CHARLIE, 2), (BOB, 3)]);
		for id in &ids[..MAX_CANCELLATIONS as usize] {
			assert_ok!(Datasets::cancel_contribution(*id));
		}
		let last = ids[MAX_CANCELLATIONS as usize];
		assert_noop!(Datasets::dispute_offender(last), Error::<Test>::TooManyCancellations);
		assert_noop!(Datasets::cancel_contribution(last), Error::<Test>::TooManyCancellations);
		assert_eq!(Datasets::shares_at(dataset, 3), Some(13));
	});
}

#[test]
fn invariants_catch_a_cancellation_without_its_record() {
	run_test(|| {
		let (dataset, ids) = dataset_with(&[(BOB, 4)]);
		assert_ok!(Datasets::cancel_contribution(ids[0]));
		AcceptedContributions::<Test>::mutate(ids[0], |accepted| {
			accepted.as_mut().unwrap().cancelled_at = None;
		});
		assert!(Datasets::do_try_state().is_err());
		AcceptedContributions::<Test>::mutate(ids[0], |accepted| {
			accepted.as_mut().unwrap().cancelled_at = Some(1);
		});
		assert_eq!(CancelledShares::<Test>::get(dataset).len(), 1);
	});
}
