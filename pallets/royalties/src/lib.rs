//! # Royalties pallet: payouts along lineage
//!
//! A model's users pay its price; the payment reaches the model's owner, its parent models
//! (recursively, each by its own split), the contributors of every dataset it was trained on
//! (by attribution weight, then by each contributor's shares in the dataset version used), and
//! the treasury.
//!
//! ## Overview
//!
//! - [`Pallet::pay`] (anyone: tips, licence fees, off-chain usage settled on-chain) and
//!   [`RoyaltyPayer::pay_for_use`] (the compute pallet) move the payment into this pallet's
//!   account and divide it by the model's [`RoyaltySplit`]:
//!   - **owner**: credited to the owner's [`OwnerEarnings`], claimed with
//!     [`claim_earnings`](Pallet::claim_earnings);
//!   - **upstream**: divided equally among the parents, and each parent's part divided again
//!     by the parent's own split, down to [`Config::MaxPaidModels`] models per payment; what
//!     would go further goes to the treasury;
//!   - **data**: divided by attribution weight among the dataset versions the model was
//!     trained on and credited to each dataset's [`pool`]: one write, whatever the number of
//!     contributors or versions;
//!   - **treasury**: paid at once to [`Config::TreasuryAccount`] (the treasury pallet's
//!     account, which spends through governance and has no key to claim with); it also
//!     receives every rounding remainder of the split, so nothing is lost.
//! - [`pay_training_fee`](Pallet::pay_training_fee) pays a dataset's training fee into its pool.
//! - Contributors [`claim`](Pallet::claim) one dataset or [`claim_all`](Pallet::claim_all).
//!
//! ## Weights
//!
//! Each call is charged its worst case up front and returns the weight of what it actually
//! touched, so the fee follows: `pay` by the models it reached and the pools it credited,
//! `claim` and `claim_all` by the positions they settled and the accumulator chunks they read.
//! [`RoyaltyPayer::pay_for_use`] returns the same figure to the pallet calling it.
//!
//! ## Versions
//!
//! A contributor earns only from payments for models trained on a version that includes their
//! items: each share change, reported by the datasets pallet through
//! [`OnSharesChanged`](lineage_primitives::datasets::OnSharesChanged), opens a position that
//! counts from its version on. See [`pool`] for the accounting and its rounding bounds.
//!
//! ## Coupling
//!
//! Models are read through [`ModelInspect`], datasets through [`DatasetInspect`]; the runtime
//! wires both and points the datasets pallet's `OnSharesChanged` here.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod charges;
mod claims;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod payment;
pub mod pool;
mod shares;
mod store;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;
#[cfg(feature = "runtime-benchmarks")]
mod worst_case;

#[cfg(feature = "runtime-benchmarks")]
use alloc::vec::Vec;
pub use charges::PaidWork;
use frame_support::traits::fungible;
pub use lineage_primitives::{
	datasets::{DatasetId, DatasetInspect, DatasetVersion},
	models::{DatasetUse, ModelId, ModelInspect, RoyaltySplit},
};
pub use pallet::*;
pub use types::{ContributorAccount, Earnings, ModelStatement};
pub use weights::WeightInfo;

/// What this pallet's benchmarks need from the rest of the runtime (polkadot-sdk's
/// `BenchmarkHelper` pattern: benchmark set-up stays off the production traits).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Creates a dataset with `license` and returns it with its latest version.
	fn create_dataset(
		license: lineage_primitives::datasets::License<Balance>,
	) -> (DatasetId, DatasetVersion);

	/// Publishes versions of `dataset` up to `latest`, which becomes its latest version.
	fn publish_versions(dataset: DatasetId, latest: DatasetVersion);

	/// Registers a usable, commercial model owned by `owner` (funded as needed).
	fn create_model(
		owner: AccountId,
		split: RoyaltySplit,
		parents: Vec<ModelId>,
		datasets: Vec<DatasetUse>,
	) -> ModelId;
}

/// Balance type of the currency royalties are paid in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// How other pallets (compute) pay for the use of a model; defined with the shared types so
/// that callers need not depend on this pallet.
pub use lineage_primitives::royalties::RoyaltyPayer;

