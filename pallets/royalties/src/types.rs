//! Records stored by the royalties pallet.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use scale_info::TypeInfo;

pub use lineage_primitives::royalties::{Earnings, ModelStatement};

use crate::{pool::Position, BalanceOf, Config};

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
	/// Shares by the version they count from, oldest first.
	pub positions: BoundedVec<Position, T::MaxPositions>,
	/// Settled from the positions but not yet claimed.
	pub settled: BalanceOf<T>,
	/// Everything ever owed to this contributor by this pool (claimed or not).
	pub earned: BalanceOf<T>,
	/// How often the two oldest positions were merged for lack of room. Each merge makes the
	/// older shares miss payments for the versions in between; that money stays in the pool.
	pub merges: u32,
}
