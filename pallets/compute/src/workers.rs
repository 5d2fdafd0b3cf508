//! The worker registry: registration, changes, stake, unbonding.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
		Get,
	},
};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	DispatchError,
};

use crate::{
	ActiveWorkers, BalanceOf, Capabilities, Config, Error, Event, HoldReason, Pallet, Reputation,
	Worker, WorkerKey, WorkerOfKey, WorkerStatus, Workers,
};

impl<T: Config> Pallet<T> {
	/// Registers `who` with `stake` held, `capabilities` and `key`. Nothing changes on error.
	pub(crate) fn do_register(
		who: &T::AccountId,
		stake: BalanceOf<T>,
		capabilities: Capabilities,
		key: WorkerKey,
	) -> DispatchResult {
		ensure!(!Workers::<T>::contains_key(who), Error::<T>::AlreadyRegistered);
		ensure!(stake >= T::MinWorkerStake::get(), Error::<T>::StakeBelowMinimum);
		ensure!(capabilities.backends.is_valid(), Error::<T>::InvalidCapabilities);
		ensure!(!WorkerOfKey::<T>::contains_key(&key), Error::<T>::KeyInUse);
		let mut active = ActiveWorkers::<T>::get();
		active.try_push((who.clone(), capabilities)).map_err(|_| Error::<T>::TooManyWorkers)?;
		T::Currency::hold(&HoldReason::WorkerStake.into(), who, stake)?;

		ActiveWorkers::<T>::put(active);
		WorkerOfKey::<T>::insert(&key, who);
		Workers::<T>::insert(
			who,
			Worker::<T> {
				stake,
				capabilities,
				key: key.clone(),
				status: WorkerStatus::Active,
				reputation: Reputation::default(),
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::WorkerRegistered { worker: who.clone(), stake, key });
		Ok(())
	}

	/// The worker `who`, if it is active.
	fn active_worker(who: &T::AccountId) -> Result<Worker<T>, DispatchError> {
		let worker = Workers::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
		ensure!(worker.status == WorkerStatus::Active, Error::<T>::Unbonding);
		Ok(worker)
	}

	/// Replaces `who`'s capabilities and key.
	pub(crate) fn do_update(
		who: &T::AccountId,
		capabilities: Capabilities,
		key: WorkerKey,
	) -> DispatchResult {
		let mut worker = Self::active_worker(who)?;
		ensure!(capabilities.backends.is_valid(), Error::<T>::InvalidCapabilities);
		if key != worker.key {
			ensure!(!WorkerOfKey::<T>::contains_key(&key), Error::<T>::KeyInUse);
			WorkerOfKey::<T>::remove(&worker.key);
			WorkerOfKey::<T>::insert(&key, who);
		}
		if worker.capabilities != capabilities {
			ActiveWorkers::<T>::mutate(|active| {
				if let Some(entry) = active.iter_mut().find(|(account, _)| account == who) {
					entry.1 = capabilities;
				}
			});
		}
		worker.capabilities = capabilities;
		worker.key = key.clone();
		Workers::<T>::insert(who, worker);
		Self::deposit_event(Event::WorkerUpdated { worker: who.clone(), capabilities, key });
		Ok(())
	}

	/// Holds `amount` more of `who`'s balance as stake.
	pub(crate) fn do_bond_extra(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut worker = Self::active_worker(who)?;
		let stake = worker.stake.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		T::Currency::hold(&HoldReason::WorkerStake.into(), who, amount)?;
		worker.stake = stake;
		Workers::<T>::insert(who, worker);
		Self::deposit_event(Event::StakeBonded { worker: who.clone(), amount, stake });
		Ok(())
	}

	/// Takes `who` out of the active set and starts its unbonding period.
	pub(crate) fn do_unregister(who: &T::AccountId) -> DispatchResult {
		let mut worker = Self::active_worker(who)?;
		Self::deactivate(who, &mut worker);
		Workers::<T>::insert(who, worker);
		Ok(())
	}

	/// Takes `who` out of the active set and starts `worker`'s unbonding period; the caller
	/// stores `worker`.
	pub(crate) fn deactivate(who: &T::AccountId, worker: &mut Worker<T>) {
		let until =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		ActiveWorkers::<T>::mutate(|active| {
			if let Some(position) = active.iter().position(|(account, _)| account == who) {
				active.swap_remove(position);
			}
		});
		worker.status = WorkerStatus::Unbonding { until };
		Self::deposit_event(Event::WorkerUnbonding { worker: who.clone(), until });
	}

	/// Releases an unbonded worker's stake and removes it.
	pub(crate) fn do_withdraw(who: &T::AccountId) -> DispatchResult {
		let worker = Workers::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
		let WorkerStatus::Unbonding { until } = worker.status else {
			return Err(Error::<T>::NotUnbonding.into());
		};
		ensure!(frame_system::Pallet::<T>::block_number() >= until, Error::<T>::StillUnbonding);
		// Releases what is held, which is the stake unless a slash took part of it.
		let released = T::Currency::release(
			&HoldReason::WorkerStake.into(),
			who,
			worker.stake,
			Precision::BestEffort,
		)?;
		WorkerOfKey::<T>::remove(&worker.key);
		Workers::<T>::remove(who);
		Self::deposit_event(Event::WorkerRemoved { worker: who.clone(), stake: released });
		Ok(())
	}

	/// The worker `who`, if registered.
	pub fn worker(who: &T::AccountId) -> Option<Worker<T>> {
		Workers::<T>::get(who)
	}

	/// The worker whose attestation key is `key`, if any.
	pub fn worker_of_key(key: &WorkerKey) -> Option<T::AccountId> {
		WorkerOfKey::<T>::get(key)
	}

	/// The workers eligible for new jobs.
	pub fn active_workers() -> Vec<T::AccountId> {
		ActiveWorkers::<T>::get().into_iter().map(|(account, _)| account).collect()
	}

	/// What `who` has held as stake, as the currency sees it.
	pub fn held_stake(who: &T::AccountId) -> BalanceOf<T> {
		T::Currency::balance_on_hold(&HoldReason::WorkerStake.into(), who)
	}
}
