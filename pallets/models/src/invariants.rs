//! `try_state` invariants, checked after every unit test and by `try-runtime`.

use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::Get};
use lineage_primitives::{
	datasets::DatasetInspect,
	models::{sums_to_one, ModelStatus},
};
use sp_runtime::{traits::Zero, Saturating, TryRuntimeError};

use crate::{BalanceOf, Config, Models, ModelsByDataset, ModelsByOwner, NextModelId, Pallet};

impl<T: Config> Pallet<T> {
	/// Checks lineage (parents exist, are older, depth is right and bounded), attribution and
	/// splits, commercial flags, indices and held deposits.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, model) in Models::<T>::iter() {
			ensure!(id < NextModelId::<T>::get(), "model id not below NextModelId");

			let mut depth = 0u32;
			let mut upstream_commercial = true;
			for parent in model.parents.iter() {
				// Older ids only: this is what makes lineage acyclic.
				ensure!(*parent < id, "parent is not older than its child");
				let record = Models::<T>::get(parent).ok_or("parent missing")?;
				depth = depth.max(record.depth.saturating_add(1));
				upstream_commercial &= record.commercial;
			}
			ensure!(depth == model.depth, "recorded depth differs from parents' depth");
			ensure!(model.depth <= T::MaxLineageDepth::get(), "lineage deeper than the bound");
			if let Some(previous) = model.previous_version {
				let before = Models::<T>::get(previous).ok_or("previous version missing")?;
				ensure!(previous < id, "previous version is not older");
				ensure!(before.owner == model.owner, "versions have different owners");
				ensure!(model.version == before.version.saturating_add(1), "version gap");
			}

			let mut data_commercial = true;
			for used in model.datasets.iter() {
				let license = T::Datasets::license_at(used.dataset, used.version)
					.ok_or("dataset version missing")?;
				data_commercial &= license.commercial_use_allowed;
				ensure!(
					ModelsByDataset::<T>::contains_key(used.dataset, id),
					"dataset index misses a model"
				);
			}
			ensure!(
				model.datasets.is_empty()
					|| sums_to_one(model.datasets.iter().map(|used| used.weight)),
				"attribution weights do not sum to one"
			);
			ensure!(model.split.sums_to_one(), "royalty split does not sum to one");
			ensure!(
				model.commercial
					== (model.license.commercial_use && upstream_commercial && data_commercial),
				"commercial flag differs from licences"
			);
			ensure!(model.commercial || model.price.is_zero(), "non-commercial model has a price");
			ensure!(
				ModelsByOwner::<T>::contains_key(&model.owner, id),
				"owner index misses a model"
			);

			if model.status.is_usable() {
				let total = deposits.entry(model.owner.clone()).or_default();
				*total = total.saturating_add(model.deposit);
			} else {
				ensure!(model.deposit.is_zero(), "withdrawn model still records a deposit");
			}
			ensure!(
				model.status != ModelStatus::Revoked || model.deposit.is_zero(),
				"revoked model records a deposit"
			);
		}

		for (owner, id, ()) in ModelsByOwner::<T>::iter() {
			let model = Models::<T>::get(id).ok_or("owner index names a missing model")?;
			ensure!(model.owner == owner, "owner index names the wrong owner");
		}
		for (dataset, id, ()) in ModelsByDataset::<T>::iter() {
			let model = Models::<T>::get(id).ok_or("dataset index names a missing model")?;
			ensure!(
				model.datasets.iter().any(|used| used.dataset == dataset),
				"dataset index names a model not trained on it"
			);
		}
		// Every account, so that a hold without a record is caught too.
		for who in frame_system::Account::<T>::iter_keys() {
			ensure!(
				Self::held(&who) == deposits.get(&who).copied().unwrap_or_default(),
				"held model deposits differ from recorded deposits"
			);
		}
		Ok(())
	}
}
