//! The validator set under governance, and the session clock.

#![allow(clippy::unwrap_used, reason = "a test fails loudly")]

use frame_support::{assert_noop, assert_ok, traits::EstimateNextSessionRotation};
use pallet_session::{SessionManager, ShouldEndSession};
use sp_runtime::{DispatchError, Permill};

use crate::{
	mock::*, Error, Event, SessionLength, SessionStart, SetChanged, Validators as ValidatorSet,
};

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn set() -> Vec<AccountId> {
	ValidatorSet::<Test>::get().into_inner()
}

#[test]
fn genesis_holds_the_validators_and_session_length() {
	new_test_ext().execute_with(|| {
		assert_eq!(set(), GENESIS_VALIDATORS.to_vec());
		assert_eq!(SessionLength::<Test>::get(), GENESIS_SESSION_LENGTH);
		assert!(!SetChanged::<Test>::get());
		// pallet-session's genesis asks for the first set whether or not it changed.
		assert_eq!(Validators::new_session_genesis(0), Some(GENESIS_VALIDATORS.to_vec()));
	});
}

#[test]
fn governance_adds_a_validator_with_session_keys() {
	new_test_ext().execute_with(|| {
		MockSessionKeys::set(3);
		assert_ok!(Validators::add_validator(root(), 3));
		assert_eq!(set(), vec![1, 2, 3]);
		System::assert_last_event(Event::ValidatorAdded { who: 3 }.into());
		// Handed to pallet-session once, at the next session change.
		assert_eq!(Validators::new_session(1), Some(vec![1, 2, 3]));
		assert_eq!(Validators::new_session(2), None);
	});
}

#[test]
fn only_the_manager_origin_changes_the_set() {
	new_test_ext().execute_with(|| {
		MockSessionKeys::set(3);
		assert_noop!(
			Validators::add_validator(RuntimeOrigin::signed(1), 3),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Validators::remove_validator(RuntimeOrigin::signed(1), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Validators::set_session_length(RuntimeOrigin::signed(1), 20),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_account_without_session_keys_cannot_join() {
	new_test_ext().execute_with(|| {
		assert_noop!(Validators::add_validator(root(), 3), Error::<Test>::NoSessionKeys);
		assert_eq!(Validators::new_session(1), None);
	});
}

#[test]
fn a_validator_is_added_once() {
	new_test_ext().execute_with(|| {
		assert_noop!(Validators::add_validator(root(), 1), Error::<Test>::AlreadyValidator);
	});
}

#[test]
fn the_set_never_grows_past_its_bound() {
	new_test_ext().execute_with(|| {
		for who in 3..=5 {
			MockSessionKeys::set(who);
		}
		assert_ok!(Validators::add_validator(root(), 3));
		assert_ok!(Validators::add_validator(root(), 4));
		assert_eq!(set().len() as u32, MAX_VALIDATORS);
		assert_noop!(Validators::add_validator(root(), 5), Error::<Test>::TooManyValidators);
	});
}

#[test]
fn governance_removes_a_validator_but_never_below_the_minimum() {
	new_test_ext().execute_with(|| {
		MockSessionKeys::set(3);
		assert_ok!(Validators::add_validator(root(), 3));
		assert_eq!(Validators::new_session(1), Some(vec![1, 2, 3]));

		assert_ok!(Validators::remove_validator(root(), 2));
		assert_eq!(set(), vec![1, 3]);
		System::assert_last_event(Event::ValidatorRemoved { who: 2 }.into());
		assert_eq!(Validators::new_session(2), Some(vec![1, 3]));

		assert_eq!(set().len() as u32, MIN_VALIDATORS);
		assert_noop!(Validators::remove_validator(root(), 1), Error::<Test>::TooFewValidators);
		assert_noop!(Validators::remove_validator(root(), 2), Error::<Test>::NotValidator);
	});
}

#[test]
fn a_failed_change_does_not_mark_the_set_changed() {
	new_test_ext().execute_with(|| {
		assert!(Validators::remove_validator(root(), 1).is_err());
		assert!(Validators::add_validator(root(), 9).is_err());
		assert!(!SetChanged::<Test>::get());
	});
}

#[test]
fn the_charge_is_refunded_to_the_set_size() {
	new_test_ext().execute_with(|| {
		use crate::WeightInfo;
		MockSessionKeys::set(3);
		let post = Validators::add_validator(root(), 3).unwrap();
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::add_validator(2)));
		let post = Validators::remove_validator(root(), 3).unwrap();
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::remove_validator(3)));
	});
}

#[test]
fn a_session_ends_after_its_length() {
	new_test_ext().execute_with(|| {
		// The session that started at block 0 ends when block 10 begins.
		assert!(!Validators::should_end_session(9));
		assert!(Validators::should_end_session(10));
		assert_eq!(Validators::estimate_next_session_rotation(3).0, Some(10));
		assert_eq!(Validators::average_session_length(), 10);
		assert_eq!(
			Validators::estimate_current_session_progress(4).0,
			Some(Permill::from_percent(50))
		);

		System::set_block_number(10);
		Validators::start_session(1);
		assert_eq!(SessionStart::<Test>::get(), 10);
		assert!(!Validators::should_end_session(19));
		assert!(Validators::should_end_session(20));
	});
}

#[test]
fn governance_sets_the_session_length_of_the_session_under_way() {
	new_test_ext().execute_with(|| {
		assert_ok!(Validators::set_session_length(root(), 6));
		System::assert_last_event(Event::SessionLengthSet { length: 6 }.into());
		assert!(Validators::should_end_session(6));
		assert_noop!(
			Validators::set_session_length(root(), MIN_SESSION_LENGTH - 1),
			Error::<Test>::SessionTooShort
		);
	});
}
