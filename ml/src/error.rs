//! Typed errors of the engine: each says what was wrong with which input, so the CLI and the
//! node's ML service can report it without guessing.

use alloc::string::String;
use lineage_primitives::models::SpecError;
use sp_core::H256;
use thiserror::Error;

/// A dataset file or an in-memory dataset was refused.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum DataError {
	/// A dataset needs at least one feature and one target per sample.
	#[error("a dataset needs at least one feature and one target per sample")]
	EmptyLayout,
	/// A sample had the wrong number of values.
	#[error("sample {sample} has {found} values, expected {expected}")]
	WrongWidth {
		/// Sample index (0-based).
		sample: usize,
		/// Features plus targets per sample.
		expected: usize,
		/// What the sample had.
		found: usize,
	},
	/// A value was NaN or infinite.
	#[error("sample {sample} has a value that is NaN or infinite")]
	NotFinite {
		/// Sample index (0-based).
		sample: usize,
	},
	/// A class label was negative, fractional, too large, or not below the model's classes.
	#[error("sample {sample} has class label {label}, which is not a class of this model")]
	BadLabel {
		/// Sample index (0-based).
		sample: usize,
		/// The label read.
		label: f32,
	},
	/// A CSV field was not a number.
	#[error("line {line} is not a row of numbers: {text:?}")]
	Parse {
		/// Line number (1-based).
		line: usize,
		/// The start of the line.
		text: String,
	},
	/// The file held no samples.
	#[error("the dataset has no samples")]
	NoSamples,
	/// The data does not have the shape the model spec expects.
	#[error("the model expects {spec} {what}, the data has {data}")]
	SpecMismatch {
		/// Which dimension.
		what: &'static str,
		/// What the spec says.
		spec: usize,
		/// What the data has.
		data: usize,
	},
	/// Two datasets with different layouts were combined.
	#[error("datasets with different layouts cannot be combined")]
	LayoutMismatch,
	/// Not a binary dataset (wrong magic bytes).
	#[error("not a Lineage binary dataset (the file does not start with LMLD)")]
	NotBinaryDataset,
	/// A binary dataset of a format version this build does not read.
	#[error("binary dataset format version {0} is not supported (this build reads version 1)")]
	UnsupportedVersion(u8),
	/// A binary dataset header that makes no sense.
	#[error("the binary dataset header is malformed")]
	BadHeader,
	/// The file ended inside a record.
	#[error("the dataset file is truncated")]
	Truncated,
	/// The file continued after its last record.
	#[error("the dataset file has bytes after its last sample")]
	TrailingBytes,
	/// More samples or wider samples than allowed.
	#[error("the dataset is larger than allowed")]
	TooLarge,
	/// The file could not be read or written.
	#[error("i/o error: {0}")]
	Io(String),
}

/// The blob store or an import refused or failed.
#[derive(Debug, Error)]
pub enum StoreError {
	/// The stored bytes no longer hash to their name.
	#[error("blob {0:?} is corrupt: its content does not hash to its name")]
	Corrupt(H256),
	/// No blob has this hash.
	#[error("blob {0:?} is not in the store")]
	Missing(H256),
	/// Fetched bytes did not hash to what was expected; nothing was stored.
	#[error("expected content {expected:?}, got {actual:?}; nothing was stored")]
	HashMismatch {
		/// The hash asked for.
		expected: H256,
		/// The hash of what arrived.
		actual: H256,
	},
	/// The source is larger than the cap.
	#[error("the source is larger than the {limit}-byte limit")]
	TooLarge {
		/// The cap, in bytes.
		limit: u64,
	},
	/// A URI scheme this build cannot fetch.
	#[error("unsupported URI {0:?}: use a path, file://, http:// or https://")]
	UnsupportedUri(String),
	/// An HTTP fetch failed.
	#[error("fetching {uri} failed: {reason}")]
	Fetch {
		/// What was fetched.
		uri: String,
		/// Why it failed.
		reason: String,
	},
	/// A file operation failed.
	#[error("i/o error on {path}: {reason}")]
	Io {
		/// The file or directory.
		path: String,
		/// The operating system's message.
		reason: String,
	},
}

/// Building, training or running a model failed.
#[derive(Debug, Error)]
pub enum EngineError {
	/// The spec fails `ModelSpec::check`.
	#[error("invalid model spec: {0:?}")]
	InvalidSpec(SpecError),
	/// The spec is valid on chain but this engine cannot build it yet.
	#[error("this engine cannot build {0} models yet")]
	Unsupported(&'static str),
	/// Bad data.
	#[error(transparent)]
	Data(#[from] DataError),
	/// Hyper-parameters that cannot train.
	#[error("invalid training settings: {0}")]
	InvalidSettings(&'static str),
	/// Saved weights that do not load into this spec's module.
	#[error("the weights do not fit this model spec: {0}")]
	BadWeights(String),
	/// An inference input of the wrong size.
	#[error("input {index} has {found} values, the model takes {expected}")]
	BadInput {
		/// Input index (0-based).
		index: usize,
		/// What the model takes.
		expected: usize,
		/// What the input had.
		found: usize,
	},
	/// An inference input holds NaN or an infinity.
	#[error("input {index} has a value that is NaN or infinite")]
	NonFiniteInput {
		/// Input sample index.
		index: usize,
	},
	/// The training loss became NaN or infinite (learning rate too high for the data).
	#[error("training diverged in epoch {epoch}: the loss is not finite; lower the learning rate")]
	Diverged {
		/// 1-based epoch.
		epoch: u32,
	},
	/// A backend this build was compiled without.
	#[error("this build has no {0} backend: rebuild lineage-ml with `--features {0}`")]
	BackendNotBuilt(&'static str),
	/// The model produced NaN or an infinity, or a value too large for the output scale.
	#[error("output {index} is not finite or does not fit the output scale")]
	NonFiniteOutput {
		/// Output sample index.
		index: usize,
	},
	/// Blob store failure.
	#[error(transparent)]
	Store(#[from] StoreError),
}

impl From<SpecError> for EngineError {
	fn from(error: SpecError) -> Self {
		Self::InvalidSpec(error)
	}
}
