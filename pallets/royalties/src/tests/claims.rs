//! `claim`, `claim_all`, `claim_earnings`, and positions.

use frame_support::{assert_noop, assert_ok};

use super::*;
use frame_support::dispatch::WithPostDispatchInfo;

use crate::{Contributors, Error, Event, WeightInfo};

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
		// One position, in the one chunk the dataset's versions span.
		assert_noop!(
			Royalties::claim(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::NothingToClaim.with_weight(<() as WeightInfo>::claim(1, 1))
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
			Error::<Test>::NothingToClaim.with_weight(<() as WeightInfo>::claim_all(0))
		);
	});
}

#[test]
fn owners_claim_their_earnings_and_the_treasury_is_paid_at_once() {
	run_test(|| {
		add_model(0, ALICE, [80, 0, 0, 20], vec![], vec![]);
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 1_000));
		// The treasury's 20% is already in its account; it has nothing to claim.
		assert_eq!(Balances::free_balance(TREASURY), INITIAL_BALANCE + 200);
		assert_noop!(
			Royalties::claim_earnings(RuntimeOrigin::signed(TREASURY)),
			Error::<Test>::NothingToClaim
		);
		assert_ok!(Royalties::claim_earnings(RuntimeOrigin::signed(ALICE)));
		assert_eq!(Balances::free_balance(ALICE), INITIAL_BALANCE + 800);
		assert_eq!(owner_earnings(ALICE), Earnings { claimable: 0, earned: 800 });
		assert_eq!(
			royalty_events().last(),
			Some(&Event::EarningsClaimed { who: ALICE, amount: 800 })
		);
		assert_noop!(
			Royalties::claim_earnings(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn every_contribution_keeps_its_own_position_and_earns_exactly() {
	run_test(|| {
		// Bob contributes at versions 0..=19, Charlie once at version 20.
		for _ in 0..20 {
			contribute(0, BOB, 10);
		}
		contribute(0, CHARLIE, 50);
		assert_eq!(Contributors::<Test>::get(0, BOB).holding.positions.len(), 20);
		// A model on version 3 (Bob 40) and one on version 20 (Bob 200, Charlie 50): the
		// first is all Bob's, the second 4:1.
		add_model(0, ALICE, [0, 0, 100, 0], vec![], vec![(0, 3, 100)]);
		add_model(1, ALICE, [0, 0, 100, 0], vec![], vec![(0, 20, 100)]);
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 1_000));
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 1, 1_000));
		assert_eq!((claimable(BOB, 0), claimable(CHARLIE, 0)), (1_800, 200));
		// Bob's claim goes through all 20 positions and reads the one chunk they are in; it is
		// charged for that, not for the most versions a dataset may have.
		let charged = Royalties::claim(RuntimeOrigin::signed(BOB), 0).unwrap().actual_weight;
		assert_eq!(charged, Some(<() as WeightInfo>::claim(20, 1)));
		assert!(charged.unwrap().ref_time() < Royalties::claim_weight_bound().ref_time());
		assert_eq!(Balances::free_balance(BOB), INITIAL_BALANCE + 1_800);
	});
}

#[test]
fn a_contributor_holds_a_position_at_every_version_a_dataset_may_have() {
	run_test(|| {
		for _ in 0..MAX_VERSIONS {
			contribute(0, BOB, 1);
		}
		let holding = Contributors::<Test>::get(0, BOB).holding;
		assert_eq!(holding.positions.len() as u32, MAX_VERSIONS);
		add_model(0, ALICE, [0, 0, 100, 0], vec![], vec![(0, MAX_VERSIONS - 1, 100)]);
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 6_400));
		assert_eq!(claimable(BOB, 0), 6_400);
	});
}

/// A version past what pools cover cannot come from a datasets pallet wired as
/// `integrity_test` requires; if one did, the share change is dropped (the shares earn
/// nothing, so nobody is overpaid) and reported loudly: a panic in debug builds.
#[test]
#[cfg_attr(debug_assertions, should_panic(expected = "Defensive failure"))]
fn shares_beyond_the_versions_bound_are_dropped_loudly() {
	run_test(|| {
		for _ in 0..MAX_VERSIONS {
			contribute(0, BOB, 1);
		}
		// A 65th version: Bob's holding is full.
		let before = Contributors::<Test>::get(0, BOB);
		let version = contribute(0, BOB, 1);
		assert_eq!(version, MAX_VERSIONS);
		assert_eq!(Contributors::<Test>::get(0, BOB), before);
	});
}
