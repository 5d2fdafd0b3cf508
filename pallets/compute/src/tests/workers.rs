//! Registering, updating, bonding, unregistering and withdrawing workers.

use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_runtime::BuildStorage;

use super::*;
use crate::{ActiveWorkers, Error, Event, Reputation, WorkerOfKey, WorkerStatus, Workers};

fn register(who: AccountId, stake: Balance, byte: u8) {
	assert_ok!(Compute::register_worker(RuntimeOrigin::signed(who), stake, cpu(), key(byte)));
}

#[test]
fn registering_holds_the_stake_and_lists_the_worker() {
	run_test(|| {
		register(ALICE, 150, 1);
		let worker = Workers::<Test>::get(ALICE).unwrap();
		assert_eq!(worker.stake, 150);
		assert_eq!(worker.capabilities, cpu());
		assert_eq!(worker.key, key(1));
		assert_eq!(worker.status, WorkerStatus::Active);
		assert_eq!(worker.reputation, Reputation::default());
		assert_eq!(worker.registered_at, 1);
		assert_eq!(held(ALICE), 150);
		assert_eq!(Balances::balance(&ALICE), INITIAL_BALANCE - 150);
		assert_eq!(WorkerOfKey::<Test>::get(key(1)), Some(ALICE));
		assert_eq!(Compute::active_workers(), vec![ALICE]);
		assert_eq!(
			last_event(),
			Event::WorkerRegistered { worker: ALICE, stake: 150, key: key(1) }
		);
	});
}

#[test]
fn registration_is_refused_with_a_clear_error_and_changes_nothing() {
	run_test(|| {
		let signed = RuntimeOrigin::signed;
		assert_noop!(
			Compute::register_worker(signed(ALICE), MIN_STAKE - 1, cpu(), key(1)),
			Error::<Test>::StakeBelowMinimum
		);
		let none = Capabilities { backends: Backends(0), max_model_bytes: 1 };
		assert_noop!(
			Compute::register_worker(signed(ALICE), MIN_STAKE, none, key(1)),
			Error::<Test>::InvalidCapabilities
		);
		let unknown = Capabilities { backends: Backends(0b1000), max_model_bytes: 1 };
		assert_noop!(
			Compute::register_worker(signed(ALICE), MIN_STAKE, unknown, key(1)),
			Error::<Test>::InvalidCapabilities
		);
		// Cannot hold more than it has: nothing is listed or recorded.
		assert!(Compute::register_worker(signed(POOR), MIN_STAKE, cpu(), key(9)).is_err());
		assert!(Workers::<Test>::get(POOR).is_none());
		assert!(ActiveWorkers::<Test>::get().is_empty());

		register(ALICE, MIN_STAKE, 1);
		assert_noop!(
			Compute::register_worker(signed(ALICE), MIN_STAKE, cpu(), key(2)),
			Error::<Test>::AlreadyRegistered
		);
		assert_noop!(
			Compute::register_worker(signed(BOB), MIN_STAKE, cpu(), key(1)),
			Error::<Test>::KeyInUse
		);
	});
}

#[test]
fn the_active_set_is_bounded() {
	run_test(|| {
		register(ALICE, MIN_STAKE, 1);
		register(BOB, MIN_STAKE, 2);
		register(CHARLIE, MIN_STAKE, 3);
		register(DAVE, MIN_STAKE, 4);
		assert_noop!(
			Compute::register_worker(RuntimeOrigin::signed(EVE), MIN_STAKE, cpu(), key(5)),
			Error::<Test>::TooManyWorkers
		);
		// A worker that leaves makes room; the last one moves into its place.
		assert_ok!(Compute::unregister_worker(RuntimeOrigin::signed(ALICE)));
		assert_eq!(Compute::active_workers(), vec![DAVE, BOB, CHARLIE]);
		register(EVE, MIN_STAKE, 5);
		assert_eq!(Compute::active_workers(), vec![DAVE, BOB, CHARLIE, EVE]);
	});
}

