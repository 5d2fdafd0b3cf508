//! `try_state`: the set governance decided on is one `pallet-session` can use, and the session
//! clock runs forward.

use frame_support::{ensure, traits::Get};
use sp_runtime::TryRuntimeError;

use crate::{Config, Pallet, SessionLength, SessionStart, Validators};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_try_state() -> Result<(), TryRuntimeError> {
		let validators = Validators::<T>::get();
		let mut unique = validators.clone().into_inner();
		unique.sort();
		unique.dedup();
		ensure!(unique.len() == validators.len(), "an account is in the validator set twice");
		// Empty only on a chain built from the default genesis, which has no authorities at all.
		ensure!(
			validators.is_empty() || validators.len() >= T::MinValidators::get() as usize,
			"the validator set is below MinValidators"
		);
		ensure!(
			SessionLength::<T>::get() >= T::MinSessionLength::get(),
			"sessions are shorter than MinSessionLength"
		);
		ensure!(
			SessionStart::<T>::get() <= frame_system::Pallet::<T>::block_number(),
			"the current session starts in the future"
		);
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	#![allow(clippy::unwrap_used, reason = "a test fails loudly")]

	use frame_support::{assert_ok, BoundedVec};

	use crate::{mock::*, SessionLength, SessionStart, Validators as ValidatorSet};

	fn put_set(set: Vec<AccountId>) {
		ValidatorSet::<Test>::put(BoundedVec::try_from(set).unwrap());
	}

	#[test]
	fn genesis_and_governed_changes_keep_the_invariants() {
		new_test_ext().execute_with(|| {
			assert_ok!(Validators::do_try_state());
			MockSessionKeys::set(3);
			assert_ok!(Validators::add_validator(RuntimeOrigin::root(), 3));
			assert_ok!(Validators::remove_validator(RuntimeOrigin::root(), 1));
			assert_ok!(Validators::do_try_state());
		});
	}

	#[test]
	fn a_duplicate_a_short_set_a_short_session_and_a_future_start_are_each_caught() {
		let caught = |corrupt: fn()| {
			new_test_ext().execute_with(|| {
				corrupt();
				Validators::do_try_state().unwrap_err()
			})
		};
		assert_eq!(
			caught(|| put_set(vec![1, 2, 1])),
			"an account is in the validator set twice".into()
		);
		assert_eq!(caught(|| put_set(vec![1])), "the validator set is below MinValidators".into());
		assert_eq!(
			caught(|| SessionLength::<Test>::put(MIN_SESSION_LENGTH - 1)),
			"sessions are shorter than MinSessionLength".into()
		);
		assert_eq!(
			caught(|| SessionStart::<Test>::put(System::block_number() + 1)),
			"the current session starts in the future".into()
		);
	}
}
