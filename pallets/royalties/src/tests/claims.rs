//! `claim`, `claim_all`, `claim_earnings`, and positions.

use frame_support::{assert_noop, assert_ok};

use super::*;
use crate::{Contributors, Error, Event};

fn paid_model_on(datasets: Vec<(u32, u32, u32)>) {
	add_model(0, ALICE, [50, 0, 50, 0], vec![], datasets);
	assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 1_000));
}

#[test]
fn claim_pays_out_and_resets_claimable() {
	run_test(|| {
		contribute(0, BOB, 1);
		paid_model_on(vec![(0, 0, 100)]);
		assert_ok!(Royalties::claim(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(Balances::free_balance(BOB), INITIAL_BALANCE + 500);
		assert_eq!(Royalties::dataset_earnings(&BOB, 0), Earnings { claimable: 0, earned: 500 });
		assert_eq!(
			royalty_events().last(),
			Some(&Event::RoyaltiesClaimed { dataset: 0, who: BOB, amount: 500 })
		);
		assert_noop!(
			Royalties::claim(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn claim_all_claims_every_pool_up_to_the_bound() {
	run_test(|| {
		for dataset in 0..3 {
			contribute(dataset, BOB, 1);
		}
		paid_model_on(vec![(0, 0, 50), (1, 0, 25), (2, 0, 25)]);
		assert_ok!(Royalties::claim_all(RuntimeOrigin::signed(BOB)));
		// MaxClaimAll = 2: two of the three pools were claimed; the third is claimed by name.
		let left: Vec<u32> = (0..3).filter(|dataset| claimable(BOB, *dataset) > 0).collect();
		assert_eq!(left.len(), 1);
		assert_ok!(Royalties::claim(RuntimeOrigin::signed(BOB), left[0]));
		assert_eq!(Balances::free_balance(BOB), INITIAL_BALANCE + 500);
		assert_noop!(
			Royalties::claim_all(RuntimeOrigin::signed(CHARLIE)),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn owners_and_the_treasury_claim_their_earnings() {
	run_test(|| {
		add_model(0, ALICE, [80, 0, 0, 20], vec![], vec![]);
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 1_000));
		assert_ok!(Royalties::claim_earnings(RuntimeOrigin::signed(ALICE)));
		assert_ok!(Royalties::claim_earnings(RuntimeOrigin::signed(TREASURY)));
		assert_eq!(Balances::free_balance(ALICE), INITIAL_BALANCE + 800);
		assert_eq!(Balances::free_balance(TREASURY), INITIAL_BALANCE + 200);
		assert_eq!(owner_earnings(ALICE), Earnings { claimable: 0, earned: 800 });
		assert_eq!(
			royalty_events().last(),
			Some(&Event::EarningsClaimed { who: TREASURY, amount: 200 })
		);
		assert_noop!(
			Royalties::claim_earnings(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn many_contributions_merge_positions_without_overpaying() {
	run_test(|| {
		// Bob contributes at versions 0..=4; MAX_POSITIONS = 3 forces merges.
		for _ in 0..5 {
			contribute(0, BOB, 10);
		}
		contribute(0, CHARLIE, 50);
		assert_eq!(Contributors::<Test>::get(0, BOB).positions.len() as u32, MAX_POSITIONS);
		// A model on version 5 (Bob 50, Charlie 50): merging only delays Bob's oldest shares,
		// which still count for version 5.
		add_model(0, ALICE, [0, 0, 100, 0], vec![], vec![(0, 5, 100)]);
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 1_000));
		assert_eq!((claimable(BOB, 0), claimable(CHARLIE, 0)), (500, 500));
	});
}
