//! A dataset pool's accumulator chunks in storage.

use core::marker::PhantomData;
use lineage_primitives::datasets::DatasetId;

use crate::{
	pool::{Chunk, ChunkStore},
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
	fn chunk(&self, index: u32) -> Chunk {
		PoolChunks::<T>::get(self.0, index)
	}

	fn set_chunk(&mut self, index: u32, chunk: Chunk) {
		PoolChunks::<T>::insert(self.0, index, chunk);
	}
}
