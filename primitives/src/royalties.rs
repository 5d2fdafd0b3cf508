//! Royalty statements shared by the royalties pallet and its runtime API.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What an account has earned and can claim.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Earnings<Balance> {
	/// Claimable now.
	pub claimable: Balance,
	/// Earned over all time, claimed or not.
	pub earned: Balance,
}

/// What a model has brought in.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ModelStatement<Balance> {
	/// Paid for the model directly, over its life.
	pub revenue: Balance,
	/// Earned by its owner through it, directly or as an ancestor of paid models.
	pub owner_earned: Balance,
}
