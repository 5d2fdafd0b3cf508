//! Storage migrations of the royalties pallet.
//!
//! **v1 → v2** ([`v2::MigrateToChunkedPools`]): pools move from a Fenwick tree stored one
//! node per item (`PoolNodes`) to per-version accumulators stored in chunks (`PoolChunks`)
//! with each chunk's sum in the pool's summary; a contributor's positions lose their own debts
//! for one debt per holding (what each position was owed is settled into `settled` first, so
//! nobody gains or loses a planck); `ModelRevenue` and `ModelOwnerEarned` become one
//! `ModelStatements` item.
//!
//! **v2 → v3** ([`v3::MigrateToOneWritePools`]): a payment writes one chunk and nothing else.
//! Chunk sums leave the pool's summary (a claim reads the chunks from the dataset's latest
//! version's down instead); what was paid in and its dust move into the chunks (the first
//! chunk takes a v2 pool's totals); the summary keeps only what was paid out.
//!
//! **v3 → v4** ([`v4::MigrateTreasuryEarnings`]): the treasury part of a payment is no longer
//! credited as owner earnings but paid into the treasury's account at once. What the old
//! treasury account (`OldTreasury`, which nobody could claim for) was credited and had not
//! claimed moves from the pot to [`Config::TreasuryAccount`], and its earnings entry goes.
//!
//! Each migration moves every pool, holding and model in the upgrade's block: fine for the
//! state a young chain has; a chain with many pools would move this to `pallet-migrations`
//! (multi-block) first.

use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	defensive, migrations::VersionedMigration, pallet_prelude::*,
	traits::UncheckedOnRuntimeUpgrade, weights::Weight,
};
use lineage_primitives::{datasets::DatasetId, models::ModelId};
use sp_core::U256;
use sp_runtime::Saturating;

use crate::{
	pool::{Holding, Position, ACC_SCALE, VERSIONS_PER_CHUNK},
	BalanceOf, Config, ContributorAccount, Contributors, ModelStatement, ModelStatements, Pallet,
};

/// The v1 layout, as it was stored.
// `storage_alias` generates undocumented prefix types.
#[allow(missing_docs)]
pub mod v1 {
	use super::*;

	/// A pool's summary in v1: a Fenwick tree of `capacity` versions summing to `total`.
	#[derive(Clone, Default, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
	pub struct PoolState {
		/// Versions the tree covers: zero or a power of two.
		pub capacity: u64,
		/// Sum of every version's accumulator.
		pub total: U256,
		/// Paid in over the pool's life.
		pub paid_in: u128,
		/// Paid out over the pool's life.
		pub paid_out: u128,
		/// Rounding kept at payment time.
		pub dust: u128,
	}

	/// A v1 position, with its own debt.
	#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
	pub struct Position {
		/// The version its shares count from.
		pub version: u32,
		/// The shares.
		pub shares: u64,
		/// `shares · suffix(version)` when last settled.
		pub debt: U256,
	}

	/// A v1 contributor's standing in one pool.
	#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
	pub struct ContributorAccount<Balance> {
		/// Positions, oldest first.
		pub positions: Vec<Position>,
		/// Settled, not claimed.
		pub settled: Balance,
		/// Ever owed.
		pub earned: Balance,
		/// Merges for lack of room.
		pub merges: u32,
	}

	/// v1 pools.
	#[frame_support::storage_alias]
	pub type Pools<T: Config> = StorageMap<Pallet<T>, Twox64Concat, DatasetId, PoolState>;

	/// v1 Fenwick nodes.
	#[frame_support::storage_alias]
	pub type PoolNodes<T: Config> =
		StorageDoubleMap<Pallet<T>, Twox64Concat, DatasetId, Twox64Concat, u64, U256>;

	/// v1 contributors.
	#[frame_support::storage_alias]
	pub type Contributors<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Twox64Concat,
		DatasetId,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		ContributorAccount<BalanceOf<T>>,
	>;

