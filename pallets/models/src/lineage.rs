//! The query helpers behind `ModelsApi`: models by id, owner and dataset, and lineage trees.

use alloc::{
	collections::{BTreeSet, VecDeque},
	vec::Vec,
};
use lineage_primitives::{
	datasets::DatasetId,
	models::{ModelId, ModelInspect, RoyaltyTerms},
};

use crate::{
	BalanceOf, Config, LineageNode, LineageTree, Model, Models, ModelsByDataset, ModelsByOwner,
	Pallet, MAX_LINEAGE_NODES,
};

impl<T: Config> ModelInspect<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn royalty_terms(model: ModelId) -> Option<RoyaltyTerms<T::AccountId, BalanceOf<T>>> {
		let record = Models::<T>::get(model)?;
		Some(RoyaltyTerms {
			owner: record.owner,
			price: record.price,
			split: record.split,
			parents: record.parents.into_inner(),
			datasets: record.datasets.into_inner(),
			usable: record.status.is_usable(),
			output_scale: record.spec.output_scale,
			// Registered specs are well formed, so this is their size.
			weights_bytes: record.spec.weights_bytes().unwrap_or(u64::MAX),
		})
	}

	fn max_datasets() -> u32 {
		<T::MaxDatasets as frame_support::traits::Get<u32>>::get()
	}
}

impl<T: Config> Pallet<T> {
	/// The model, if registered.
	pub fn model(id: ModelId) -> Option<Model<T>> {
		Models::<T>::get(id)
	}

	/// The model and all its ancestors, each once, breadth first, with the datasets each was
	/// trained on. Depth is bounded by `MaxLineageDepth` at registration; the node count by
	/// [`MAX_LINEAGE_NODES`].
	pub fn lineage(id: ModelId) -> Option<LineageTree<T>> {
		let root = Models::<T>::get(id)?;
		let mut tree = LineageTree { root: id, nodes: Vec::new(), truncated: false };
		let mut seen = BTreeSet::from([id]);
		let mut queue = VecDeque::from([(id, root, 0u32)]);
		while let Some((model, record, distance)) = queue.pop_front() {
			if tree.nodes.len() >= MAX_LINEAGE_NODES {
				tree.truncated = true;
				break;
			}
			for parent in record.parents.iter() {
				if seen.insert(*parent) {
					if let Some(parent_record) = Models::<T>::get(parent) {
						queue.push_back((*parent, parent_record, distance.saturating_add(1)));
					}
				}
			}
			tree.nodes.push(LineageNode {
				model,
				owner: record.owner,
				distance,
				parents: record.parents.into_inner(),
				datasets: record.datasets.into_inner(),
				split: record.split,
				status: record.status,
				commercial: record.commercial,
			});
		}
		Some(tree)
	}

	/// Ids of the models `owner` owns, ascending.
	pub fn models_of_owner(owner: T::AccountId) -> Vec<ModelId> {
		let mut ids: Vec<ModelId> = ModelsByOwner::<T>::iter_key_prefix(owner).collect();
		ids.sort_unstable();
		ids
	}

	/// Ids of the models trained on any version of `dataset`, ascending.
	pub fn models_trained_on(dataset: DatasetId) -> Vec<ModelId> {
		let mut ids: Vec<ModelId> = ModelsByDataset::<T>::iter_key_prefix(dataset).collect();
		ids.sort_unstable();
		ids
	}
}
