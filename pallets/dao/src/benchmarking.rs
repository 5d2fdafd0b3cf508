//! Benchmarks of the dispute calls at their worst case: the longest evidence URI, and subjects
//! whose upheld rulings do the runtime's real work at its costliest (revoking a model with its
//! deposit; cancelling a contribution whose contributor holds a position at every version of
//! a full royalty pool).

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	reason = "benchmark setup runs off-chain; a failure there must abort the benchmark"
)]

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::{traits::Zero, Saturating};

fn funded_opener<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("opener", 0, 0);
	let funds = T::DisputeDeposit::get().saturating_mul(10u32.into());
	T::Currency::set_balance(&who, T::Currency::minimum_balance().saturating_add(funds));
	who
}

fn open<T: Config>(opener: &T::AccountId, subject: DisputeSubject) -> DisputeId {
	let id = NextDisputeId::<T>::get();
	Pallet::<T>::do_open_dispute(
		opener.clone(),
		subject,
		DisputeReason::StolenData,
		vec![b'e'; T::MaxEvidenceUriLen::get() as usize],
		H256::repeat_byte(1),
	)
	.unwrap();
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A contribution: finding its offender reads more than a model's.
	#[benchmark]
	fn open_dispute(u: Linear<0, { T::MaxEvidenceUriLen::get() }>) {
		let opener = funded_opener::<T>();
		let subject = T::BenchmarkHelper::create_contribution_subject(&opener);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(opener.clone()),
			subject,
			DisputeReason::CopiedModel,
			vec![b'e'; u as usize],
			H256::repeat_byte(2),
		);

		assert!(DisputeOf::<T>::contains_key(subject));
		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::DisputeDeposit.into(), &opener),
			T::DisputeDeposit::get()
		);
	}

	#[benchmark]
	fn rule_upheld_model() {
		let opener = funded_opener::<T>();
		let dispute = open::<T>(&opener, T::BenchmarkHelper::create_model_subject(&opener));
		let origin = T::RulingOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		rule(origin as T::RuntimeOrigin, dispute, true);

		assert!(!Disputes::<T>::contains_key(dispute));
		assert!(T::Currency::balance_on_hold(&HoldReason::DisputeDeposit.into(), &opener).is_zero());
	}

	#[benchmark]
	fn rule_upheld_contribution() {
		let opener = funded_opener::<T>();
		let subject = T::BenchmarkHelper::create_contribution_subject(&opener);
		let dispute = open::<T>(&opener, subject);
		let origin = T::RulingOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		rule(origin as T::RuntimeOrigin, dispute, true);

		assert!(!Disputes::<T>::contains_key(dispute));
		// Cancelled: it cannot be disputed again.
		assert!(T::Subjects::offender(&subject).is_err());
	}

	/// The ruling does not touch the subject.
	#[benchmark]
	fn rule_rejected() {
		let opener = funded_opener::<T>();
		let dispute = open::<T>(&opener, T::BenchmarkHelper::create_model_subject(&opener));
		let origin = T::RulingOrigin::try_successful_origin().unwrap();

		#[extrinsic_call]
		rule(origin as T::RuntimeOrigin, dispute, false);

		assert!(!Disputes::<T>::contains_key(dispute));
	}

	impl_benchmark_test_suite!(
		Pallet,
		mock::new_test_ext(GovernanceTiming::Production),
		mock::Test
	);
}
