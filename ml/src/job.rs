//! Running a chain job: an [`EngineJob`] in, the [`MlResponse`] the node's off-chain worker
//! commits to and reveals out. Whatever stops a job is a typed [`JobFailure`] the chain
//! records, never a panic or silence.
//!
//! - **Inference:** the input is little-endian `f32` features, a whole number of samples; the
//!   output is every sample's fixed-point row, one after the other. Weights the store lacks
//!   are fetched from the model's `http(s)://` URI, if it has one, and kept only if they hash
//!   to what the chain records; a chain-given path or `file://` URI is never read, so a job
//!   cannot make a worker probe its own files.
//! - **Training:** runs on the CPU reference backend whatever the worker's GPUs, since agreeing
//!   weights hashes need it; the trained weights go into the blob store (the registered
//!   model's weights are then there to serve), the metric is scaled by
//!   [`METRIC_SCALE`], and attribution is measured leave-one-dataset-out.

use lineage_primitives::{
	compute::{Backends, JobFailure, TrainingSettings, METRIC_SCALE},
	ml_jobs::{EngineJob, MlOutput, MlResponse, MlResult},
	models::ModelSpec,
};
use sp_core::H256;
use sp_runtime::Perbill;

use crate::{
	backend::Backend,
	blob::BlobStore,
	data::{self, Dataset},
	error::{EngineError, StoreError},
	import::{import, DEFAULT_LIMIT},
	inference::Inference,
	training::{self, NamedDataset, Optimizer, TrainSettings},
	ENGINE_VERSION,
};

/// Runs `job` with the blobs of `store`, inference on `backend`.
pub fn run(store: &BlobStore, job: &EngineJob, backend: Backend) -> MlResponse {
	match job {
		EngineJob::Inference { spec, weights, weights_uri, input } => {
			fetch_if_missing(store, *weights, weights_uri);
			infer(store, spec, *weights, input, backend)
		},
		EngineJob::Training { spec, datasets, settings } => train(store, spec, datasets, settings),
	}
}

fn infer(
	store: &BlobStore,
	spec: &ModelSpec,
	weights_hash: H256,
	input: &[u8],
	backend: Backend,
) -> MlResponse {
	let weights = store.get(weights_hash).map_err(|error| missing(error, weights_hash))?;
	let inputs = features(spec, input)?;
	let device = backend.device().map_err(|_| JobFailure::Unavailable)?;
	let model = Inference::load_on(&device, spec, &weights).map_err(engine_failure)?;
	let rows = model.run(&inputs).map_err(engine_failure)?;
	Ok(MlResult {
		output: MlOutput::Inference(rows.into_iter().flatten().collect()),
		weights_hash,
		engine_version: ENGINE_VERSION.as_bytes().to_vec(),
		backend: backend_flag(backend),
	})
}

/// Fetches blob `hash` from `uri` if the store lacks it and `uri` is `http(s)://`; a failure
/// leaves the blob missing, which the job then reports.
fn fetch_if_missing(store: &BlobStore, hash: H256, uri: &[u8]) {
	let Ok(uri) = core::str::from_utf8(uri) else { return };
	let remote = uri.starts_with("http://") || uri.starts_with("https://");
	if store.contains(hash) || !remote {
		return;
	}
	if let Err(error) = import(store, uri, Some(hash), DEFAULT_LIMIT) {
		eprintln!("fetching 0x{} from {uri}: {error}", crate::blob::hex_of(hash));
	}
}

/// The input as `f32` features: a whole, non-empty number of samples of finite values.
fn features(spec: &ModelSpec, input: &[u8]) -> Result<Vec<f32>, JobFailure> {
	let width = usize::try_from(spec.input.len()).map_err(|_| JobFailure::BadInput)?;
	let (samples, rest) = input.as_chunks::<4>();
	if !rest.is_empty() || samples.is_empty() || width == 0 || samples.len() % width != 0 {
		return Err(JobFailure::BadInput);
	}
	let values: Vec<f32> = samples.iter().map(|bytes| f32::from_le_bytes(*bytes)).collect();
	if values.iter().any(|value| !value.is_finite()) {
		return Err(JobFailure::BadInput);
	}
	Ok(values)
}

