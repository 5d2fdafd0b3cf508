//! Benchmarks of every call at its worst case: the set at its largest, the validator to
//! remove last in it.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	reason = "benchmark setup runs off-chain; a failure there must abort the benchmark"
)]

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;

const SEED: u32 = 0;

/// A set of `size` validators, each with session keys.
fn validators<T: Config>(size: u32) -> Vec<T::AccountId> {
	let validators: Vec<T::AccountId> =
		(0..size).map(|index| account("validator", index, SEED)).collect();
	for validator in &validators {
		T::SessionKeys::register_keys(validator);
	}
	Validators::<T>::put(BoundedVec::try_from(validators.clone()).unwrap());
	validators
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Adding to a set of `v` validators (the membership check reads them all).
	#[benchmark]
	fn add_validator(v: Linear<0, { T::MaxValidators::get() - 1 }>) -> Result<(), BenchmarkError> {
		validators::<T>(v);
		let who: T::AccountId = account("candidate", 0, SEED);
		T::SessionKeys::register_keys(&who);
		let origin =
			T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		assert!(SetChanged::<T>::get());
		Ok(())
	}

	/// Removing the last of `v` validators.
	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get() + 1 }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let set = validators::<T>(v);
		let who = set.last().cloned().unwrap();
		let origin =
			T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn set_session_length() -> Result<(), BenchmarkError> {
		let length: BlockNumberFor<T> = T::MinSessionLength::get() + 1u32.into();
		let origin =
			T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, length);

		assert_eq!(SessionLength::<T>::get(), length);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, mock::new_test_ext(), mock::Test);
}
