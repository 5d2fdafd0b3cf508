//! `pallet_models`: the model registry. Lineage bounds (parents, datasets, depth) are what
//! every royalty payment walks, so they are kept small. The deposit is a dynamic parameter
//! (`parameters.rs`, `registry`), which the parameters track changes.

use frame_support::traits::{ConstU32, EitherOfDiverse};
use frame_system::EnsureRoot;
use pallet_dao::EnsureModelCurator;

use super::dynamic_params::registry::ModelDeposit;
use crate::{AccountId, Balances, Datasets, Runtime, RuntimeHoldReason};

impl pallet_models::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datasets = Datasets;
	// Certifies and revokes: the model curator track, or root.
	type GovernanceOrigin = EitherOfDiverse<EnsureRoot<AccountId>, EnsureModelCurator>;
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
