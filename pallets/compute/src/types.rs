//! Records stored by the compute pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

use frame_support::BoundedVec;
use lineage_primitives::models::ModelId;

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

/// An open inference job.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Job<T: Config> {
	/// Asked for it and paid its fee.
	pub requester: T::AccountId,
	/// The model to run.
	pub model: ModelId,
	/// The input, as the model's inputs are encoded off-chain.
	pub input: BoundedVec<u8, T::MaxInputLen>,
	/// The model's price when submitted, paid along its lineage if the job succeeds.
	pub price: BalanceOf<T>,
	/// Paid to each worker whose result is accepted.
	pub compute_fee: BalanceOf<T>,
	/// Held from the requester: the price plus every worker's compute fee.
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
	/// Results agree when every element differs by at most this many fixed-point steps:
	/// `Config::OutputTolerance` of one unit at the model's output scale, fixed at submission.
	pub tolerance: u32,
}

/// A worker's revealed result.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Reveal<T: Config> {
	/// The fixed-point output.
	pub output: BoundedVec<i32, T::MaxOutputLen>,
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
	/// The model that ran.
	pub model: ModelId,
	/// The accepted output: the revealed output that agreed with the most others.
	pub output: BoundedVec<i32, T::MaxOutputLen>,
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
