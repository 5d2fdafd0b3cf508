//! Pool states at their worst case, for this pallet's benchmarks and, through
//! [`Pallet::prepare_share_change_worst_case`](crate::Pallet::prepare_share_change_worst_case)
//! and [`Pallet::prepare_share_cancel_worst_case`](crate::Pallet::prepare_share_cancel_worst_case),
//! the datasets pallet's and the DAO pallet's.
//!
//! Crediting a pool reads and writes one chunk, at its longest when full; settling a holding
//! reads every chunk from the dataset's latest version's down to its oldest position's.

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
	pool::{self, Holding, Position, VERSIONS_PER_CHUNK},
	store::StoredChunks,
	BenchmarkHelper, Config, ContributorAccount, Contributors, Pallet, PoolsOf,
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
	let mut chunks = StoredChunks::<T>::of(dataset);
	for &version in versions {
		pool::credit(&mut chunks, version, PAYMENT, shares).map_err(|_| "pool overflow")?;
	}
	let paid = PAYMENT.saturating_mul(versions.len() as u128);
	T::Currency::mint_into(&Pallet::<T>::pot(), paid).map_err(|_| "cannot fund the pot")?;
	Ok(())
}

/// The last version of each of the first `chunks` chunks: paying each fills those chunks.
pub(crate) fn chunk_tops<T: Config>(chunks: u32) -> Vec<DatasetVersion> {
	let versions = T::MaxVersions::get();
	(0..chunks.min(Pallet::<T>::max_chunks()))
		.map(|chunk| {
			chunk.saturating_mul(VERSIONS_PER_CHUNK).saturating_add(VERSIONS_PER_CHUNK - 1)
		})
		.map(|version| version.min(versions.saturating_sub(1)))
		.collect()
}

/// Fills the first chunk of `dataset`'s pool, where the benchmarks' payments land (datasets
/// created for benchmarks are at version 0), so that each payment reads and writes it whole.
pub(crate) fn fill_first_chunk<T: Config>(dataset: DatasetId) -> Result<(), &'static str> {
	pay_pool_at::<T>(dataset, &chunk_tops::<T>(1), 1)
}

/// Publishes `dataset`'s versions up to the last of its `chunks`-th chunk, so that its pool
/// spans that many chunks.
pub(crate) fn span_chunks<T: Config>(dataset: DatasetId, chunks: u32) {
	let latest = chunk_tops::<T>(chunks.max(1)).last().copied().unwrap_or_default();
	T::BenchmarkHelper::publish_versions(dataset, latest);
}

/// Versions of `count` positions spread over the first `chunks` chunks (at least one), each
/// off the first version of its chunk, ascending.
pub(crate) fn spread_versions<T: Config>(count: u32, chunks: u32) -> Vec<DatasetVersion> {
	let top = T::MaxVersions::get().saturating_sub(1);
	let chunks = chunks.max(1);
	let mut versions: Vec<DatasetVersion> = (0..count)
		.map(|i| {
			let chunk = i % chunks;
			let offset = 1 + (i / chunks) % (VERSIONS_PER_CHUNK - 1);
			chunk.saturating_mul(VERSIONS_PER_CHUNK).saturating_add(offset).min(top)
		})
		.collect();
	versions.sort_unstable();
	versions
}

/// Gives `who` a holding of one-share positions at `versions` in `dataset`'s pool, paid at
/// the top of each of its first `chunks` chunks and so owed something at each, solvently.
/// The dataset's versions must reach those chunks ([`span_chunks`]) for a claim to read them.
pub(crate) fn owed_holding<T: Config>(
	dataset: DatasetId,
	who: &T::AccountId,
	versions: &[DatasetVersion],
	chunks: u32,
) -> Result<(), &'static str> {
	let holders = u64::try_from(versions.len()).map_err(|_| "too many positions")?.max(1);
	pay_pool_at::<T>(dataset, &chunk_tops::<T>(chunks.max(1)), holders)?;
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
/// every other version (the whole list moves). Shares are added at the latest version, so
/// the suffix it reads is the top chunk's.
#[allow(
	clippy::expect_used,
	reason = "benchmark setup: a failure must abort the benchmark rather than measure a cheaper state"
)]
pub(crate) fn prepare_share_change<T: Config>(dataset: DatasetId, who: &T::AccountId) {
	let versions: Vec<DatasetVersion> =
		core::iter::once(0).chain(2..T::MaxVersions::get()).collect();
	owed_holding::<T>(dataset, who, &versions, 1).expect("the worst-case holding fits the pool");
}

/// The costliest cancellation settles a holding with a position at every version but 0, owed
/// something in every chunk of a pool spanning them all, then removes its oldest position, at
/// version 1, of one share (the whole list moves). Publishes the dataset's versions up to the
/// last one a pool covers.
#[allow(
	clippy::expect_used,
	reason = "benchmark setup: a failure must abort the benchmark rather than measure a cheaper state"
)]
pub(crate) fn prepare_share_cancel<T: Config>(dataset: DatasetId, who: &T::AccountId) {
	let chunks = Pallet::<T>::max_chunks();
	span_chunks::<T>(dataset, chunks);
	let versions: Vec<DatasetVersion> = (1..T::MaxVersions::get()).collect();
	owed_holding::<T>(dataset, who, &versions, chunks)
		.expect("the worst-case holding fits the pool");
}
