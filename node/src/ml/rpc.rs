//! `lineage_*` JSON-RPC: what only this node knows about its ML service, never chain state
//! (that is in the runtime APIs): the local workers and their queue, recent jobs, whether the
//! blob store holds some content, and the engine's version and backends.
//!
//! - `lineage_mlStatus()` → `{ enabled, workers, queued, running, recent: [{ job, kind,
//!   failure, seconds }] }`
//! - `lineage_blob(hash)` → `{ blob, dataset }`: a blob with this blake2-256, a dataset with
//!   this Merkle root
//! - `lineage_engine()` → `{ version, backends, device, executable }`
//!
//! Errors: `1001` the engine could not be run (not installed, say), with its message.

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::ErrorObjectOwned, ErrorObject},
};
use lineage_primitives::compute::{JobFailure, JobId, KEY_TYPE};
use serde::{Deserialize, Serialize};
use sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	offchain::OffchainStorage,
	H256,
};
use sp_keystore::KeystorePtr;

use super::{engine::Engine, queue::LocalQueue, service::SharedStatus};

/// The engine could not be run.
pub(crate) const ENGINE_UNAVAILABLE: i32 = 1001;

/// The ML service's state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MlStatus {
	/// Whether the node runs the ML service (`--ml-worker`).
	pub(crate) enabled: bool,
	/// The `lnml` keys in the keystore (SS58): the workers this node serves.
	pub(crate) workers: Vec<String>,
	/// Jobs waiting for the service, oldest first.
	pub(crate) queued: Vec<JobId>,
	/// Jobs running now.
	pub(crate) running: Vec<JobId>,
	/// The last jobs answered, oldest first.
	pub(crate) recent: Vec<RecentJob>,
}

/// A job the service answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecentJob {
	pub(crate) job: JobId,
	/// `inference` or `training`.
	pub(crate) kind: String,
	/// Why it failed, if it did.
	pub(crate) failure: Option<JobFailure>,
	/// Wall-clock seconds from taking it to answering it.
	pub(crate) seconds: f64,
}

/// What the blob store holds under a hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BlobPresence {
	/// A blob whose blake2-256 is the hash (weights, a dataset file).
	pub(crate) blob: bool,
	/// A dataset whose items' Merkle root is the hash.
	pub(crate) dataset: bool,
}

/// The engine the service runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EngineInfo {
	/// `lineage-ml`'s version, as attestations report it.
	pub(crate) version: String,
	/// Backends it was built with.
	pub(crate) backends: Vec<String>,
	/// The backend inference runs on (`--ml-device`).
	pub(crate) device: String,
	/// The executable.
	pub(crate) executable: String,
}

#[rpc(server, namespace = "lineage")]
pub(crate) trait LineageApi {
	/// The ML service's workers, queue and recent jobs.
	#[method(name = "mlStatus")]
	fn ml_status(&self) -> RpcResult<MlStatus>;

	/// Whether the blob store holds a blob with this hash or a dataset with this root.
	#[method(name = "blob", blocking)]
	fn blob(&self, hash: H256) -> RpcResult<BlobPresence>;

	/// The engine's version and backends.
	#[method(name = "engine", blocking)]
	fn engine(&self) -> RpcResult<EngineInfo>;
}

/// Serves `lineage_*` from the ML service's shared state.
#[derive(Clone)]
pub(crate) struct Lineage<S> {
	pub(crate) enabled: bool,
	pub(crate) status: SharedStatus,
	pub(crate) queue: Option<LocalQueue<S>>,
	pub(crate) engine: Engine,
	pub(crate) keystore: KeystorePtr,
}

fn engine_error(message: String) -> ErrorObjectOwned {
	ErrorObject::owned(ENGINE_UNAVAILABLE, message, None::<()>)
}

impl<S: OffchainStorage + 'static> LineageApiServer for Lineage<S> {
	fn ml_status(&self) -> RpcResult<MlStatus> {
		let format = Ss58AddressFormat::custom(lineage_primitives::SS58_PREFIX);
		let workers = self
			.keystore
			.sr25519_public_keys(KEY_TYPE)
			.into_iter()
			.map(|key| key.to_ss58check_with_version(format))
			.collect();
		let queued = self.queue.as_ref().map(LocalQueue::queued).unwrap_or_default();
		let (running, recent) = match self.status.lock() {
			Ok(status) => (
				status.running.iter().copied().collect(),
				status
					.recent
					.iter()
					.map(|finished| RecentJob {
						job: finished.job,
						kind: if finished.training { "training" } else { "inference" }.into(),
						failure: finished.failure,
						seconds: finished.seconds,
					})
					.collect(),
			),
			Err(_) => (Vec::new(), Vec::new()),
		};
		Ok(MlStatus { enabled: self.enabled, workers, queued, running, recent })
	}

	fn blob(&self, hash: H256) -> RpcResult<BlobPresence> {
		let printed = self
			.engine
			.command(&["has".as_ref(), format!("{hash:?}").as_ref()])
			.map_err(engine_error)?;
		serde_json::from_str(printed.trim()).map_err(|error| engine_error(error.to_string()))
	}

	fn engine(&self) -> RpcResult<EngineInfo> {
		let printed = self.engine.info().map_err(engine_error)?;
		#[derive(Deserialize)]
		struct Printed {
			version: String,
			backends: Vec<String>,
		}
		let printed: Printed = serde_json::from_str(printed.trim())
			.map_err(|error| engine_error(error.to_string()))?;
		Ok(EngineInfo {
			version: printed.version,
			backends: printed.backends,
			device: self.engine.device.clone(),
			executable: self.engine.executable.display().to_string(),
		})
	}
}
