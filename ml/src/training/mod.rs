//! Training: a spec, datasets, [`TrainSettings`] and a seed in, weights out, bit-identical
//! run to run.
//!
//! Everything random comes from the seed through [`crate::rng`]: the held-out split, the
//! initial weights, each epoch's sample order and the dropout masks. burn's own RNG is never
//! drawn from. The held-out samples are chosen once over all datasets together, so the
//! leave-one-dataset-out runs of [`attribution`] are measured on the same samples.

pub mod attribution;
mod settings;

use burn::{
	nn::loss::{CrossEntropyLoss, MseLoss, Reduction},
	optim::{AdamConfig, GradientsParams, SgdConfig},
	prelude::*,
};
use lineage_primitives::models::{ModelSpec, Task};

pub use attribution::attribute;
pub use settings::*;

use crate::{
	data::Dataset,
	error::EngineError,
	hash::blake2_256,
	inference::Inference,
	model::{DropoutMask, Layers, Network},
	rng::SplitMix64,
};

/// Stream of the held-out split.
const SPLIT_STREAM: u64 = 2;
/// Stream of the epochs' sample orders.
const ORDER_STREAM: u64 = 3;
/// Stream of the dropout masks.
const DROPOUT_STREAM: u64 = 4;

/// Most epochs a run may ask for.
pub const MAX_EPOCHS: u32 = 10_000;
/// Largest batch.
pub const MAX_BATCH: u32 = 65_536;

/// The samples of several datasets, which dataset each came from, and the held-out split.
pub(crate) struct Prepared {
	pub(crate) data: Dataset,
	/// Index of the dataset each sample of `data` came from.
	pub(crate) origin: Vec<usize>,
	/// Training samples, in `data` order.
	pub(crate) train: Vec<usize>,
	/// Held-out samples, in `data` order.
	pub(crate) held_out: Vec<usize>,
}

impl TrainSettings {
	/// Refuses hyper-parameters that cannot train.
	pub fn check(&self) -> Result<(), EngineError> {
		if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
			return Err(EngineError::InvalidSettings(
				"the learning rate must be a positive number",
			));
		}
		if !(1..=MAX_EPOCHS).contains(&self.epochs) {
			return Err(EngineError::InvalidSettings("epochs must be between 1 and 10,000"));
		}
		if !(1..=MAX_BATCH).contains(&self.batch_size) {
			return Err(EngineError::InvalidSettings(
				"the batch size must be between 1 and 65,536",
			));
		}
		if self.held_out_percent > 90 {
			return Err(EngineError::InvalidSettings("at most 90% of the samples can be held out"));
		}
		Ok(())
	}
}

/// Checks the inputs, concatenates the datasets and splits off the held-out samples.
pub(crate) fn prepare(
	spec: &ModelSpec,
	datasets: &[NamedDataset],
	settings: &TrainSettings,
) -> Result<Prepared, EngineError> {
	spec.check()?;
	settings.check()?;
	let first = datasets.first().ok_or(EngineError::InvalidSettings("no dataset to train on"))?;
	let mut data = Dataset::new(first.data.features(), first.data.targets())?;
	let mut origin = Vec::new();
	for (index, dataset) in datasets.iter().enumerate() {
		dataset.data.check_fits(spec)?;
		data.extend(&dataset.data)?;
		origin.resize(data.len(), index);
	}
	if data.is_empty() {
		return Err(crate::error::DataError::NoSamples.into());
	}
	let mut shuffled: Vec<usize> = (0..data.len()).collect();
	SplitMix64::derive(settings.seed, SPLIT_STREAM).shuffle(&mut shuffled);
	let held = data.len().saturating_mul(usize::from(settings.held_out_percent)) / 100;
	let (held_out, train) = shuffled.split_at(held.min(shuffled.len()));
	let (mut held_out, mut train) = (held_out.to_vec(), train.to_vec());
	held_out.sort_unstable();
	train.sort_unstable();
	Ok(Prepared { data, origin, train, held_out })
}

/// The inputs and class labels of `indices` as tensors on `device`.
fn batch(data: &Dataset, indices: &[usize], device: &Device) -> (Tensor<2>, Vec<f32>) {
	let features = data.features();
	let mut inputs = Vec::with_capacity(indices.len().saturating_mul(features));
	let mut targets = Vec::with_capacity(indices.len().saturating_mul(data.targets().width()));
	for &index in indices {
		if let Some((x, y)) = data.sample(index) {
			inputs.extend_from_slice(x);
			targets.extend_from_slice(y);
		}
	}
	let x = Tensor::<2>::from_data(TensorData::new(inputs, [indices.len(), features]), device);
	(x, targets)
}