	/// v1 per-model revenue.
	#[frame_support::storage_alias]
	pub type ModelRevenue<T: Config> = StorageMap<Pallet<T>, Twox64Concat, ModelId, BalanceOf<T>>;

	/// v1 per-model owner earnings.
	#[frame_support::storage_alias]
	pub type ModelOwnerEarned<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, ModelId, BalanceOf<T>>;
}

/// The v1 → v2 migration, and the v2 layout it writes.
// `storage_alias` generates undocumented prefix types.
#[allow(missing_docs)]
pub mod v2 {
	use super::*;

	/// A v2 pool's per-version accumulators of one chunk.
	pub type Chunk = BoundedVec<U256, ConstU32<VERSIONS_PER_CHUNK>>;

	/// A v2 pool's chunk sums, by chunk index.
	pub type ChunkSums = BoundedVec<U256, ConstU32<64>>;

	/// A v2 pool's summary: each chunk's sum and the pool's totals.
	#[derive(Clone, Default, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
	pub struct PoolState {
		/// Each chunk's sum of accumulators.
		pub chunk_sums: ChunkSums,
		/// Paid in over the pool's life.
		pub paid_in: u128,
		/// Paid out over the pool's life.
		pub paid_out: u128,
		/// Rounding kept at payment time.
		pub dust: u128,
	}

	/// v2 pool summaries.
	#[frame_support::storage_alias]
	pub type Pools<T: Config> = StorageMap<Pallet<T>, Twox64Concat, DatasetId, PoolState>;

	/// v2 pool chunks: accumulators only.
	#[frame_support::storage_alias]
	pub type PoolChunks<T: Config> =
		StorageDoubleMap<Pallet<T>, Twox64Concat, DatasetId, Twox64Concat, u32, Chunk>;

	/// Reads and writes, counted as the migration goes.
	#[derive(Default)]
	struct Tally {
		reads: u64,
		writes: u64,
	}

	/// A v1 pool's accumulators read back from its Fenwick nodes.
	struct FenwickPool {
		capacity: u64,
		total: U256,
		nodes: BTreeMap<u64, U256>,
	}

	impl FenwickPool {
		/// Sum of the accumulators of versions `0..version`.
		fn prefix(&self, version: u64) -> U256 {
			let mut index = version.min(self.capacity);
			let mut sum = U256::zero();
			while index > 0 {
				sum = sum.saturating_add(self.nodes.get(&index).copied().unwrap_or_default());
				index = index.saturating_sub(index & index.wrapping_neg());
			}
			sum
		}

		fn suffix(&self, version: u32) -> U256 {
			self.total.saturating_sub(self.prefix(u64::from(version)))
		}

