//! Dividing a payment along a model's lineage.

use alloc::collections::VecDeque;
use frame_support::{
	defensive, ensure,
	pallet_prelude::DispatchResult,
	traits::{fungible::Mutate, tokens::Preservation, Get},
	weights::Weight,
};
use lineage_primitives::{
	datasets::{DatasetId, DatasetInspect, DatasetVersion},
	models::{ModelId, ModelInspect, RoyaltyTerms},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, Perbill,
};

use crate::{
	charges::PaidWork,
	pool::{self, PoolError},
	store::StoredChunks,
	BalanceOf, Config, Error, Event, ModelStatements, OwnerEarnings, Pallet, RoyaltyPayer,
	WeightInfo,
};

/// Where one payment went, for its event, and what dividing it went through.
#[derive(Default)]
struct Division<Balance> {
	owners: Balance,
	data: Balance,
	treasury: Balance,
	work: PaidWork,
}

impl<T: Config> Pallet<T> {
	/// Takes `amount` from `payer` into the pot and divides it along `model`'s lineage.
	/// Returns what the division went through, for its weight.
	pub(crate) fn do_pay(
		payer: &T::AccountId,
		model: ModelId,
		amount: BalanceOf<T>,
	) -> Result<PaidWork, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let terms = T::Models::royalty_terms(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(terms.usable, Error::<T>::ModelNotActive);
		T::Currency::transfer(payer, &Self::pot(), amount, Preservation::Preserve)?;

		let division = Self::divide(model, terms, amount)?;
		ModelStatements::<T>::mutate(model, |statement| {
			statement.revenue.saturating_accrue(amount)
		});
		Self::deposit_event(Event::ModelPaid {
			model,
			payer: payer.clone(),
			amount,
			owners: division.owners,
			data: division.data,
			treasury: division.treasury,
		});
		Ok(division.work)
	}

	/// Credits `amount`, already in the pot, along the lineage of `model`: breadth first over
	/// at most `MaxPaidModels` models; each part that cannot go further goes to the treasury.
	/// `terms` are `model`'s, already read to check it is usable.
	fn divide(
		model: ModelId,
		terms: RoyaltyTerms<T::AccountId, BalanceOf<T>>,
		amount: BalanceOf<T>,
	) -> Result<Division<BalanceOf<T>>, DispatchError> {
		let mut division = Division::<BalanceOf<T>>::default();
		let mut to_treasury = BalanceOf::<T>::zero();
		let mut paid_terms = Some(terms);
		let mut queue = VecDeque::from([(model, amount)]);
		let mut visited = 0u32;
		while let Some((current, part)) = queue.pop_front() {
			// The paid model comes out of the queue first.
			let Some(terms) = paid_terms.take().or_else(|| T::Models::royalty_terms(current))
			else {
				to_treasury.saturating_accrue(part);
				continue;
			};
			visited.saturating_inc();
			division.work.models.saturating_inc();
			let owner = terms.split.owner.mul_floor(part);
			let upstream = terms.split.upstream.mul_floor(part);
			let data = terms.split.data.mul_floor(part);
			// The treasury takes the rest: its own share and the split's rounding.
			to_treasury.saturating_accrue(
				part.saturating_sub(owner).saturating_sub(upstream).saturating_sub(data),
			);

			Self::credit_owner(&terms.owner, current, owner);
			division.owners.saturating_accrue(owner);

			let mut data_left = data;
			for used in terms.datasets.iter() {
				division.work.pools.saturating_inc();
				let share = used.weight.mul_floor(data);
				if Self::credit_pool(used.dataset, used.version, share)? {
					data_left.saturating_reduce(share);
					division.data.saturating_accrue(share);
				}
			}
			to_treasury.saturating_accrue(data_left);

			let parents = u32::try_from(terms.parents.len()).unwrap_or(u32::MAX);
			if parents == 0 {
				to_treasury.saturating_accrue(upstream);
				continue;
			}
			let each = Perbill::from_rational(1, parents).mul_floor(upstream);
			let mut upstream_left = upstream;
			for parent in terms.parents.iter() {
				let queued = u32::try_from(queue.len()).unwrap_or(u32::MAX);
				if visited.saturating_add(queued) < T::MaxPaidModels::get() {
					queue.push_back((*parent, each));
					upstream_left.saturating_reduce(each);
				}
			}
			to_treasury.saturating_accrue(upstream_left);
		}
		Self::pay_treasury(to_treasury)?;
		division.treasury = to_treasury;
		Ok(division)
	}

