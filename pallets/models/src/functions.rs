//! The pallet's logic, wrapped by the calls in `lib.rs`. Calls are transactional, so an error
//! returned after a write leaves no trace; the checks still come first.

use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
	BoundedVec,
};
use lineage_primitives::{
	datasets::DatasetInspect,
	models::{
		sums_to_one, DatasetUse, ModelId, ModelLicense, ModelSpec, ModelStatus, RoyaltySplit,
	},
};
use sp_core::H256;
use sp_runtime::{traits::Zero, DispatchError};

use crate::{
	BalanceOf, Config, Error, Event, GenesisModel, HoldReason, Model, Models, ModelsByDataset,
	ModelsByOwner, NextModelId, Pallet,
};

/// Everything a new model (or version) is registered with.
pub(crate) struct Registration<T: Config> {
	pub(crate) name: BoundedVec<u8, T::MaxNameLen>,
	pub(crate) spec: ModelSpec,
	pub(crate) weights_hash: H256,
	pub(crate) weights_uri: Vec<u8>,
	pub(crate) license: ModelLicense,
	pub(crate) price: BalanceOf<T>,
	pub(crate) split: RoyaltySplit,
	pub(crate) parents: Vec<ModelId>,
	pub(crate) datasets: Vec<DatasetUse>,
	/// The version replaced and its version number.
	pub(crate) previous_version: Option<(ModelId, u32)>,
}

/// What validating a model's lineage found out.
struct LineageFacts {
	depth: u32,
	upstream_commercial: bool,
}

/// A registration that passed every check, ready to store.
pub(crate) struct Validated<T: Config> {
	weights_uri: BoundedVec<u8, T::MaxUriLen>,
	parents: BoundedVec<ModelId, T::MaxParents>,
	datasets: BoundedVec<DatasetUse, T::MaxDatasets>,
	commercial: bool,
	depth: u32,
}

impl<T: Config> Pallet<T> {
	/// Checks everything about a registration but the deposit; writes nothing.
	pub(crate) fn validate(
		spec: &ModelSpec,
		weights_uri: Vec<u8>,
		license: &ModelLicense,
		price: BalanceOf<T>,
		split: &RoyaltySplit,
		parents: Vec<ModelId>,
		datasets: Vec<DatasetUse>,
	) -> Result<Validated<T>, DispatchError> {
		let weights_uri: BoundedVec<u8, T::MaxUriLen> =
			weights_uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
		ensure!(spec.is_well_formed(), Error::<T>::InvalidSpec);
		let parents: BoundedVec<ModelId, T::MaxParents> =
			parents.try_into().map_err(|_| Error::<T>::TooManyParents)?;
		let datasets: BoundedVec<DatasetUse, T::MaxDatasets> =
			datasets.try_into().map_err(|_| Error::<T>::TooManyDatasets)?;
		let parent_facts = Self::check_parents(&parents)?;
		let data_commercial = Self::check_datasets(&datasets)?;
		Self::ensure_split_fits(split, parents.len(), datasets.len())?;
		let commercial =
			license.commercial_use && parent_facts.upstream_commercial && data_commercial;
		ensure!(commercial || price.is_zero(), Error::<T>::NonCommercialPriced);
		Ok(Validated { weights_uri, parents, datasets, commercial, depth: parent_facts.depth })
	}

	/// Validates a registration, holds the deposit and stores the model.
	pub(crate) fn do_register(
		owner: T::AccountId,
		registration: Registration<T>,
	) -> Result<ModelId, DispatchError> {
		let Registration {
			name,
			spec,
			weights_hash,
			weights_uri,
			license,
			price,
			split,
			parents,
			datasets,
			previous_version,
		} = registration;
		let Validated { weights_uri, parents, datasets, commercial, depth } =
			Self::validate(&spec, weights_uri, &license, price, &split, parents, datasets)?;

		let version = match previous_version {
			Some((_, before)) => before.checked_add(1).ok_or(Error::<T>::VersionOverflow)?,
			None => 1,
		};
		let id = NextModelId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let deposit = T::ModelDeposit::get();
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &owner, deposit)?;

