//! Payments along lineage: parents are paid by their own split, to a bounded number of models.

use frame_support::assert_ok;

use super::*;
use crate::ModelStatements;

/// The README's worked example: Dave's base model is trained on dataset 0 (Bob 30 shares,
/// Charlie 10); Alice fine-tunes it on dataset 1 (Eve… here Bob again, alone).
#[test]
fn a_fine_tuned_models_payment_reaches_the_base_model_and_its_data() {
	run_test(|| {
		contribute(0, BOB, 30);
		contribute(0, CHARLIE, 10);
		contribute(1, BOB, 5);
		// Base: 60% owner, 30% data, 10% treasury.
		add_model(0, DAVE, [60, 0, 30, 10], vec![], vec![(0, 1, 100)]);
		// Fine-tune: 50% owner, 30% upstream, 10% data, 10% treasury.
		add_model(1, ALICE, [50, 30, 10, 10], vec![0], vec![(1, 0, 100)]);

		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 1, 10_000));

		// Alice: 50% of 10,000.
		assert_eq!(owner_earnings(ALICE).claimable, 5_000);
		// Upstream 3,000 to the base model: Dave 60% = 1,800; its data 30% = 900, split 3:1;
		// its treasury part 300.
		assert_eq!(owner_earnings(DAVE).claimable, 1_800);
		assert_eq!(claimable(BOB, 0), 675);
		assert_eq!(claimable(CHARLIE, 0), 225);
		// The fine-tune's own data: 1,000 to dataset 1.
		assert_eq!(claimable(BOB, 1), 1_000);
		// Treasury: 1,000 from the fine-tune, 300 from the base.
		assert_eq!(treasury_received(), 1_300);
		assert_eq!(owner_earnings(TREASURY).claimable, 0);
		assert_eq!(ModelStatements::<Test>::get(0).owner_earned, 1_800);
		assert_eq!(ModelStatements::<Test>::get(1).owner_earned, 5_000);
	});
}

#[test]
fn parents_share_the_upstream_part_equally() {
	run_test(|| {
		add_model(0, BOB, [100, 0, 0, 0], vec![], vec![]);
		add_model(1, CHARLIE, [100, 0, 0, 0], vec![], vec![]);
		add_model(2, ALICE, [0, 100, 0, 0], vec![0, 1], vec![]);
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 2, 1_001));
		assert_eq!(owner_earnings(BOB).claimable, 500);
		assert_eq!(owner_earnings(CHARLIE).claimable, 500);
		assert_eq!(treasury_received(), 1);
	});
}

#[test]
fn payments_stop_after_max_paid_models_and_the_rest_goes_to_the_treasury() {
	run_test(|| {
		// A chain of 6 models, each passing half upstream.
		add_model(0, BOB, [100, 0, 0, 0], vec![], vec![]);
		for model in 1..6 {
			add_model(model, ALICE, [50, 50, 0, 0], vec![model - 1], vec![]);
		}
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 5, 1_600));
		// Models 5, 4, 3, 2 are paid (MAX_PAID_MODELS = 4): 800 + 400 + 200 + 100 to Alice;
		// model 2's upstream 100 would reach a fifth model, so it goes to the treasury.
		assert_eq!(MAX_PAID_MODELS, 4);
		assert_eq!(owner_earnings(ALICE).claimable, 1_500);
		assert_eq!(owner_earnings(BOB).claimable, 0);
		assert_eq!(treasury_received(), 100);
	});
}