fn train(
	store: &BlobStore,
	spec: &ModelSpec,
	roots: &[H256],
	settings: &TrainingSettings,
) -> MlResponse {
	let datasets = roots
		.iter()
		.map(|root| {
			Ok(NamedDataset {
				name: format!("0x{}", crate::blob::hex_of(*root)),
				data: dataset(store, spec, *root)?,
			})
		})
		.collect::<Result<Vec<_>, JobFailure>>()?;
	let settings = train_settings(settings);
	let outcome =
		training::train(spec, &datasets, &settings, &mut |_| {}).map_err(engine_failure)?;
	store.put(&outcome.weights).map_err(|_| JobFailure::EngineError)?;
	let attribution = training::attribute(spec, &datasets, &settings).map_err(engine_failure)?;
	let scaled = (outcome.metric.value() * f64::from(METRIC_SCALE)).round();
	Ok(MlResult {
		output: MlOutput::Training {
			weights_hash: outcome.weights_hash,
			// `as` saturates: a diverged loss is reported as the largest metric, not wrapped.
			metric: scaled as u64,
			attribution: attribution
				.iter()
				.map(|share| Perbill::from_parts(share.weight_parts))
				.collect(),
		},
		weights_hash: outcome.weights_hash,
		engine_version: ENGINE_VERSION.as_bytes().to_vec(),
		backend: Backends::CPU,
	})
}

/// The dataset named by its Merkle `root` in `store`, checked to have that root.
fn dataset(store: &BlobStore, spec: &ModelSpec, root: H256) -> Result<Dataset, JobFailure> {
	let hash = store.named(root).ok_or(JobFailure::MissingBlob { hash: root })?;
	let bytes = store.get(hash).map_err(|error| missing(error, root))?;
	let dataset =
		data::binary::read(bytes.as_slice(), u64::MAX).map_err(|_| JobFailure::Unavailable)?;
	if dataset.merkle_root() != root || dataset.check_fits(spec).is_err() {
		return Err(JobFailure::Unavailable);
	}
	Ok(dataset)
}

/// The chain's fixed-point settings as the engine's.
pub fn train_settings(settings: &TrainingSettings) -> TrainSettings {
	TrainSettings {
		optimizer: match settings.optimizer {
			lineage_primitives::compute::Optimizer::Sgd => Optimizer::Sgd,
			lineage_primitives::compute::Optimizer::Adam => Optimizer::Adam,
		},
		learning_rate: f64::from(settings.learning_rate.deconstruct()) / 1e9,
		epochs: settings.epochs,
		batch_size: settings.batch_size,
		seed: settings.seed,
		held_out_percent: settings.held_out_percent,
	}
}

fn missing(error: StoreError, name: H256) -> JobFailure {
	match error {
		StoreError::Missing(_) | StoreError::Corrupt(_) => JobFailure::MissingBlob { hash: name },
		_ => JobFailure::Unavailable,
	}
}

fn engine_failure(error: EngineError) -> JobFailure {
	match error {
		EngineError::InvalidSpec(_) | EngineError::Unsupported(_) | EngineError::BadWeights(_) => {
			JobFailure::Unavailable
		},
		EngineError::Data(_)
		| EngineError::BadInput { .. }
		| EngineError::NonFiniteInput { .. } => JobFailure::BadInput,
		_ => JobFailure::EngineError,
	}
}

fn backend_flag(backend: Backend) -> u8 {
	match backend {
		Backend::Flex => Backends::CPU,
		Backend::Wgpu => Backends::WGPU,
		Backend::Cuda => Backends::CUDA,
	}
}
