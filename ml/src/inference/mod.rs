//! Inference: saved weights and a spec in, canonical fixed-point outputs out.
//!
//! Outputs are what the chain compares: each `f32` output times the spec's `output_scale`,
//! rounded to an `i32` ([`canonical`]); a NaN or infinite output fails the whole batch.
//! Two results agree when every element is within the tolerance
//! ([`lineage_primitives::outputs::agree`], re-exported here as [`agree`]).

pub mod canonical;

use alloc::{format, vec::Vec};
use burn::{prelude::*, store::ModuleRecord, tensor::Bytes};
use lineage_primitives::models::{ModelSpec, Task};

pub use lineage_primitives::outputs::{agree, max_deviation};

#[cfg(feature = "std")]
use crate::{data::Dataset, training::Metric};
use crate::{error::EngineError, model::Network};

/// Inputs are run in chunks of this many samples, which bounds the memory one call needs.
pub const CHUNK: usize = 1024;

/// A model ready to run.
#[derive(Debug)]
pub struct Inference {
	spec: ModelSpec,
	network: Network,
	device: Device,
}

impl Inference {
	/// Loads saved weights for `spec` on the CPU reference backend.
	pub fn load(spec: &ModelSpec, weights: &[u8]) -> Result<Self, EngineError> {
		Self::load_on(&crate::backend::Backend::Flex.device()?, spec, weights)
	}

	/// Loads saved weights for `spec` on `device`. Weights of another architecture, or bytes
	/// that are not a saved record, are refused.
	pub fn load_on(device: &Device, spec: &ModelSpec, weights: &[u8]) -> Result<Self, EngineError> {
		let Network { layers, plan } = Network::build(spec, 0, device)?;
		let bad = |error: &dyn core::fmt::Debug| EngineError::BadWeights(format!("{error:?}"));
		let record = ModuleRecord::from_bytes(Bytes::from_bytes_vec(weights.to_vec()))
			.map_err(|e| bad(&e))?;
		let layers = layers.try_load_record(record).map_err(|e| bad(&e))?;
		Ok(Self::from_network(spec.clone(), Network { layers, plan }, device.clone()))
	}

	/// A model already in memory.
	pub fn from_network(spec: ModelSpec, network: Network, device: Device) -> Self {
		Self { spec, network, device }
	}

	/// The model's weights and plan.
	pub fn into_network(self) -> Network {
		self.network
	}

	/// The spec this model was built from.
	pub fn spec(&self) -> &ModelSpec {
		&self.spec
	}

	/// Values per input sample.
	pub fn features(&self) -> usize {
		self.network.plan.features
	}

	/// The raw `f32` outputs for `inputs`, `features` values per sample, sample-major.
	pub fn run_raw(&self, inputs: &[f32]) -> Result<Vec<f32>, EngineError> {
		let features = self.features();
		if features == 0 || !inputs.len().is_multiple_of(features) {
			return Err(EngineError::BadInput {
				index: inputs.len().checked_div(features).unwrap_or(0),
				expected: features,
				found: inputs.len().checked_rem(features).unwrap_or(inputs.len()),
			});
		}
		if let Some(position) = inputs.iter().position(|value| !value.is_finite()) {
			return Err(EngineError::NonFiniteInput { index: position / features });
		}
		let mut outputs =
			Vec::with_capacity((inputs.len() / features).saturating_mul(self.network.plan.outputs));
		for chunk in inputs.chunks(CHUNK.saturating_mul(features)) {
			let rows = chunk.len() / features;
			let x = Tensor::<2>::from_data(
				TensorData::new(chunk.to_vec(), [rows, features]),
				&self.device,
			);
			let y = self.network.plan.forward(&self.network.layers, x, None);
			outputs.extend(y.into_data().iter::<f32>());
		}
		Ok(outputs)
	}

	/// Canonical outputs for `inputs`: one fixed-point vector per sample.
	pub fn run(&self, inputs: &[f32]) -> Result<Vec<Vec<i32>>, EngineError> {
		let raw = self.run_raw(inputs)?;
		canonical::canonicalise(&raw, self.network.plan.outputs, self.spec.output_scale)
	}

	/// The model's metric on a labelled dataset: accuracy for a classifier, mean squared
	/// error for a regressor (computed on the raw outputs, in `f64`).
	#[cfg(feature = "std")]
	pub fn evaluate(&self, dataset: &Dataset) -> Result<Metric, EngineError> {
		dataset.check_fits(&self.spec)?;
		let raw = self.run_raw(dataset.inputs())?;
		let width = self.network.plan.outputs.max(1);
		let samples = dataset.len();
		if samples == 0 {
			return Ok(match self.spec.task {
				Task::Classification => Metric::Accuracy(0.0),
				Task::Regression => Metric::MeanSquaredError(0.0),
			});
		}
		Ok(match self.spec.task {
			Task::Classification => {
				let correct = raw
					.chunks(width)
					.zip(dataset.outputs())
					.filter(|(row, label)| argmax(row) == Some(**label as usize))
					.count();
				Metric::Accuracy(correct as f64 / samples as f64)
			},
			Task::Regression => {
				let squared: f64 = raw
					.iter()
					.zip(dataset.outputs())
					.map(|(y, t)| (f64::from(*y) - f64::from(*t)).powi(2))
					.sum();
				Metric::MeanSquaredError(squared / raw.len().max(1) as f64)
			},
		})
	}
}

/// Index of the largest value, the first on ties; `None` if empty.
pub fn argmax<T: PartialOrd + Copy>(row: &[T]) -> Option<usize> {
	let mut best: Option<(usize, T)> = None;
	for (index, &value) in row.iter().enumerate() {
		if best.is_none_or(|(_, top)| value > top) {
			best = Some((index, value));
		}
	}
	best.map(|(index, _)| index)
}

/// The class a classifier's canonical output row predicts; `None` for a regressor.
pub fn predicted_class(spec: &ModelSpec, row: &[i32]) -> Option<usize> {
	match spec.task {
		Task::Classification => argmax(row),
		Task::Regression => None,
	}
}
