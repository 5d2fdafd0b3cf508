//! Records stored by the compute pallet.

use codec::{Decode, Encode, MaxEncodedLen};
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
