//! # Compute pallet: a verified compute market
//!
//! Off-chain workers run Lineage's ML engine and post attested results; this pallet is the
//! on-chain half: a registry of staked workers, inference jobs drawn to them, commit–reveal of
//! their attested results, and settlement by quorum with payment and slashing.
//!
//! ## Workers
//!
//! - [`register_worker`](Pallet::register_worker): an account offers compute with a stake (at
//!   least [`Config::MinWorkerStake`], held through `fungible::MutateHold`), its
//!   [`Capabilities`] (backends, largest model) and an sr25519 attestation key of key type
//!   `lnml` ([`WorkerKey`]), which the node's ML service signs results with. A key belongs to
//!   one worker.
//! - [`update_worker`](Pallet::update_worker) changes capabilities or key;
//!   [`bond_extra`](Pallet::bond_extra) adds stake.
//! - [`unregister_worker`](Pallet::unregister_worker) starts unbonding: the worker takes no
//!   new jobs, but its stake stays held, and slashable, for [`Config::UnbondingPeriod`]; then
//!   [`withdraw_stake`](Pallet::withdraw_stake) releases it and removes the worker.
//! - Each worker keeps a [`Reputation`]: jobs agreed, disagreed and missed.
//!
//! Active workers are kept in one bounded list with their capabilities ([`ActiveWorkers`], at
//! most [`Config::MaxWorkers`]), from which jobs draw their workers: only those whose
//! `max_model_bytes` holds the model's weights.
//!
//! ## Jobs
//!
//! - [`submit_inference`](Pallet::submit_inference) holds the model's price plus
//!   [`Config::ComputeFee`] per worker from the requester and draws [`Config::Replication`]
//!   workers with [`Config::Randomness`], never the requester.
//! - Each drawn worker commits to its result ([`commit_result`](Pallet::commit_result)) within
//!   [`Config::CommitPeriod`], then reveals it with a signed [`Attestation`]
//!   ([`reveal_result`](Pallet::reveal_result)) within [`Config::RevealPeriod`].
//! - [`submit_training`](Pallet::submit_training) asks for a new model: a [`ModelSpec`]
//!   trained on dataset versions (each licence must allow training; its training fee is held
//!   with the job) with [`TrainingSettings`] and a seed, optionally descending from parent
//!   models. Each worker is paid [`Config::TrainingFeePerEpoch`] per epoch of every run the
//!   job needs (one, plus one per dataset to measure attribution). Workers reveal a
//!   [`TrainingOutcome`] with [`reveal_training`](Pallet::reveal_training): weights hash,
//!   held-out metric and attribution weights. If a majority agree, the datasets' training
//!   fees go to their contributors and the model is registered in the model registry, owned
//!   by the requester, with the attribution the workers agreed on ([`Config::Registrar`]).
//! - At its deadline the job settles in `on_initialize`, from a per-block queue
//!   ([`Deadlines`]): see the `settlement` module for quorum, payment and slashing. Accepted
//!   results stay in [`Results`] for [`Config::ResultRetention`] blocks, then a later hook
//!   prunes them (the `retention` module).
//!
//! ## Off-chain worker
//!
//! A node holding workers' `lnml` keys serves their jobs from the `offchain_worker` hook: it
//! hands each job to the node's ML service through persistent local storage
//! ([`lineage_primitives::ml_jobs`]) and commits, reveals or reports what comes back, as the
//! worker's signed transactions ([`Config::AuthorityId`]). See the `offchain` module.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod assignment;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
mod jobs;
pub mod migrations;
#[cfg(test)]
mod mock;
mod offchain;
mod quorum;
mod results;
mod retention;
mod settlement;
#[cfg(test)]
mod tests;
mod training;
pub mod types;
pub mod weights;
mod workers;

