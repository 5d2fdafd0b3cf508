//! # Datasets pallet: data attribution
//!
//! Datasets are registered by content hash, grow by contributions that their curator accepts,
//! and record who contributed what, so that royalties earned by models trained on them can
//! reach the people who supplied the data.
//!
//! ## Overview
//!
//! - [`Pallet::register`] records a dataset: the blake2-256 Merkle root of its items (as
//!   `lineage_primitives::merkle` defines it, which `lineage-ml hash` computes), the item
//!   count, where to fetch it, a metadata hash and its [`License`]. The registrant becomes the
//!   curator, owns the initial items as shares, and has [`Config::DatasetDeposit`] held until
//!   the dataset is retired.
//! - Anyone may [`propose_contribution`](Pallet::propose_contribution) (item root, item count),
//!   with [`Config::ContributionDeposit`] held. The curator
//!   [`accept_contribution`](Pallet::accept_contribution)s it, publishing the new root and
//!   thereby a new version, or [`reject_contribution`](Pallet::reject_contribution)s it; the
//!   contributor may [`withdraw_contribution`](Pallet::withdraw_contribution) while it waits.
//!   Either way the contribution deposit is returned: it pays for storage, not for a verdict.
//! - Versions: version 0 is the registration; each accepted contribution adds one. Every
//!   version's root, item count and block stay readable forever, because a model names the
//!   exact version it was trained on.
//! - Disputes: every accepted contribution stays on record ([`AcceptedContributions`]). A
//!   dispute upheld by governance (`pallet-dao`, through the runtime) calls
//!   [`Pallet::cancel_contribution`]: its shares are cancelled, so payments for any version
//!   from its own on are split over the remaining shares and it earns nothing from them; what
//!   it earned before stays its contributor's. The version's items and root are history and
//!   stay as published.
//! - [`transfer_curator`](Pallet::transfer_curator) hands curation to another account (the
//!   deposit stays with whoever paid it); [`retire`](Pallet::retire) closes the dataset to
//!   contributions, returns the registration deposit and every pending contribution's deposit.
//!   Versions and shares stay: existing attribution is never erased.
//!
//! ## Terminology
//!
//! - **Shares**: one per accepted item. A contributor's shares of a dataset are what royalties
//!   paid to that dataset are split by.
//! - **Curator**: the account that decides which contributions enter the dataset.
//!
//! ## Coupling
//!
//! Other pallets see datasets only through [`DatasetInspect`] (licence of a dataset version),
//! implemented here and wired by the runtime. Every change of shares (added by a new version,
//! cancelled by a dispute) calls [`Config::OnSharesChanged`] so the royalties pallet can settle
//! rewards accrued under the old share count.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod cancellation;
mod functions;
mod inspect;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

use alloc::vec::Vec;
use frame_support::traits::fungible;
pub use lineage_primitives::datasets::{
	ContributionId, DatasetId, DatasetInspect, DatasetVersion, License, OnSharesChanged, Shares,
};
pub use pallet::*;
pub use types::{AcceptedContribution, Contribution, Dataset, DatasetStatus, VersionRecord};
pub use weights::WeightInfo;

/// What this pallet's benchmarks need from the rest of the runtime (polkadot-sdk's
/// `BenchmarkHelper` pattern: benchmark set-up stays off the production traits).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Brings the state to where the next change of `who`'s shares in `dataset` costs
	/// [`Config::OnSharesChanged`] the most, so this pallet's weights include that worst case.
	fn prepare_share_change(dataset: DatasetId, who: &AccountId);
}

#[cfg(feature = "runtime-benchmarks")]
impl<AccountId> BenchmarkHelper<AccountId> for () {
	fn prepare_share_change(_: DatasetId, _: &AccountId) {}
}

/// Balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

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
	use sp_runtime::traits::StaticLookup;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for a registered, active dataset.
		#[codec(index = 0)]
		DatasetDeposit,
		/// Deposit for a contribution waiting for the curator.
		#[codec(index = 1)]
		ContributionDeposit,
	}

	/// Configuration of the datasets pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Held from the registrant of a dataset until it is retired.
		#[pallet::constant]
		type DatasetDeposit: Get<BalanceOf<Self>>;

		/// Held from a contributor while their contribution waits for the curator.
		#[pallet::constant]
		type ContributionDeposit: Get<BalanceOf<Self>>;

		/// Longest dataset URI, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// Most contributions that may wait for a dataset's curator at once. Bounds the work
		/// of retiring a dataset, which returns every waiting deposit.
		#[pallet::constant]
		type MaxPendingContributions: Get<u32>;

		/// Most versions a dataset may have, registration included. Bounds the depth of the
		/// royalties pallet's per-version index, so paying or settling a pool has a fixed worst
		/// case; a dataset that outgrows it is continued as a new dataset.
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// Most contributions of one dataset whose shares disputes may cancel. Bounds the list
		/// every payment to the dataset reads to count its shares at a version.
		#[pallet::constant]
		type MaxCancellations: Get<u32>;

		/// Told about every change of a contributor's shares (the royalties pallet).
		type OnSharesChanged: OnSharesChanged<Self::AccountId>;

		/// Weights of this pallet's calls, generated by `benchmark pallet`.
		type WeightInfo: WeightInfo;

		/// Brings other pallets' state to their worst case for this pallet's benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Id the next registered dataset gets.
	#[pallet::storage]
	pub type NextDatasetId<T> = StorageValue<_, DatasetId, ValueQuery>;

	/// Registered datasets.
	#[pallet::storage]
	pub type Datasets<T: Config> = StorageMap<_, Twox64Concat, DatasetId, Dataset<T>>;

	/// Every version of every dataset.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DatasetId,
		Twox64Concat,
		DatasetVersion,
		VersionRecord<T>,
	>;

	/// Contributors' shares of each dataset; absent means none.
	#[pallet::storage]
	pub type ContributorShares<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Blake2_128Concat, T::AccountId, Shares>;

	/// Every accepted contribution, genesis ones included, so that it can be disputed.
	#[pallet::storage]
	pub type AcceptedContributions<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, AcceptedContribution<T>>;

	/// The contributions of each dataset cancelled by disputes, as (version, shares), in
	/// cancellation order. A version's total shares leave out those cancelled at or below it.
	#[pallet::storage]
	pub type CancelledShares<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DatasetId,
		BoundedVec<(DatasetVersion, Shares), T::MaxCancellations>,
		ValueQuery,
	>;

	/// Datasets by curator, for "my datasets" queries.
	#[pallet::storage]
	pub type CuratorDatasets<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, DatasetId, ()>;

	/// Id the next proposed contribution gets.
	#[pallet::storage]
	pub type NextContributionId<T> = StorageValue<_, ContributionId, ValueQuery>;

	/// Contributions waiting for their curator.
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, Contribution<T>>;

	/// The waiting contributions of each dataset, oldest first.
	#[pallet::storage]
	pub type PendingContributions<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DatasetId,
		BoundedVec<ContributionId, T::MaxPendingContributions>,
		ValueQuery,
	>;

	/// Events of the datasets pallet.
	// Field names repeat the call arguments they come from; the variant docs say the rest.
	#[allow(missing_docs)]
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A dataset was registered at version 0.
		DatasetRegistered { dataset: DatasetId, curator: T::AccountId, root: H256, item_count: u64 },
		/// A contribution was proposed and its deposit held.
		ContributionProposed {
			contribution: ContributionId,
			dataset: DatasetId,
			contributor: T::AccountId,
			item_count: u64,
		},
		/// A contribution was accepted: the dataset has a new version and the contributor new
		/// shares.
		ContributionAccepted {
			contribution: ContributionId,
			dataset: DatasetId,
			contributor: T::AccountId,
			version: DatasetVersion,
			root: H256,
			shares: Shares,
		},
		/// The curator rejected a contribution; its deposit was returned.
		ContributionRejected { contribution: ContributionId, dataset: DatasetId },
		/// The contributor withdrew a contribution; its deposit was returned.
		ContributionWithdrawn { contribution: ContributionId, dataset: DatasetId },
		/// Curation of a dataset passed to another account.
		CuratorTransferred { dataset: DatasetId, from: T::AccountId, to: T::AccountId },
		/// An upheld dispute cancelled an accepted contribution's shares: they earn nothing
		/// from later payments.
		ContributionCancelled {
			contribution: ContributionId,
			dataset: DatasetId,
			contributor: T::AccountId,
			version: DatasetVersion,
			shares: Shares,
		},
		/// A dataset was retired; its deposit and `returned_contributions` waiting
		/// contributions' deposits were returned.
		DatasetRetired { dataset: DatasetId, returned_contributions: u32 },
	}

	/// Errors of the datasets pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No dataset has this id.
		UnknownDataset,
		/// No waiting contribution has this id.
		UnknownContribution,
		/// Only the dataset's curator may do this.
		NotCurator,
		/// Only the contribution's proposer may do this.
		NotContributor,
		/// The dataset is retired and takes no contributions.
		DatasetRetired,
		/// The URI is longer than `MaxUriLen`.
		UriTooLong,
		/// A contribution must contain at least one item.
		EmptyContribution,
		/// The dataset already has `MaxPendingContributions` contributions waiting.
		TooManyPendingContributions,
		/// The item count or a share count would overflow.
		ItemCountOverflow,
		/// The version counter would overflow.
		VersionOverflow,
		/// The dataset already has `MaxVersions` versions; continue it as a new dataset.
		TooManyVersions,
		/// The id counter would overflow.
		IdsExhausted,
		/// The account already curates this dataset.
		AlreadyCurator,
		/// No accepted contribution has this id (it is waiting, was never accepted, or was
		/// accepted before contributions were recorded).
		NotAccepted,
		/// The contribution's shares are already cancelled.
		AlreadyCancelled,
		/// The dataset already has `MaxCancellations` cancelled contributions.
		TooManyCancellations,
	}

	/// Datasets and contributions present at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Datasets registered at genesis, in id order, each with its accepted contributions.
		pub datasets: Vec<GenesisDataset<T::AccountId, BalanceOf<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for genesis in &self.datasets {
				Pallet::<T>::build_genesis_dataset(genesis).unwrap_or_else(|error| {
					panic!("genesis dataset {:?} is invalid: {error:?}", genesis.uri)
				});
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MaxPendingContributions::get() > 0,
				"MaxPendingContributions must allow at least one contribution"
			);
			assert!(T::MaxUriLen::get() > 0, "MaxUriLen must allow a URI");
			assert!(T::MaxVersions::get() > 0, "MaxVersions must allow the registration");
			assert!(T::MaxCancellations::get() > 0, "MaxCancellations must allow a cancellation");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a dataset at version 0 and holds [`Config::DatasetDeposit`] from the
		/// caller, who becomes its curator and owns its `item_count` items as shares.
		///
		/// `root` is the Merkle root of the items (`lineage_primitives::merkle::root`),
		/// `metadata` the blake2-256 hash of a metadata document.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			root: H256,
			item_count: u64,
			uri: Vec<u8>,
			metadata: H256,
			license: License<BalanceOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let uri: BoundedVec<u8, T::MaxUriLen> =
				uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
			Self::do_register(who, root, item_count, uri, metadata, license)?;
			Ok(())
		}

		/// Proposes `item_count` items with Merkle root `item_root` for an active dataset and
		/// holds [`Config::ContributionDeposit`] until the curator decides.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::propose_contribution())]
		pub fn propose_contribution(
			origin: OriginFor<T>,
			dataset: DatasetId,
			item_root: H256,
			item_count: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose(who, dataset, item_root, item_count)?;
			Ok(())
		}

		/// Accepts a waiting contribution (curator only): publishes `new_root` as the dataset's
		/// next version, gives the contributor one share per item, and returns their deposit.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::accept_contribution())]
		pub fn accept_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
			new_root: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept(who, contribution, new_root)
		}

		/// Rejects a waiting contribution (curator only) and returns its deposit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject_contribution())]
		pub fn reject_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let pending =
				Contributions::<T>::get(contribution).ok_or(Error::<T>::UnknownContribution)?;
			let dataset = Datasets::<T>::get(pending.dataset).ok_or(Error::<T>::UnknownDataset)?;
			ensure!(dataset.curator == who, Error::<T>::NotCurator);
			Self::close_contribution(contribution, &pending)?;
			Self::deposit_event(Event::ContributionRejected {
				contribution,
				dataset: pending.dataset,
			});
			Ok(())
		}

		/// Withdraws the caller's own waiting contribution and returns its deposit.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw_contribution())]
		pub fn withdraw_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let pending =
				Contributions::<T>::get(contribution).ok_or(Error::<T>::UnknownContribution)?;
			ensure!(pending.contributor == who, Error::<T>::NotContributor);
			Self::close_contribution(contribution, &pending)?;
			Self::deposit_event(Event::ContributionWithdrawn {
				contribution,
				dataset: pending.dataset,
			});
			Ok(())
		}

		/// Hands curation of a dataset to `new_curator` (curator only). The registration
		/// deposit stays with the account that paid it.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::transfer_curator())]
		pub fn transfer_curator(
			origin: OriginFor<T>,
			dataset: DatasetId,
			new_curator: <T::Lookup as StaticLookup>::Source,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let new_curator = T::Lookup::lookup(new_curator)?;
			Datasets::<T>::try_mutate(dataset, |maybe| -> DispatchResult {
				let record = maybe.as_mut().ok_or(Error::<T>::UnknownDataset)?;
				ensure!(record.curator == who, Error::<T>::NotCurator);
				ensure!(record.curator != new_curator, Error::<T>::AlreadyCurator);
				record.curator = new_curator.clone();
				Ok(())
			})?;
			CuratorDatasets::<T>::remove(&who, dataset);
			CuratorDatasets::<T>::insert(&new_curator, dataset, ());
			Self::deposit_event(Event::CuratorTransferred { dataset, from: who, to: new_curator });
			Ok(())
		}

		/// Retires a dataset (curator only): no more contributions; the registration deposit
		/// and the deposits of all waiting contributions are returned. Versions and shares
		/// stay, since models point at them.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::retire(T::MaxPendingContributions::get()))]
		pub fn retire(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let returned = Self::do_retire(who, dataset)?;
			Ok(Some(T::WeightInfo::retire(returned)).into())
		}
	}
}

/// A dataset in the genesis config: registered by `curator`, then extended by each of
/// `contributions` in order (each accepted at once, producing one version).
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisDataset<AccountId, Balance> {
	/// Curator and depositor.
	pub curator: AccountId,
	/// Merkle root of the initial items.
	pub root: sp_core::H256,
	/// Initial items, owned by the curator as shares.
	pub item_count: u64,
	/// Where the data can be fetched.
	pub uri: Vec<u8>,
	/// Hash of the metadata document.
	pub metadata: sp_core::H256,
	/// Licence terms.
	pub license: License<Balance>,
	/// Accepted contributions, in order.
	pub contributions: Vec<GenesisContribution<AccountId>>,
}

/// A contribution accepted at genesis.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisContribution<AccountId> {
	/// Who contributed, and gets the shares.
	pub contributor: AccountId,
	/// Items contributed.
	pub item_count: u64,
	/// Merkle root of the contributed items.
	pub item_root: sp_core::H256,
	/// Merkle root of the dataset once they are added: the new version's root.
	pub root_after: sp_core::H256,
}
