//! Cancelled shares (an upheld dispute against a contribution): the contributor keeps what
//! they earned, and later payments go to the other holders.

use frame_support::assert_ok;

use super::*;
use crate::{pool::Position, Contributors, PoolChunks};

/// A model trained on `version` of dataset 0, with all of each payment going to its data.
fn data_model(version: u32) {
	add_model(0, ALICE, [0, 0, 100, 0], vec![], vec![(0, version, 100)]);
}

fn pay(amount: Balance) {
	assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, amount));
}

#[test]
fn cancelled_shares_keep_what_they_earned_and_earn_nothing_more() {
	run_test(|| {
		// Version 0: Alice 6 shares; version 1: Bob 4 (10 in all).
		contribute(0, ALICE, 6);
		contribute(0, BOB, 4);
		data_model(1);
		pay(1_000);
		assert_eq!((claimable(ALICE, 0), claimable(BOB, 0)), (600, 400));

		cancel(0, 1, BOB, 4);

		// Bob's 400 was settled for him; his position is gone.
		let bob = Contributors::<Test>::get(0, BOB);
		assert_eq!((bob.settled, bob.earned), (400, 400));
		assert!(bob.holding.positions.is_empty());
		// Version 1 now counts Alice's 6 shares only: she gets the whole next payment.
		pay(600);
		assert_eq!((claimable(ALICE, 0), claimable(BOB, 0)), (1_200, 400));
		assert_ok!(Royalties::claim(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(Balances::free_balance(BOB), INITIAL_BALANCE + 400);
	});
}

#[test]
fn cancelling_one_position_keeps_the_contributors_others() {
	run_test(|| {
		// Bob holds 2 at version 0 and 3 at version 1, Alice 5 at version 2.
		contribute(0, BOB, 2);
		contribute(0, BOB, 3);
		contribute(0, ALICE, 5);
		data_model(2);
		pay(1_000);
		assert_eq!(claimable(BOB, 0), 500);

		cancel(0, 1, BOB, 3);

		assert_eq!(
			Contributors::<Test>::get(0, BOB).holding.positions.to_vec(),
			vec![Position { version: 0, shares: 2 }]
		);
		// 7 shares left at version 2: Bob's 2 and Alice's 5.
		pay(700);
		assert_eq!((claimable(BOB, 0), claimable(ALICE, 0)), (700, 1_000));
	});
}

#[test]
fn a_fraction_of_a_planck_lost_to_a_cancellation_counts_as_dust() {
	run_test(|| {
		// One planck over three shares: Bob's third of a planck is not yet owed to him.
		contribute(0, ALICE, 2);
		contribute(0, BOB, 1);
		data_model(1);
		pay(1);
		let dust = PoolChunks::<Test>::get(0, 0).dust;

		cancel(0, 1, BOB, 1);

		// Settling cannot pay a third of a planck; it stays in the pool, as rounding does, and
		// the invariants (checked after the test) still bound what the pool keeps.
		assert_eq!(Contributors::<Test>::get(0, BOB).settled, 0);
		assert_eq!(PoolChunks::<Test>::get(0, 0).dust, dust + 1);
	});
}
