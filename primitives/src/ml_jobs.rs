//! The node-local contract between the compute pallet's off-chain worker and the node's ML
//! service: keys and values in the node's *persistent* off-chain local storage.
//!
//! WASM cannot run the ML engine and a host function would bind every node forever, so the
//! two halves meet here:
//!
//! 1. The off-chain worker finds a job drawn to a worker whose `lnml` key is in the local
//!    keystore, writes an [`MlRequest`] under [`request_key`] and appends the job to the
//!    [`QUEUE_KEY`] list (at most [`MAX_QUEUE`] entries).
//! 2. The ML service takes jobs from the queue, runs them and writes an [`MlResponse`] under
//!    [`response_key`]: a result, or the typed [`JobFailure`] that stopped it.
//! 3. The off-chain worker commits to and reveals that result (or reports the failure) as the
//!    worker's signed transactions, and clears the job's entries once it has settled.
//!
//! Everything is SCALE-encoded. Both sides only ever add to the queue with compare-and-set,
//! so neither loses the other's writes.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use sp_core::H256;
use sp_runtime::Perbill;

use crate::{
	compute::{JobFailure, JobId, TrainingSettings},
	datasets::{DatasetId, DatasetVersion},
	models::{ModelId, ModelSpec},
};

/// The jobs waiting for the ML service: a SCALE `Vec<JobId>`, oldest first.
pub const QUEUE_KEY: &[u8] = b"lineage/ml/queue";

/// Most jobs waiting at once; the off-chain worker leaves further jobs for a later block.
pub const MAX_QUEUE: u32 = 64;

const REQUEST_PREFIX: &[u8] = b"lineage/ml/request/";
const RESPONSE_PREFIX: &[u8] = b"lineage/ml/response/";

/// Where the request for `job` is.
pub fn request_key(job: JobId) -> Vec<u8> {
	keyed(REQUEST_PREFIX, job)
}

/// Where the ML service writes its response to `job`.
pub fn response_key(job: JobId) -> Vec<u8> {
	keyed(RESPONSE_PREFIX, job)
}

fn keyed(prefix: &[u8], job: JobId) -> Vec<u8> {
	let mut key = prefix.to_vec();
	key.extend_from_slice(&job.to_be_bytes());
	key
}

/// What the ML service is asked to run for a job.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct MlRequest {
	/// The job.
	pub job: JobId,
	/// What to run.
	pub task: MlTask,
	/// Last block at which a result can still be committed: after it, running is useless.
	pub commit_until: u32,
}

/// The work of a job, as the chain recorded it. The ML service looks up what the chain
/// knows about the model or datasets (spec, weights hash, Merkle roots) through the runtime
/// APIs, and their bytes in its blob store.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub enum MlTask {
	/// Run `model` on `input`: little-endian `f32` features, one sample or several.
	Inference {
		/// The model.
		model: ModelId,
		/// The input bytes.
		input: Vec<u8>,
	},
	/// Train `spec` on the dataset versions with `settings`, and measure each dataset's
	/// attribution.
	Training {
		/// The architecture.
		spec: ModelSpec,
		/// The data, in the order attribution weights are reported.
		datasets: Vec<(DatasetId, DatasetVersion)>,
		/// The hyper-parameters and seed.
		settings: TrainingSettings,
	},
}

/// What running a job produced, as the chain's reveal calls take it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub enum MlOutput {
	/// The model's fixed-point outputs, row after row.
	Inference(Vec<i32>),
	/// The trained model.
	Training {
		/// blake2-256 of the saved weights (also in the blob store under it).
		weights_hash: H256,
		/// Held-out metric, scaled by [`METRIC_SCALE`](crate::compute::METRIC_SCALE).
		metric: u64,
		/// Each dataset's share of the model, in the request's order, summing to one.
		attribution: Vec<Perbill>,
	},
}

/// A job's result with what its attestation states about how it was produced.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct MlResult {
	/// The output.
	pub output: MlOutput,
	/// blake2-256 of the weights that ran (an inference) or were produced (training).
	pub weights_hash: H256,
	/// The engine's version.
	pub engine_version: Vec<u8>,
	/// The backend it ran on: one [`Backends`](crate::compute::Backends) flag.
	pub backend: u8,
}

/// The ML service's answer to a request.
pub type MlResponse = Result<MlResult, JobFailure>;

/// A request resolved against the chain by the ML service: everything the engine needs, by
/// content. The engine finds the bytes in its blob store: weights by blake2-256, datasets by
/// the Merkle root of their items (the name an import gives them).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub enum EngineJob {
	/// Run the model `spec` with the weights hashing to `weights` on `input`.
	Inference {
		/// The model's architecture.
		spec: ModelSpec,
		/// blake2-256 of its saved weights.
		weights: H256,
		/// Where the chain says the weights can be fetched (may be empty): an `http(s)://`
		/// URI is fetched, hash checked, if the store lacks them.
		weights_uri: Vec<u8>,
		/// Little-endian `f32` features, one sample or several.
		input: Vec<u8>,
	},
	/// Train `spec` on the datasets with these Merkle roots, with `settings`, and measure each
	/// dataset's attribution.
	Training {
		/// The architecture.
		spec: ModelSpec,
		/// Each dataset version's Merkle root, in the request's order.
		datasets: Vec<H256>,
		/// The hyper-parameters and seed.
		settings: TrainingSettings,
	},
}
