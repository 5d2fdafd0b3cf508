//! Models: identifiers, architecture (`ModelSpec`), licence, royalty split and lineage links.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::ConstU32;
use sp_runtime::{BoundedVec, Perbill};

use crate::datasets::{DatasetId, DatasetVersion};

/// Identifier of a registered model (each version has its own), assigned in registration order.
pub type ModelId = u32;

/// Most hidden or convolution layers a [`ModelSpec`] may describe.
pub const MAX_SPEC_LAYERS: u32 = 16;

/// Largest width, size or count in a [`ModelSpec`]: keeps every model the chain describes small
/// enough for a worker to build, and every size product far from `u64` overflow.
pub const MAX_SPEC_DIMENSION: u32 = 1 << 16;

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

/// One convolution layer of a [`ModelSpec::Cnn`]: square kernel, stride 1, no padding.
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
}

/// A model's architecture: what the chain stores and what the ML engine (`lineage-ml`) builds a
/// `burn` module from. Weights are not part of it; they are content-addressed separately.
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
pub enum ModelSpec {
	/// Multi-layer perceptron: `inputs → hidden[0] → … → outputs`.
	#[serde(rename_all = "camelCase")]
	Mlp {
		/// Input features.
		inputs: u32,
		/// Width of each hidden layer, in order.
		hidden: BoundedVec<u32, ConstU32<MAX_SPEC_LAYERS>>,
		/// Output features (classes or regression targets).
		outputs: u32,
		/// Non-linearity after each hidden layer.
		activation: Activation,
	},
	/// Convolutional network over `channels × height × width` inputs, followed by one hidden
	/// dense layer.
	#[serde(rename_all = "camelCase")]
	Cnn {
		/// Input channels.
		channels: u32,
		/// Input height.
		height: u32,
		/// Input width.
		width: u32,
		/// Convolution layers, in order.
		conv: BoundedVec<ConvLayer, ConstU32<MAX_SPEC_LAYERS>>,
		/// Width of the dense layer after the convolutions.
		hidden: u32,
		/// Output features.
		outputs: u32,
		/// Non-linearity after each layer.
		activation: Activation,
	},
	/// Small decoder-style transformer over token sequences.
	#[serde(rename_all = "camelCase")]
	Transformer {
		/// Vocabulary size.
		vocab: u32,
		/// Longest input sequence.
		context: u32,
		/// Embedding width; a multiple of `heads`.
		d_model: u32,
		/// Attention heads per layer.
		heads: u32,
		/// Transformer blocks.
		layers: u32,
		/// Width of each block's feed-forward layer.
		d_ff: u32,
		/// Output features.
		outputs: u32,
	},
}

impl ModelSpec {
	/// Whether a worker could build this architecture: every size at least one and at most
	/// [`MAX_SPEC_DIMENSION`], at least one layer where layers are required, attention width
	/// divisible by the head count, and convolutions that fit inside the input.
	pub fn is_well_formed(&self) -> bool {
		let dim_ok = |d: u32| (1..=MAX_SPEC_DIMENSION).contains(&d);
		match self {
			Self::Mlp { inputs, hidden, outputs, .. } => {
				dim_ok(*inputs) && dim_ok(*outputs) && hidden.iter().all(|h| dim_ok(*h))
			},
			Self::Cnn { channels, height, width, conv, hidden, outputs, .. } => {
				if !(dim_ok(*channels)
					&& dim_ok(*height)
					&& dim_ok(*width)
					&& dim_ok(*hidden)
					&& dim_ok(*outputs)
					&& !conv.is_empty())
				{
					return false;
				}
				// Each valid (unpadded) convolution shrinks the image by `kernel - 1`.
				let (mut h, mut w) = (*height, *width);
				for layer in conv.iter() {
					if !dim_ok(layer.channels) || layer.kernel == 0 {
						return false;
					}
					let shrink = layer.kernel.saturating_sub(1);
					match (h.checked_sub(shrink), w.checked_sub(shrink)) {
						(Some(nh), Some(nw)) if nh > 0 && nw > 0 => (h, w) = (nh, nw),
						_ => return false,
					}
				}
				true
			},
			Self::Transformer { vocab, context, d_model, heads, layers, d_ff, outputs } => {
				[*vocab, *context, *d_model, *heads, *d_ff, *outputs].into_iter().all(dim_ok)
					&& (1..=MAX_SPEC_LAYERS).contains(layers)
					&& d_model.checked_rem(*heads) == Some(0)
			},
		}
	}
}

