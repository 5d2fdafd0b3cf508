//! What a training run is given besides the spec and the data, and what it reports.

use serde::Serialize;
use sp_core::H256;

use crate::data::Dataset;

/// The optimizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Optimizer {
	/// Plain stochastic gradient descent.
	Sgd,
	/// Adam with burn's default betas and epsilon.
	Adam,
}

/// Hyper-parameters and the seed: with the spec and the data, everything that decides the
/// weights.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainSettings {
	/// The optimizer.
	pub optimizer: Optimizer,
	/// Step size.
	pub learning_rate: f64,
	/// Passes over the training samples.
	pub epochs: u32,
	/// Samples per step.
	pub batch_size: u32,
	/// Seeds the weights' initialisation, dropout and the order of samples.
	pub seed: u64,
	/// Percentage of samples kept out of training to measure the model (0 to 90).
	pub held_out_percent: u8,
}

impl Default for TrainSettings {
	fn default() -> Self {
		Self {
			optimizer: Optimizer::Adam,
			learning_rate: 1e-3,
			epochs: 30,
			batch_size: 32,
			seed: 42,
			held_out_percent: 20,
		}
	}
}

/// A dataset with the name it is reported under (a path, or a chain dataset id).
#[derive(Clone, Debug)]
pub struct NamedDataset {
	/// How the dataset is reported.
	pub name: String,
	/// Its samples.
	pub data: Dataset,
}

/// One epoch's result.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochReport {
	/// 1-based epoch.
	pub epoch: u32,
	/// Mean training loss over the epoch's batches.
	pub loss: f32,
}

/// How well a model does on held-out samples.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Metric {
	/// Fraction of samples classified correctly (higher is better).
	Accuracy(f64),
	/// Mean squared error (lower is better).
	MeanSquaredError(f64),
}

impl Metric {
	/// The metric's name.
	pub fn name(&self) -> &'static str {
		match self {
			Self::Accuracy(_) => "accuracy",
			Self::MeanSquaredError(_) => "mse",
		}
	}

	/// Its value.
	pub fn value(&self) -> f64 {
		match *self {
			Self::Accuracy(value) | Self::MeanSquaredError(value) => value,
		}
	}

	/// How much better `self` is than `other`: positive when `self` is better.
	pub fn improvement_over(&self, other: &Self) -> f64 {
		match (*self, *other) {
			(Self::Accuracy(a), Self::Accuracy(b)) => a - b,
			(Self::MeanSquaredError(a), Self::MeanSquaredError(b)) => b - a,
			_ => 0.0,
		}
	}
}

/// What training produced.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainOutcome {
	/// The saved weights (burn's binary record of the module).
	#[serde(skip)]
	pub weights: Vec<u8>,
	/// blake2-256 of `weights`: the model's `weights_hash` on chain.
	pub weights_hash: H256,
	/// Per-epoch training loss.
	pub epochs: Vec<EpochReport>,
	/// The metric on the held-out samples.
	pub metric: Metric,
	/// Samples trained on.
	pub trained_samples: usize,
	/// Samples held out.
	pub held_out_samples: usize,
}

/// One dataset's measured contribution to a model.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetAttribution {
	/// The dataset's name.
	pub name: String,
	/// Its fraction of the training samples.
	pub sample_share: f64,
	/// Leave-one-dataset-out influence: how much better the model is with this dataset than
	/// trained without it (the held-out metric's difference; negative if it hurt).
	pub influence: f64,
	/// The attribution weight to record on chain, in parts per billion (`Perbill`), summing
	/// to exactly one over the datasets: positive influences normalised, or the sample
	/// shares when no dataset has a positive influence.
	pub weight_parts: u32,
}