use alloc::vec::Vec;
use frame_support::traits::fungible;
pub use lineage_primitives::compute::{Attestation, WorkerSignature};
pub use lineage_primitives::compute::{
	Backends, Capabilities, JobFailure, Optimizer, Reputation, TrainingSettings, WorkerKey,
	WorkerStatus, KEY_TYPE,
};
pub use lineage_primitives::models::ModelSpec;
pub use offchain::WorkerAuthority;
pub use pallet::*;
pub use types::{
	ExpiryReason, Job, JobId, JobResult, Offence, Output, Reveal, SignedAttestation, Task,
	TrainingData, TrainingOutcome, TrainingRequest, Worker,
};
pub use weights::WeightInfo;

/// What this pallet's benchmarks need from the rest of the runtime (polkadot-sdk's
/// `BenchmarkHelper` pattern).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Registers a usable model owned by `owner` and returns its id.
	fn create_model(owner: AccountId) -> lineage_primitives::models::ModelId;

	/// Registers a dataset that allows training, for `fee` a run, with one contributed
	/// version, and returns it with that version.
	fn create_dataset(
		fee: Balance,
	) -> (lineage_primitives::datasets::DatasetId, lineage_primitives::datasets::DatasetVersion);
}

/// Balance type of the currency stakes are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

