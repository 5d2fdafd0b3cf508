//! `pallet_parameters`: the values governance changes without a runtime upgrade. Each is a
//! typed key under its pallet's module below; `parameters.setParameter` writes it and the
//! pallet reading it sees the new value from the next call on. The defaults below hold until
//! then. Who may set a key ([`ParametersAdmin`]): the parameters track (or root) for the
//! compute market's terms; only the root track for the treasurer's spend cap, since the cap
//! bounds what a cheaper track may take.
//!
//! What a job fixed at submission (its compute fee, tolerance, commit and reveal windows)
//! keeps its submission value; slashes apply at settlement's current rate.

use frame_support::{
	dynamic_params::{dynamic_pallet_params, dynamic_params},
	traits::{EitherOfDiverse, EnsureOrigin, EnsureOriginWithArg},
};
use frame_system::EnsureRoot;
use pallet_dao::EnsureParameters;

use crate::{AccountId, Balance, Runtime, RuntimeEvent, RuntimeOrigin, UNIT};

/// The least stake a worker registers with, until governance changes it; the development
/// presets size their workers' stakes from it without reading storage.
pub const DEFAULT_MIN_WORKER_STAKE: Balance = 1_000 * UNIT;

#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	// The macro rewrites the modules below: their items name everything by full path.
	use super::*;

	/// The compute market's terms (`pallet_compute`).
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod compute {
		/// The least stake a worker registers with.
		#[codec(index = 0)]
		pub static MinWorkerStake: crate::Balance = crate::configs::DEFAULT_MIN_WORKER_STAKE;
		/// How long a leaving worker's stake stays held, and slashable.
		#[codec(index = 1)]
		pub static WorkerUnbondingPeriod: crate::BlockNumber = crate::DAYS;
		/// Paid to each worker whose result is accepted: a tenth of the demo model's price.
		#[codec(index = 2)]
		pub static ComputeFee: crate::Balance = crate::MILLI_UNIT;
		/// 30 s to commit, then 30 s to reveal: a small model runs in milliseconds, so this is
		/// time for a worker's node to see the job and get two transactions in.
		#[codec(index = 3)]
		pub static CommitPeriod: crate::BlockNumber = 5;
		/// Blocks to reveal in, after the commit period; the job then settles.
		#[codec(index = 4)]
		pub static RevealPeriod: crate::BlockNumber = 5;
		/// Results agree within a thousandth of an output unit per element (65 steps at the
		/// demo model's scale of 2^16): the tolerance the ML engine's backend test holds wgpu
		/// to flex at, far below the gap between two classes' scores that would change an
		/// answer.
		#[codec(index = 5)]
		pub static OutputTolerance: sp_runtime::Permill = sp_runtime::Permill::from_parts(1_000);
		/// A liar loses a tenth of its stake: 100 LIN at the least stake, a hundred thousand
		/// times the compute fee it hoped to earn.
		#[codec(index = 6)]
		pub static DisagreementSlash: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(10);
		/// A worker that stays silent loses a hundredth: being offline is not lying, but a job
		/// waited on it.
		#[codec(index = 7)]
		pub static SilenceSlash: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(1);
		/// Paid to each worker whose training outcome is accepted, per epoch of each run: a
		/// thousandth of a LIN, so the demo's 30-epoch job on one dataset (two runs) pays a
		/// worker 0.06 LIN.
		#[codec(index = 8)]
		pub static TrainingFeePerEpoch: crate::Balance = crate::MILLI_UNIT;
		/// 10 minutes to train and commit: the demo model trains, with its attribution run, in
		/// seconds; larger jobs need governance to lengthen it.
		#[codec(index = 9)]
		pub static TrainingCommitPeriod: crate::BlockNumber = 100;
		/// Accepted results stay readable through `computeApi.result` for a week; the
		/// settling block's events keep them for indexers after that.
		#[codec(index = 10)]
		pub static ResultRetention: crate::BlockNumber = 7 * crate::DAYS;
	}

	/// Disputes (`pallet_dao`).
	#[dynamic_pallet_params]
	#[codec(index = 2)]
	pub mod dao {
		/// Held from whoever opens a dispute until it is ruled on; lost to the treasury if the
		/// dispute is rejected. Ten model deposits, so disputing is not a free way to harass.
		#[codec(index = 0)]
		pub static DisputeDeposit: crate::Balance = 100 * crate::UNIT;
	}

	/// Deposits of the registries (`pallet_datasets`, `pallet_models`). Each dataset,
	/// contribution and model records the deposit it was charged and returns exactly that, so
	/// a change applies to new registrations only.
	#[dynamic_pallet_params]
	#[codec(index = 3)]
	pub mod registry {
		/// Held from a dataset's registrant until it is retired.
		#[codec(index = 0)]
		pub static DatasetDeposit: crate::Balance = 10 * crate::UNIT;
		/// Held from a contributor while the curator decides.
		#[codec(index = 1)]
		pub static ContributionDeposit: crate::Balance = crate::UNIT;
		/// Held from a model's owner until it is deprecated (returned) or revoked (burned by
		/// the curator track, paid to the treasury on an upheld dispute).
		#[codec(index = 2)]
		pub static ModelDeposit: crate::Balance = 10 * crate::UNIT;
	}

	/// The treasury's limits (`pallet_treasury`).
	#[dynamic_pallet_params]
	#[codec(index = 1)]
	pub mod treasury {
		/// The most one treasurer-track spend pays out: 10,000 LIN, a hundredth of a
		/// development account's funds; larger spends go through the root track.
		#[codec(index = 0)]
		pub static TreasurerSpendCap: crate::Balance = 10_000 * crate::UNIT;
	}
}

/// Who may set each parameter: see the module docs.
pub struct ParametersAdmin;

impl EnsureOriginWithArg<RuntimeOrigin, RuntimeParametersKey> for ParametersAdmin {
	type Success = ();

	fn try_origin(
		origin: RuntimeOrigin,
		key: &RuntimeParametersKey,
	) -> Result<Self::Success, RuntimeOrigin> {
		type ParametersTrack = EitherOfDiverse<EnsureRoot<AccountId>, EnsureParameters>;
		match key {
			RuntimeParametersKey::Compute(_)
			| RuntimeParametersKey::Dao(_)
			| RuntimeParametersKey::Registry(_) => {
				<ParametersTrack as EnsureOrigin<RuntimeOrigin>>::try_origin(origin).map(|_| ())
			},
			RuntimeParametersKey::Treasury(_) => {
				<EnsureRoot<AccountId> as EnsureOrigin<RuntimeOrigin>>::try_origin(origin)
			},
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(_key: &RuntimeParametersKey) -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::root())
	}
}

/// What the parameters pallet's benchmark writes.
#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Compute(dynamic_params::compute::Parameters::ComputeFee(
			dynamic_params::compute::ComputeFee,
			Some(crate::MILLI_UNIT),
		))
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = ParametersAdmin;
	type WeightInfo = crate::weights::pallet_parameters::WeightInfo<Runtime>;
}