// The pallet macros expand to fully qualified paths and to `expect`s on values they have
// just checked; calls here stay thin wrappers over the modules beside it, where the lints
// apply in full.
#[allow(unused_qualifications, clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		dispatch::WithPostDispatchInfo,
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::AccountIdConversion;

	/// The in-code storage version: 2 since pools keep their accumulators in chunks.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the royalties pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency royalties are paid in. Pool arithmetic is in `u128` plancks.
		type Currency: Mutate<Self::AccountId, Balance = u128>;

		/// Where models' owners, splits, parents and datasets are read (`pallet-models`).
		type Models: ModelInspect<Self::AccountId, BalanceOf<Self>>;

		/// Where dataset versions' shares and training fees are read (`pallet-datasets`).
		type Datasets: DatasetInspect<BalanceOf<Self>>;

		/// Derives the account holding everything owed and not yet claimed.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Receives the treasury part of every payment, and every rounding remainder of a
		/// split, paid into it at once (the runtime names the treasury pallet's account). It
		/// must exist (hold its existential deposit) before the first payment.
		#[pallet::constant]
		type TreasuryAccount: Get<Self::AccountId>;

		/// Most models one payment reaches: the paid model and its ancestors. Bounds the cost
		/// of a payment whatever the shape of the lineage.
		#[pallet::constant]
		type MaxPaidModels: Get<u32>;

		/// Most datasets a model names (the models pallet's bound): each is one pool credit.
		#[pallet::constant]
		type MaxDatasetsPerModel: Get<u32>;

		/// Most versions a dataset may have (the datasets pallet's bound), at most
		/// [`pool::MAX_VERSIONS`]. A contributor holds at most one position per version, so
		/// this also bounds the positions a claim settles.
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// Most pools one `claim_all` settles, in storage order; an account in more pools
		/// claims the rest by name with `claim`.
		#[pallet::constant]
		type MaxClaimAll: Get<u32>;

		/// Weights of this pallet's calls, generated by `benchmark pallet`.
		type WeightInfo: WeightInfo;

		/// Creates the datasets and models this pallet's benchmarks pay for.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, BalanceOf<Self>>;
	}

	/// What each dataset's pool paid out; written by claims only.
	#[pallet::storage]
	pub type Pools<T> = StorageMap<_, Twox64Concat, DatasetId, pool::PoolState, ValueQuery>;

	/// Each dataset's pool by chunk index ([`pool::VERSIONS_PER_CHUNK`] versions per chunk):
	/// per-version accumulators and what was paid into them. A payment writes one.
	#[pallet::storage]
	pub type PoolChunks<T> = StorageDoubleMap<
		_,
		Twox64Concat,
		DatasetId,
		Twox64Concat,
		u32,
		pool::PoolChunk,
		ValueQuery,
	>;

	/// Contributors' positions and settled earnings in each pool.
	#[pallet::storage]
	pub type Contributors<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DatasetId,
		Blake2_128Concat,
		T::AccountId,
		ContributorAccount<T>,
		ValueQuery,
	>;

	/// The pools each account holds positions in, for `claim_all`.
	#[pallet::storage]
	pub type PoolsOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, DatasetId, ()>;

	/// Owners' (and the treasury's) credited earnings.
	#[pallet::storage]
	pub type OwnerEarnings<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Earnings<BalanceOf<T>>, ValueQuery>;

	/// What each model has brought in: paid for it directly, and earned by its owner through
	/// it (directly or as an ancestor). One item, so a payment writes it once.
	#[pallet::storage]
	pub type ModelStatements<T: Config> =
		StorageMap<_, Twox64Concat, ModelId, ModelStatement<BalanceOf<T>>, ValueQuery>;

	/// Events of the royalties pallet.
	// Field names say what they carry; the variant docs say the rest.
	#[allow(missing_docs)]
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was paid for and the payment divided: `owners` to model owners (this one
		/// and its ancestors), `data` into dataset pools, `treasury` to the treasury.
		ModelPaid {
			model: ModelId,
			payer: T::AccountId,
			amount: BalanceOf<T>,
			owners: BalanceOf<T>,
			data: BalanceOf<T>,
			treasury: BalanceOf<T>,
		},
		/// A dataset version's training fee was paid into its pool.
		TrainingFeePaid {
			dataset: DatasetId,
			version: DatasetVersion,
			payer: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// A contributor claimed from a dataset's pool.
		RoyaltiesClaimed { dataset: DatasetId, who: T::AccountId, amount: BalanceOf<T> },
		/// An owner (or the treasury) claimed its credited earnings.
		EarningsClaimed { who: T::AccountId, amount: BalanceOf<T> },
	}

	/// Errors of the royalties pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No model has this id.
		UnknownModel,
		/// The model is deprecated or revoked and takes no payments.
		ModelNotActive,
		/// The dataset, or the version named, does not exist.
		UnknownDataset,
		/// The dataset charges no training fee.
		NoTrainingFee,
		/// A payment must be more than zero.
		ZeroAmount,
		/// Nothing to claim.
		NothingToClaim,
		/// An amount exceeded what the accounting can hold.
		Overflow,
	}

	/// Funds the pallet's account with the existential deposit, so that payments smaller than
	/// it can still be held there.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		_marker: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::fund_pot();
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxPaidModels::get() > 0, "MaxPaidModels must allow the paid model");
			assert!(
				T::MaxVersions::get() <= pool::MAX_VERSIONS,
				"pools cover at most pool::MAX_VERSIONS versions"
			);
			// Holdings are sized, and claims weighed, by the datasets pallet's version bound;
			// payments are weighed by the models pallet's dataset bound.
			assert!(
				T::MaxVersions::get() >= T::Datasets::max_versions(),
				"MaxVersions must cover every version a dataset may have"
			);
			assert!(
				T::MaxDatasetsPerModel::get() >= T::Models::max_datasets(),
				"MaxDatasetsPerModel must cover every dataset a model may name"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Pays `amount` for a usable model and divides it along its lineage. Charged for the
		/// models reached and pools credited.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::pay_weight_bound())]
		pub fn pay(
			origin: OriginFor<T>,
			model: ModelId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let payer = ensure_signed(origin)?;
			let work = Self::do_pay(&payer, model, amount).map_err(|error| {
				// Only an overflow fails after the division has started; everything else fails
				// before the first model is split.
				let used = if error == Error::<T>::Overflow.into() {
					Self::pay_weight_bound()
				} else {
					Self::pay_weight(PaidWork::default())
				};
				error.with_weight(used)
			})?;
			Ok(Some(Self::pay_weight(work)).into())
		}

		/// Pays the training fee of `version` of `dataset` into its pool.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::pay_training_fee())]
		pub fn pay_training_fee(
			origin: OriginFor<T>,
			dataset: DatasetId,
			version: DatasetVersion,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			Self::do_pay_training_fee(&payer, dataset, version)
		}

		/// Claims what the caller is owed by `dataset`'s pool. Charged for the positions
		/// settled and the chunks read.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::claim_weight_bound())]
		pub fn claim(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (amount, walk) = Self::do_claim(&who, dataset)?;
			let used = Self::claim_weight(walk);
			if amount.is_zero() {
				return Err(Error::<T>::NothingToClaim.with_weight(used));
			}
			Ok(Some(used).into())
		}

		/// Claims from up to [`Config::MaxClaimAll`] of the caller's pools. Charged for the
		/// pools, positions and chunks it went through.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::claim_all_weight_bound())]
		pub fn claim_all(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_claim_all(&who)
		}

		/// Claims the caller's credited earnings as a model owner (or as the treasury).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::claim_earnings())]
		pub fn claim_earnings(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_earnings(&who)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The account holding everything owed and not yet claimed.
		pub fn pot() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// Gives the pot its existential deposit, once, at genesis. Claims never take it below
		/// that (`Preservation::Preserve`), so payments smaller than it can always be received.
		pub(crate) fn fund_pot() {
			let pot = Self::pot();
			if T::Currency::balance(&pot).is_zero() {
				let _ = T::Currency::mint_into(&pot, T::Currency::minimum_balance());
			}
		}
	}
}
