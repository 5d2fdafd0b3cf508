//! The node's ML service: runs the jobs the compute pallet's off-chain worker hands over in
//! local storage (`lineage_primitives::ml_jobs`), and writes their results back for it to
//! commit and reveal.
//!
//! - [`queue`]: the node-local storage both sides share.
//! - [`resolve`]: turns a request into an engine job with what the chain knows (the model's
//!   spec and weights hash, each dataset version's Merkle root), read at the best block.
//! - [`engine`]: runs one engine job in a `lineage-ml run-job` process (the engine lives in
//!   its own workspace, and a crashing job cannot take the node down with it).
//! - [`service`]: the loop: woken by block imports (and once a second), takes queued jobs,
//!   runs at most `--ml-threads` at once on threads of its own, and answers each with a
//!   result or a typed failure. Block import never waits on it; after a restart it resumes
//!   from the queue, which only loses a job once it is answered.
//! - [`import`]: `lineage-node ml import`, which fills the blob store.
//! - [`rpc`]: `lineage_*` JSON-RPC on the service's node-local state.
//! - [`dev`]: `--dev` puts Alice's, Bob's and Charlie's `lnml` keys in the keystore and the
//!   demo dataset and model into the blob store.

pub(crate) mod dev;
pub(crate) mod engine;
pub(crate) mod import;
pub(crate) mod queue;
pub(crate) mod resolve;
pub(crate) mod rpc;
pub(crate) mod service;

use std::path::PathBuf;

/// Command-line options of the ML service.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct MlArgs {
	/// Run the ML service: serve the compute jobs drawn to the workers whose `lnml` keys are in
	/// this node's keystore. Needs off-chain workers (`--offchain-worker always` on a node that
	/// does not author blocks).
	#[arg(long)]
	pub(crate) ml_worker: bool,

	/// Jobs run at once, each on a thread of the service's own.
	#[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=64))]
	pub(crate) ml_threads: u16,

	/// The `lineage-ml` executable; by default the one next to this node's, else `PATH`'s.
	#[arg(long, value_name = "PATH")]
	pub(crate) ml_engine: Option<PathBuf>,

	/// Backend for inference jobs: flex (CPU, the reference), wgpu or cuda (if the engine was
	/// built with it). Training always runs on flex.
	#[arg(long, default_value = "flex")]
	pub(crate) ml_device: String,
}

/// The engine executable: `explicit` if given, else the `lineage-ml` next to this node's
/// executable if there is one, else `lineage-ml` from `PATH`.
pub(crate) fn engine_path(explicit: Option<&PathBuf>) -> PathBuf {
	if let Some(path) = explicit {
		return path.clone();
	}
	std::env::current_exe()
		.ok()
		.and_then(|node| node.parent().map(|dir| dir.join("lineage-ml")))
		.filter(|path| path.is_file())
		.unwrap_or_else(|| PathBuf::from("lineage-ml"))
}

/// The blob store of a chain's data directory: `<base>/chains/<chain>/ml/blobs`.
pub(crate) fn store_dir(config_dir: &std::path::Path) -> PathBuf {
	config_dir.join("ml").join("blobs")
}
