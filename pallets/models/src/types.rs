//! Records stored and returned by the models pallet.

use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::models::{
	DatasetUse, ModelId, ModelLicense, ModelSpec, ModelStatus, RoyaltySplit,
};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::{BalanceOf, Config};

/// A registered model (one version of it).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Model<T: Config> {
	/// Registered it; sets price and split, deprecates it.
	pub owner: T::AccountId,
	/// Human-readable name, shared by all versions.
	pub name: BoundedVec<u8, T::MaxNameLen>,
	/// Architecture the ML engine builds.
	pub spec: ModelSpec,
	/// blake2-256 hash of the saved weights record.
	pub weights_hash: H256,
	/// Where the weights can be fetched.
	pub weights_uri: BoundedVec<u8, T::MaxUriLen>,
	/// What the owner allows.
	pub license: ModelLicense,
	/// Whether paid use is allowed: the owner allows it and so does every dataset and parent.
	pub commercial: bool,
	/// Price of one inference; always zero when not `commercial`.
	pub price: BalanceOf<T>,
	/// How the price is divided.
	pub split: RoyaltySplit,
	/// Models this one was fine-tuned or distilled from.
	pub parents: BoundedVec<ModelId, T::MaxParents>,
	/// Datasets (exact versions) it was trained on, with attribution weights summing to one.
	pub datasets: BoundedVec<DatasetUse, T::MaxDatasets>,
	/// The version this one replaces, if any.
	pub previous_version: Option<ModelId>,
	/// 1 for a first registration, previous + 1 for each new version.
	pub version: u32,
	/// Longest chain of parents above this model: 0 without parents.
	pub depth: u32,
	/// Where it is in its life.
	pub status: ModelStatus,
	/// Held from the owner; zero once deprecated or revoked.
	pub deposit: BalanceOf<T>,
	/// Block of registration.
	pub registered_at: BlockNumberFor<T>,
}

/// One model in a lineage tree: who made it, what it came from, what it was trained on.
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct LineageNode<T: Config> {
	/// The model.
	pub model: ModelId,
	/// Its owner.
	pub owner: T::AccountId,
	/// Parent links from the tree's root: 0 for the root, 1 for its parents, …
	pub distance: u32,
	/// Its parents (each of which appears in the tree, unless it is truncated).
	pub parents: Vec<ModelId>,
	/// Datasets it was trained on.
	pub datasets: Vec<DatasetUse>,
	/// Its share split, which royalties follow upstream.
	pub split: RoyaltySplit,
	/// Its status.
	pub status: ModelStatus,
	/// Whether paid use is allowed.
	pub commercial: bool,
}

/// A model's lineage: the model and all its ancestors, each once, breadth first.
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct LineageTree<T: Config> {
	/// The model asked about.
	pub root: ModelId,
	/// The root first, then its ancestors by increasing distance.
	pub nodes: Vec<LineageNode<T>>,
	/// Whether ancestors were left out because the tree reached
	/// [`MAX_LINEAGE_NODES`](crate::MAX_LINEAGE_NODES).
	pub truncated: bool,
}
