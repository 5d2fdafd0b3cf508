//! Pool states at their worst case, for this pallet's benchmarks and, through
//! `OnSharesChanged::prepare_worst_case`, the datasets pallet's.
//!
//! Crediting or settling a pool walks one path of its Fenwick index, so the worst case is a
//! pool whose index covers every version a dataset may have ([`Config::MaxVersions`]) and
//! positions at the versions whose paths are longest.

use alloc::vec::Vec;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use lineage_primitives::datasets::{DatasetId, DatasetVersion};
use sp_core::U256;

use crate::{
	pool::Position, store::StoredNodes, Config, ContributorAccount, Contributors, Pallet, Pools,
	PoolsOf,
};

/// What each benchmark payment into a pool is, in plancks.
const PAYMENT: u128 = 1_000_000;

/// The `count` highest versions a dataset may have, ascending. The highest has the longest
/// path in the index; the others share most of it, as positions in one pool do.
pub(crate) fn deepest_versions<T: Config>(count: u32) -> Vec<DatasetVersion> {
	let limit = T::MaxVersions::get();
	let top = limit.saturating_sub(1);
	(0..count.min(limit)).rev().map(|back| top.saturating_sub(back)).collect()
}

/// Pays `dataset`'s pool once at each of `versions` (ascending), as if the `i`-th of them had
/// `i + 1` shares, and mints what was paid into the pot so the pool stays solvent.
pub(crate) fn pay_pool_at<T: Config>(
	dataset: DatasetId,
	versions: &[DatasetVersion],
) -> Result<(), &'static str> {
	let mut pool = Pools::<T>::get(dataset);
	let mut nodes = StoredNodes::<T>::of(dataset);
	let mut holders: u64 = 0;
	for &version in versions {
		holders = holders.saturating_add(1);
		pool.credit(&mut nodes, version, PAYMENT, holders).map_err(|_| "pool overflow")?;
	}
	Pools::<T>::insert(dataset, pool);
	let paid = PAYMENT.saturating_mul(versions.len() as u128);
	T::Currency::mint_into(&Pallet::<T>::pot(), paid).map_err(|_| "cannot fund the pot")?;
	Ok(())
}

/// Grows `dataset`'s pool index to cover every version a dataset may have.
pub(crate) fn deepen_pool<T: Config>(dataset: DatasetId) -> Result<(), &'static str> {
	pay_pool_at::<T>(dataset, &deepest_versions::<T>(1))
}

/// Gives `who` `count` one-share positions in the never-paid pool of `dataset`, at the deepest
/// versions (so the pool covers every version), together owed exactly what is paid in.
pub(crate) fn owed_positions<T: Config>(
	dataset: DatasetId,
	who: &T::AccountId,
	count: u32,
) -> Result<(), &'static str> {
	let versions = deepest_versions::<T>(count);
	pay_pool_at::<T>(dataset, &versions)?;
	let positions: Vec<Position> = versions
		.iter()
		.map(|&version| Position { version, shares: 1, debt: U256::zero() })
		.collect();
	let positions = BoundedVec::try_from(positions).map_err(|_| "more than MaxPositions")?;
	Contributors::<T>::insert(
		dataset,
		who,
		ContributorAccount::<T> { positions, settled: 0, earned: 0, merges: 0 },
	);
	PoolsOf::<T>::insert(who, dataset, ());
	Ok(())
}

/// The costliest share change is one that finds `who`'s positions full: the two oldest are
/// settled and merged before the new one opens.
#[allow(
	clippy::expect_used,
	reason = "benchmark setup: a failure must abort the benchmark rather than measure a cheaper state"
)]
pub(crate) fn prepare_share_change<T: Config>(dataset: DatasetId, who: &T::AccountId) {
	owed_positions::<T>(dataset, who, T::MaxPositions::get())
		.expect("the worst-case positions fit the pool");
}
