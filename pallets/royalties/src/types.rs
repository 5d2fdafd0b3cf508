//! Records stored by the royalties pallet.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use scale_info::TypeInfo;

pub use lineage_primitives::royalties::{Earnings, ModelStatement};

use crate::{pool::Holding, BalanceOf, Config};

/// A contributor's standing in one dataset's pool.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	frame_support::DefaultNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct ContributorAccount<T: Config> {
	/// Shares by the version they count from (one position per version, so at most a
	/// dataset's [`Config::MaxVersions`]), and what was already accounted for them.
	pub holding: Holding<T::MaxVersions>,
	/// Settled from the holding but not yet claimed.
	pub settled: BalanceOf<T>,
	/// Everything ever owed to this contributor by this pool (claimed or not).
	pub earned: BalanceOf<T>,
}
