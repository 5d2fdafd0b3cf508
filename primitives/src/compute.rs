//! Compute: what a worker offers, the key it signs its results with, and how the chain keeps
//! its standing. Shared by `pallet-compute`, the runtime API, the node's ML service and dApps.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::crypto::KeyTypeId;

/// Key type of workers' attestation keys in a node's keystore (`lnml`).
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"lnml");

/// A worker's attestation key: sr25519, of key type [`KEY_TYPE`].
pub mod crypto {
	use super::KEY_TYPE;
	use sp_runtime::app_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, KEY_TYPE);
}

/// Identifier of a compute job, assigned in submission order.
pub type JobId = u64;

/// The public key a worker attests its results with.
pub type WorkerKey = crypto::Public;

/// A worker's signature over an [`Attestation`].
pub type WorkerSignature = crypto::Signature;

/// The ML backends a worker runs, as flags: [`Backends::CPU`], [`Backends::WGPU`],
/// [`Backends::CUDA`].
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Backends(pub u8);

impl Backends {
	/// burn's `flex` CPU backend, the reference for training hashes.
	pub const CPU: u8 = 0b001;
	/// A GPU through wgpu (Vulkan, Metal, DX12).
	pub const WGPU: u8 = 0b010;
	/// An NVIDIA GPU through CUDA.
	pub const CUDA: u8 = 0b100;
	/// Every flag this chain knows.
	pub const ALL: u8 = Self::CPU | Self::WGPU | Self::CUDA;

	/// Whether every backend in `required` is among these.
	pub fn covers(self, required: Backends) -> bool {
		self.0 & required.0 == required.0
	}

	/// At least one known backend and no unknown flag.
	pub fn is_valid(self) -> bool {
		self.0 != 0 && self.0 & !Self::ALL == 0
	}
}

/// What a worker offers to run.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
	/// Backends it runs.
	pub backends: Backends,
	/// Largest model weights it loads, in bytes.
	pub max_model_bytes: u64,
}

/// How a worker has done so far, counted by the compute pallet as jobs settle.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Reputation {
	/// Jobs whose accepted result it agreed with.
	pub agreed: u32,
	/// Jobs whose accepted result it contradicted.
	pub disagreed: u32,
	/// Jobs it was assigned and did not commit or reveal in time.
	pub missed: u32,
}

/// Whether a worker takes jobs.
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
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum WorkerStatus<BlockNumber> {
	/// Eligible for new jobs.
	Active,
	/// Leaving: no new jobs, stake still held (and slashable) until `until`, then withdrawable.
	Unbonding {
		/// First block at which the stake can be withdrawn.
		until: BlockNumber,
	},
}

/// Longest engine version string an attestation carries.
pub const MAX_ENGINE_VERSION_LEN: u32 = 32;

/// What a worker signs with its `lnml` key when it reveals a result: the job, what it
/// produced, which weights and which engine produced it, on which backend.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Attestation {
	/// The job the result is for.
	pub job: JobId,
	/// blake2-256 of the SCALE-encoded output.
	pub output_hash: sp_core::H256,
	/// blake2-256 of the saved weights the worker ran.
	pub weights_hash: sp_core::H256,
	/// `lineage-ml`'s version.
	pub engine_version: sp_runtime::BoundedVec<u8, sp_core::ConstU32<MAX_ENGINE_VERSION_LEN>>,
	/// The backend it ran on: one of the [`Backends`] flags.
	pub backend: u8,
}

impl Attestation {
	/// Domain separation: an attestation signature cannot pass for any other signed message.
	pub const CONTEXT: &'static [u8] = b"lineage/attestation/v1";

	/// The bytes a worker signs: [`Self::CONTEXT`] followed by the SCALE encoding.
	pub fn signing_payload(&self) -> Vec<u8> {
		let mut payload = Self::CONTEXT.to_vec();
		payload.extend_from_slice(&self.encode());
		payload
	}
}

/// A commitment to a result: `blake2_256(SCALE(output) ‖ salt ‖ SCALE(worker))`, so a worker
/// cannot reveal another's output as its own. An inference output is the `Vec<i32>` of
/// fixed-point values; a training outcome is the tuple `(weights_hash, metric, attribution)`.
pub fn commitment<Output: Encode + ?Sized, AccountId: Encode>(
	output: &Output,
	salt: &[u8; 32],
	worker: &AccountId,
) -> sp_core::H256 {
	commitment_to_encoded(&output.encode(), salt, worker)
}

/// [`commitment`] to an output already SCALE-encoded, for callers that hash those bytes too.
pub fn commitment_to_encoded<AccountId: Encode>(
	encoded_output: &[u8],
	salt: &[u8; 32],
	worker: &AccountId,
) -> sp_core::H256 {
	let mut bytes = encoded_output.to_vec();
	bytes.extend_from_slice(salt);
	bytes.extend_from_slice(&worker.encode());
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&bytes)
}

/// Fixed-point scale of a training outcome's metric: accuracy 0.9731 is reported as 973_100,
/// a mean squared error of 0.05 as 50_000.
pub const METRIC_SCALE: u32 = 1_000_000;

/// The optimizer a training job uses.
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
	Serialize,
	Deserialize,
)]
pub enum Optimizer {
	/// Plain stochastic gradient descent.
	Sgd,
	/// Adam with the engine's default betas and epsilon.
	Adam,
}

/// Hyper-parameters and seed of a training job: with the spec and the data, everything that
/// decides the trained weights (mirrors `lineage-ml`'s `TrainSettings`, in fixed point).
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
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct TrainingSettings {
	/// The optimizer.
	pub optimizer: Optimizer,
	/// Step size, above zero.
	pub learning_rate: sp_runtime::Perbill,
	/// Passes over the training samples, at least one.
	pub epochs: u32,
	/// Samples per step, at least one.
	pub batch_size: u32,
	/// Seeds the weights' initialisation, dropout and the order of samples.
	pub seed: u64,
	/// Share of the samples kept out of training to measure the model, at most
	/// [`MAX_HELD_OUT_PERCENT`].
	pub held_out_percent: u8,
}

/// Most of the samples a training job may hold out.
pub const MAX_HELD_OUT_PERCENT: u8 = 90;

impl TrainingSettings {
	/// Whether the engine can run these settings, with at most `max_epochs` epochs.
	pub fn is_valid(&self, max_epochs: u32) -> bool {
		self.learning_rate.deconstruct() > 0
			&& (1..=max_epochs).contains(&self.epochs)
			&& self.batch_size > 0
			&& self.held_out_percent <= MAX_HELD_OUT_PERCENT
	}
}

/// Why a worker could not produce a result for a job, reported on-chain instead of silence.
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
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum JobFailure {
	/// The worker's blob store lacks the content with this hash (weights or a dataset) and
	/// could not fetch it.
	MissingBlob {
		/// The content's blake2-256 (weights) or Merkle root (a dataset).
		hash: sp_core::H256,
	},
	/// The input does not fit the model: not little-endian `f32` features, or not a whole
	/// number of samples.
	BadInput,
	/// The chain's record of the model or a dataset could not be read, or its spec is not one
	/// the engine builds.
	Unavailable,
	/// The engine failed while running (a diverging training run, say).
	EngineError,
}
