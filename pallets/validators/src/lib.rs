//! # Validators pallet: the validator set under governance
//!
//! Who authors blocks (Aura) and votes on finality (GRANDPA) is decided by governance, not
//! by stake: this pallet keeps the set governance wants and hands it to `pallet-session`,
//! which rotates the authorities at session boundaries.
//!
//! ## Overview
//!
//! - [`add_validator`](Pallet::add_validator) and [`remove_validator`](Pallet::remove_validator)
//!   change the set; both need [`Config::ManagerOrigin`] (the DAO's root track on Lineage,
//!   sudo on the development chain). An account can only be added once it has registered
//!   session keys (`session.setKeys`), so a validator that cannot author never enters the set;
//!   the set never shrinks below [`Config::MinValidators`] or grows past
//!   [`Config::MaxValidators`].
//! - A change is handed to `pallet-session` at the next session change, which queues it; the
//!   session after that runs with it. So a validator added during session `n` authors from
//!   session `n + 2`, the delay `pallet-session` keeps so that the outgoing set can still be
//!   held to account for what it did.
//! - Sessions last [`SessionLength`] blocks, which governance changes with
//!   [`set_session_length`](Pallet::set_session_length) (at least
//!   [`Config::MinSessionLength`]); the pallet is the session pallet's `ShouldEndSession` and
//!   `NextSessionRotation`, so a new length applies to the session under way.
//!
//! ## Coupling
//!
//! The pallet implements `pallet_session::SessionManager` and `ShouldEndSession`; the runtime
//! wires them in. Whether an account has session keys is asked through [`SessionKeysRegistry`],
//! which the runtime answers from `pallet-session`'s storage.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod session;
#[cfg(test)]
mod tests;
pub mod weights;

pub use pallet::*;
pub use weights::WeightInfo;

/// Whether an account has registered the session keys it would validate with.
pub trait SessionKeysRegistry<AccountId> {
	/// `true` if `who` has session keys that the next session change would use.
	fn has_keys(who: &AccountId) -> bool;

	/// Registers session keys for `who`, funding what that costs (benchmarks only).
	#[cfg(feature = "runtime-benchmarks")]
	fn register_keys(who: &AccountId);
}

// The pallet macros expand to fully qualified paths and to `expect`s on values they have
// just checked.
#[allow(unused_qualifications, clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The storage layout's version; [`migrations`](crate::migrations) moves a chain from
	/// each version to the next.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the validators pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// May add and remove validators and change the session length.
		type ManagerOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most validators the set holds (the consensus pallets' authority bound).
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Fewest validators the set may be left with.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Shortest session governance may set.
		#[pallet::constant]
		type MinSessionLength: Get<BlockNumberFor<Self>>;

		/// Which accounts have session keys (`pallet-session`).
		type SessionKeys: SessionKeysRegistry<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The validator set governance has decided on. It reaches `pallet-session` at the next
	/// session change (see [`SetChanged`]).
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since it was last handed to `pallet-session`.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// How many blocks a session lasts.
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The block the current session started at.
	#[pallet::storage]
	pub type SessionStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The initial validators and session length.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions; each needs session keys in `pallet-session`'s
		/// genesis too.
		pub validators: Vec<T::AccountId>,
		/// How many blocks a session lasts; zero means [`Config::MinSessionLength`].
		pub session_length: BlockNumberFor<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut unique = self.validators.clone();
			unique.sort();
			unique.dedup();
			assert!(unique.len() == self.validators.len(), "genesis validators are unique");
			// An empty set is the default config's, which tooling builds; a chain from it has no
			// authorities. Any chain that is meant to run names at least the minimum.
			assert!(
				self.validators.is_empty()
					|| self.validators.len() >= T::MinValidators::get() as usize,
				"genesis has no validators or at least MinValidators",
			);
			let validators = BoundedVec::<_, T::MaxValidators>::try_from(self.validators.clone())
				.expect("genesis has at most MaxValidators validators");
			Validators::<T>::put(validators);
			let length = if self.session_length.is_zero() {
				T::MinSessionLength::get()
			} else {
				self.session_length
			};
			assert!(length >= T::MinSessionLength::get(), "genesis session length is allowed");
			SessionLength::<T>::put(length);
		}
	}

	/// What this pallet did.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the validator set at the session after next.
		ValidatorAdded {
			/// The new validator.
			who: T::AccountId,
		},
		/// `who` leaves the validator set at the session after next.
		ValidatorRemoved {
			/// The departing validator.
			who: T::AccountId,
		},
		/// Sessions now last `length` blocks, the current one included.
		SessionLengthSet {
			/// The new length, in blocks.
			length: BlockNumberFor<T>,
		},
	}

	/// Why a call failed.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The account has no session keys: it must call `session.setKeys` first.
		NoSessionKeys,
		/// The set holds `MaxValidators` already.
		TooManyValidators,
		/// Removing the validator would leave fewer than `MinValidators`.
		TooFewValidators,
		/// Sessions cannot be shorter than `MinSessionLength`.
		SessionTooShort,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who` to the validator set from the session after next. `who` must have set its
		/// session keys. Charged for the largest set, refunded to the set's actual size.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(
			origin: OriginFor<T>,
			who: T::AccountId,
		) -> DispatchResultWithPostInfo {
			T::ManagerOrigin::ensure_origin(origin)?;
			let size = Self::do_add_validator(who)?;
			Ok(Some(T::WeightInfo::add_validator(size)).into())
		}

		/// Removes `who` from the validator set from the session after next. Charged for the
		/// largest set, refunded to the set's actual size.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(
			origin: OriginFor<T>,
			who: T::AccountId,
		) -> DispatchResultWithPostInfo {
			T::ManagerOrigin::ensure_origin(origin)?;
			let size = Self::do_remove_validator(who)?;
			Ok(Some(T::WeightInfo::remove_validator(size)).into())
		}

		/// Sets how many blocks a session lasts, from the current session on.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_session_length())]
		pub fn set_session_length(
			origin: OriginFor<T>,
			length: BlockNumberFor<T>,
		) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			ensure!(length >= T::MinSessionLength::get(), Error::<T>::SessionTooShort);
			SessionLength::<T>::put(length);
			Self::deposit_event(Event::SessionLengthSet { length });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Adds `who`; returns the set's size before the change.
		fn do_add_validator(who: T::AccountId) -> Result<u32, DispatchError> {
			ensure!(T::SessionKeys::has_keys(&who), Error::<T>::NoSessionKeys);
			let size = Validators::<T>::try_mutate(|validators| {
				let size = validators.len() as u32;
				ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
				validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
				Ok::<_, Error<T>>(size)
			})?;
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(size)
		}

		/// Removes `who`; returns the set's size before the change.
		fn do_remove_validator(who: T::AccountId) -> Result<u32, DispatchError> {
			let size = Validators::<T>::try_mutate(|validators| {
				let size = validators.len() as u32;
				ensure!(validators.contains(&who), Error::<T>::NotValidator);
				ensure!(size > T::MinValidators::get(), Error::<T>::TooFewValidators);
				validators.retain(|validator| validator != &who);
				Ok::<_, Error<T>>(size)
			})?;
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(size)
		}
	}
}
