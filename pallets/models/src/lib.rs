//! # Models pallet: the model registry
//!
//! Every model on Lineage is registered with the hash of its weights, its architecture, and
//! its lineage: the parent models it was fine-tuned or distilled from and the dataset versions
//! it was trained on, each with an attribution weight. Royalties follow that lineage.
//!
//! ## Overview
//!
//! - [`register`](Pallet::register) records a model: name, [`ModelSpec`], weights hash and
//!   URI, [`ModelLicense`], inference price, [`RoyaltySplit`] (owner / upstream / data /
//!   treasury, summing to one), parents and datasets (attribution weights summing to one).
//!   [`Config::ModelDeposit`] is held from the owner.
//! - Validation: every parent exists, is not revoked and allows derivatives; every dataset
//!   version exists and allows training; if any dataset or parent forbids commercial use the
//!   model is non-commercial and its price must be zero; lineage depth (longest chain of
//!   parents) is at most [`Config::MaxLineageDepth`]; the upstream share needs parents and the
//!   data share needs datasets.
//! - [`register_version`](Pallet::register_version) registers a new version of a model the
//!   caller owns, linked to the previous one and inheriting its name, licence, price and split.
//! - Status: Registered → Certified ([`Config::GovernanceOrigin`]) → Deprecated (owner; the
//!   deposit is returned) or Revoked (governance; the deposit is burned, as a penalty).
//!   Deprecated and revoked models stay in the registry, because others descend from them,
//!   but take no new jobs; a revoked model cannot become a parent.
//! - The owner changes the [price](Pallet::set_price) and [split](Pallet::set_royalty_split).
//!
//! ## Terminology
//!
//! - **Lineage**: a model's ancestors (parents, their parents, …) and the datasets each was
//!   trained on. Parents must exist before a model names them and ids only grow, so lineage
//!   is acyclic by construction: no model can be its own ancestor.
//! - **Depth**: 0 for a model without parents, else one more than its deepest parent.
//!
//! ## Coupling
//!
//! Datasets are reached only through [`DatasetInspect`] (`Config::Datasets`), which the
//! runtime wires to `pallet-datasets`. Other pallets (royalties, compute) read models through
//! [`ModelInspect`], implemented here, and register models on an owner's behalf through
//! [`ModelRegistrar`] (compute, for the models its training jobs produce), with the same
//! checks and deposit as [`register`](Pallet::register). Governance is whatever origin the runtime names as
//! [`Config::GovernanceOrigin`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod functions;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
mod lineage;
#[cfg(test)]
mod mock;
mod registrar;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

use alloc::vec::Vec;
use frame_support::traits::fungible;
pub use lineage_primitives::{
	datasets::{DatasetId, DatasetInspect, DatasetVersion},
	models::{
		DatasetUse, ModelId, ModelInspect, ModelLicense, ModelRegistrar, ModelSpec, ModelStatus,
		NewModel, RoyaltySplit, RoyaltyTerms,
	},
};
pub use pallet::*;
pub use types::{LineageNode, LineageTree, Model};
pub use weights::WeightInfo;

/// What this pallet's benchmarks need from the rest of the runtime (polkadot-sdk's
/// `BenchmarkHelper` pattern: benchmark set-up stays off the production traits).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<Balance> {
	/// Creates a dataset with `license` and returns it with its latest version.
	fn create_dataset(
		license: lineage_primitives::datasets::License<Balance>,
	) -> (DatasetId, DatasetVersion);
}

/// Balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Most models a lineage tree returned by the runtime API holds.
pub const MAX_LINEAGE_NODES: usize = 1_024;