#[test]
fn updating_replaces_capabilities_and_moves_the_key() {
	run_test(|| {
		register(ALICE, MIN_STAKE, 1);
		register(BOB, MIN_STAKE, 2);
		let gpu = Capabilities {
			backends: Backends(Backends::CPU | Backends::WGPU),
			max_model_bytes: 50_000_000,
		};
		assert_ok!(Compute::update_worker(RuntimeOrigin::signed(ALICE), gpu, key(3)));
		let worker = Workers::<Test>::get(ALICE).unwrap();
		assert_eq!((worker.capabilities, worker.key.clone()), (gpu, key(3)));
		assert_eq!(WorkerOfKey::<Test>::get(key(1)), None);
		assert_eq!(WorkerOfKey::<Test>::get(key(3)), Some(ALICE));
		assert_eq!(
			last_event(),
			Event::WorkerUpdated { worker: ALICE, capabilities: gpu, key: key(3) }
		);
		// Keeping its own key is fine; taking another worker's is not.
		assert_ok!(Compute::update_worker(RuntimeOrigin::signed(ALICE), cpu(), key(3)));
		assert_noop!(
			Compute::update_worker(RuntimeOrigin::signed(ALICE), cpu(), key(2)),
			Error::<Test>::KeyInUse
		);
		assert_noop!(
			Compute::update_worker(RuntimeOrigin::signed(ALICE), Capabilities::default(), key(3)),
			Error::<Test>::InvalidCapabilities
		);
		assert_noop!(
			Compute::update_worker(RuntimeOrigin::signed(CHARLIE), cpu(), key(5)),
			Error::<Test>::NotRegistered
		);
	});
}

#[test]
fn bonding_extra_adds_to_the_held_stake() {
	run_test(|| {
		register(ALICE, MIN_STAKE, 1);
		assert_ok!(Compute::bond_extra(RuntimeOrigin::signed(ALICE), 50));
		assert_eq!(Workers::<Test>::get(ALICE).unwrap().stake, MIN_STAKE + 50);
		assert_eq!(held(ALICE), MIN_STAKE + 50);
		assert_eq!(
			last_event(),
			Event::StakeBonded { worker: ALICE, amount: 50, stake: MIN_STAKE + 50 }
		);
		assert_noop!(
			Compute::bond_extra(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Compute::bond_extra(RuntimeOrigin::signed(BOB), 10),
			Error::<Test>::NotRegistered
		);
		// More than the free balance: refused by the currency, nothing recorded.
		assert!(Compute::bond_extra(RuntimeOrigin::signed(ALICE), INITIAL_BALANCE).is_err());
		assert_eq!(Workers::<Test>::get(ALICE).unwrap().stake, MIN_STAKE + 50);
	});
}

#[test]
fn unbonding_keeps_the_stake_held_until_the_period_ends() {
	run_test(|| {
		register(ALICE, 200, 1);
		assert_ok!(Compute::unregister_worker(RuntimeOrigin::signed(ALICE)));
		let until = 1 + UNBONDING;
		assert_eq!(Workers::<Test>::get(ALICE).unwrap().status, WorkerStatus::Unbonding { until });
		assert_eq!(last_event(), Event::WorkerUnbonding { worker: ALICE, until });
		assert!(Compute::active_workers().is_empty());
		// Still held, and an unbonding worker cannot change, bond or leave again.
		assert_eq!(held(ALICE), 200);
		let signed = RuntimeOrigin::signed;
		assert_noop!(
			Compute::update_worker(signed(ALICE), cpu(), key(2)),
			Error::<Test>::Unbonding
		);
		assert_noop!(Compute::bond_extra(signed(ALICE), 1), Error::<Test>::Unbonding);
		assert_noop!(Compute::unregister_worker(signed(ALICE)), Error::<Test>::Unbonding);
		System::set_block_number(until - 1);
		assert_noop!(Compute::withdraw_stake(signed(ALICE)), Error::<Test>::StillUnbonding);

		System::set_block_number(until);
		assert_ok!(Compute::withdraw_stake(signed(ALICE)));
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::balance(&ALICE), INITIAL_BALANCE);
		assert!(Workers::<Test>::get(ALICE).is_none());
		assert_eq!(WorkerOfKey::<Test>::get(key(1)), None);
		assert_eq!(last_event(), Event::WorkerRemoved { worker: ALICE, stake: 200 });
		// The account and its key can register again.
		register(ALICE, MIN_STAKE, 1);
	});
}