		for used in datasets.iter() {
			ModelsByDataset::<T>::insert(used.dataset, id, ());
		}
		ModelsByOwner::<T>::insert(&owner, id, ());
		Models::<T>::insert(
			id,
			Model::<T> {
				owner: owner.clone(),
				name,
				spec,
				weights_hash,
				weights_uri,
				license,
				commercial,
				price,
				split,
				parents,
				datasets,
				previous_version: previous_version.map(|(model, _)| model),
				version,
				depth,
				status: ModelStatus::Registered,
				deposit,
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		NextModelId::<T>::put(next);
		Self::deposit_event(Event::ModelRegistered {
			model: id,
			owner,
			previous_version: previous_version.map(|(model, _)| model),
			version,
			depth,
			commercial,
		});
		Ok(id)
	}

	/// Checks every parent and returns the new model's depth and whether all parents allow
	/// commercial use. Parents exist before their children, so no cycle can form.
	fn check_parents(parents: &[ModelId]) -> Result<LineageFacts, DispatchError> {
		let mut seen = BTreeSet::new();
		let mut facts = LineageFacts { depth: 0, upstream_commercial: true };
		for parent in parents {
			ensure!(seen.insert(*parent), Error::<T>::DuplicateParent);
			let record = Models::<T>::get(parent).ok_or(Error::<T>::UnknownParent)?;
			ensure!(record.status != ModelStatus::Revoked, Error::<T>::ParentRevoked);
			ensure!(record.license.derivatives_allowed, Error::<T>::ParentForbidsDerivatives);
			let depth = record.depth.checked_add(1).ok_or(Error::<T>::LineageTooDeep)?;
			facts.depth = facts.depth.max(depth);
			facts.upstream_commercial &= record.commercial;
		}
		ensure!(facts.depth <= T::MaxLineageDepth::get(), Error::<T>::LineageTooDeep);
		Ok(facts)
	}

	/// Checks every dataset use and returns whether all datasets allow commercial use.
	fn check_datasets(datasets: &[DatasetUse]) -> Result<bool, DispatchError> {
		let mut seen = BTreeSet::new();
		let mut commercial = true;
		for used in datasets {
			ensure!(seen.insert(used.dataset), Error::<T>::DuplicateDataset);
			let license = T::Datasets::license_at(used.dataset, used.version)
				.ok_or(Error::<T>::UnknownDataset)?;
			ensure!(license.training_allowed, Error::<T>::DatasetForbidsTraining);
			commercial &= license.commercial_use_allowed;
		}
		ensure!(
			datasets.is_empty() || sums_to_one(datasets.iter().map(|used| used.weight)),
			Error::<T>::AttributionNotOne
		);
		Ok(commercial)
	}

	/// Checks that `split` sums to one and gives no share to parents or datasets the model
	/// does not have.
	pub(crate) fn ensure_split_fits(
		split: &RoyaltySplit,
		parents: usize,
		datasets: usize,
	) -> DispatchResult {
		ensure!(split.sums_to_one(), Error::<T>::SplitNotOne);
		ensure!(parents > 0 || split.upstream.is_zero(), Error::<T>::UpstreamShareWithoutParents);
		ensure!(datasets > 0 || split.data.is_zero(), Error::<T>::DataShareWithoutDatasets);
		Ok(())
	}

	/// Applies `change` to a usable model owned by `owner`.
	pub(crate) fn mutate_owned(
		model: ModelId,
		owner: &T::AccountId,
		change: impl FnOnce(&mut Model<T>) -> DispatchResult,
	) -> DispatchResult {
		Models::<T>::try_mutate(model, |maybe| {
			let record = maybe.as_mut().ok_or(Error::<T>::UnknownModel)?;
			ensure!(&record.owner == owner, Error::<T>::NotOwner);
			ensure!(record.status.is_usable(), Error::<T>::ModelNotActive);
			change(record)
		})
	}

	/// Deprecates a usable model and returns its deposit to the owner.
	pub(crate) fn do_deprecate(owner: T::AccountId, model: ModelId) -> DispatchResult {
		let mut deposit = Zero::zero();
		Self::mutate_owned(model, &owner, |record| {
			deposit = core::mem::take(&mut record.deposit);
			record.status = ModelStatus::Deprecated;
			Ok(())
		})?;
		T::Currency::release(&HoldReason::ModelDeposit.into(), &owner, deposit, Precision::Exact)?;
		Self::deposit_event(Event::ModelDeprecated { model });
		Ok(())
	}

	/// Revokes a model and burns the deposit it still holds.
	pub(crate) fn do_revoke(model: ModelId) -> DispatchResult {
		let mut record = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(record.status != ModelStatus::Revoked, Error::<T>::InvalidStatusTransition);
		let burned = core::mem::take(&mut record.deposit);
		if !burned.is_zero() {
			T::Currency::burn_held(
				&HoldReason::ModelDeposit.into(),
				&record.owner,
				burned,
				Precision::Exact,
				Fortitude::Force,
			)?;
		}
		record.status = ModelStatus::Revoked;
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::ModelRevoked { model, burned });
		Ok(())
	}

	/// Who answers for `model` in a dispute: its owner, while it is not revoked.
	pub fn dispute_offender(model: ModelId) -> Result<T::AccountId, DispatchError> {
		let record = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(record.status != ModelStatus::Revoked, Error::<T>::AlreadyRevoked);
		Ok(record.owner)
	}

	/// Revokes `model` on an upheld dispute: the deposit it still holds goes to `to` rather
	/// than being burned. A model revoked meanwhile moves nothing.
	pub fn revoke_to(model: ModelId, to: &T::AccountId) -> Result<BalanceOf<T>, DispatchError> {
		let mut record = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		if record.status == ModelStatus::Revoked {
			return Ok(Zero::zero());
		}
		let slashed = core::mem::take(&mut record.deposit);
		if !slashed.is_zero() {
			T::Currency::transfer_on_hold(
				&HoldReason::ModelDeposit.into(),
				&record.owner,
				to,
				slashed,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
		}
		record.status = ModelStatus::Revoked;
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::ModelRevokedOnDispute { model, to: to.clone(), slashed });
		Ok(slashed)
	}

	/// Registers a genesis model.
	pub(crate) fn build_genesis_model(
		genesis: &GenesisModel<T::AccountId, BalanceOf<T>>,
	) -> Result<ModelId, DispatchError> {
		Self::do_register(
			genesis.owner.clone(),
			Registration {
				name: genesis.name.clone().try_into().map_err(|_| Error::<T>::NameTooLong)?,
				spec: genesis.spec.clone(),
				weights_hash: genesis.weights_hash,
				weights_uri: genesis.weights_uri.clone(),
				license: genesis.license,
				price: genesis.price,
				split: genesis.split,
				parents: genesis.parents.clone(),
				datasets: genesis.datasets.clone(),
				previous_version: None,
			},
		)
	}

	/// Balance held from `who` for model deposits.
	#[cfg(any(test, feature = "try-runtime"))]
	pub(crate) fn held(who: &T::AccountId) -> BalanceOf<T> {
		<T::Currency as frame_support::traits::fungible::InspectHold<T::AccountId>>::balance_on_hold(
			&HoldReason::ModelDeposit.into(),
			who,
		)
	}
}