/// How a model's inference price is divided. The four parts sum to exactly one.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct RoyaltySplit {
	/// To the model's owner.
	pub owner: Perbill,
	/// To the parent models, each by its own split.
	pub upstream: Perbill,
	/// To the datasets the model was trained on, by attribution weight.
	pub data: Perbill,
	/// To the DAO treasury.
	pub treasury: Perbill,
}

impl RoyaltySplit {
	/// Whether the four parts add up to exactly one.
	pub fn sums_to_one(&self) -> bool {
		sums_to_one([self.owner, self.upstream, self.data, self.treasury])
	}
}

/// Whether the given parts add up to exactly one (no part lost, none created).
pub fn sums_to_one(parts: impl IntoIterator<Item = Perbill>) -> bool {
	// At most `MaxDatasets` parts of at most 10^9 each: a u64 cannot overflow.
	parts.into_iter().map(|p| u64::from(p.deconstruct())).fold(0u64, u64::saturating_add)
		== u64::from(Perbill::one().deconstruct())
}

/// What a model's owner allows others to do with it.
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
pub struct ModelLicense {
	/// The model may be used for paid inference. Only effective when every dataset and parent
	/// allows commercial use too.
	pub commercial_use: bool,
	/// Other models may list this one as a parent (fine-tune or distil from it).
	pub derivatives_allowed: bool,
}

/// A dataset a model was trained on: the exact version and its share of the attribution.
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
pub struct DatasetUse {
	/// The dataset.
	pub dataset: DatasetId,
	/// The version trained on; contributors who joined later earn nothing from this model.
	pub version: DatasetVersion,
	/// Share of the model's data royalties; a model's weights sum to exactly one.
	pub weight: Perbill,
}

/// Where a model is in its life.
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
pub enum ModelStatus {
	/// Registered by its owner; usable.
	Registered,
	/// Reviewed and certified by governance; usable.
	Certified,
	/// Withdrawn by its owner: kept for lineage, no new jobs.
	Deprecated,
	/// Withdrawn by governance: kept for lineage, no new jobs, cannot become a parent.
	Revoked,
}

/// What royalties and compute need to know about a model, read through [`ModelInspect`].
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct RoyaltyTerms<AccountId, Balance> {
	/// Receives the owner's share.
	pub owner: AccountId,
	/// Price of one inference.
	pub price: Balance,
	/// How payments for the model are divided.
	pub split: RoyaltySplit,
	/// Parent models, which share the upstream part.
	pub parents: Vec<ModelId>,
	/// Datasets (exact versions) with attribution weights, which share the data part.
	pub datasets: Vec<DatasetUse>,
	/// Whether new jobs may use the model.
	pub usable: bool,
}

/// Read access to models for other pallets (royalties, compute), wired by the runtime to
/// `pallet-models`.
pub trait ModelInspect<AccountId, Balance> {
	/// The model's royalty terms, if it is registered.
	fn royalty_terms(model: ModelId) -> Option<RoyaltyTerms<AccountId, Balance>>;

	/// Registers a model for benchmarks of dependent pallets: owned by `owner` (funded as
	/// needed), with `split`, `parents` and `datasets`, usable and commercial.
	#[cfg(feature = "runtime-benchmarks")]
	fn create_for_benchmark(
		owner: AccountId,
		split: RoyaltySplit,
		parents: Vec<ModelId>,
		datasets: Vec<DatasetUse>,
	) -> ModelId;
}

impl ModelStatus {
	/// Whether new jobs may use a model in this state.
	pub fn is_usable(self) -> bool {
		matches!(self, Self::Registered | Self::Certified)
	}
}
