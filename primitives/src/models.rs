//! Models: identifiers, architecture ([`ModelSpec`], in `spec`), licence, royalty split and
//! lineage links.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult, Perbill, Weight};

use crate::datasets::{DatasetId, DatasetVersion};

mod spec;
pub use spec::{
	Activation, Architecture, ConvLayer, InputShape, ModelSpec, SpecError, Task, MAX_OUTPUT_SCALE,
	MAX_SPEC_DIMENSION, MAX_SPEC_LAYERS, MAX_SPEC_PARAMETERS,
};

/// Identifier of a registered model (each version has its own), assigned in registration order.
pub type ModelId = u32;

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
	/// Fixed-point scale of the model's published outputs ([`ModelSpec::output_scale`]), from
	/// which compute derives how far workers' results may differ and still agree.
	pub output_scale: u32,
	/// Size of the model's `f32` weights ([`ModelSpec::weights_bytes`]): a worker takes its
	/// jobs only if it loads models this large.
	pub weights_bytes: u64,
}

/// Read access to models for other pallets (royalties, compute), wired by the runtime to
/// `pallet-models`.
pub trait ModelInspect<AccountId, Balance> {
	/// The model's royalty terms, if it is registered.
	fn royalty_terms(model: ModelId) -> Option<RoyaltyTerms<AccountId, Balance>>;

	/// Most datasets a model may name. Pallets that weigh work per dataset check their own
	/// bound against it in `integrity_test`.
	fn max_datasets() -> u32;
}

impl ModelStatus {
	/// Whether new jobs may use a model in this state.
	pub fn is_usable(self) -> bool {
		matches!(self, Self::Registered | Self::Certified)
	}
}

/// A model another pallet registers on an owner's behalf: compute, for the model a training
/// job produced.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewModel<Balance> {
	/// Its name.
	pub name: Vec<u8>,
	/// Its architecture.
	pub spec: ModelSpec,
	/// blake2-256 of its saved weights.
	pub weights_hash: H256,
	/// Where its weights can be fetched (may be empty: then by hash from whoever ran it).
	pub weights_uri: Vec<u8>,
	/// What the owner allows.
	pub license: ModelLicense,
	/// Price of one inference.
	pub price: Balance,
	/// How payments for it are divided.
	pub split: RoyaltySplit,
	/// Models it was fine-tuned from.
	pub parents: Vec<ModelId>,
	/// Dataset versions it was trained on, with attribution weights summing to one.
	pub datasets: Vec<DatasetUse>,
}

/// Registration of models by other pallets, wired by the runtime to `pallet-models`, which
/// applies exactly the rules (and the deposit) of a registration by the owner.
pub trait ModelRegistrar<AccountId, Balance> {
	/// The most [`register`](Self::register) weighs with this many parents and datasets.
	fn register_weight(parents: u32, datasets: u32) -> Weight;

	/// Whether `owner` could register `model` now, the deposit aside: the checks a caller
	/// makes before committing to produce it.
	fn check(owner: &AccountId, model: &NewModel<Balance>) -> DispatchResult;

	/// Registers `model` owned by `owner`, holding the registry's deposit from `owner`.
	fn register(owner: &AccountId, model: NewModel<Balance>) -> Result<ModelId, DispatchError>;
}
