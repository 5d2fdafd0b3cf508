//! `pallet_compute`: the verified compute market (its worker registry so far). A worker's
//! stake is what it risks by posting a wrong result, so it is sized well above the fees of
//! the jobs it will take; unbonding lasts long enough for every job it took to settle.

use frame_support::{parameter_types, traits::ConstU32};

use crate::{Balance, Balances, BlockNumber, Runtime, RuntimeHoldReason, DAYS, UNIT};

parameter_types! {
	/// The least stake a worker registers with.
	pub const MinWorkerStake: Balance = 1_000 * UNIT;
	/// How long a leaving worker's stake stays held, and slashable.
	pub const WorkerUnbondingPeriod: BlockNumber = DAYS;
}

impl pallet_compute::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinWorkerStake = MinWorkerStake;
	type UnbondingPeriod = WorkerUnbondingPeriod;
	// Jobs draw their workers from one list; a thousand keeps that read small.
	type MaxWorkers = ConstU32<1_024>;
	type WeightInfo = pallet_compute::weights::SubstrateWeight<Runtime>;
}
