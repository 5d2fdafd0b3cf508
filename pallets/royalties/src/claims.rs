//! Contributors and owners taking what they are owed out of the pot.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::Mutate, tokens::Preservation, Get},
};
use lineage_primitives::datasets::DatasetId;
use sp_runtime::{traits::Saturating, DispatchError};

use crate::{
	store::StoredNodes, BalanceOf, Config, Contributors, Earnings, Error, Event, OwnerEarnings,
	Pallet, Pools, PoolsOf,
};

impl<T: Config> Pallet<T> {
	/// Settles `who`'s positions in `dataset`'s pool and pays out everything settled.
	pub(crate) fn do_claim(
		who: &T::AccountId,
		dataset: DatasetId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut pool = Pools::<T>::get(dataset);
		let nodes = StoredNodes::<T>::of(dataset);
		let mut account = Contributors::<T>::get(dataset, who);
		for position in account.positions.iter_mut() {
			let owed = pool.settle(&nodes, position).map_err(|_| Error::<T>::Overflow)?;
			account.settled.saturating_accrue(owed);
			account.earned.saturating_accrue(owed);
		}
		let amount = core::mem::take(&mut account.settled);
		if amount > 0 {
			pool.record_payout(amount).map_err(|_| Error::<T>::Overflow)?;
			Pools::<T>::insert(dataset, pool);
			T::Currency::transfer(&Self::pot(), who, amount, Preservation::Preserve)?;
			Self::deposit_event(Event::RoyaltiesClaimed { dataset, who: who.clone(), amount });
		}
		Contributors::<T>::insert(dataset, who, account);
		Ok(amount)
	}

	/// Claims from up to `MaxClaimAll` of `who`'s pools; fails only if there was nothing.
	pub(crate) fn do_claim_all(who: &T::AccountId) -> DispatchResult {
		let mut total = BalanceOf::<T>::default();
		let pools: Vec<DatasetId> =
			PoolsOf::<T>::iter_key_prefix(who).take(T::MaxClaimAll::get() as usize).collect();
		for dataset in pools {
			total.saturating_accrue(Self::do_claim(who, dataset)?);
		}
		ensure!(total > 0, Error::<T>::NothingToClaim);
		Ok(())
	}

	/// Pays out an owner's (or the treasury's) credited earnings.
	pub(crate) fn do_claim_earnings(who: &T::AccountId) -> DispatchResult {
		let amount = OwnerEarnings::<T>::get(who).claimable;
		ensure!(amount > 0, Error::<T>::NothingToClaim);
		T::Currency::transfer(&Self::pot(), who, amount, Preservation::Preserve)?;
		OwnerEarnings::<T>::mutate(who, |earnings| earnings.claimable = 0);
		Self::deposit_event(Event::EarningsClaimed { who: who.clone(), amount });
		Ok(())
	}

	/// The datasets whose pools `who` holds positions in, ascending.
	pub fn pools_of(who: &T::AccountId) -> Vec<DatasetId> {
		let mut pools: Vec<DatasetId> = PoolsOf::<T>::iter_key_prefix(who).collect();
		pools.sort_unstable();
		pools
	}

	/// What `model` has brought in.
	pub fn model_statement(
		model: lineage_primitives::models::ModelId,
	) -> crate::ModelStatement<BalanceOf<T>> {
		crate::ModelStatement {
			revenue: crate::ModelRevenue::<T>::get(model),
			owner_earned: crate::ModelOwnerEarned::<T>::get(model),
		}
	}

	/// What `who` can claim from and has earned in `dataset`'s pool.
	pub fn dataset_earnings(who: &T::AccountId, dataset: DatasetId) -> Earnings<BalanceOf<T>> {
		let pool = Pools::<T>::get(dataset);
		let nodes = StoredNodes::<T>::of(dataset);
		let account = Contributors::<T>::get(dataset, who);
		let pending: BalanceOf<T> = account
			.positions
			.iter()
			.map(|position| pool.pending(&nodes, position).unwrap_or_default())
			.fold(0, |sum, owed| sum.saturating_add(owed));
		Earnings {
			claimable: account.settled.saturating_add(pending),
			earned: account.earned.saturating_add(pending),
		}
	}
}
