//! `pay` and `pay_training_fee`: how one payment is divided.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::TokenError;

use super::*;
use frame_support::dispatch::WithPostDispatchInfo;

use crate::{Error, Event, ModelStatements, RoyaltyPayer, WeightInfo};

#[test]
fn a_payment_reaches_owner_contributors_and_treasury() {
	run_test(|| {
		contribute(0, BOB, 30);
		let v1 = contribute(0, CHARLIE, 10);
		add_model(0, ALICE, [70, 0, 20, 10], vec![], vec![(0, v1, 100)]);

		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 1_000));

		assert_eq!(Balances::free_balance(PAYER), INITIAL_BALANCE - 1_000);
		assert_eq!(owner_earnings(ALICE), Earnings { claimable: 700, earned: 700 });
		// 200 to the data, split 30:10 by shares of version 1.
		assert_eq!(claimable(BOB, 0), 150);
		assert_eq!(claimable(CHARLIE, 0), 50);
		assert_eq!(treasury_received(), 100);
		assert_eq!(ModelStatements::<Test>::get(0).revenue, 1_000);
		assert_eq!(
			royalty_events().last(),
			Some(&Event::ModelPaid {
				model: 0,
				payer: PAYER,
				amount: 1_000,
				owners: 700,
				data: 200,
				treasury: 100
			})
		);
	});
}

#[test]
fn contributors_who_joined_after_the_version_used_earn_nothing_from_it() {
	run_test(|| {
		let v0 = contribute(0, BOB, 30);
		let v1 = contribute(0, CHARLIE, 10);
		add_model(0, ALICE, [0, 0, 100, 0], vec![], vec![(0, v0, 100)]);
		add_model(1, ALICE, [0, 0, 100, 0], vec![], vec![(0, v1, 100)]);

		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 300));
		assert_eq!((claimable(BOB, 0), claimable(CHARLIE, 0)), (300, 0));

		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 1, 400));
		assert_eq!((claimable(BOB, 0), claimable(CHARLIE, 0)), (600, 100));
	});
}

#[test]
fn attribution_weights_divide_the_data_part() {
	run_test(|| {
		contribute(0, BOB, 1);
		contribute(1, CHARLIE, 1);
		add_model(0, ALICE, [0, 0, 100, 0], vec![], vec![(0, 0, 75), (1, 0, 25)]);
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 1_000));
		assert_eq!((claimable(BOB, 0), claimable(CHARLIE, 1)), (750, 250));
	});
}

#[test]
fn rounding_of_the_split_goes_to_the_treasury() {
	run_test(|| {
		contribute(0, BOB, 3);
		add_model(0, ALICE, [33, 0, 33, 34], vec![], vec![(0, 0, 100)]);
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 10));
		// ⌊3.3⌋ = 3 to Alice, ⌊3.3⌋ = 3 to the data, the other 4 to the treasury.
		assert_eq!(owner_earnings(ALICE).claimable, 3);
		assert_eq!(claimable(BOB, 0), 3);
		assert_eq!(treasury_received(), 4);
	});
}

#[test]
fn pay_fails_for_zero_unknown_unusable_and_unfunded() {
	run_test(|| {
		contribute(0, BOB, 1);
		add_model(0, ALICE, [90, 0, 0, 10], vec![], vec![]);
		// Each fails before any model is split, and is charged that, not the worst case.
		let charged = <() as WeightInfo>::pay(1, 0);
		assert_noop!(
			Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 0),
			Error::<Test>::ZeroAmount.with_weight(charged)
		);
		assert_noop!(
			Royalties::pay(RuntimeOrigin::signed(PAYER), 1, 5),
			Error::<Test>::UnknownModel.with_weight(charged)
		);
		assert_noop!(
			Royalties::pay(RuntimeOrigin::signed(PAYER), 0, INITIAL_BALANCE),
			TokenError::NotExpendable.with_weight(charged)
		);
		retire_model(0);
		assert_noop!(
			Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 5),
			Error::<Test>::ModelNotActive.with_weight(charged)
		);
	});
}

#[test]
fn training_fees_go_to_the_pool_of_that_version() {
	run_test(|| {
		contribute(0, BOB, 1);
		contribute(0, CHARLIE, 1);
		set_training_fee(0, 90);
		assert_ok!(Royalties::pay_training_fee(RuntimeOrigin::signed(PAYER), 0, 1));
		assert_eq!((claimable(BOB, 0), claimable(CHARLIE, 0)), (45, 45));
		assert_ok!(Royalties::pay_training_fee(RuntimeOrigin::signed(PAYER), 0, 0));
		assert_eq!((claimable(BOB, 0), claimable(CHARLIE, 0)), (135, 45));
		assert_eq!(
			royalty_events().last(),
			Some(&Event::TrainingFeePaid { dataset: 0, version: 0, payer: PAYER, amount: 90 })
		);
	});
}

#[test]
fn training_fee_fails_for_unknown_version_and_free_datasets() {
	run_test(|| {
		contribute(0, BOB, 1);
		assert_noop!(
			Royalties::pay_training_fee(RuntimeOrigin::signed(PAYER), 0, 1),
			Error::<Test>::UnknownDataset
		);
		assert_noop!(
			Royalties::pay_training_fee(RuntimeOrigin::signed(PAYER), 0, 0),
			Error::<Test>::NoTrainingFee
		);
	});
}

#[test]
fn a_payment_is_charged_for_the_models_and_pools_it_reached() {
	run_test(|| {
		contribute(0, BOB, 1);
		contribute(1, BOB, 1);
		add_model(0, ALICE, [60, 0, 30, 10], vec![], vec![(0, 0, 100)]);
		add_model(1, ALICE, [50, 20, 20, 10], vec![0], vec![(0, 0, 50), (1, 0, 50)]);
		// A model with no parents and one dataset: one model, one pool.
		let paid = Royalties::pay(RuntimeOrigin::signed(PAYER), 0, 1_000).unwrap();
		assert_eq!(paid.actual_weight, Some(<() as WeightInfo>::pay(1, 1)));
		// Its fine-tune: two models, three pools (two of its own, one of its parent).
		let paid = Royalties::pay(RuntimeOrigin::signed(PAYER), 1, 1_000).unwrap();
		assert_eq!(paid.actual_weight, Some(<() as WeightInfo>::pay(2, 3)));
		// The compute pallet's path reports the same.
		assert_eq!(
			<Royalties as RoyaltyPayer<_, _>>::pay_for_use(&PAYER, 1, 1_000),
			Ok(<() as WeightInfo>::pay(2, 3))
		);
		assert_eq!(
			<Royalties as RoyaltyPayer<AccountId, Balance>>::pay_for_use_weight(),
			Royalties::pay_weight_bound()
		);
		assert!(
			<() as WeightInfo>::pay(1, 1).ref_time() < Royalties::pay_weight_bound().ref_time()
		);
	});
}