// The pallet macros expand to fully qualified paths and to `expect`s on values they have
// just checked; the logic lives in `workers.rs`, where the lints apply in full.
#[allow(unused_qualifications, clippy::expect_used, clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{Perbill, Permill};

	pub(crate) use crate::training;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A worker's stake, slashable until it is withdrawn.
		#[codec(index = 0)]
		WorkerStake,
		/// A job's fee, held from its requester until the job settles or expires.
		#[codec(index = 1)]
		JobFee,
	}

	/// Configuration of the compute pallet.
	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ frame_system::offchain::CreateSignedTransaction<Call<Self>>
	{
		/// Signs the off-chain worker's commits, reveals and failure reports with a worker's
		/// `lnml` key from the node's keystore ([`WorkerAuthority`] in a runtime whose
		/// accounts are `MultiSigner`s).
		type AuthorityId: frame_system::offchain::AppCrypto<
			Self::Public,
			Self::Signature,
			RuntimeAppPublic = WorkerKey,
		>;

		/// The currency stakes are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The least stake a worker registers with.
		#[pallet::constant]
		type MinWorkerStake: Get<BalanceOf<Self>>;

		/// Blocks a leaving worker's stake stays held, and slashable, after it unregisters:
		/// long enough for every job it took to settle.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// Most active workers at once: bounds the list jobs draw their workers from.
		#[pallet::constant]
		type MaxWorkers: Get<u32>;

		/// Models jobs run, with their price and whether new jobs may use them.
		type Models: lineage_primitives::models::ModelInspect<Self::AccountId, BalanceOf<Self>>;

		/// Where a job's workers are drawn from. See the README for what the runtime's source
		/// resists and how to switch to a stronger one.
		type Randomness: frame_support::traits::Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// Workers drawn for each job (R).
		#[pallet::constant]
		type Replication: Get<u32>;

		/// Paid to each worker whose result is accepted, on top of the model's price.
		#[pallet::constant]
		type ComputeFee: Get<BalanceOf<Self>>;

		/// Longest inference input, in bytes.
		#[pallet::constant]
		type MaxInputLen: Get<u32>;

		/// Most fixed-point values in one result.
		#[pallet::constant]
		type MaxOutputLen: Get<u32>;

		/// Blocks after submission in which the drawn workers commit to their results.
		#[pallet::constant]
		type CommitPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks after the commit period in which they reveal them; the job then settles.
		#[pallet::constant]
		type RevealPeriod: Get<BlockNumberFor<Self>>;

		/// Most jobs settling in one block: bounds the work of a block's hook.
		#[pallet::constant]
		type MaxJobsPerBlock: Get<u32>;

		/// Blocks an accepted result stays in [`Results`] after its job settles; the events
		/// of the settling block keep it for indexers after that.
		#[pallet::constant]
		type ResultRetention: Get<BlockNumberFor<Self>>;

		/// How far agreeing results may differ, as a fraction of one unit of the model's
		/// output: a model publishing `y` as `round(y · output_scale)` (its spec) agrees within
		/// `OutputTolerance · output_scale` fixed-point steps per element.
		#[pallet::constant]
		type OutputTolerance: Get<Permill>;

		/// Share of its stake a worker loses for revealing a result the accepted one
		/// contradicts.
		#[pallet::constant]
		type DisagreementSlash: Get<Perbill>;

		/// Share of its stake a drawn worker loses for revealing nothing before the job
		/// settles: less than for disagreeing, as being offline is not lying.
		#[pallet::constant]
		type SilenceSlash: Get<Perbill>;

		/// Receives slashed stake.
		type Treasury: Get<Self::AccountId>;

		/// Pays a model's price along its lineage when a job's result is accepted.
		type Royalties: lineage_primitives::royalties::RoyaltyPayer<
			Self::AccountId,
			BalanceOf<Self>,
		>;

		/// Datasets training jobs train on, with their licences.
		type Datasets: lineage_primitives::datasets::DatasetInspect<BalanceOf<Self>>;

		/// Registers the models training jobs produce, with the registry's own checks.
		type Registrar: lineage_primitives::models::ModelRegistrar<Self::AccountId, BalanceOf<Self>>;

		/// Paid to each worker whose training outcome is accepted, per epoch of each run the
		/// job needs: one run, plus one per dataset to measure its attribution.
		#[pallet::constant]
		type TrainingFeePerEpoch: Get<BalanceOf<Self>>;

		/// Most epochs a training job may ask for: bounds what one job asks of a worker.
		#[pallet::constant]
		type MaxTrainingEpochs: Get<u32>;

		/// Blocks after submission in which a training job's workers commit: training takes
		/// longer than inference.
		#[pallet::constant]
		type TrainingCommitPeriod: Get<BlockNumberFor<Self>>;

		/// Most datasets one training job uses.
		#[pallet::constant]
		type MaxTrainingDatasets: Get<u32>;

		/// Most parent models one training job names.
		#[pallet::constant]
		type MaxTrainingParents: Get<u32>;

		/// Longest name of a model a training job registers.
		#[pallet::constant]
		type MaxModelNameLen: Get<u32>;

		/// Weights of this pallet's calls, generated by `benchmark pallet`.
		type WeightInfo: WeightInfo;

		/// Creates the models this pallet's benchmarks submit jobs for.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, BalanceOf<Self>>;
	}

	/// Registered workers, active or unbonding.
	#[pallet::storage]
	pub type Workers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Worker<T>>;

	/// Which worker each attestation key belongs to.
	#[pallet::storage]
	pub type WorkerOfKey<T: Config> = StorageMap<_, Blake2_128Concat, WorkerKey, T::AccountId>;

	/// Workers eligible for new jobs, with their capabilities, in registration order (a
	/// removal moves the last one into the gap): one read gives a draw everything it filters
	/// on.
	#[pallet::storage]
	pub type ActiveWorkers<T: Config> =
		StorageValue<_, BoundedVec<(T::AccountId, Capabilities), T::MaxWorkers>, ValueQuery>;

	/// Id the next job gets.
	#[pallet::storage]
	pub type NextJobId<T> = StorageValue<_, JobId, ValueQuery>;

	/// Open jobs.
	#[pallet::storage]
	pub type Jobs<T: Config> = StorageMap<_, Twox64Concat, JobId, Job<T>>;

	/// Open jobs by requester.
	#[pallet::storage]
	pub type JobsOfRequester<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, JobId, ()>;

	/// Open jobs by the workers drawn for them, which their nodes' off-chain workers read.
	#[pallet::storage]
	pub type JobsOfWorker<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, JobId, ()>;

	/// Workers' commitments to their results: `blake2_256(output ‖ salt ‖ worker)`.
	#[pallet::storage]
	pub type Commits<T: Config> =
		StorageDoubleMap<_, Twox64Concat, JobId, Blake2_128Concat, T::AccountId, sp_core::H256>;

	/// Workers' revealed results, with their attestations.
	#[pallet::storage]
	pub type Reveals<T: Config> =
		StorageDoubleMap<_, Twox64Concat, JobId, Blake2_128Concat, T::AccountId, Reveal<T>>;

	/// Failures drawn workers reported instead of a result, until their job settles.
	#[pallet::storage]
	pub type Failures<T: Config> =
		StorageDoubleMap<_, Twox64Concat, JobId, Blake2_128Concat, T::AccountId, JobFailure>;

	/// Accepted results of settled jobs, with the agreeing workers' attestations: the
	/// requester's receipt.
	#[pallet::storage]
	pub type Results<T: Config> = StorageMap<_, Twox64Concat, JobId, JobResult<T>>;

	/// The jobs whose results were stored in each block, for pruning them
	/// [`Config::ResultRetention`] blocks later.
	#[pallet::storage]
	pub type ResultsSettledIn<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<JobId, T::MaxJobsPerBlock>,
		ValueQuery,
	>;

	/// The next block whose results pruning removes once they are old enough; set when the
	/// first result is stored.
	#[pallet::storage]
	pub type PruneCursor<T: Config> = StorageValue<_, BlockNumberFor<T>>;

	/// The jobs settling at each block: a queue, so a block's hook touches only its own.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<JobId, T::MaxJobsPerBlock>,
		ValueQuery,
	>;

	/// Events of the compute pallet.
	// Field names say what they carry; the variant docs say the rest.
	#[allow(missing_docs)]
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A worker registered and its stake was held.
		WorkerRegistered { worker: T::AccountId, stake: BalanceOf<T>, key: WorkerKey },
		/// A worker changed its capabilities or key.
		WorkerUpdated { worker: T::AccountId, capabilities: Capabilities, key: WorkerKey },
		/// A worker added `amount` to its stake.
		StakeBonded { worker: T::AccountId, amount: BalanceOf<T>, stake: BalanceOf<T> },
		/// A worker left the active set; its stake can be withdrawn from block `until`.
		WorkerUnbonding { worker: T::AccountId, until: BlockNumberFor<T> },
		/// A worker withdrew its stake and was removed.
		WorkerRemoved { worker: T::AccountId, stake: BalanceOf<T> },
		/// An inference job was submitted, its fee held and its workers drawn.
		InferenceSubmitted {
			job: JobId,
			requester: T::AccountId,
			model: lineage_primitives::models::ModelId,
			fee: BalanceOf<T>,
			workers: Vec<T::AccountId>,
		},
		/// A training job was submitted, its fee (compute and training fees) held and its
		/// workers drawn.
		TrainingSubmitted {
			job: JobId,
			requester: T::AccountId,
			fee: BalanceOf<T>,
			workers: Vec<T::AccountId>,
		},
		/// A drawn worker committed to its result.
		ResultCommitted { job: JobId, worker: T::AccountId },
		/// A drawn worker revealed its result, matching its commitment, attested by its key.
		ResultRevealed { job: JobId, worker: T::AccountId },
		/// A job's result was accepted: the agreeing workers were paid `compute_paid` in all,
		/// the model's lineage `royalties_paid`, and the rest of the fee was refunded.
		JobCompleted {
			job: JobId,
			requester: T::AccountId,
			model: lineage_primitives::models::ModelId,
			agreed: Vec<T::AccountId>,
			compute_paid: BalanceOf<T>,
			royalties_paid: BalanceOf<T>,
			refunded: BalanceOf<T>,
		},
		/// A job ended without an accepted result, for `reason`; its fee went back to the
		/// requester.
		JobExpired {
			job: JobId,
			requester: T::AccountId,
			refunded: BalanceOf<T>,
			reason: ExpiryReason,
		},
		/// The model's price could not be paid when its job settled (the model was withdrawn
		/// since, say); it stayed with the requester.
		RoyaltiesNotPaid {
			job: JobId,
			model: lineage_primitives::models::ModelId,
			error: DispatchError,
		},
		/// A training job's outcome was accepted: the agreeing workers were paid `compute_paid`
		/// in all, the datasets' contributors `training_fees_paid`, the rest of the fee was
		/// refunded, and `model` registered for the requester (`None`: see
		/// `ModelNotRegistered`).
		TrainingCompleted {
			job: JobId,
			requester: T::AccountId,
			model: Option<lineage_primitives::models::ModelId>,
			agreed: Vec<T::AccountId>,
			compute_paid: BalanceOf<T>,
			training_fees_paid: BalanceOf<T>,
			refunded: BalanceOf<T>,
		},
		/// A training job's accepted model could not be registered (a parent was revoked
		/// since, or the requester cannot cover the registry's deposit, say); its outcome is
		/// still in `Results`.
		ModelNotRegistered { job: JobId, error: DispatchError },
		/// A dataset's training fee could not be paid when its job settled; it stayed with the
		/// requester.
		TrainingFeeNotPaid {
			job: JobId,
			dataset: lineage_primitives::datasets::DatasetId,
			error: DispatchError,
		},
		/// A drawn worker could not produce a result for `job`, for `failure`: it is not paid,
		/// counts the job as missed, and is not slashed.
		WorkerFailed { job: JobId, worker: T::AccountId, failure: JobFailure },
		/// A worker drawn for `job` lost `amount` of its stake to the treasury.
		WorkerSlashed { job: JobId, worker: T::AccountId, offence: Offence, amount: BalanceOf<T> },
	}

	/// Errors of the compute pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a worker.
		AlreadyRegistered,
		/// The account is not a worker.
		NotRegistered,
		/// The stake is below `MinWorkerStake`.
		StakeBelowMinimum,
		/// Capabilities must name at least one known backend and no unknown one.
		InvalidCapabilities,
		/// Another worker already uses this attestation key.
		KeyInUse,
		/// `MaxWorkers` workers are already active.
		TooManyWorkers,
		/// The worker is unbonding: it cannot change, bond or unregister again.
		Unbonding,
		/// The worker has not unregistered.
		NotUnbonding,
		/// The unbonding period has not ended.
		StillUnbonding,
		/// Nothing to bond: the amount is zero.
		ZeroAmount,
		/// An amount or an id would overflow.
		Overflow,
		/// No model has this id.
		UnknownModel,
		/// The model is deprecated or revoked: new jobs may not use it.
		ModelNotActive,
		/// An inference needs input.
		EmptyInput,
		/// The input is longer than `MaxInputLen`.
		InputTooLarge,
		/// The job's fee (the model's price plus the compute fee of every worker) is above the
		/// most the requester would pay.
		FeeAboveMax,
		/// Fewer active workers able to load the model than a job needs, the requester aside.
		NotEnoughWorkers,
		/// `MaxJobsPerBlock` jobs already settle in the block this one would; try next block.
		TooManyJobsDue,
		/// No open job has this id.
		UnknownJob,
		/// The caller was not drawn for this job.
		NotAssigned,
		/// The job's commit period is over.
		CommitClosed,
		/// The caller already committed to a result for this job.
		AlreadyCommitted,
		/// Results are revealed only after the commit period.
		RevealNotOpen,
		/// The job's reveal period is over.
		RevealClosed,
		/// The caller did not commit to a result for this job.
		NotCommitted,
		/// The caller already revealed its result for this job.
		AlreadyRevealed,
		/// The output has more values than `MaxOutputLen`.
		OutputTooLarge,
		/// The output and salt do not hash to the caller's commitment.
		CommitmentMismatch,
		/// The attestation is for another job or another output.
		AttestationMismatch,
		/// The attestation is not signed by the worker's `lnml` key.
		BadSignature,
		/// The result is of another kind than the job (a training outcome for an inference,
		/// or the reverse).
		TaskMismatch,
		/// The model's name is longer than `MaxModelNameLen`.
		NameTooLong,
		/// A training job needs at least one dataset.
		NoTrainingData,
		/// More datasets than `MaxTrainingDatasets`.
		TooManyDatasets,
		/// More parents than `MaxTrainingParents`.
		TooManyParents,
		/// No dataset has this id and version.
		UnknownDataset,
		/// A dataset's licence forbids training on it.
		DatasetForbidsTraining,
		/// Learning rate zero, no epoch or more than `MaxTrainingEpochs`, batch size zero, or
		/// more than 90% of the samples held out.
		InvalidTrainingSettings,
		/// The attribution weights are not one per dataset of the job, summing to one.
		InvalidAttribution,
		/// The caller already reported a failure for this job.
		AlreadyFailed,
	}

	/// Workers present at genesis (the development chains' Alice, Bob and Charlie).
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Each worker's account, stake, capabilities and attestation key.
		pub workers: Vec<(T::AccountId, BalanceOf<T>, Capabilities, WorkerKey)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, stake, capabilities, key) in &self.workers {
				Pallet::<T>::do_register(who, *stake, *capabilities, key.clone())
					.unwrap_or_else(|error| panic!("genesis worker is invalid: {error:?}"));
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxWorkers::get() > 0, "MaxWorkers must allow a worker");
			assert!(T::Replication::get() > 0, "a job needs at least one worker");
			assert!(T::MaxJobsPerBlock::get() > 0, "MaxJobsPerBlock must allow a job");
			assert!(
				T::SilenceSlash::get() <= T::DisagreementSlash::get(),
				"silence must not cost more than disagreeing"
			);
			assert!(
				T::MaxTrainingDatasets::get()
					<= <T::Models as lineage_primitives::models::ModelInspect<
						T::AccountId,
						BalanceOf<T>,
					>>::max_datasets(),
				"a training job may not use more datasets than a model can name"
			);
		}

		/// Settles the jobs due now, bounded by `MaxJobsPerBlock`, and prunes results older than
		/// `ResultRetention`, at most eight blocks' worth. Each kind of settlement is
		/// weighed at its benchmarked worst case (a training job's with the registration and
		/// every training fee); an inference's royalties at what they report.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let settled = Self::settle_due(now);
			let pruned = Self::prune_results(now);
			T::WeightInfo::prune_results(pruned)
				.saturating_add(T::WeightInfo::settle_jobs(settled.accepted))
				.saturating_add(T::WeightInfo::expire_jobs(settled.expired))
				.saturating_add(T::WeightInfo::settle_training(settled.trained))
				.saturating_add(settled.royalties)
		}

		/// Serves the jobs drawn to workers whose `lnml` keys are in this node's keystore: see
		/// the `offchain` module.
		fn offchain_worker(now: BlockNumberFor<T>) {
			Self::serve_local_workers(now);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the caller as a worker: holds `stake` (at least
		/// [`Config::MinWorkerStake`]) and records its capabilities and attestation key.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_worker())]
		pub fn register_worker(
			origin: OriginFor<T>,
			#[pallet::compact] stake: BalanceOf<T>,
			capabilities: Capabilities,
			key: WorkerKey,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(&who, stake, capabilities, key)
		}

		/// Replaces the caller's capabilities and attestation key.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_worker())]
		pub fn update_worker(
			origin: OriginFor<T>,
			capabilities: Capabilities,
			key: WorkerKey,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update(&who, capabilities, key)
		}

		/// Adds `amount` to the caller's held stake.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::bond_extra())]
		pub fn bond_extra(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_extra(&who, amount)
		}

		/// Leaves the active set: no new jobs; the stake stays held for
		/// [`Config::UnbondingPeriod`] blocks.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::unregister_worker())]
		pub fn unregister_worker(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unregister(&who)
		}

		/// After unbonding, releases the caller's stake and removes it as a worker.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw_stake())]
		pub fn withdraw_stake(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who)
		}

		/// Asks for an inference of `model` on `input`: holds the model's price plus
		/// [`Config::ComputeFee`] for each of [`Config::Replication`] workers (refused if that
		/// is above `max_fee`) and draws the workers among the active ones, the caller aside.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::submit_inference(
			u32::try_from(input.len()).unwrap_or(u32::MAX)
		))]
		pub fn submit_inference(
			origin: OriginFor<T>,
			model: lineage_primitives::models::ModelId,
			input: Vec<u8>,
			#[pallet::compact] max_fee: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_inference(&who, model, input, max_fee).map(|_| ())
		}

		/// Commits the caller, a worker drawn for `job`, to a result:
		/// `commitment = blake2_256(SCALE(output) ‖ salt ‖ SCALE(caller))`
		/// (`lineage_primitives::compute::commitment`). Up to the job's `commit_until` block.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::commit_result())]
		pub fn commit_result(
			origin: OriginFor<T>,
			job: JobId,
			commitment: sp_core::H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(&who, job, commitment)
		}

		/// Reveals the result the caller committed to, with an [`Attestation`] of it signed by
		/// the caller's `lnml` key. After the job's commit period and before it settles.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::reveal_result(
			u32::try_from(output.len()).unwrap_or(u32::MAX)
		))]
		pub fn reveal_result(
			origin: OriginFor<T>,
			job: JobId,
			output: Vec<i32>,
			salt: [u8; 32],
			attestation: Attestation,
			signature: WorkerSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let output = output.try_into().map_err(|_| Error::<T>::OutputTooLarge)?;
			Self::do_reveal(&who, job, Output::Inference(output), salt, attestation, signature)
		}

		/// Asks for a new model: `spec` trained on `datasets` (dataset, version) with
		/// `settings`, descending from `parents`, registered for the caller with `license`,
		/// `price` and `split` if the workers agree. Holds [`Config::TrainingFeePerEpoch`] ×
		/// epochs × (datasets + 1) for each of [`Config::Replication`] workers plus every
		/// dataset's training fee (refused if that is above `max_fee`) and draws the workers.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::submit_training(
			u32::try_from(datasets.len()).unwrap_or(u32::MAX),
			u32::try_from(parents.len()).unwrap_or(u32::MAX),
		))]
		pub fn submit_training(
			origin: OriginFor<T>,
			name: Vec<u8>,
			spec: ModelSpec,
			datasets: Vec<(
				lineage_primitives::datasets::DatasetId,
				lineage_primitives::datasets::DatasetVersion,
			)>,
			parents: Vec<lineage_primitives::models::ModelId>,
			settings: TrainingSettings,
			license: lineage_primitives::models::ModelLicense,
			#[pallet::compact] price: BalanceOf<T>,
			split: lineage_primitives::models::RoyaltySplit,
			#[pallet::compact] max_fee: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let request = training::Submission {
				name,
				spec,
				datasets,
				parents,
				settings,
				license,
				price,
				split,
			};
			Self::do_submit_training(&who, request, max_fee).map(|_| ())
		}

		/// Reveals the training outcome the caller committed to, with an [`Attestation`] of it
		/// signed by the caller's `lnml` key (its `weights_hash` the outcome's). The outcome is
		/// committed as `blake2_256(SCALE((weights_hash, metric, attribution)) ‖ salt ‖
		/// SCALE(caller))`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::reveal_training(
			u32::try_from(attribution.len()).unwrap_or(u32::MAX)
		))]
		pub fn reveal_training(
			origin: OriginFor<T>,
			job: JobId,
			weights_hash: sp_core::H256,
			#[pallet::compact] metric: u64,
			attribution: Vec<Perbill>,
			salt: [u8; 32],
			attestation: Attestation,
			signature: WorkerSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let attribution = attribution.try_into().map_err(|_| Error::<T>::InvalidAttribution)?;
			let outcome = TrainingOutcome::<T> { weights_hash, metric, attribution };
			Self::do_reveal(&who, job, Output::Training(outcome), salt, attestation, signature)
		}

		/// Reports that the caller, a worker drawn for `job`, cannot produce its result, and
		/// why: it forgoes the fee and counts the job as missed, but is not slashed for
		/// silence. Before the job settles, and not after revealing.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::report_failure())]
		pub fn report_failure(
			origin: OriginFor<T>,
			job: JobId,
			failure: JobFailure,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_report_failure(&who, job, failure)
		}
	}
}
