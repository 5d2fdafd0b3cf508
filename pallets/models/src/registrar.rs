//! Registration on an owner's behalf by other pallets (compute registers the models training
//! jobs produce): the same checks, deposit and events as [`register`](crate::Pallet::register).

use frame_support::{pallet_prelude::DispatchResult, traits::Get, weights::Weight};
use lineage_primitives::models::{ModelId, ModelRegistrar, NewModel};
use sp_runtime::DispatchError;

use crate::{functions::Registration, BalanceOf, Config, Error, Pallet, WeightInfo};

impl<T: Config> ModelRegistrar<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn register_weight(parents: u32, datasets: u32) -> Weight {
		T::WeightInfo::register(
			parents.min(T::MaxParents::get()),
			datasets.min(T::MaxDatasets::get()),
		)
	}

	fn check(_owner: &T::AccountId, model: &NewModel<BalanceOf<T>>) -> DispatchResult {
		let Registration { spec, weights_uri, license, price, split, parents, datasets, .. } =
			registration::<T>(model.clone())?;
		Self::validate(&spec, weights_uri, &license, price, &split, parents, datasets).map(|_| ())
	}

	fn register(
		owner: &T::AccountId,
		model: NewModel<BalanceOf<T>>,
	) -> Result<ModelId, DispatchError> {
		Self::do_register(owner.clone(), registration::<T>(model)?)
	}
}

/// `model` as its owner would register it: a first version.
fn registration<T: Config>(
	model: NewModel<BalanceOf<T>>,
) -> Result<Registration<T>, DispatchError> {
	let NewModel {
		name,
		spec,
		weights_hash,
		weights_uri,
		license,
		price,
		split,
		parents,
		datasets,
	} = model;
	Ok(Registration {
		name: name.try_into().map_err(|_| Error::<T>::NameTooLong)?,
		spec,
		weights_hash,
		weights_uri,
		license,
		price,
		split,
		parents,
		datasets,
		previous_version: None,
	})
}