#[test]
fn withdrawing_needs_a_worker_that_unregistered() {
	run_test(|| {
		let signed = RuntimeOrigin::signed;
		assert_noop!(Compute::withdraw_stake(signed(ALICE)), Error::<Test>::NotRegistered);
		assert_noop!(Compute::unregister_worker(signed(ALICE)), Error::<Test>::NotRegistered);
		register(ALICE, MIN_STAKE, 1);
		assert_noop!(Compute::withdraw_stake(signed(ALICE)), Error::<Test>::NotUnbonding);
	});
}

#[test]
fn genesis_registers_its_workers() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL_BALANCE), (BOB, INITIAL_BALANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		workers: vec![(ALICE, MIN_STAKE, cpu(), key(1)), (BOB, 2 * MIN_STAKE, cpu(), key(2))],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(Compute::active_workers(), vec![ALICE, BOB]);
		assert_eq!(held(BOB), 2 * MIN_STAKE);
		assert_eq!(Compute::worker_of_key(&key(2)), Some(BOB));
		Compute::do_try_state().unwrap();
	});
}

#[test]
fn the_active_list_keeps_each_workers_capabilities() {
	run_test(|| {
		register(ALICE, MIN_STAKE, 1);
		register(BOB, MIN_STAKE, 2);
		let gpu = Capabilities { backends: Backends(Backends::WGPU), max_model_bytes: 7 };
		assert_ok!(Compute::update_worker(RuntimeOrigin::signed(BOB), gpu, key(2)));
		assert_eq!(ActiveWorkers::<Test>::get().to_vec(), vec![(ALICE, cpu()), (BOB, gpu)]);
	});
}

#[test]
fn migrating_from_v1_adds_capabilities_to_the_active_list() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	run_test(|| {
		register(ALICE, MIN_STAKE, 1);
		register(BOB, MIN_STAKE, 2);
		let gpu = Capabilities { backends: Backends(Backends::WGPU), max_model_bytes: 7 };
		assert_ok!(Compute::update_worker(RuntimeOrigin::signed(BOB), gpu, key(2)));
		// The v1 layout: accounts only.
		let v1: crate::migrations::v1::ActiveAccounts<Test> =
			frame_support::BoundedVec::truncate_from(vec![ALICE, BOB]);
		frame_support::storage::unhashed::put(&ActiveWorkers::<Test>::hashed_key(), &v1);
		StorageVersion::new(1).put::<Compute>();

		crate::migrations::v2::MigrateToCapableActiveList::<Test>::on_runtime_upgrade();

		assert_eq!(ActiveWorkers::<Test>::get().to_vec(), vec![(ALICE, cpu()), (BOB, gpu)]);
		assert_eq!(Compute::on_chain_storage_version(), StorageVersion::new(2));
		// Versioned: a second run changes nothing.
		ActiveWorkers::<Test>::kill();
		crate::migrations::v2::MigrateToCapableActiveList::<Test>::on_runtime_upgrade();
		assert!(ActiveWorkers::<Test>::get().is_empty());
		ActiveWorkers::<Test>::put(frame_support::BoundedVec::truncate_from(vec![
			(ALICE, cpu()),
			(BOB, gpu),
		]));
	});
}
