//! A test runtime: system, balances and datasets, with a recorder for share changes.

#![allow(clippy::unwrap_used, reason = "a test runtime that cannot be built must fail the test")]

use core::cell::RefCell;

use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use lineage_primitives::datasets::{DatasetId, DatasetVersion, OnSharesChanged, Shares};
use sp_runtime::BuildStorage;

use crate as pallet_datasets;

type Block = frame_system::mocking::MockBlock<Test>;

pub(crate) type AccountId = u64;
pub(crate) type Balance = u64;

pub(crate) const ALICE: AccountId = 1;
pub(crate) const BOB: AccountId = 2;
pub(crate) const CHARLIE: AccountId = 3;
/// Has less than one dataset deposit.
pub(crate) const POOR: AccountId = 9;
/// Has less than one contribution deposit.
pub(crate) const BROKE: AccountId = 8;

pub(crate) const DATASET_DEPOSIT: Balance = 100;
pub(crate) const CONTRIBUTION_DEPOSIT: Balance = 10;
pub(crate) const MAX_PENDING: u32 = 3;
/// Versions a dataset may have in the mock, registration included.
pub(crate) const MAX_VERSIONS: u32 = 8;
/// Contributions of one dataset whose shares disputes may cancel, in the mock.
pub(crate) const MAX_CANCELLATIONS: u32 = 2;
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
	pub type Datasets = pallet_datasets;
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

/// One reported share change: dataset, version, account, old shares, new shares.
pub(crate) type ShareChange = (DatasetId, DatasetVersion, AccountId, Shares, Shares);

thread_local! {
	static SHARE_CHANGES: RefCell<Vec<ShareChange>> = const { RefCell::new(Vec::new()) };
}

/// Records every share change, so tests can check that each one is reported.
pub struct RecordShareChanges;
impl OnSharesChanged<AccountId> for RecordShareChanges {
	fn on_shares_changed(
		dataset: DatasetId,
		version: DatasetVersion,
		who: &AccountId,
		old: Shares,
		new: Shares,
	) {
		SHARE_CHANGES.with(|c| c.borrow_mut().push((dataset, version, *who, old, new)));
	}
}

/// Share changes reported since the last call.
pub(crate) fn take_share_changes() -> Vec<ShareChange> {
	SHARE_CHANGES.with(|c| c.take())
}

parameter_types! {
	pub const DatasetDeposit: Balance = DATASET_DEPOSIT;
	pub const ContributionDeposit: Balance = CONTRIBUTION_DEPOSIT;
}

impl pallet_datasets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DatasetDeposit = DatasetDeposit;
	type ContributionDeposit = ContributionDeposit;
	type MaxUriLen = ConstU32<32>;
	type MaxPendingContributions = ConstU32<MAX_PENDING>;
	type MaxVersions = ConstU32<MAX_VERSIONS>;
	type MaxCancellations = ConstU32<MAX_CANCELLATIONS>;
	type OnSharesChanged = RecordShareChanges;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// Alice, Bob and Charlie with [`INITIAL_BALANCE`]; `POOR` and `BROKE` with too little for a
/// dataset or a contribution deposit.
pub(crate) fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, INITIAL_BALANCE),
			(BOB, INITIAL_BALANCE),
			(CHARLIE, INITIAL_BALANCE),
			(POOR, DATASET_DEPOSIT / 2),
			(BROKE, CONTRIBUTION_DEPOSIT / 2),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		take_share_changes();
	});
	ext
}

/// Runs `test` on a fresh chain and checks the pallet's invariants afterwards.
pub(crate) fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Datasets::do_try_state().unwrap();
	});
}