		/// Every version's accumulator, by version.
		fn accumulators(&self) -> impl Iterator<Item = (u32, U256)> + '_ {
			(0..self.capacity).filter_map(move |version| {
				let value =
					self.prefix(version.saturating_add(1)).saturating_sub(self.prefix(version));
				let version = u32::try_from(version).ok()?;
				(!value.is_zero()).then_some((version, value))
			})
		}
	}

	/// Migrates one pool, its chunks and its contributors.
	fn migrate_pool<T: Config>(dataset: DatasetId, old: v1::PoolState, tally: &mut Tally) {
		let nodes: BTreeMap<u64, U256> = v1::PoolNodes::<T>::drain_prefix(dataset).collect();
		tally.reads = tally.reads.saturating_add(nodes.len() as u64);
		tally.writes = tally.writes.saturating_add(nodes.len() as u64);
		let fenwick = FenwickPool { capacity: old.capacity, total: old.total, nodes };

		let mut chunks: BTreeMap<u32, Vec<U256>> = BTreeMap::new();
		let mut chunk_sums: Vec<U256> = Vec::new();
		for (version, value) in fenwick.accumulators() {
			let (index, offset) = (version / VERSIONS_PER_CHUNK, version % VERSIONS_PER_CHUNK);
			let chunk = chunks.entry(index).or_default();
			if chunk.len() <= offset as usize {
				chunk.resize((offset as usize).saturating_add(1), U256::zero());
			}
			if chunk_sums.len() <= index as usize {
				chunk_sums.resize((index as usize).saturating_add(1), U256::zero());
			}
			if let (Some(slot), Some(sum)) =
				(chunk.get_mut(offset as usize), chunk_sums.get_mut(index as usize))
			{
				*slot = value;
				*sum = sum.saturating_add(value);
			}
		}
		for (index, values) in chunks {
			match Chunk::try_from(values) {
				Ok(chunk) => PoolChunks::<T>::insert(dataset, index, chunk),
				Err(_) => {
					defensive!("a v1 pool version beyond what pools cover");
				},
			}
			tally.writes.saturating_inc();
		}
		let chunk_sums = ChunkSums::try_from(chunk_sums).unwrap_or_else(|_| {
			defensive!("a v1 pool beyond what pools cover");
			ChunkSums::default()
		});
		Pools::<T>::insert(
			dataset,
			PoolState { chunk_sums, paid_in: old.paid_in, paid_out: old.paid_out, dust: old.dust },
		);
		tally.writes.saturating_inc();

		let accounts: Vec<_> = v1::Contributors::<T>::iter_prefix(dataset).collect();
		for (who, account) in accounts {
			tally.reads.saturating_inc();
			tally.writes.saturating_inc();
			Contributors::<T>::insert(dataset, &who, migrate_account::<T>(&fenwick, account));
		}
	}

	/// Settles each v1 position into `settled` and opens one holding with a debt equal to
	/// what its positions have earned so far: nothing gained, nothing lost.
	fn migrate_account<T: Config>(
		fenwick: &FenwickPool,
		old: v1::ContributorAccount<BalanceOf<T>>,
	) -> ContributorAccount<T> {
		let scale = U256::from(ACC_SCALE);
		let whole = |value: U256| {
			value
				.checked_div(scale)
				.and_then(|units| u128::try_from(units).ok())
				.unwrap_or(u128::MAX)
		};
		let mut owed: u128 = 0;
		let mut shares: BTreeMap<u32, u64> = BTreeMap::new();
		let mut debt = U256::zero();
		for position in old.positions {
			let earned =
				U256::from(position.shares).saturating_mul(fenwick.suffix(position.version));
			owed = owed.saturating_add(whole(earned).saturating_sub(whole(position.debt)));
			debt = debt.saturating_add(earned);
			let entry = shares.entry(position.version).or_default();
			*entry = entry.saturating_add(position.shares);
		}
		let positions: Vec<Position> =
			shares.into_iter().map(|(version, shares)| Position { version, shares }).collect();
		let positions = BoundedVec::try_from(positions).unwrap_or_else(|_| {
			defensive!("a v1 holding with more positions than versions");
			BoundedVec::default()
		});
		ContributorAccount {
			holding: Holding { positions, debt },
			settled: old.settled.saturating_add(owed),
			earned: old.earned.saturating_add(owed),
		}
	}

	/// Moves v1 state to v2 (see the module's documentation).
	pub struct UncheckedMigrateToChunkedPools<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToChunkedPools<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut tally = Tally::default();
			let pools: Vec<_> = v1::Pools::<T>::iter().collect();
			for (dataset, old) in pools {
				tally.reads.saturating_inc();
				migrate_pool::<T>(dataset, old, &mut tally);
			}
			let revenue: Vec<_> = v1::ModelRevenue::<T>::drain().collect();
			let earned: Vec<_> = v1::ModelOwnerEarned::<T>::drain().collect();
			let mut statements: BTreeMap<ModelId, ModelStatement<BalanceOf<T>>> = BTreeMap::new();
			for (model, amount) in revenue {
				statements.entry(model).or_default().revenue = amount;
			}
			for (model, amount) in earned {
				statements.entry(model).or_default().owner_earned = amount;
			}
			for (model, statement) in statements {
				ModelStatements::<T>::insert(model, statement);
				tally.reads = tally.reads.saturating_add(2);
				tally.writes = tally.writes.saturating_add(3);
			}
			T::DbWeight::get().reads_writes(tally.reads, tally.writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(v1::PoolNodes::<T>::iter().next().is_none(), "v1 pool nodes left");
			Pallet::<T>::do_try_state()
		}
	}

	/// [`UncheckedMigrateToChunkedPools`], run only at storage version 1, which it sets to 2.
	pub type MigrateToChunkedPools<T> = VersionedMigration<
		1,
		2,
		UncheckedMigrateToChunkedPools<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// The v2 → v3 migration.
