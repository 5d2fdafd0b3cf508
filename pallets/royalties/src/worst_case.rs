//! Pool states at their worst case, for this pallet's benchmarks and, through
//! [`Pallet::prepare_share_change_worst_case`](crate::Pallet::prepare_share_change_worst_case),
//! the datasets pallet's.
//!
//! Crediting a pool reads and writes its summary and one chunk; settling a holding reads the
//! summary and one chunk per chunk its positions fall in. The worst case is a pool paid up to
//! the last version a dataset may have (the summary at its longest) with every chunk read full.

#![allow(
	clippy::arithmetic_side_effects,
	reason = "benchmark setup over the pallet's small constants; a failure there aborts the benchmark"
)]

use alloc::vec::Vec;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use lineage_primitives::datasets::{DatasetId, DatasetVersion};
use sp_core::U256;

use crate::{
	pool::{Holding, Position, VERSIONS_PER_CHUNK},
	store::StoredChunks,
	Config, ContributorAccount, Contributors, Pallet, Pools, PoolsOf,
};

/// What each benchmark payment into a pool is, in plancks.
const PAYMENT: u128 = 1_000_000;

/// Pays `dataset`'s pool once at each of `versions`, as if each version had `shares` shares,
/// and mints what was paid into the pot so the pool stays solvent.
pub(crate) fn pay_pool_at<T: Config>(
	dataset: DatasetId,
	versions: &[DatasetVersion],
	shares: u64,
) -> Result<(), &'static str> {
	let mut pool = Pools::<T>::get(dataset);
	let mut chunks = StoredChunks::<T>::of(dataset);
	for &version in versions {
		pool.credit(&mut chunks, version, PAYMENT, shares).map_err(|_| "pool overflow")?;
	}
	Pools::<T>::insert(dataset, pool);
	let paid = PAYMENT.saturating_mul(versions.len() as u128);
	T::Currency::mint_into(&Pallet::<T>::pot(), paid).map_err(|_| "cannot fund the pot")?;
	Ok(())
}

/// The last version of every chunk a dataset's versions span: paying each fills every chunk
/// and the pool's summary.
pub(crate) fn chunk_tops<T: Config>() -> Vec<DatasetVersion> {
	let versions = T::MaxVersions::get();
	(0..Pallet::<T>::max_chunks())
		.map(|chunk| {
			chunk.saturating_mul(VERSIONS_PER_CHUNK).saturating_add(VERSIONS_PER_CHUNK - 1)
		})
		.map(|version| version.min(versions.saturating_sub(1)))
		.collect()
}

/// Grows `dataset`'s pool to its longest summary and fills the first chunk, where the
/// benchmarks' payments land (datasets created for benchmarks are at version 0).
pub(crate) fn deepen_pool<T: Config>(dataset: DatasetId) -> Result<(), &'static str> {
	let top = T::MaxVersions::get().saturating_sub(1);
	pay_pool_at::<T>(dataset, &[VERSIONS_PER_CHUNK.min(top + 1) - 1, top], 1)
}

/// Versions of `count` positions spread over `chunks` chunks, each off the first version of
/// its chunk so that reading it needs the chunk (none when `chunks` is zero), ascending.
pub(crate) fn spread_versions<T: Config>(count: u32, chunks: u32) -> Vec<DatasetVersion> {
	let top = T::MaxVersions::get().saturating_sub(1);
	let mut versions: Vec<DatasetVersion> = (0..count)
		.map(|i| {
			if chunks == 0 {
				let chunk = i % Pallet::<T>::max_chunks().max(1);
				return chunk.saturating_mul(VERSIONS_PER_CHUNK).min(top);
			}
			let chunk = i % chunks;
			let offset = 1 + (i / chunks) % (VERSIONS_PER_CHUNK - 1);
			chunk.saturating_mul(VERSIONS_PER_CHUNK).saturating_add(offset).min(top)
		})
		.collect();
	versions.sort_unstable();
	versions
}

/// Gives `who` a holding of one-share positions at `versions` in `dataset`'s pool, paid at
/// the top of every chunk and so owed something at each, solvently.
pub(crate) fn owed_holding<T: Config>(
	dataset: DatasetId,
	who: &T::AccountId,
	versions: &[DatasetVersion],
) -> Result<(), &'static str> {
	let holders = u64::try_from(versions.len()).map_err(|_| "too many positions")?.max(1);
	pay_pool_at::<T>(dataset, &chunk_tops::<T>(), holders)?;
	let positions: Vec<Position> =
		versions.iter().map(|&version| Position { version, shares: 1 }).collect();
	let positions = BoundedVec::try_from(positions).map_err(|_| "more than MaxVersions")?;
	Contributors::<T>::insert(
		dataset,
		who,
		ContributorAccount::<T> {
			holding: Holding { positions, debt: U256::zero() },
			settled: 0,
			earned: 0,
		},
	);
	PoolsOf::<T>::insert(who, dataset, ());
	Ok(())
}

/// The costliest share change adds a position at the front of a holding with a position at
/// every other version (the whole list moves), in a deep pool.
#[allow(
	clippy::expect_used,
	reason = "benchmark setup: a failure must abort the benchmark rather than measure a cheaper state"
)]
pub(crate) fn prepare_share_change<T: Config>(dataset: DatasetId, who: &T::AccountId) {
	let versions: Vec<DatasetVersion> =
		core::iter::once(0).chain(2..T::MaxVersions::get()).collect();
	owed_holding::<T>(dataset, who, &versions).expect("the worst-case holding fits the pool");
}
