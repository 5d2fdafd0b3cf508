//! `ModelSpec`: a model's architecture, task, input shape and output encoding — what the chain
//! stores and what the ML engine (`lineage-ml`) builds a `burn` module from. Weights are not
//! part of it; they are content-addressed separately.
//!
//! [`ModelSpec::check`] is the one validity rule: the models pallet refuses a spec that fails
//! it and the engine refuses to build one, each with the same [`SpecError`].

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::ConstU32;
use sp_runtime::{BoundedVec, Permill};

/// Most hidden or convolution layers a [`ModelSpec`] may describe.
pub const MAX_SPEC_LAYERS: u32 = 16;

/// Largest width, size or count in a [`ModelSpec`].
pub const MAX_SPEC_DIMENSION: u32 = 1 << 16;

/// Most trainable parameters a [`ModelSpec`] may have: keeps every model the chain describes
/// small enough for a worker to build and train (64 MiB of `f32` weights).
pub const MAX_SPEC_PARAMETERS: u64 = 1 << 24;

/// Largest [`ModelSpec::output_scale`]: at it, an `i32` output still holds values up to ±128.
pub const MAX_OUTPUT_SCALE: u32 = 1 << 24;

/// Element-wise non-linearity between layers.
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
pub enum Activation {
	/// `max(0, x)`.
	Relu,
	/// Gaussian error linear unit.
	Gelu,
	/// Hyperbolic tangent.
	Tanh,
	/// Logistic sigmoid.
	Sigmoid,
}

/// What a model predicts, which decides its training loss and how its outputs are read.
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
pub enum Task {
	/// One score (logit) per class; the prediction is the highest. Trained with cross-entropy
	/// on integer labels `0..outputs`.
	Classification,
	/// `outputs` real-valued targets. Trained with mean squared error.
	Regression,
}

/// The shape of one input sample.
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
pub enum InputShape {
	/// A flat vector of `features` values.
	#[serde(rename_all = "camelCase")]
	Features {
		/// Values per sample.
		features: u32,
	},
	/// An image of `channels × height × width` values, channel-major then row-major.
	#[serde(rename_all = "camelCase")]
	Image {
		/// Channels.
		channels: u32,
		/// Rows.
		height: u32,
		/// Columns.
		width: u32,
	},
	/// A sequence of `context` token ids.
	#[serde(rename_all = "camelCase")]
	Tokens {
		/// Tokens per sample.
		context: u32,
	},
}

impl InputShape {
	/// Values per sample.
	pub fn len(&self) -> u64 {
		match *self {
			Self::Features { features } => u64::from(features),
			Self::Image { channels, height, width } => u64::from(channels)
				.saturating_mul(u64::from(height))
				.saturating_mul(u64::from(width)),
			Self::Tokens { context } => u64::from(context),
		}
	}

	/// Whether a sample has no values (never true of a checked spec).
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}
}

/// One convolution layer of an [`Architecture::Cnn`]: square kernel, stride 1, no padding,
/// then the activation, then max pooling.
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
pub struct ConvLayer {
	/// Output channels.
	pub channels: u32,
	/// Kernel side length.
	pub kernel: u32,
	/// Side (and stride) of the square max-pooling window after the layer; 1 pools nothing.
	pub pool: u32,
}

/// The layers between a [`ModelSpec`]'s input and its `outputs`.
#[derive(
	Clone,
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
pub enum Architecture {
	/// Multi-layer perceptron over the flattened input: `input → hidden[0] → … → outputs`.
	#[serde(rename_all = "camelCase")]
	Mlp {
		/// Width of each hidden layer, in order.
		hidden: BoundedVec<u32, ConstU32<MAX_SPEC_LAYERS>>,
		/// Non-linearity after each hidden layer.
		activation: Activation,
		/// Probability of zeroing a hidden unit during training; never at inference.
		dropout: Permill,
	},
	/// Convolutions over an [`InputShape::Image`], then one hidden dense layer.
	#[serde(rename_all = "camelCase")]
	Cnn {
		/// Convolution layers, in order.
		conv: BoundedVec<ConvLayer, ConstU32<MAX_SPEC_LAYERS>>,
		/// Width of the dense layer after the convolutions.
		hidden: u32,
		/// Non-linearity after each layer.
		activation: Activation,
		/// Probability of zeroing a dense hidden unit during training; never at inference.
		dropout: Permill,
	},
	/// Small encoder-style transformer over [`InputShape::Tokens`], mean-pooled.
	#[serde(rename_all = "camelCase")]
	Transformer {
		/// Vocabulary size.
		vocab: u32,
		/// Embedding width; a multiple of `heads`.
		d_model: u32,
		/// Attention heads per layer.
		heads: u32,
		/// Transformer blocks.
		layers: u32,
		/// Width of each block's feed-forward layer.
		d_ff: u32,
	},
}

