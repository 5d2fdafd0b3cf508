//! What the runtime API and other pallets read: [`DatasetInspect`](crate::DatasetInspect) and
//! the query helpers.

use frame_support::assert_ok;

use super::*;
use crate::{DatasetInspect, Pallet};

#[test]
fn license_at_knows_existing_versions_only() {
	run_test(|| {
		let dataset = alice_dataset();
		assert_eq!(Pallet::<Test>::license_at(dataset, 0), Some(open_license()));
		assert_eq!(Pallet::<Test>::license_at(dataset, 1), None);
		assert_eq!(Pallet::<Test>::license_at(dataset + 1, 0), None);
		let id = propose(BOB, dataset, 1);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(9)));
		assert_eq!(Pallet::<Test>::license_at(dataset, 1), Some(open_license()));
	});
}

#[test]
fn versions_are_paged_oldest_first() {
	run_test(|| {
		let dataset = alice_dataset();
		for byte in 10..14 {
			let id = propose(BOB, dataset, 1);
			assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(byte)));
		}
		let page = Pallet::<Test>::versions(dataset, 1, 2);
		assert_eq!(page.iter().map(|(v, _)| *v).collect::<Vec<_>>(), vec![1, 2]);
		assert_eq!(page[1].1.root, root(11));
		assert_eq!(page[1].1.item_count, 12);
		assert_eq!(Pallet::<Test>::versions(dataset, 3, 10).len(), 2);
		assert!(Pallet::<Test>::versions(dataset + 1, 0, 10).is_empty());
	});
}

#[test]
fn contributors_are_paged_without_gaps_or_repeats() {
	run_test(|| {
		let dataset = alice_dataset();
		for who in [BOB, CHARLIE] {
			let id = propose(who, dataset, 2);
			assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(9)));
		}
		let first = Pallet::<Test>::contributors_page(dataset, None, 2);
		assert_eq!(first.len(), 2);
		let rest = Pallet::<Test>::contributors_page(dataset, Some(first[1].0), 2);
		assert_eq!(rest.len(), 1);
		let mut all: Vec<_> = first.into_iter().chain(rest).collect();
		all.sort();
		assert_eq!(all, vec![(ALICE, 10), (BOB, 2), (CHARLIE, 2)]);
	});
}

#[test]
fn datasets_of_curator_follow_transfers() {
	run_test(|| {
		let first = alice_dataset();
		let second = alice_dataset();
		assert_eq!(Pallet::<Test>::datasets_of_curator(ALICE), vec![first, second]);
		assert_ok!(Datasets::transfer_curator(RuntimeOrigin::signed(ALICE), first, BOB));
		assert_eq!(Pallet::<Test>::datasets_of_curator(ALICE), vec![second]);
		assert_eq!(Pallet::<Test>::datasets_of_curator(BOB), vec![first]);
	});
}

#[test]
fn shares_at_is_the_item_count_of_that_version() {
	run_test(|| {
		let dataset = alice_dataset();
		let id = propose(BOB, dataset, 4);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), id, root(9)));
		assert_eq!(Pallet::<Test>::shares_at(dataset, 0), Some(10));
		assert_eq!(Pallet::<Test>::shares_at(dataset, 1), Some(14));
		assert_eq!(Pallet::<Test>::shares_at(dataset, 2), None);
		assert_eq!(Pallet::<Test>::shares_at(dataset + 1, 0), None);
	});
}
