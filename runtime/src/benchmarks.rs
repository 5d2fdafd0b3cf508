//! The pallets whose benchmarks `lineage-node benchmark pallet` runs, and the names the
//! benchmark runtime API needs in scope.

pub(crate) use frame_benchmarking::{
	baseline::Pallet as BaselineBench, BenchmarkBatch, BenchmarkList,
};
pub(crate) use frame_support::traits::{StorageInfoTrait, WhitelistedStorageKeys};
pub(crate) use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};
pub(crate) use sp_storage::TrackedStorageKey;

pub(crate) use crate::session_benchmarks::Pallet as SessionBench;

pub(crate) use crate::{
	AllPalletsWithSystem, Balances, Compute, ConvictionVoting, Dao, Datasets, Models, Parameters,
	Preimage, Referenda, Royalties, Runtime, Scheduler, Sudo, Timestamp, TransactionPayment,
	Treasury, Validators,
};

impl frame_system_benchmarking::Config for Runtime {}
impl frame_benchmarking::baseline::Config for Runtime {}
// Fees go to the treasury, which exists from genesis: nothing to set up.
impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_sudo, Sudo]
	[pallet_session, SessionBench::<Runtime>]
	[pallet_parameters, Parameters]
	[pallet_preimage, Preimage]
	[pallet_scheduler, Scheduler]
	[pallet_referenda, Referenda]
	[pallet_conviction_voting, ConvictionVoting]
	[pallet_treasury, Treasury]
	[pallet_datasets, Datasets]
	[pallet_models, Models]
	[pallet_royalties, Royalties]
	[pallet_compute, Compute]
	[pallet_dao, Dao]
	[pallet_validators, Validators]
);
