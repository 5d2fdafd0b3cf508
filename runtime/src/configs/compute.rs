//! `pallet_compute`: the verified compute market. A worker's stake is what it risks by posting
//! a wrong result, so it is sized well above the fees of the jobs it will take; unbonding lasts
//! long enough for every job it took to settle, so its stake is still there to slash.

use frame_support::traits::ConstU32;
use sp_runtime::traits::{BlakeTwo256, Hash as _};

use super::TreasuryAccount;
use crate::{
	Balances, BlockNumber, Datasets, Hash, Models, Royalties, Runtime, RuntimeHoldReason, System,
};

// The market's terms are governance parameters (`configs/parameters.rs`).
use super::dynamic_params::compute::{
	CommitPeriod, ComputeFee, DisagreementSlash, MinWorkerStake, OutputTolerance, ResultRetention,
	RevealPeriod, SilenceSlash, TrainingCommitPeriod, TrainingFeePerEpoch, WorkerUnbondingPeriod,
};

/// Job assignment's randomness: the parent block's hash mixed with the subject. It resists a
/// requester who does not author blocks choosing their workers only as far as they cannot
/// predict the block their job lands in; it does not resist a block author, who can reorder
/// or withhold. See the README for the stronger sources and how to switch.
pub struct ParentHashRandomness;

impl frame_support::traits::Randomness<Hash, BlockNumber> for ParentHashRandomness {
	fn random(subject: &[u8]) -> (Hash, BlockNumber) {
		let mut input = System::parent_hash().as_ref().to_vec();
		input.extend_from_slice(subject);
		(BlakeTwo256::hash(&input), System::block_number().saturating_sub(1))
	}
}

impl pallet_compute::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinWorkerStake = MinWorkerStake;
	type UnbondingPeriod = WorkerUnbondingPeriod;
	// Jobs draw their workers from one list; a thousand keeps that read small.
	type MaxWorkers = ConstU32<1_024>;
	type Models = Models;
	type Randomness = ParentHashRandomness;
	// Three workers per job: two agreeing make a majority, one liar cannot.
	type Replication = ConstU32<3>;
	type ComputeFee = ComputeFee;
	// 4 KiB: a few hundred fixed-point values, enough for the digits models and their kin.
	type MaxInputLen = ConstU32<4_096>;
	// A thousand fixed-point values: ten class scores need ten.
	type MaxOutputLen = ConstU32<1_024>;
	type CommitPeriod = CommitPeriod;
	type RevealPeriod = RevealPeriod;
	type MaxJobsPerBlock = ConstU32<64>;
	type ResultRetention = ResultRetention;
	type OutputTolerance = OutputTolerance;
	type DisagreementSlash = DisagreementSlash;
	type SilenceSlash = SilenceSlash;
	// Slashes go where the royalties' treasury share goes, until the DAO's treasury exists.
	type Treasury = TreasuryAccount;
	type Royalties = Royalties;
	type Datasets = Datasets;
	type Registrar = Models;
	type TrainingFeePerEpoch = TrainingFeePerEpoch;
	// The demo model trains in 30 epochs; a hundred bounds what one job asks of a worker.
	type MaxTrainingEpochs = ConstU32<100>;
	type TrainingCommitPeriod = TrainingCommitPeriod;
	// The registry's own bounds (`configs/models.rs`), so every request can be registered.
	type MaxTrainingDatasets = ConstU32<8>;
	type MaxTrainingParents = ConstU32<4>;
	type MaxModelNameLen = ConstU32<64>;
	type AuthorityId = pallet_compute::WorkerAuthority;
	type WeightInfo = pallet_compute::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::LineageBenchmarkHelper;
}