/// Trains a fresh model on the samples `train` of `data`; returns the trained layers (on the
/// plain device) and the per-epoch losses. With no samples, the initial model.
pub(crate) fn fit(
	spec: &ModelSpec,
	data: &Dataset,
	train: &[usize],
	settings: &TrainSettings,
	device: &Device,
	on_epoch: &mut dyn FnMut(&EpochReport),
) -> Result<(Network, Vec<EpochReport>), EngineError> {
	let autodiff = device.clone().autodiff();
	let Network { mut layers, plan } = Network::build(spec, settings.seed, &autodiff)?;
	let mut optimizer = match settings.optimizer {
		Optimizer::Adam => AdamConfig::new().init(),
		Optimizer::Sgd => SgdConfig::new().init(),
	};
	let mut order_rng = SplitMix64::derive(settings.seed, ORDER_STREAM);
	let mut dropout = DropoutMask::new(SplitMix64::derive(settings.seed, DROPOUT_STREAM));
	let batch_size = usize::try_from(settings.batch_size).unwrap_or(usize::MAX);
	let mut epochs = Vec::new();
	if train.is_empty() {
		return Ok((Network { layers: layers.valid(), plan }, epochs));
	}
	let mut order = train.to_vec();
	for epoch in 1..=settings.epochs {
		order_rng.shuffle(&mut order);
		let mut total = 0.0f64;
		let mut steps = 0u32;
		for chunk in order.chunks(batch_size) {
			let (inputs, targets) = batch(data, chunk, &autodiff);
			let outputs = plan.forward(&layers, inputs, Some(&mut dropout));
			let loss = loss(spec, outputs, targets, &autodiff);
			let value = loss.clone().into_scalar::<f32>();
			if !value.is_finite() {
				return Err(EngineError::Diverged { epoch });
			}
			total += f64::from(value);
			steps = steps.saturating_add(1);
			let gradients = GradientsParams::from_grads(loss.backward(), &layers);
			layers = optimizer.step(settings.learning_rate, layers, gradients);
		}
		let report = EpochReport { epoch, loss: (total / f64::from(steps.max(1))) as f32 };
		on_epoch(&report);
		epochs.push(report);
	}
	Ok((Network { layers: layers.valid(), plan }, epochs))
}

/// The training loss: cross-entropy on class labels, mean squared error on values.
fn loss(spec: &ModelSpec, outputs: Tensor<2>, targets: Vec<f32>, device: &Device) -> Tensor<1> {
	match spec.task {
		Task::Classification => {
			// Labels were checked to be whole numbers below the class count.
			let labels: Vec<i64> = targets.iter().map(|label| *label as i64).collect();
			let count = labels.len();
			let labels = Tensor::<1, Int>::from_data(TensorData::new(labels, [count]), device);
			CrossEntropyLoss::new(None, device).forward(outputs, labels)
		},
		Task::Regression => {
			let dims = outputs.dims();
			let targets = Tensor::<2>::from_data(TensorData::new(targets, dims), device);
			MseLoss::new().forward(outputs, targets, Reduction::Mean)
		},
	}
}

/// Saved weights: burn's record of `layers` as bytes.
pub fn save(layers: &Layers) -> Result<Vec<u8>, EngineError> {
	let bytes = layers
		.clone()
		.into_record()
		.into_bytes()
		.map_err(|error| EngineError::BadWeights(format!("{error:?}")))?;
	Ok(bytes.to_vec())
}

/// Trains a model on `datasets` (CPU, the reference `flex` backend).
pub fn train(
	spec: &ModelSpec,
	datasets: &[NamedDataset],
	settings: &TrainSettings,
	on_epoch: &mut dyn FnMut(&EpochReport),
) -> Result<TrainOutcome, EngineError> {
	train_on(&crate::backend::Backend::Flex.device()?, spec, datasets, settings, on_epoch)
}

/// Trains a model on `datasets` on `device`.
pub fn train_on(
	device: &Device,
	spec: &ModelSpec,
	datasets: &[NamedDataset],
	settings: &TrainSettings,
	on_epoch: &mut dyn FnMut(&EpochReport),
) -> Result<TrainOutcome, EngineError> {
	let prepared = prepare(spec, datasets, settings)?;
	let (network, epochs) = fit(spec, &prepared.data, &prepared.train, settings, device, on_epoch)?;
	let weights = save(&network.layers)?;
	let model = Inference::from_network(spec.clone(), network, device.clone());
	let held_out = prepared.data.select(&prepared.held_out);
	let metric = model.evaluate(&held_out)?;
	Ok(TrainOutcome {
		weights_hash: blake2_256(&weights),
		weights,
		epochs,
		metric,
		trained_samples: prepared.train.len(),
		held_out_samples: prepared.held_out.len(),
	})
}

/// The training report as JSON: hash, per-epoch loss, held-out metric and, when measured,
/// each dataset's attribution.
pub fn report_json(outcome: &TrainOutcome, attribution: Option<&[DatasetAttribution]>) -> String {
	serde_json::json!({
		"outcome": outcome,
		"attribution": attribution,
	})
	.to_string()
}
