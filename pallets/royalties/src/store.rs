//! A dataset pool's Fenwick nodes in storage.

use core::marker::PhantomData;
use lineage_primitives::datasets::DatasetId;
use sp_core::U256;

use crate::{pool::NodeStore, Config, PoolNodes};

/// The nodes of one dataset's pool.
pub(crate) struct StoredNodes<T>(DatasetId, PhantomData<T>);

impl<T: Config> StoredNodes<T> {
	pub(crate) fn of(dataset: DatasetId) -> Self {
		Self(dataset, PhantomData)
	}
}

impl<T: Config> NodeStore for StoredNodes<T> {
	fn node(&self, index: u64) -> U256 {
		PoolNodes::<T>::get(self.0, index)
	}

	fn set_node(&mut self, index: u64, value: U256) {
		PoolNodes::<T>::insert(self.0, index, value);
	}
}
