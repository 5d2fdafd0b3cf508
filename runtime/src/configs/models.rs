//! `pallet_models`: the model registry. Lineage bounds (parents, datasets, depth) are what
//! every royalty payment walks, so they are kept small.

use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;

use crate::{AccountId, Balance, Balances, Datasets, Runtime, RuntimeHoldReason, UNIT};

parameter_types! {
	/// Held from a model's owner until it is deprecated (returned) or revoked (burned).
	pub const ModelDeposit: Balance = 10 * UNIT;
}

impl pallet_models::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datasets = Datasets;
	// Root (sudo in dev and local networks) until the DAO issue lands.
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type ModelDeposit = ModelDeposit;
	type MaxNameLen = ConstU32<64>;
	type MaxUriLen = ConstU32<256>;
	type MaxParents = ConstU32<4>;
	type MaxDatasets = ConstU32<8>;
	type MaxLineageDepth = ConstU32<8>;
	type WeightInfo = pallet_models::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::LineageBenchmarkHelper;
}