pub mod v3 {
	use super::*;
	use crate::pool::{PoolChunk, PoolState};

	/// Moves v2 state to v3 (see the module's documentation).
	pub struct UncheckedMigrateToOneWritePools<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToOneWritePools<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			let pools: Vec<_> = v2::Pools::<T>::drain().collect();
			for (dataset, old) in pools {
				let old_chunks: Vec<_> = v2::PoolChunks::<T>::drain_prefix(dataset).collect();
				reads = reads.saturating_add(1).saturating_add(old_chunks.len() as u64);
				let mut chunks: BTreeMap<u32, PoolChunk> = old_chunks
					.into_iter()
					.map(|(index, accumulators)| {
						(index, PoolChunk { accumulators, paid_in: 0, dust: 0 })
					})
					.collect();
				// Totals were kept per pool; per chunk they only need to sum right, so the
				// first chunk takes them.
				if old.paid_in > 0 || old.dust > 0 {
					let first = chunks.entry(0).or_default();
					first.paid_in = old.paid_in;
					first.dust = old.dust;
				}
				for (index, chunk) in chunks {
					crate::PoolChunks::<T>::insert(dataset, index, chunk);
					writes.saturating_inc();
				}
				// Drained above; a pool that never paid out needs no entry.
				writes.saturating_inc();
				if old.paid_out > 0 {
					crate::Pools::<T>::insert(dataset, PoolState { paid_out: old.paid_out });
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// [`UncheckedMigrateToOneWritePools`], run only at storage version 2, which it sets to 3.
	pub type MigrateToOneWritePools<T> = VersionedMigration<
		2,
		3,
		UncheckedMigrateToOneWritePools<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// The treasury part of payments, paid rather than credited.
pub mod v4 {
	use super::*;
	use frame_support::traits::{fungible::Mutate, tokens::Preservation};

	/// Pays what `OldTreasury` was credited to the treasury (see the module's documentation).
	pub struct UncheckedMigrateTreasuryEarnings<T, OldTreasury>(PhantomData<(T, OldTreasury)>);

	impl<T: Config, OldTreasury: Get<T::AccountId>> UncheckedOnRuntimeUpgrade
		for UncheckedMigrateTreasuryEarnings<T, OldTreasury>
	{
		fn on_runtime_upgrade() -> Weight {
			let old = OldTreasury::get();
			let earnings = crate::OwnerEarnings::<T>::take(&old);
			if !earnings.claimable.is_zero() {
				// The pot holds every credited earning on top of its existential deposit, so
				// this cannot fail; were it to, the credit stays where it was.
				if let Err(error) = T::Currency::transfer(
					&Pallet::<T>::pot(),
					&T::TreasuryAccount::get(),
					earnings.claimable,
					Preservation::Preserve,
				) {
					defensive!("the pot could not pay the treasury's earnings", error);
					crate::OwnerEarnings::<T>::insert(&old, earnings);
				}
			}
			// The earnings entry, and the pot's and the treasury's accounts.
			T::DbWeight::get().reads_writes(3, 3)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(
				crate::OwnerEarnings::<T>::get(OldTreasury::get()).claimable.is_zero(),
				"the old treasury still has earnings"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// [`UncheckedMigrateTreasuryEarnings`], run only at storage version 3, which it sets to 4.
	pub type MigrateTreasuryEarnings<T, OldTreasury> = VersionedMigration<
		3,
		4,
		UncheckedMigrateTreasuryEarnings<T, OldTreasury>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

#[cfg(test)]
mod tests;
