//! # DAO pallet: Lineage's governance over OpenGov
//!
//! Lineage is governed by polkadot-sdk's OpenGov pallets: `pallet-referenda` runs referenda,
//! `pallet-conviction-voting` counts votes with conviction and delegation, `pallet-scheduler`
//! enacts, `pallet-preimage` stores proposals and `pallet-treasury` spends. This pallet holds
//! what is Lineage's own:
//!
//! - **Tracks** ([`tracks::LineageTracks`], the referenda pallet's `TracksInfo`): root,
//!   treasurer, parameters, model curator, data disputes and validator admin, each with its
//!   deposit, periods and approval and support curves.
//! - **Origins** ([`Origin`]): a referendum on a track other than root dispatches its call
//!   with that track's origin, and the runtime names these origins where it would otherwise
//!   name root: [`EnsureModelCurator`] certifies and revokes models, [`EnsureParameters`]
//!   sets dynamic parameters, [`EnsureTreasurySpender`] spends up to a cap, and so on. Only
//!   the root track dispatches as root (runtime upgrades, anything else).
//! - **Timing** ([`Timing`]): production chains use the periods in [`tracks`] (hours and
//!   days); the development and local chains' genesis selects
//!   [`GovernanceTiming::Development`], which runs the same tracks and curves in blocks, so a
//!   referendum passes and is enacted within about a minute on `lineage-node --dev`.
//! - **Disputes**, which OpenGov has no pallet for: anyone
//!   [opens](Pallet::open_dispute) a dispute against a model or an accepted contribution to a
//!   dataset (licence breach, stolen data, a copied model) with [`Config::DisputeDeposit`]
//!   held and bounded evidence (a URI and a hash); a referendum on the data disputes track
//!   [rules](Pallet::rule) on it. Upheld: a model is revoked and its owner's deposit goes to
//!   the treasury; a contribution's shares are cancelled, so it earns nothing from later
//!   payments (nothing of its contributor's is held to slash: the contribution deposit was
//!   returned at acceptance); either way the opener's deposit is returned. Rejected: the
//!   opener's deposit goes to the treasury. One open dispute per subject, at most
//!   [`Config::MaxOpenDisputes`] at once.
//!
//! ## Coupling
//!
//! The pallet knows the referenda pallet only through its `TracksInfo` trait and its track
//! types, and disputed things only through
//! [`DisputeSubjects`](lineage_primitives::disputes::DisputeSubjects) (the runtime wires it to
//! the models and datasets pallets); the runtime wires the OpenGov pallets to these tracks and origins.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod disputes;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
mod origins;
pub mod tracks;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use frame_support::traits::fungible;
pub use lineage_primitives::disputes::{DisputeId, DisputeReason, DisputeSubject, DisputeSubjects};

pub use origins::{
	EnsureDataDisputes, EnsureModelCurator, EnsureParameters, EnsureTreasurer,
	EnsureTreasurySpender, EnsureValidatorAdmin,
};
pub use pallet::*;
pub use tracks::{GovernanceTiming, LineageTracks, TrackId};
pub use weights::WeightInfo;

/// What this pallet's benchmarks need from the rest of the runtime. Each subject is answered
/// for by an account other than `opener`.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Creates a model whose upheld dispute costs the most (its owner's deposit is held).
	fn create_model_subject(opener: &AccountId) -> DisputeSubject;

	/// Creates an accepted contribution whose dispute costs the most to open and to uphold
	/// (its contributor's royalty holding at its largest).
	fn create_contribution_subject(opener: &AccountId) -> DisputeSubject;
}

/// Balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// An open dispute.
#[derive(
	codec::Encode,
	codec::Decode,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	frame_support::CloneNoBound,
	frame_support::PartialEqNoBound,
	frame_support::EqNoBound,
	frame_support::DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Dispute<T: Config> {
	/// Who opened it, and has [`Dispute::deposit`] held.
	pub opener: T::AccountId,
	/// What it is about.
	pub subject: DisputeSubject,
	/// Who answers for the subject (the model's owner, the contributor) at opening.
	pub offender: T::AccountId,
	/// Why.
	pub reason: DisputeReason,
	/// Where the evidence can be read.
	pub evidence_uri: frame_support::BoundedVec<u8, T::MaxEvidenceUriLen>,
	/// blake2-256 of the evidence, so it cannot change after opening.
	pub evidence_hash: sp_core::H256,
	/// Held from the opener until the ruling.
	pub deposit: BalanceOf<T>,
	/// When it was opened.
	pub opened_at: frame_system::pallet_prelude::BlockNumberFor<T>,
}

