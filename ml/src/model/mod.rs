//! Builds the burn module a [`ModelSpec`] describes, with initial weights drawn from the
//! engine's own seeded stream ([`crate::rng`]) and parameter ids numbered in layer order, so
//! two builds from the same spec and seed are the same model, byte for byte once saved.
//!
//! Inputs are always flat `[batch, features]` rows (an image is its channels, then rows, then
//! columns); the network reshapes them itself.

mod dropout;

use alloc::{vec, vec::Vec};
use burn::{
	module::{Param, ParamId},
	nn::{
		conv::{Conv2d, Conv2dConfig},
		pool::{MaxPool2d, MaxPool2dConfig},
		Initializer, Linear, LinearConfig,
	},
	prelude::*,
	tensor::activation,
};
use lineage_primitives::models::{Activation, Architecture, InputShape, ModelSpec};

pub use dropout::DropoutMask;

use crate::{error::EngineError, rng::SplitMix64};

/// A convolution, then the activation, then an optional max-pool.
#[derive(Module, Debug)]
pub struct ConvBlock {
	conv: Conv2d,
	pool: Option<MaxPool2d>,
}

/// The trainable part of a model: convolutions (none for an MLP), then dense layers, the
/// last of which produces the outputs.
#[derive(Module, Debug)]
pub struct Layers {
	conv: Vec<ConvBlock>,
	dense: Vec<Linear>,
}

/// How to run [`Layers`]: everything about the spec that is not a weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
	/// Values per input sample.
	pub features: usize,
	/// `[channels, height, width]` when the input is an image fed to convolutions.
	pub image: Option<[usize; 3]>,
	/// Values per output.
	pub outputs: usize,
	/// Non-linearity after every layer but the last.
	pub activation: Activation,
	/// Probability of dropping a dense hidden unit during training.
	pub dropout: f32,
}

/// A model built from a spec: its weights and how to run them.
#[derive(Debug)]
pub struct Network {
	/// The weights.
	pub layers: Layers,
	/// The rest.
	pub plan: Plan,
}

fn size(value: u32) -> usize {
	usize::try_from(value).unwrap_or(usize::MAX)
}

/// Stream of the initial weights, distinct from the data order's and dropout's streams.
const INIT_STREAM: u64 = 1;

/// Numbers parameters in build order and draws their initial values.
struct Init<'a> {
	rng: SplitMix64,
	next_id: u64,
	device: &'a Device,
}

impl Init<'_> {
	fn param<const D: usize>(&mut self, shape: [usize; D], fan_in: usize) -> Param<Tensor<D>> {
		// PyTorch's and burn's default: uniform in ±1/√fan_in for weights and biases alike.
		let bound = 1.0 / libm::sqrtf(fan_in.max(1) as f32);
		let count: usize = shape.iter().product();
		let values: Vec<f32> = (0..count).map(|_| self.rng.next_symmetric(bound)).collect();
		let tensor = Tensor::<D>::from_data(TensorData::new(values, shape), self.device);
		let id = ParamId::from(self.next_id);
		self.next_id = self.next_id.wrapping_add(1);
		// Only an autodiff device tracks gradients; inference builds on the plain one.
		let tensor = if self.device.is_autodiff() { tensor.require_grad() } else { tensor };
		Param::initialized(id, tensor)
	}

	fn linear(&mut self, inputs: usize, outputs: usize) -> Linear {
		let mut linear = LinearConfig::new(inputs, outputs)
			.with_initializer(Initializer::Zeros)
			.init(self.device);
		linear.weight = self.param([inputs, outputs], inputs);
		linear.bias = Some(self.param([outputs], inputs));
		linear
	}

	fn conv(&mut self, channels: [usize; 2], kernel: usize) -> Conv2d {
		let mut conv = Conv2dConfig::new(channels, [kernel, kernel])
			.with_initializer(Initializer::Zeros)
			.init(self.device);
		let [input, output] = channels;
		let fan_in = input.saturating_mul(kernel).saturating_mul(kernel);
		conv.weight = self.param([output, input, kernel, kernel], fan_in);
		conv.bias = Some(self.param([output], fan_in));
		conv
	}
}

