//! Benchmarks of `pallet_session`'s calls on this runtime. polkadot-sdk keeps them in
//! `pallet-session-benchmarking`, which sets validators up through `pallet-staking`; Lineage
//! has no staking, so these set a validator up the way one joins here: a funded account with
//! keys generated in the node's keystore and a proof that it holds them.

#![allow(missing_docs, reason = "the benchmark macros expand to undocumented items")]

use alloc::vec::Vec;
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use sp_runtime::traits::Convert;

use crate::{AccountId, Runtime, SessionKeys};

/// `pallet_session` under its own name in `define_benchmarks!`.
pub(crate) struct Pallet<T: Config>(pallet_session::Pallet<T>);

/// What the benchmarks need from the runtime.
pub(crate) trait Config: pallet_session::Config {
	/// New session keys in the keystore, and the proof that `owner` holds them.
	fn generate_keys_and_proof(owner: &Self::AccountId) -> (Self::Keys, Vec<u8>);

	/// Gives `who` the key deposit on top of what keeps the account alive.
	fn fund_key_deposit(who: &Self::AccountId);
}

impl Config for Runtime {
	fn fund_key_deposit(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		let amount = crate::configs::SessionKeyDeposit::get()
			.saturating_add(crate::EXISTENTIAL_DEPOSIT.saturating_mul(2));
		let _ = crate::Balances::mint_into(who, amount);
	}

	fn generate_keys_and_proof(owner: &AccountId) -> (SessionKeys, Vec<u8>) {
		let generated = SessionKeys::generate(&owner.encode(), None);
		(generated.keys, generated.proof.encode())
	}
}

/// An account, its session keys and the proof that it holds them.
type KeyedAccount<T> =
	(<T as frame_system::Config>::AccountId, <T as pallet_session::Config>::Keys, Vec<u8>);

/// A funded account with fresh keys and their proof.
fn validator<T: Config>() -> Result<KeyedAccount<T>, BenchmarkError> {
	let who: T::AccountId = account("validator", 0, 0);
	// `ensure_can_pay_key_deposit` mints the deposit alone, which holding would then leave
	// the account below the existential deposit.
	T::fund_key_deposit(&who);
	let (keys, proof) = T::generate_keys_and_proof(&who);
	Ok((who, keys, proof))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_keys() -> Result<(), BenchmarkError> {
		let (who, keys, proof) = validator::<T>()?;

		#[block]
		{
			pallet_session::Pallet::<T>::set_keys(
				RawOrigin::Signed(who.clone()).into(),
				keys,
				proof,
			)?;
		}

		assert!(pallet_session::NextKeys::<T>::contains_key(
			T::ValidatorIdOf::convert(who).ok_or("a validator id")?
		));
		Ok(())
	}

	#[benchmark]
	fn purge_keys() -> Result<(), BenchmarkError> {
		let (who, keys, proof) = validator::<T>()?;
		pallet_session::Pallet::<T>::set_keys(RawOrigin::Signed(who.clone()).into(), keys, proof)?;

		#[block]
		{
			pallet_session::Pallet::<T>::purge_keys(RawOrigin::Signed(who.clone()).into())?;
		}

		assert!(!pallet_session::NextKeys::<T>::contains_key(
			T::ValidatorIdOf::convert(who).ok_or("a validator id")?
		));
		Ok(())
	}
}