// The pallet macros expand to fully qualified paths and to `expect`s on values they have
// just checked. The allowance covers the call bodies too, so they stay short (origin, one
// lookup, one mutation) and the larger logic lives in `functions.rs`, where the lints apply in
// full. Call argument lists mirror the extrinsics dApps build, so they can be long.
#[allow(unused_qualifications, clippy::expect_used, clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::SaturatedConversion;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for a registered, usable model.
		#[codec(index = 0)]
		ModelDeposit,
	}

	/// Configuration of the models pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Where datasets and their licences are looked up (`pallet-datasets`).
		type Datasets: DatasetInspect<BalanceOf<Self>>;

		/// May certify and revoke models: root until the DAO takes over.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Held from a model's owner until the model is deprecated or revoked.
		#[pallet::constant]
		type ModelDeposit: Get<BalanceOf<Self>>;

		/// Longest model name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Longest weights URI, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// Most parents a model may name.
		#[pallet::constant]
		type MaxParents: Get<u32>;

		/// Most datasets a model may name.
		#[pallet::constant]
		type MaxDatasets: Get<u32>;

		/// Longest chain of parents above a model. Bounds the work of following lineage, which
		/// royalties do on every paid use.
		#[pallet::constant]
		type MaxLineageDepth: Get<u32>;

		/// Weights of this pallet's calls, generated by `benchmark pallet`.
		type WeightInfo: WeightInfo;

		/// Creates the datasets this pallet's benchmarks train models on.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<BalanceOf<Self>>;
	}

	/// Id the next registered model gets.
	#[pallet::storage]
	pub type NextModelId<T> = StorageValue<_, ModelId, ValueQuery>;

	/// Registered models, every version under its own id.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Twox64Concat, ModelId, Model<T>>;

	/// Models by owner, for "my models" queries.
	#[pallet::storage]
	pub type ModelsByOwner<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ModelId, ()>;

	/// Models by training dataset, for "what was trained on this data" queries.
	#[pallet::storage]
	pub type ModelsByDataset<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Twox64Concat, ModelId, ()>;

	/// Events of the models pallet.
	// Field names repeat the call arguments they come from; the variant docs say the rest.
	#[allow(missing_docs)]
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model (or a new version of one) was registered and its deposit held.
		ModelRegistered {
			model: ModelId,
			owner: T::AccountId,
			previous_version: Option<ModelId>,
			version: u32,
			depth: u32,
			commercial: bool,
		},
		/// The owner changed the inference price.
		PriceSet { model: ModelId, price: BalanceOf<T> },
		/// The owner changed the royalty split.
		RoyaltySplitSet { model: ModelId, split: RoyaltySplit },
		/// Governance certified the model.
		ModelCertified { model: ModelId },
		/// The owner deprecated the model; its deposit was returned.
		ModelDeprecated { model: ModelId },
		/// Governance revoked the model; the deposit still held was burned.
		ModelRevoked { model: ModelId, burned: BalanceOf<T> },
		/// An upheld dispute revoked the model; the deposit still held went to `to` (the
		/// treasury).
		ModelRevokedOnDispute { model: ModelId, to: T::AccountId, slashed: BalanceOf<T> },
	}

	/// Errors of the models pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No model has this id.
		UnknownModel,
		/// The model is revoked already: there is nothing left to dispute.
		AlreadyRevoked,
		/// Only the model's owner may do this.
		NotOwner,
		/// The name is longer than `MaxNameLen`.
		NameTooLong,
		/// The weights URI is longer than `MaxUriLen`.
		UriTooLong,
		/// The architecture is malformed (a zero or oversized dimension, no layers, heads that
		/// do not divide the width, convolutions larger than the input).
		InvalidSpec,
		/// More parents than `MaxParents`.
		TooManyParents,
		/// More datasets than `MaxDatasets`.
		TooManyDatasets,
		/// A parent is listed twice.
		DuplicateParent,
		/// A dataset is listed twice.
		DuplicateDataset,
		/// A parent does not exist.
		UnknownParent,
		/// A parent was revoked and cannot have descendants.
		ParentRevoked,
		/// A parent's licence forbids derivatives.
		ParentForbidsDerivatives,
		/// A dataset, or the version of it named, does not exist.
		UnknownDataset,
		/// A dataset's licence forbids training.
		DatasetForbidsTraining,
		/// Dataset attribution weights do not sum to exactly one.
		AttributionNotOne,
		/// The royalty split does not sum to exactly one.
		SplitNotOne,
		/// The split gives parents a share, but the model has none.
		UpstreamShareWithoutParents,
		/// The split gives datasets a share, but the model names none.
		DataShareWithoutDatasets,
		/// The model is non-commercial (by its licence, a dataset's or a parent's) so its
		/// price must be zero.
		NonCommercialPriced,
		/// The model would sit deeper than `MaxLineageDepth` below its oldest ancestor.
		LineageTooDeep,
		/// The model is deprecated or revoked.
		ModelNotActive,
		/// The model's status does not allow this change (e.g. certifying twice).
		InvalidStatusTransition,
		/// The id counter would overflow.
		IdsExhausted,
		/// The version counter would overflow.
		VersionOverflow,
	}

	/// Models present at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Models registered at genesis, in id order; parents refer to earlier entries' ids.
		pub models: Vec<GenesisModel<T::AccountId, BalanceOf<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for genesis in &self.models {
				Pallet::<T>::build_genesis_model(genesis).unwrap_or_else(|error| {
					panic!("genesis model {:?} is invalid: {error:?}", genesis.name)
				});
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxLineageDepth::get() > 0, "MaxLineageDepth must allow parents");
			assert!(T::MaxParents::get() > 0, "MaxParents must allow a parent");
			assert!(T::MaxDatasets::get() > 0, "MaxDatasets must allow a dataset");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a model with its lineage and holds [`Config::ModelDeposit`] from the
		/// caller, its owner.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register(
			parents.len().saturated_into::<u32>().min(T::MaxParents::get()),
			datasets.len().saturated_into::<u32>().min(T::MaxDatasets::get()),
		))]
		pub fn register(
			origin: OriginFor<T>,
			name: Vec<u8>,
			spec: ModelSpec,
			weights_hash: H256,
			weights_uri: Vec<u8>,
			license: ModelLicense,
			#[pallet::compact] price: BalanceOf<T>,
			split: RoyaltySplit,
			parents: Vec<ModelId>,
			datasets: Vec<DatasetUse>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let name = name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
			Self::do_register(
				owner,
				functions::Registration {
					name,
					spec,
					weights_hash,
					weights_uri,
					license,
					price,
					split,
					parents,
					datasets,
					previous_version: None,
				},
			)?;
			Ok(())
		}

		/// Registers a new version of `previous`, which the caller must own. The new version
		/// inherits the name, licence, price and split, and may name new parents and datasets.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::register_version(
			parents.len().saturated_into::<u32>().min(T::MaxParents::get()),
			datasets.len().saturated_into::<u32>().min(T::MaxDatasets::get()),
		))]
		pub fn register_version(
			origin: OriginFor<T>,
			previous: ModelId,
			spec: ModelSpec,
			weights_hash: H256,
			weights_uri: Vec<u8>,
			parents: Vec<ModelId>,
			datasets: Vec<DatasetUse>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let before = Models::<T>::get(previous).ok_or(Error::<T>::UnknownModel)?;
			ensure!(before.owner == owner, Error::<T>::NotOwner);
			ensure!(before.status != ModelStatus::Revoked, Error::<T>::ModelNotActive);
			Self::do_register(
				owner,
				functions::Registration {
					name: before.name,
					spec,
					weights_hash,
					weights_uri,
					license: before.license,
					price: before.price,
					split: before.split,
					parents,
					datasets,
					previous_version: Some((previous, before.version)),
				},
			)?;
			Ok(())
		}

		/// Sets the price of one inference (owner only). Non-commercial models stay at zero.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_price())]
		pub fn set_price(
			origin: OriginFor<T>,
			model: ModelId,
			#[pallet::compact] price: BalanceOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::mutate_owned(model, &owner, |record| {
				ensure!(record.commercial || price.is_zero(), Error::<T>::NonCommercialPriced);
				record.price = price;
				Ok(())
			})?;
			Self::deposit_event(Event::PriceSet { model, price });
			Ok(())
		}

		/// Sets how the price is divided (owner only).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_royalty_split())]
		pub fn set_royalty_split(
			origin: OriginFor<T>,
			model: ModelId,
			split: RoyaltySplit,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::mutate_owned(model, &owner, |record| {
				Self::ensure_split_fits(&split, record.parents.len(), record.datasets.len())?;
				record.split = split;
				Ok(())
			})?;
			Self::deposit_event(Event::RoyaltySplitSet { model, split });
			Ok(())
		}

		/// Certifies a registered model (governance only).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::certify())]
		pub fn certify(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Models::<T>::try_mutate(model, |maybe| -> DispatchResult {
				let record = maybe.as_mut().ok_or(Error::<T>::UnknownModel)?;
				ensure!(
					record.status == ModelStatus::Registered,
					Error::<T>::InvalidStatusTransition
				);
				record.status = ModelStatus::Certified;
				Ok(())
			})?;
			Self::deposit_event(Event::ModelCertified { model });
			Ok(())
		}

		/// Deprecates a usable model (owner only) and returns its deposit. It stays in the
		/// registry for its descendants but takes no new jobs.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::deprecate())]
		pub fn deprecate(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_deprecate(owner, model)
		}

		/// Revokes a model (governance only): no new jobs, no descendants, and the deposit
		/// still held is burned.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_revoke(model)
		}
	}
}

/// A model in the genesis config.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisModel<AccountId, Balance> {
	/// Owner and depositor.
	pub owner: AccountId,
	/// Name.
	pub name: Vec<u8>,
	/// Architecture.
	pub spec: ModelSpec,
	/// Hash of the weights record.
	pub weights_hash: sp_core::H256,
	/// Where the weights can be fetched.
	pub weights_uri: Vec<u8>,
	/// Licence.
	pub license: ModelLicense,
	/// Inference price.
	pub price: Balance,
	/// Royalty split.
	pub split: RoyaltySplit,
	/// Parent models (ids of earlier genesis models).
	pub parents: Vec<ModelId>,
	/// Datasets trained on.
	pub datasets: Vec<DatasetUse>,
}
