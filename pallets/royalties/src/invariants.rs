//! `try_state` invariants, checked after every unit test and by `try-runtime`.

use frame_support::{ensure, traits::fungible::Inspect};
use sp_runtime::TryRuntimeError;

use crate::{Config, Contributors, OwnerEarnings, Pallet, Pools, PoolsOf};

impl<T: Config> Pallet<T> {
	/// Checks that the pot holds exactly what is owed (plus its existential deposit and the
	/// pools' rounding remainders), that no pool owes more than was paid into it nor keeps
	/// more than rounding explains, and that holdings are well formed.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut held_for_pools = 0u128;
		for (dataset, pool) in Pools::<T>::iter() {
			let in_pool =
				pool.paid_in.checked_sub(pool.paid_out).ok_or("pool paid out more than in")?;
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
				in_pool.saturating_sub(owed) <= pool.dust.saturating_add(holdings),
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
