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
//!     contributors;
//!   - **treasury**: credited to [`Config::TreasuryAccount`], which claims like an owner;
//!     it also receives every rounding remainder of the split, so nothing is lost.
//! - [`pay_training_fee`](Pallet::pay_training_fee) pays a dataset's training fee into its pool.
//! - Contributors [`claim`](Pallet::claim) one dataset or [`claim_all`](Pallet::claim_all).
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
mod claims;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
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

use frame_support::traits::fungible;
pub use lineage_primitives::{
	datasets::{DatasetId, DatasetInspect, DatasetVersion},
	models::{ModelId, ModelInspect, RoyaltySplit},
};
pub use pallet::*;
pub use types::{ContributorAccount, Earnings, ModelStatement};
pub use weights::WeightInfo;

/// Balance type of the currency royalties are paid in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// How other pallets (compute) pay for the use of a model.
pub trait RoyaltyPayer<AccountId, Balance> {
	/// Moves `amount` from `payer` and divides it along the model's lineage.
	fn pay_for_use(
		payer: &AccountId,
		model: ModelId,
		amount: Balance,
	) -> frame_support::dispatch::DispatchResult;
}

// The pallet macros expand to fully qualified paths and to `expect`s on values they have
// just checked; calls here stay thin wrappers over the modules beside it, where the lints
// apply in full.
#[allow(unused_qualifications, clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::U256;
	use sp_runtime::traits::AccountIdConversion;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

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

		/// Receives the treasury part of every payment (the DAO's treasury once it exists).
		type TreasuryAccount: Get<Self::AccountId>;

		/// Most models one payment reaches: the paid model and its ancestors. Bounds the cost
		/// of a payment whatever the shape of the lineage.
		#[pallet::constant]
		type MaxPaidModels: Get<u32>;

		/// Most datasets a model names (the models pallet's bound): each is one pool credit.
		#[pallet::constant]
		type MaxDatasetsPerModel: Get<u32>;

		/// Most versions a dataset may have (the datasets pallet's bound). A pool's index has
		/// `log2` of it levels, which sets the worst case of crediting and settling a pool.
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// Most positions a contributor holds in one pool; beyond it the two oldest merge.
		#[pallet::constant]
		type MaxPositions: Get<u32>;

		/// Most pools one `claim_all` settles, in storage order; an account in more pools
		/// claims the rest by name with `claim`.
		#[pallet::constant]
		type MaxClaimAll: Get<u32>;

		/// Weights of this pallet's calls, generated by `benchmark pallet`.
		type WeightInfo: WeightInfo;
	}

	/// Each dataset's pool summary.
	#[pallet::storage]
	pub type Pools<T> = StorageMap<_, Twox64Concat, DatasetId, pool::PoolState, ValueQuery>;

	/// Fenwick nodes of each dataset's pool, by node index.
	#[pallet::storage]
	pub type PoolNodes<T> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Twox64Concat, u64, U256, ValueQuery>;

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

	/// Paid for each model directly (not as an ancestor), over its life.
	#[pallet::storage]
	pub type ModelRevenue<T: Config> =
		StorageMap<_, Twox64Concat, ModelId, BalanceOf<T>, ValueQuery>;

	/// Earned by each model's owner through that model (directly or as an ancestor).
	#[pallet::storage]
	pub type ModelOwnerEarned<T: Config> =
		StorageMap<_, Twox64Concat, ModelId, BalanceOf<T>, ValueQuery>;

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
		ModelNotUsable,
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
			assert!(T::MaxPositions::get() >= 2, "MaxPositions must allow merging two");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Pays `amount` for a usable model and divides it along its lineage.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::pay(
			T::MaxPaidModels::get(),
			T::MaxDatasetsPerModel::get()
		))]
		pub fn pay(origin: OriginFor<T>, model: ModelId, amount: BalanceOf<T>) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			Self::do_pay(&payer, model, amount)
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

		/// Claims what the caller is owed by `dataset`'s pool.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::claim(T::MaxPositions::get()))]
		pub fn claim(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let amount = Self::do_claim(&who, dataset)?;
			ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
			Ok(())
		}

		/// Claims from up to [`Config::MaxClaimAll`] of the caller's pools.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim_all(T::MaxClaimAll::get()))]
		pub fn claim_all(origin: OriginFor<T>) -> DispatchResult {
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