	/// Credits a model's owner, counting it as that model's earning.
	fn credit_owner(owner: &T::AccountId, model: ModelId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		Self::credit_owner_only(owner, amount);
		ModelStatements::<T>::mutate(model, |statement| {
			statement.owner_earned.saturating_accrue(amount)
		});
	}

	fn credit_owner_only(who: &T::AccountId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		OwnerEarnings::<T>::mutate(who, |earnings| {
			earnings.claimable.saturating_accrue(amount);
			earnings.earned.saturating_accrue(amount);
		});
	}

	/// Pays `amount` from the pot to the treasury's account at once: the treasury spends
	/// through governance, so it has no key to claim with. The pot keeps its existential
	/// deposit, so it is never reaped.
	pub(crate) fn pay_treasury(amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::transfer(
			&Self::pot(),
			&T::TreasuryAccount::get(),
			amount,
			Preservation::Preserve,
		)
		.map(|_| ())
	}

	/// Credits `amount` to the holders of `version` of `dataset`. Returns whether anyone could
	/// receive it (a version without shares cannot).
	pub(crate) fn credit_pool(
		dataset: DatasetId,
		version: DatasetVersion,
		amount: BalanceOf<T>,
	) -> Result<bool, DispatchError> {
		if amount.is_zero() {
			return Ok(true);
		}
		// Models name existing versions only; were one missing, its part goes to the treasury.
		let Some(shares) = T::Datasets::shares_at(dataset, version) else { return Ok(false) };
		let mut chunks = StoredChunks::<T>::of(dataset);
		match pool::credit(&mut chunks, version, amount, shares) {
			Ok(_) => Ok(true),
			Err(PoolError::NoShares) => Ok(false),
			Err(PoolError::Overflow) => Err(Error::<T>::Overflow.into()),
			Err(
				error @ (PoolError::VersionOutOfRange
				| PoolError::TooManyPositions
				| PoolError::NotHeld),
			) => {
				// `integrity_test` keeps datasets' versions within what pools cover.
				defensive!("a dataset version beyond the pool's range", error);
				Ok(false)
			},
		}
	}

	/// Pays `version` of `dataset`'s training fee into its pool.
	pub(crate) fn do_pay_training_fee(
		payer: &T::AccountId,
		dataset: DatasetId,
		version: DatasetVersion,
	) -> DispatchResult {
		let license =
			T::Datasets::license_at(dataset, version).ok_or(Error::<T>::UnknownDataset)?;
		Self::credit_training_fee(payer, dataset, version, license.training_fee)
	}

	/// Moves `amount` from `payer` into the pool of `version` of `dataset`, which exists: the
	/// dataset's training fee, as the licence says now or as a training job held it when
	/// submitted.
	fn credit_training_fee(
		payer: &T::AccountId,
		dataset: DatasetId,
		version: DatasetVersion,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::NoTrainingFee);
		T::Currency::transfer(payer, &Self::pot(), amount, Preservation::Preserve)?;
		if !Self::credit_pool(dataset, version, amount)? {
			// Nobody holds shares of that version yet: the fee goes to the treasury.
			Self::pay_treasury(amount)?;
		}
		Self::deposit_event(Event::TrainingFeePaid {
			dataset,
			version,
			payer: payer.clone(),
			amount,
		});
		Ok(())
	}
}

impl<T: Config> RoyaltyPayer<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn pay_for_use_weight() -> Weight {
		Self::pay_weight_bound()
	}

	fn pay_for_use(
		payer: &T::AccountId,
		model: ModelId,
		amount: BalanceOf<T>,
	) -> Result<Weight, DispatchError> {
		Self::do_pay(payer, model, amount).map(Self::pay_weight)
	}

	fn pay_training_fee_weight() -> Weight {
		T::WeightInfo::pay_training_fee()
	}

	fn pay_training_fee(
		payer: &T::AccountId,
		dataset: DatasetId,
		version: DatasetVersion,
		amount: BalanceOf<T>,
	) -> Result<Weight, DispatchError> {
		ensure!(T::Datasets::shares_at(dataset, version).is_some(), Error::<T>::UnknownDataset);
		Self::credit_training_fee(payer, dataset, version, amount)?;
		Ok(T::WeightInfo::pay_training_fee())
	}
}
