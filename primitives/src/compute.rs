//! Compute: what a worker offers, the key it signs its results with, and how the chain keeps
//! its standing. Shared by `pallet-compute`, the runtime API, the node's ML service and dApps.

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
