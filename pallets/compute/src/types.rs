//! Records stored by the compute pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

use frame_support::BoundedVec;
use lineage_primitives::{
	compute::TrainingSettings,
	datasets::{DatasetId, DatasetVersion},
	models::{ModelId, ModelLicense, ModelSpec, RoyaltySplit},
};
use sp_core::H256;
use sp_runtime::Perbill;

use crate::{Attestation, BalanceOf, Capabilities, Config, Reputation, WorkerKey, WorkerStatus};

pub use lineage_primitives::compute::JobId;

/// A registered worker.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Worker<T: Config> {
	/// Held under `HoldReason::WorkerStake`; slashable until withdrawn.
	pub stake: BalanceOf<T>,
	/// What it runs.
	pub capabilities: Capabilities,
	/// The sr25519 key (`lnml`) its results are attested with.
	pub key: WorkerKey,
	/// Active, or unbonding until a block.
	pub status: WorkerStatus<BlockNumberFor<T>>,
	/// Jobs agreed, disagreed and missed.
	pub reputation: Reputation,
	/// Block of registration.
	pub registered_at: BlockNumberFor<T>,
}

/// An open job.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Job<T: Config> {
	/// Asked for it and paid its fee.
	pub requester: T::AccountId,
	/// What to compute.
	pub task: Task<T>,
	/// Paid to each worker whose result is accepted.
	pub compute_fee: BalanceOf<T>,
	/// Held from the requester: every worker's compute fee plus the model's price
	/// (inference) or the datasets' training fees (training).
	pub held: BalanceOf<T>,
	/// The workers drawn for it.
	pub workers: BoundedVec<T::AccountId, T::Replication>,
	/// Block it was submitted in.
	pub submitted_at: BlockNumberFor<T>,
	/// Commits are taken up to this block, inclusive.
	pub commit_until: BlockNumberFor<T>,
	/// Reveals are taken after the commit period and before this block; the job settles at
	/// its start.
	pub settles_at: BlockNumberFor<T>,
	/// Results agree when every element (inference) or the metric (training) differs by at
	/// most this many fixed-point steps: `Config::OutputTolerance` of one unit at the model's
	/// output scale, or at [`METRIC_SCALE`](lineage_primitives::compute::METRIC_SCALE),
	/// fixed at submission.
	pub tolerance: u32,
}

/// What a job computes.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub enum Task<T: Config> {
	/// Run a registered model on an input.
	Inference {
		/// The model to run.
		model: ModelId,
		/// The input, as the model's inputs are encoded off-chain.
		input: BoundedVec<u8, T::MaxInputLen>,
		/// The model's price when submitted, paid along its lineage if the job succeeds.
		price: BalanceOf<T>,
	},
	/// Train a new model, registered for the requester if the workers agree.
	Training(TrainingRequest<T>),
}

/// A training job's request: what to train on, how, and what to register.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct TrainingRequest<T: Config> {
	/// Name of the model to register.
	pub name: BoundedVec<u8, T::MaxModelNameLen>,
	/// Architecture to train.
	pub spec: ModelSpec,
	/// Dataset versions to train on, with the training fee each licence asked at submission.
	pub datasets: BoundedVec<TrainingData<BalanceOf<T>>, T::MaxTrainingDatasets>,
	/// Models the new one descends from (fine-tuned from), recorded in its lineage.
	pub parents: BoundedVec<ModelId, T::MaxTrainingParents>,
	/// Hyper-parameters and seed.
	pub settings: TrainingSettings,
	/// Licence of the model to register.
	pub license: ModelLicense,
	/// Inference price of the model to register.
	pub price: BalanceOf<T>,
	/// Royalty split of the model to register.
	pub split: RoyaltySplit,
}

/// A dataset version a training job uses and the fee its licence asks.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct TrainingData<Balance> {
	/// The dataset.
	pub dataset: DatasetId,
	/// The version trained on.
	pub version: DatasetVersion,
	/// Its training fee, held with the job and paid to its contributors if the job succeeds.
	pub fee: Balance,
}

/// What a training run produced, as a worker reveals it.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct TrainingOutcome<T: Config> {
	/// blake2-256 of the saved weights.
	pub weights_hash: H256,
	/// The held-out metric, at [`METRIC_SCALE`](lineage_primitives::compute::METRIC_SCALE).
	pub metric: u64,
	/// Each dataset's attribution weight, in the request's order, summing to one.
	pub attribution: BoundedVec<Perbill, T::MaxTrainingDatasets>,
}

/// A worker's result: what it commits to and reveals.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub enum Output<T: Config> {
	/// An inference's fixed-point output.
	Inference(BoundedVec<i32, T::MaxOutputLen>),
	/// A training run's outcome.
	Training(TrainingOutcome<T>),
}

impl<T: Config> Output<T> {
	/// The fixed-point values, if this is an inference output.
	pub fn inference(&self) -> Option<&[i32]> {
		match self {
			Self::Inference(values) => Some(values),
			Self::Training(_) => None,
		}
	}

	/// The outcome, if this is a training outcome.
	pub fn training(&self) -> Option<&TrainingOutcome<T>> {
		match self {
			Self::Inference(_) => None,
			Self::Training(outcome) => Some(outcome),
		}
	}
}

/// A worker's revealed result.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Reveal<T: Config> {
	/// The result.
	pub output: Output<T>,
	/// What the worker attested.
	pub attestation: Attestation,
	/// Its `lnml` key's sr25519 signature over the attestation, as bytes.
	pub signature: [u8; 64],
}

/// One worker's attestation of an accepted result, kept with it.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct SignedAttestation<T: Config> {
	/// The worker that attested it.
	pub worker: T::AccountId,
	/// What it attested.
	pub attestation: Attestation,
	/// Its `lnml` key's sr25519 signature over the attestation.
	pub signature: [u8; 64],
}

/// The accepted result of a settled job: the requester's receipt, with the attestations of
/// the workers that agreed on it.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct JobResult<T: Config> {
	/// Asked for the job and paid for it.
	pub requester: T::AccountId,
	/// The model that ran (inference), or the model registered from the accepted outcome
	/// (training; `None` if its registration failed).
	pub model: Option<ModelId>,
	/// The accepted result: the revealed one that agreed with the most others.
	pub output: Output<T>,
	/// The agreeing workers' attestations, in the order the workers were drawn.
	pub attestations: BoundedVec<SignedAttestation<T>, T::Replication>,
	/// Block it settled in.
	pub settled_at: BlockNumberFor<T>,
}

/// Why a worker was slashed.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Offence {
	/// It revealed a result the accepted one contradicts.
	Disagreed,
	/// It was drawn and revealed nothing before the job settled.
	Silent,
}

/// Why a job ended without an accepted result.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum ExpiryReason {
	/// No drawn worker revealed a result.
	NoResults,
	/// Results were revealed, but no majority of the drawn workers agreed on one.
	NoQuorum {
		/// Results revealed.
		revealed: u32,
		/// Most results that agreed with one of them, itself included.
		largest_agreement: u32,
		/// Agreeing results needed: a majority of the workers drawn.
		needed: u32,
	},
}
