//! A test runtime: system, balances and models, with datasets served from a table the tests
//! fill in.

#![allow(clippy::unwrap_used, reason = "a test runtime that cannot be built must fail the test")]

use core::cell::RefCell;
use std::collections::BTreeMap;

use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use lineage_primitives::datasets::{DatasetId, DatasetInspect, DatasetVersion, License};
use sp_runtime::BuildStorage;

use crate as pallet_models;

type Block = frame_system::mocking::MockBlock<Test>;

pub(crate) type AccountId = u64;
pub(crate) type Balance = u64;

pub(crate) const ALICE: AccountId = 1;
pub(crate) const BOB: AccountId = 2;
/// Has less than one model deposit.
pub(crate) const POOR: AccountId = 9;

pub(crate) const MODEL_DEPOSIT: Balance = 100;
pub(crate) const INITIAL_BALANCE: Balance = 10_000;
pub(crate) const MAX_PARENTS: u32 = 3;
pub(crate) const MAX_DATASETS: u32 = 3;
pub(crate) const MAX_DEPTH: u32 = 3;

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
	pub type Models = pallet_models;
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

thread_local! {
	static DATASETS: RefCell<BTreeMap<(DatasetId, DatasetVersion), License<Balance>>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// Dataset versions known to the mock, with their licences.
pub struct MockDatasets;
impl MockDatasets {
	/// Makes `version` of `dataset` exist with `license`.
	pub(crate) fn add(dataset: DatasetId, version: DatasetVersion, license: License<Balance>) {
		DATASETS.with(|d| d.borrow_mut().insert((dataset, version), license));
	}
}
impl DatasetInspect<Balance> for MockDatasets {
	fn license_at(dataset: DatasetId, version: DatasetVersion) -> Option<License<Balance>> {
		DATASETS.with(|d| d.borrow().get(&(dataset, version)).copied())
	}

	fn shares_at(dataset: DatasetId, version: DatasetVersion) -> Option<u64> {
		// The models pallet never asks; royalties do.
		Self::license_at(dataset, version).map(|_| 1)
	}

	fn latest_version(dataset: DatasetId) -> Option<DatasetVersion> {
		DATASETS.with(|d| {
			d.borrow()
				.range((dataset, 0)..=(dataset, DatasetVersion::MAX))
				.next_back()
				.map(|((_, version), _)| *version)
		})
	}

	fn max_versions() -> u32 {
		// The models pallet never asks either.
		u32::MAX
	}
}

/// Benchmark set-up on the mock's dataset table.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Balance> for MockBenchmarkHelper {
	fn create_dataset(license: License<Balance>) -> (DatasetId, DatasetVersion) {
		let next = DATASETS
			.with(|d| d.borrow().keys().map(|(id, _)| id.saturating_add(1)).max().unwrap_or(0));
		MockDatasets::add(next, 0, license);
		(next, 0)
	}
}

parameter_types! {
	pub const ModelDeposit: Balance = MODEL_DEPOSIT;
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datasets = MockDatasets;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type ModelDeposit = ModelDeposit;
	type MaxNameLen = ConstU32<16>;
	type MaxUriLen = ConstU32<32>;
	type MaxParents = ConstU32<MAX_PARENTS>;
	type MaxDatasets = ConstU32<MAX_DATASETS>;
	type MaxLineageDepth = ConstU32<MAX_DEPTH>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Alice and Bob with [`INITIAL_BALANCE`], `POOR` with less than a model deposit; no datasets.
pub(crate) fn new_test_ext() -> sp_io::TestExternalities {
	DATASETS.with(|d| d.borrow_mut().clear());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL_BALANCE), (BOB, INITIAL_BALANCE), (POOR, MODEL_DEPOSIT / 2)],
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
		Models::do_try_state().unwrap();
	});
}
