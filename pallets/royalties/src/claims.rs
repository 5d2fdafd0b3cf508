//! Contributors and owners taking what they are owed out of the pot.

use alloc::vec::Vec;
use frame_support::{
	dispatch::{DispatchResultWithPostInfo, WithPostDispatchInfo},
	ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::Mutate, tokens::Preservation, Get},
	weights::Weight,
};
use lineage_primitives::datasets::DatasetId;
use sp_runtime::{traits::Saturating, DispatchError};

use crate::{
	pool::{self, Walk},
	store::StoredChunks,
	BalanceOf, Config, Contributors, Earnings, Error, Event, OwnerEarnings, Pallet, Pools, PoolsOf,
	WeightInfo,
};

impl<T: Config> Pallet<T> {
	/// Settles `who`'s holding in `dataset`'s pool and pays out everything settled. Returns
	/// the amount and what settling went through, for its weight.
	pub(crate) fn do_claim(
		who: &T::AccountId,
		dataset: DatasetId,
	) -> Result<(BalanceOf<T>, Walk), DispatchError> {
		let chunks = StoredChunks::<T>::of(dataset);
		let mut account = Contributors::<T>::get(dataset, who);
		let (owed, walk) =
			pool::settle(&chunks, &mut account.holding).map_err(|_| Error::<T>::Overflow)?;
		account.settled.saturating_accrue(owed);
		account.earned.saturating_accrue(owed);
		let amount = core::mem::take(&mut account.settled);
		if amount > 0 {
			let mut payouts = Pools::<T>::get(dataset);
			payouts.record_payout(amount).map_err(|_| Error::<T>::Overflow)?;
			Pools::<T>::insert(dataset, payouts);
			T::Currency::transfer(&Self::pot(), who, amount, Preservation::Preserve)?;
			Self::deposit_event(Event::RoyaltiesClaimed { dataset, who: who.clone(), amount });
		}
		Contributors::<T>::insert(dataset, who, account);
		Ok((amount, walk))
	}

	/// Claims from up to `MaxClaimAll` of `who`'s pools; fails only if there was nothing.
	/// Returns the weight of what it went through.
	pub(crate) fn do_claim_all(who: &T::AccountId) -> DispatchResultWithPostInfo {
		let mut total = BalanceOf::<T>::default();
		let pools: Vec<DatasetId> =
			PoolsOf::<T>::iter_key_prefix(who).take(T::MaxClaimAll::get() as usize).collect();
		let count = u32::try_from(pools.len()).unwrap_or(u32::MAX);
		let mut used: Weight = T::WeightInfo::claim_all(count);
		for dataset in pools {
			let (amount, walk) =
				Self::do_claim(who, dataset).map_err(|error| error.with_weight(used))?;
			total.saturating_accrue(amount);
			used.saturating_accrue(Self::claim_all_extra(walk));
		}
		if total == 0 {
			return Err(Error::<T>::NothingToClaim.with_weight(used));
		}
		Ok(Some(used).into())
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
		crate::ModelStatements::<T>::get(model)
	}

	/// What `who` can claim from and has earned in `dataset`'s pool.
	pub fn dataset_earnings(who: &T::AccountId, dataset: DatasetId) -> Earnings<BalanceOf<T>> {
		let chunks = StoredChunks::<T>::of(dataset);
		let account = Contributors::<T>::get(dataset, who);
		let (pending, _) = pool::pending(&chunks, &account.holding).unwrap_or_default();
		Earnings {
			claimable: account.settled.saturating_add(pending),
			earned: account.earned.saturating_add(pending),
		}
	}
}