/// A model's architecture and how its inputs and outputs are read.
#[derive(
	Clone,
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
pub struct ModelSpec {
	/// Shape of one input sample.
	pub input: InputShape,
	/// The layers.
	pub architecture: Architecture,
	/// Output values per sample: classes, or regression targets.
	pub outputs: u32,
	/// Classification or regression.
	pub task: Task,
	/// Fixed-point scale of published outputs: an output `y` is published as the `i32`
	/// `round(y · output_scale)`, so results compare exactly on chain.
	pub output_scale: u32,
}

/// Why a [`ModelSpec`] cannot be built.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SpecError {
	/// A width, size or count is zero or above [`MAX_SPEC_DIMENSION`].
	DimensionOutOfRange,
	/// The architecture has no layers where it needs at least one, or more than
	/// [`MAX_SPEC_LAYERS`].
	LayerCount,
	/// The architecture cannot take this input shape (a CNN needs an image, a transformer
	/// tokens, an MLP numbers).
	InputMismatch,
	/// A convolution or pooling window does not fit in what is left of the image.
	KernelTooLarge,
	/// The transformer's width is not a multiple of its head count.
	HeadsDoNotDivideWidth,
	/// Dropout must be below one.
	DropoutTooHigh,
	/// A classifier needs at least two classes.
	TooFewClasses,
	/// `output_scale` is zero or above [`MAX_OUTPUT_SCALE`].
	OutputScaleOutOfRange,
	/// More than [`MAX_SPEC_PARAMETERS`] trainable parameters.
	TooManyParameters,
}

fn dimension(value: u32) -> Result<u64, SpecError> {
	if (1..=MAX_SPEC_DIMENSION).contains(&value) {
		Ok(u64::from(value))
	} else {
		Err(SpecError::DimensionOutOfRange)
	}
}

/// Parameters of a dense layer `inputs → outputs` (weights and biases).
fn dense(inputs: u64, outputs: u64) -> Result<u64, SpecError> {
	inputs
		.checked_add(1)
		.and_then(|fan_in| fan_in.checked_mul(outputs))
		.ok_or(SpecError::TooManyParameters)
}

fn add(total: u64, more: u64) -> Result<u64, SpecError> {
	total
		.checked_add(more)
		.filter(|sum| *sum <= MAX_SPEC_PARAMETERS)
		.ok_or(SpecError::TooManyParameters)
}

