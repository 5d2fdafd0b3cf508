//! A dataset pool's chunks in storage.

use core::marker::PhantomData;
use lineage_primitives::datasets::{DatasetId, DatasetInspect};

use crate::{
	pool::{ChunkStore, PoolChunk, VERSIONS_PER_CHUNK},
	Config, PoolChunks,
};

/// The chunks of one dataset's pool.
pub(crate) struct StoredChunks<T>(DatasetId, PhantomData<T>);

impl<T: Config> StoredChunks<T> {
	pub(crate) fn of(dataset: DatasetId) -> Self {
		Self(dataset, PhantomData)
	}
}

impl<T: Config> ChunkStore for StoredChunks<T> {
	fn chunk(&self, index: u32) -> PoolChunk {
		PoolChunks::<T>::get(self.0, index)
	}

	fn set_chunk(&mut self, index: u32, chunk: PoolChunk) {
		PoolChunks::<T>::insert(self.0, index, chunk);
	}

	/// Payments name existing versions only, so none is above the latest version's chunk.
	fn top_chunk(&self) -> u32 {
		T::Datasets::latest_version(self.0).unwrap_or_default() / VERSIONS_PER_CHUNK
	}
}
