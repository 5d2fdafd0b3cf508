//! `pallet_datasets`: data attribution. Deposits are sized so that registering thousands of
//! junk datasets or contributions ties up real money, while a genuine contributor gets every
//! planck back.

//! The deposits are dynamic parameters (`parameters.rs`, `registry`), which the parameters
//! track changes.

use frame_support::traits::ConstU32;

use super::dynamic_params::registry::{ContributionDeposit, DatasetDeposit};
use crate::{Balances, Royalties, Runtime, RuntimeHoldReason};

impl pallet_datasets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DatasetDeposit = DatasetDeposit;
	type ContributionDeposit = ContributionDeposit;
	type MaxUriLen = ConstU32<256>;
	type MaxPendingContributions = ConstU32<64>;
	// 2^12, what a royalty pool covers (pallet_royalties::pool::MAX_VERSIONS): 64 chunks of 64.
	type MaxVersions = ConstU32<4096>;
	// Every payment to the dataset reads the list (12 bytes an entry) to count a version's
	// shares; an upheld dispute is rare, and a dataset with 32 of them is better forked.
	type MaxCancellations = ConstU32<32>;
	// Every share change opens a royalty position counting from its version.
	type OnSharesChanged = Royalties;
	type WeightInfo = pallet_datasets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::LineageBenchmarkHelper;
}
