#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	reason = "tests fail loudly by design"
)]

use frame_support::{
	assert_ok,
	traits::{fungible::Mutate, tokens::Preservation, GetStorageVersion, OnRuntimeUpgrade},
};

use super::*;
use crate::{mock::*, tests::claimable};

/// A v1 payment, as v1's `PoolState::credit` made it: a Fenwick tree of one node per item,
/// grown by doubling with the total as each new top node.
fn v1_credit(dataset: DatasetId, version: u32, amount: u128, shares: u64) {
	let mut pool = v1::Pools::<Test>::get(dataset).unwrap_or_default();
	let increment = U256::from(amount) * U256::from(ACC_SCALE) / U256::from(shares);
	let index = u64::from(version) + 1;
	pool.capacity = pool.capacity.max(1);
	while pool.capacity < index {
		pool.capacity *= 2;
		v1::PoolNodes::<Test>::insert(dataset, pool.capacity, pool.total);
	}
	let mut node = index;
	while node <= pool.capacity {
		let value = v1::PoolNodes::<Test>::get(dataset, node).unwrap_or_default();
		v1::PoolNodes::<Test>::insert(dataset, node, value + increment);
		node += node & node.wrapping_neg();
	}
	let owed = (increment * U256::from(shares) / U256::from(ACC_SCALE)).as_u128();
	pool.total += increment;
	pool.paid_in += amount;
	pool.dust += amount - owed;
	v1::Pools::<Test>::insert(dataset, pool);
	// The payer's money went to the pot, as v1's `pay` moved it.
	Balances::transfer(&PAYER, &Royalties::pot(), amount, Preservation::Preserve).unwrap();
}

fn v1_position(version: u32, shares: u64, debt: u128) -> v1::Position {
	v1::Position { version, shares, debt: U256::from(debt) * U256::from(ACC_SCALE) }
}

#[test]
fn v1_pools_holdings_and_statements_move_through_v2_to_v3_without_gaining_or_losing_a_planck() {
	run_test(|| {
		StorageVersion::new(1).put::<Pallet<Test>>();
		// The datasets pallet's side: dataset 0 has versions up to 70.
		publish_versions(0, 70, 45);
		// Dataset 0: Bob 30 shares at version 0, Charlie 10 at version 1 (and Bob 5 more at
		// version 70, in another chunk). Bob has settled 300 from version 0, not claimed.
		v1_credit(0, 0, 300, 30);
		v1_credit(0, 1, 400, 40);
		v1_credit(0, 70, 900, 45);
		v1::Contributors::<Test>::insert(
			0,
			BOB,
			v1::ContributorAccount {
				positions: vec![v1_position(0, 30, 300), v1_position(70, 5, 0)],
				settled: 300,
				earned: 300,
				merges: 0,
			},
		);
		v1::Contributors::<Test>::insert(
			0,
			CHARLIE,
			v1::ContributorAccount {
				positions: vec![v1_position(1, 10, 0)],
				settled: 0,
				earned: 0,
				merges: 0,
			},
		);
		crate::PoolsOf::<Test>::insert(BOB, 0, ());
		crate::PoolsOf::<Test>::insert(CHARLIE, 0, ());
		v1::ModelRevenue::<Test>::insert(7, 1_600);
		v1::ModelOwnerEarned::<Test>::insert(7, 40);

		v2::MigrateToChunkedPools::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		assert_eq!(v1::PoolNodes::<Test>::iter().count(), 0);
		// v2: chunk sums in the summary, accumulators alone in the chunks.
		let summary = v2::Pools::<Test>::get(0).unwrap();
		assert_eq!((summary.paid_in, summary.chunk_sums.len()), (1_600, 2));
		assert_eq!(v2::PoolChunks::<Test>::iter_prefix(0).count(), 2);

		v3::MigrateToOneWritePools::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
		// v3: the totals in the chunks (the first takes them), no summary until a payout.
		assert_eq!(crate::PoolChunks::<Test>::get(0, 0).paid_in, 1_600);
		assert_eq!(crate::PoolChunks::<Test>::get(0, 1).paid_in, 0);
		assert!(!crate::Pools::<Test>::contains_key(0));
		// Bob: 300 settled + 300 of version 1 + 35/45 of 900 = 700 from version 70 (his
		// 30 shares at version 0 count there too: 30 + 5 of 45). Charlie: 100 + 200.
		assert_eq!(claimable(BOB, 0), 300 + 300 + 700);
		assert_eq!(claimable(CHARLIE, 0), 100 + 200);
		let bob = Contributors::<Test>::get(0, BOB);
		assert_eq!(
			bob.holding.positions.to_vec(),
			vec![Position { version: 0, shares: 30 }, Position { version: 70, shares: 5 }]
		);
		assert_eq!(
			ModelStatements::<Test>::get(7),
			ModelStatement { revenue: 1_600, owner_earned: 40 }
		);
		assert!(v1::ModelRevenue::<Test>::get(7).is_none());
		Pallet::<Test>::do_try_state().unwrap();

		// The migrated pool keeps working: a payment at version 1 after the upgrade.
		contribute(1, DAVE, 1);
		add_model(1, ALICE, [0, 0, 100, 0], vec![], vec![(1, 0, 100)]);
		assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), 1, 10));
		assert_ok!(Royalties::claim(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(Balances::free_balance(BOB), INITIAL_BALANCE + 1_300);
		assert_eq!(claimable(DAVE, 1), 10);

		// Running them again does nothing: the storage version is 3.
		v2::MigrateToChunkedPools::<Test>::on_runtime_upgrade();
		v3::MigrateToOneWritePools::<Test>::on_runtime_upgrade();
		assert_eq!(claimable(CHARLIE, 0), 300);
	});
}

frame_support::parameter_types! {
	pub const OldTreasury: AccountId = 77;
}

#[test]
fn v4_pays_the_old_treasurys_unclaimed_earnings_to_the_treasury() {
	run_test(|| {
		StorageVersion::new(3).put::<Pallet<Test>>();
		// What v3 did: the treasury part credited to the old account, held in the pot.
		crate::OwnerEarnings::<Test>::insert(
			OldTreasury::get(),
			lineage_primitives::royalties::Earnings { claimable: 250, earned: 400 },
		);
		assert_ok!(<Balances as Mutate<_>>::transfer(
			&PAYER,
			&Pallet::<Test>::pot(),
			250,
			Preservation::Preserve
		));
		Pallet::<Test>::do_try_state().unwrap();
		let pot = Balances::free_balance(Pallet::<Test>::pot());

		v4::MigrateTreasuryEarnings::<Test, OldTreasury>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 4);
		assert_eq!(Balances::free_balance(TREASURY), INITIAL_BALANCE + 250);
		assert_eq!(Balances::free_balance(Pallet::<Test>::pot()), pot - 250);
		assert!(!crate::OwnerEarnings::<Test>::contains_key(OldTreasury::get()));
		Pallet::<Test>::do_try_state().unwrap();

		// Once only.
		crate::OwnerEarnings::<Test>::insert(
			OldTreasury::get(),
			lineage_primitives::royalties::Earnings { claimable: 5, earned: 5 },
		);
		v4::MigrateTreasuryEarnings::<Test, OldTreasury>::on_runtime_upgrade();
		assert_eq!(Balances::free_balance(TREASURY), INITIAL_BALANCE + 250);
		crate::OwnerEarnings::<Test>::remove(OldTreasury::get());
	});
}
