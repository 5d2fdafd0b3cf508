//! `certify` and `revoke`, and revocation on an upheld dispute.

use frame_support::{assert_noop, assert_ok};
use lineage_primitives::models::ModelStatus;
use sp_runtime::DispatchError;

use super::*;
use crate::{Error, Event, Models as ModelRecords};

#[test]
fn governance_certifies_registered_models() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		assert_ok!(Models::certify(RuntimeOrigin::root(), model));
		assert_eq!(ModelRecords::<Test>::get(model).unwrap().status, ModelStatus::Certified);
		assert_eq!(last_event(), Event::ModelCertified { model });
		// Certified models stay usable by their owner.
		assert_ok!(Models::set_price(RuntimeOrigin::signed(ALICE), model, 5));
	});
}

#[test]
fn certify_fails_for_signed_unknown_and_non_registered_models() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		assert_noop!(
			Models::certify(RuntimeOrigin::signed(ALICE), model),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Models::certify(RuntimeOrigin::root(), model + 1),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Models::certify(RuntimeOrigin::root(), model));
		assert_noop!(
			Models::certify(RuntimeOrigin::root(), model),
			Error::<Test>::InvalidStatusTransition
		);
	});
}

#[test]
fn revoke_burns_the_deposit() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		let issuance = Balances::total_issuance();
		assert_ok!(Models::revoke(RuntimeOrigin::root(), model));
		let record = ModelRecords::<Test>::get(model).unwrap();
		assert_eq!((record.status, record.deposit), (ModelStatus::Revoked, 0));
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), INITIAL_BALANCE - MODEL_DEPOSIT);
		assert_eq!(Balances::total_issuance(), issuance - MODEL_DEPOSIT);
		assert_eq!(last_event(), Event::ModelRevoked { model, burned: MODEL_DEPOSIT });
	});
}

#[test]
fn revoking_a_deprecated_model_burns_nothing() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		assert_ok!(Models::deprecate(RuntimeOrigin::signed(ALICE), model));
		assert_ok!(Models::revoke(RuntimeOrigin::root(), model));
		assert_eq!(Balances::free_balance(ALICE), INITIAL_BALANCE);
		assert_eq!(last_event(), Event::ModelRevoked { model, burned: 0 });
	});
}

#[test]
fn revoke_fails_for_signed_unknown_and_revoked_models() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		assert_noop!(Models::revoke(RuntimeOrigin::signed(ALICE), model), DispatchError::BadOrigin);
		assert_noop!(Models::revoke(RuntimeOrigin::root(), model + 1), Error::<Test>::UnknownModel);
		assert_ok!(Models::revoke(RuntimeOrigin::root(), model));
		assert_noop!(
			Models::revoke(RuntimeOrigin::root(), model),
			Error::<Test>::InvalidStatusTransition
		);
		// Revoked models take no owner changes either.
		assert_noop!(
			Models::set_price(RuntimeOrigin::signed(ALICE), model, 0),
			Error::<Test>::ModelNotActive
		);
	});
}

#[test]
fn a_dispute_answers_to_the_owner_of_an_unrevoked_model() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		assert_eq!(Models::dispute_offender(model), Ok(ALICE));
		assert_eq!(Models::dispute_offender(model + 1), Err(Error::<Test>::UnknownModel.into()));
		assert_ok!(Models::revoke(RuntimeOrigin::root(), model));
		assert_eq!(Models::dispute_offender(model), Err(Error::<Test>::AlreadyRevoked.into()));
	});
}

#[test]
fn an_upheld_dispute_revokes_and_pays_the_deposit_to_the_treasury() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		let issuance = Balances::total_issuance();
		assert_eq!(Models::revoke_to(model, &BOB), Ok(MODEL_DEPOSIT));
		let record = ModelRecords::<Test>::get(model).unwrap();
		assert_eq!((record.status, record.deposit), (ModelStatus::Revoked, 0));
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(BOB), INITIAL_BALANCE + MODEL_DEPOSIT);
		// Moved, not burned.
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(
			last_event(),
			Event::ModelRevokedOnDispute { model, to: BOB, slashed: MODEL_DEPOSIT }
		);
		// Once revoked, there is nothing more to take.
		assert_eq!(Models::revoke_to(model, &BOB), Ok(0));
		assert_eq!(Models::revoke_to(model + 1, &BOB), Err(Error::<Test>::UnknownModel.into()));
	});
}