// The pallet macro's expansion names items by full path and `expect`s values it has just
// checked; the call bodies stay one line, the logic lives in `disputes.rs`.
#[allow(unused_qualifications, clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An open dispute's deposit.
		#[codec(index = 0)]
		DisputeDeposit,
	}

	/// Configuration of the DAO pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency dispute deposits are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The disputed things: who answers for them, and what an upheld ruling does.
		type Subjects: DisputeSubjects<Self::AccountId, BalanceOf<Self>>;

		/// Rules on disputes: the data disputes track (or root).
		type RulingOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives slashed deposits.
		type Treasury: Get<Self::AccountId>;

		/// Held from whoever opens a dispute until it is ruled on.
		type DisputeDeposit: Get<BalanceOf<Self>>;

		/// Longest evidence URI, in bytes.
		#[pallet::constant]
		type MaxEvidenceUriLen: Get<u32>;

		/// Most disputes open at once.
		#[pallet::constant]
		type MaxOpenDisputes: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Benchmark set-up.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The origins a passed referendum dispatches with, one per track other than root (which
	/// dispatches as root itself).
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// The treasurer track: treasury spends up to the spend cap.
		Treasurer,
		/// The parameters track: Lineage's dynamic runtime parameters.
		Parameters,
		/// The model curator track: certifying and revoking models.
		ModelCurator,
		/// The data disputes track: rulings on disputed models and contributions.
		DataDisputes,
		/// The validator admin track: the validator set.
		ValidatorAdmin,
	}

	/// Which periods the tracks run on: set at genesis, and changed only by a runtime
	/// upgrade's migration, so a running chain's referenda keep the periods they started with.
	#[pallet::storage]
	pub type Timing<T> = StorageValue<_, GovernanceTiming, ValueQuery>;

	/// The id the next dispute gets.
	#[pallet::storage]
	pub type NextDisputeId<T> = StorageValue<_, DisputeId, ValueQuery>;

	/// Open disputes; a ruling removes its dispute (its events stay).
	#[pallet::storage]
	pub type Disputes<T: Config> = CountedStorageMap<_, Twox64Concat, DisputeId, Dispute<T>>;

	/// The open dispute about each subject.
	#[pallet::storage]
	pub type DisputeOf<T: Config> = StorageMap<_, Twox64Concat, DisputeSubject, DisputeId>;

	/// Events of the DAO pallet.
	// Field names repeat the call arguments and records they come from; the variant docs say
	// the rest.
	#[allow(missing_docs)]
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A dispute was opened and its deposit held.
		DisputeOpened {
			dispute: DisputeId,
			subject: DisputeSubject,
			opener: T::AccountId,
			offender: T::AccountId,
			reason: DisputeReason,
			deposit: BalanceOf<T>,
		},
		/// Upheld: the model was revoked or the contribution's shares cancelled, `slashed` of
		/// the offender's went to the treasury, and the opener's deposit was returned.
		DisputeUpheld {
			dispute: DisputeId,
			subject: DisputeSubject,
			slashed: BalanceOf<T>,
			returned: BalanceOf<T>,
		},
		/// Rejected: the opener's deposit went to the treasury.
		DisputeRejected { dispute: DisputeId, subject: DisputeSubject, slashed: BalanceOf<T> },
	}

	/// Errors of the DAO pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No open dispute has this id.
		UnknownDispute,
		/// The subject already has an open dispute.
		AlreadyDisputed,
		/// [`Config::MaxOpenDisputes`] disputes are open.
		TooManyOpenDisputes,
		/// The evidence URI is longer than [`Config::MaxEvidenceUriLen`].
		EvidenceUriTooLong,
		/// The dispute ids are exhausted.
		Overflow,
	}

	/// Genesis: the governance timing of the chain.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Production periods, or the development chains' short ones.
		pub timing: GovernanceTiming,
		/// Ties the config to the runtime.
		#[serde(skip)]
		pub _config: PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Timing::<T>::put(self.timing);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			// The referenda pallet relies on the tracks being sorted by id and each track's
			// origin mapping back to it.
			assert!(tracks::check_tracks().is_ok(), "{:?}", tracks::check_tracks());
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Opens a dispute about `subject`, holding [`Config::DisputeDeposit`] from the caller
		/// until a referendum on the data disputes track rules on it.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open_dispute(evidence_uri.len() as u32))]
		pub fn open_dispute(
			origin: OriginFor<T>,
			subject: DisputeSubject,
			reason: DisputeReason,
			evidence_uri: Vec<u8>,
			evidence_hash: H256,
		) -> DispatchResult {
			let opener = ensure_signed(origin)?;
			Self::do_open_dispute(opener, subject, reason, evidence_uri, evidence_hash)
		}

		/// Rules on an open dispute (the data disputes track): `upheld` revokes a model and
		/// sends its owner's deposit to the treasury, or cancels a contribution's shares, and
		/// returns the opener's deposit; otherwise the opener's deposit goes to the treasury.
		/// Charged for the costliest ruling, refunded to the costliest of the kind that ran.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::rule_weight_bound())]
		pub fn rule(
			origin: OriginFor<T>,
			dispute: DisputeId,
			upheld: bool,
		) -> DispatchResultWithPostInfo {
			T::RulingOrigin::ensure_origin(origin)?;
			let subject = Self::do_rule(dispute, upheld)?;
			Ok(Some(Self::rule_weight(&subject, upheld)).into())
		}
	}
}