impl ModelSpec {
	/// Checks that a worker can build this model and returns its trainable parameter count.
	pub fn check(&self) -> Result<u64, SpecError> {
		let outputs = dimension(self.outputs)?;
		if self.task == Task::Classification && outputs < 2 {
			return Err(SpecError::TooFewClasses);
		}
		if !(1..=MAX_OUTPUT_SCALE).contains(&self.output_scale) {
			return Err(SpecError::OutputScaleOutOfRange);
		}
		match &self.architecture {
			Architecture::Mlp { hidden, dropout, .. } => {
				check_dropout(*dropout)?;
				let mut width = match self.input {
					InputShape::Features { features } => dimension(features)?,
					InputShape::Image { channels, height, width } => dimension(channels)?
						.saturating_mul(dimension(height)?)
						.saturating_mul(dimension(width)?),
					InputShape::Tokens { .. } => return Err(SpecError::InputMismatch),
				};
				let mut total = 0;
				for layer in hidden.iter() {
					let next = dimension(*layer)?;
					total = add(total, dense(width, next)?)?;
					width = next;
				}
				add(total, dense(width, outputs)?)
			},
			Architecture::Cnn { conv, hidden, dropout, .. } => {
				check_dropout(*dropout)?;
				let InputShape::Image { channels, height, width } = self.input else {
					return Err(SpecError::InputMismatch);
				};
				if conv.is_empty() {
					return Err(SpecError::LayerCount);
				}
				let (mut c, mut h, mut w) =
					(dimension(channels)?, dimension(height)?, dimension(width)?);
				let mut total = 0;
				for layer in conv.iter() {
					let out = dimension(layer.channels)?;
					let kernel = dimension(layer.kernel)?;
					let pool = dimension(layer.pool)?;
					// A valid (unpadded) convolution shrinks each side by `kernel - 1`; pooling
					// then divides it, dropping the remainder.
					let shrink = kernel.saturating_sub(1);
					let (ch, cw) = (h.saturating_sub(shrink), w.saturating_sub(shrink));
					if h <= shrink || w <= shrink || ch < pool || cw < pool {
						return Err(SpecError::KernelTooLarge);
					}
					let kernel_weights = c
						.checked_mul(kernel)
						.and_then(|x| x.checked_mul(kernel))
						.ok_or(SpecError::TooManyParameters)?;
					total = add(total, dense(kernel_weights, out)?)?;
					let pooled =
						|side: u64| side.checked_div(pool).ok_or(SpecError::KernelTooLarge);
					(c, h, w) = (out, pooled(ch)?, pooled(cw)?);
				}
				let flat = c.saturating_mul(h).saturating_mul(w);
				let hidden = dimension(*hidden)?;
				total = add(total, dense(flat, hidden)?)?;
				add(total, dense(hidden, outputs)?)
			},
			Architecture::Transformer { vocab, d_model, heads, layers, d_ff } => {
				let InputShape::Tokens { context } = self.input else {
					return Err(SpecError::InputMismatch);
				};
				let context = dimension(context)?;
				let (vocab, d, heads, d_ff) = (
					dimension(*vocab)?,
					dimension(*d_model)?,
					dimension(*heads)?,
					dimension(*d_ff)?,
				);
				if !(1..=MAX_SPEC_LAYERS).contains(layers) {
					return Err(SpecError::LayerCount);
				}
				if d.checked_rem(heads) != Some(0) {
					return Err(SpecError::HeadsDoNotDivideWidth);
				}
				// Token and position embeddings, then per block: four attention projections,
				// two feed-forward layers and two layer norms.
				let embeddings = vocab.checked_add(context).and_then(|rows| rows.checked_mul(d));
				let mut total = add(0, embeddings.ok_or(SpecError::TooManyParameters)?)?;
				let block = dense(d, d)?
					.checked_mul(4)
					.and_then(|attention| attention.checked_add(dense(d, d_ff).ok()?))
					.and_then(|x| x.checked_add(dense(d_ff, d).ok()?))
					.and_then(|x| x.checked_add(d.checked_mul(4)?))
					.ok_or(SpecError::TooManyParameters)?;
				for _ in 0..*layers {
					total = add(total, block)?;
				}
				add(total, dense(d, outputs)?)
			},
		}
	}

	/// Bytes of the model's weights as `f32`, four per trainable parameter, if the spec is
	/// well formed: what a worker must be able to load to run or train it.
	pub fn weights_bytes(&self) -> Option<u64> {
		self.check().ok().and_then(|parameters| parameters.checked_mul(4))
	}

	/// Whether [`check`](Self::check) accepts this spec.
	pub fn is_well_formed(&self) -> bool {
		self.check().is_ok()
	}
}

fn check_dropout(dropout: Permill) -> Result<(), SpecError> {
	if dropout < Permill::one() {
		Ok(())
	} else {
		Err(SpecError::DropoutTooHigh)
	}
}

#[cfg(test)]
mod tests;
