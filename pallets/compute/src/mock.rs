//! A test runtime: system, balances and compute.

#![allow(clippy::unwrap_used, reason = "a test runtime that cannot be built must fail the test")]

use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_runtime::BuildStorage;

use crate as pallet_compute;

type Block = frame_system::mocking::MockBlock<Test>;

pub(crate) type AccountId = u64;
pub(crate) type Balance = u64;

pub(crate) const ALICE: AccountId = 1;
pub(crate) const BOB: AccountId = 2;
pub(crate) const CHARLIE: AccountId = 3;
/// Has less than the least stake.
pub(crate) const POOR: AccountId = 9;

pub(crate) const MIN_STAKE: Balance = 100;
pub(crate) const UNBONDING: u64 = 10;
pub(crate) const MAX_WORKERS: u32 = 3;
pub(crate) const INITIAL_BALANCE: Balance = 10_000;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Compute = pallet_compute;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	pub const MinWorkerStake: Balance = MIN_STAKE;
	pub const UnbondingPeriod: u64 = UNBONDING;
}

impl pallet_compute::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinWorkerStake = MinWorkerStake;
	type UnbondingPeriod = UnbondingPeriod;
	type MaxWorkers = ConstU32<MAX_WORKERS>;
	type WeightInfo = ();
}

/// Alice, Bob, Charlie and Dave (4) with [`INITIAL_BALANCE`]; `POOR` with less than a stake.
pub(crate) fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, INITIAL_BALANCE),
			(BOB, INITIAL_BALANCE),
			(CHARLIE, INITIAL_BALANCE),
			(4, INITIAL_BALANCE),
			(POOR, MIN_STAKE / 2),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain and checks the pallet's invariants afterwards.
pub(crate) fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Compute::do_try_state().unwrap();
	});
}