impl Network {
	/// Builds the model `spec` describes on `device`, initialised from `seed`.
	pub fn build(spec: &ModelSpec, seed: u64, device: &Device) -> Result<Self, EngineError> {
		spec.check()?;
		let mut init = Init { rng: SplitMix64::derive(seed, INIT_STREAM), next_id: 0, device };
		let features = size(u32::try_from(spec.input.len()).unwrap_or(u32::MAX));
		let outputs = size(spec.outputs);
		let (layers, image, activation, dropout) = match &spec.architecture {
			Architecture::Mlp { hidden, activation, dropout } => {
				let mut dense = Vec::with_capacity(hidden.len().saturating_add(1));
				let mut width = features;
				for &next in hidden.iter() {
					dense.push(init.linear(width, size(next)));
					width = size(next);
				}
				dense.push(init.linear(width, outputs));
				(Layers { conv: Vec::new(), dense }, None, *activation, *dropout)
			},
			Architecture::Cnn { conv, hidden, activation, dropout } => {
				let InputShape::Image { channels, height, width } = spec.input else {
					return Err(EngineError::InvalidSpec(
						lineage_primitives::models::SpecError::InputMismatch,
					));
				};
				let image = [size(channels), size(height), size(width)];
				let [mut c, mut h, mut w] = image;
				let mut blocks = Vec::with_capacity(conv.len());
				for layer in conv.iter() {
					let (out, kernel, pool) =
						(size(layer.channels), size(layer.kernel), size(layer.pool));
					let shrink = kernel.saturating_sub(1);
					blocks.push(ConvBlock {
						conv: init.conv([c, out], kernel),
						pool: (pool > 1).then(|| {
							MaxPool2dConfig::new([pool, pool]).with_strides([pool, pool]).init()
						}),
					});
					// `check` proved every side stays positive.
					c = out;
					h = h.saturating_sub(shrink).checked_div(pool).unwrap_or(0);
					w = w.saturating_sub(shrink).checked_div(pool).unwrap_or(0);
				}
				let flat = c.saturating_mul(h).saturating_mul(w);
				let dense =
					vec![init.linear(flat, size(*hidden)), init.linear(size(*hidden), outputs)];
				(Layers { conv: blocks, dense }, Some(image), *activation, *dropout)
			},
			Architecture::Transformer { .. } => {
				return Err(EngineError::Unsupported("transformer"))
			},
		};
		let dropout = dropout.deconstruct() as f32 / 1_000_000.0;
		Ok(Self { layers, plan: Plan { features, image, outputs, activation, dropout } })
	}
}

impl Plan {
	fn activate<const D: usize>(&self, x: Tensor<D>) -> Tensor<D> {
		match self.activation {
			Activation::Relu => activation::relu(x),
			Activation::Gelu => activation::gelu(x),
			Activation::Tanh => activation::tanh(x),
			Activation::Sigmoid => activation::sigmoid(x),
		}
	}

	/// Runs `layers` on `[batch, features]` inputs; with `dropout`, training-time masks
	/// (one per dense hidden layer, in order) are applied.
	pub fn forward(
		&self,
		layers: &Layers,
		inputs: Tensor<2>,
		mut dropout: Option<&mut DropoutMask>,
	) -> Tensor<2> {
		let [batch, _] = inputs.dims();
		let mut x = inputs;
		if let Some([c, h, w]) = self.image {
			if !layers.conv.is_empty() {
				let mut y = x.reshape([batch, c, h, w]);
				for block in &layers.conv {
					y = self.activate(block.conv.forward(y));
					if let Some(pool) = &block.pool {
						y = pool.forward(y);
					}
				}
				let [_, c, h, w] = y.dims();
				x = y.reshape([batch, c.saturating_mul(h).saturating_mul(w)]);
			}
		}
		let last = layers.dense.len().saturating_sub(1);
		for (index, layer) in layers.dense.iter().enumerate() {
			x = layer.forward(x);
			if index < last {
				x = self.activate(x);
				if let Some(mask) = dropout.as_deref_mut() {
					x = mask.apply(x, self.dropout);
				}
			}
		}
		x
	}
}

impl Layers {
	/// Trainable values.
	pub fn parameter_count(&self) -> usize {
		self.num_params()
	}
}
