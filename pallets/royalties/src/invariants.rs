//! `try_state` invariants, checked after every unit test and by `try-runtime`.

use alloc::collections::BTreeSet;
use frame_support::{ensure, traits::fungible::Inspect};
use lineage_primitives::datasets::DatasetId;
use sp_runtime::TryRuntimeError;

use crate::{
	pool::{self, ChunkStore},
	store::StoredChunks,
	Config, Contributors, OwnerEarnings, Pallet, PoolChunks, Pools, PoolsOf,
};

impl<T: Config> Pallet<T> {
	/// Checks that the pot holds exactly what is owed (plus its existential deposit and the
	/// pools' rounding remainders), that no pool owes more than was paid into it nor keeps
	/// more than rounding explains, and that holdings are well formed.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut held_for_pools = 0u128;
		let mut datasets: BTreeSet<DatasetId> =
			PoolChunks::<T>::iter_keys().map(|(d, _)| d).collect();
		datasets.extend(Pools::<T>::iter_keys());
		for dataset in datasets {
			let chunks = StoredChunks::<T>::of(dataset);
			let top = chunks.top_chunk();
			ensure!(
				PoolChunks::<T>::iter_key_prefix(dataset).all(|index| index <= top),
				"a pool chunk above its dataset's latest version"
			);
			let (paid_in, dust) = pool::paid_in_and_dust(&chunks);
			let paid_out = Pools::<T>::get(dataset).paid_out;
			let in_pool = paid_in.checked_sub(paid_out).ok_or("pool paid out more than in")?;
			held_for_pools = held_for_pools.saturating_add(in_pool);

			let (mut owed, mut holdings) = (0u128, 0u128);
			for (who, account) in Contributors::<T>::iter_prefix(dataset) {
				owed = owed.saturating_add(Self::dataset_earnings(&who, dataset).claimable);
				holdings = holdings.saturating_add(1);
				ensure!(
					account.holding.positions.windows(2).all(|pair| match pair {
						[earlier, later] => earlier.version < later.version,
						_ => true,
					}),
					"a holding's positions are not one per version, ascending"
				);
				ensure!(
					PoolsOf::<T>::contains_key(&who, dataset),
					"pool index misses a contributor"
				);
			}
			ensure!(owed <= in_pool, "a pool owes more than it holds");
			// Rounding keeps at most the payments' dust and a fraction of a planck per holding.
			ensure!(
				in_pool.saturating_sub(owed) <= dust.saturating_add(holdings),
				"a pool holds more than rounding explains"
			);
		}
		let owners: u128 = OwnerEarnings::<T>::iter_values()
			.fold(0u128, |sum, earnings| sum.saturating_add(earnings.claimable));
		let pot = T::Currency::balance(&Self::pot());
		ensure!(
			pot == T::Currency::minimum_balance()
				.saturating_add(owners)
				.saturating_add(held_for_pools),
			"the pot differs from what is owed"
		);
		Ok(())
	}
}
