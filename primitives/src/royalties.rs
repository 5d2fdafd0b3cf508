//! Royalty statements shared by the royalties pallet and its runtime API, and the trait
//! through which other pallets (compute) pay for the use of a model.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchError, Weight};

use crate::{
	datasets::{DatasetId, DatasetVersion},
	models::ModelId,
};

/// How other pallets (compute) pay for the use of a model; implemented by the royalties
/// pallet, which divides each payment along the model's lineage.
pub trait RoyaltyPayer<AccountId, Balance> {
	/// The most [`pay_for_use`](Self::pay_for_use) can weigh: what a caller charges up front.
	fn pay_for_use_weight() -> Weight;

	/// Moves `amount` from `payer` and divides it along the model's lineage. Returns the
	/// weight it actually used, at most [`pay_for_use_weight`](Self::pay_for_use_weight), for
	/// the caller's refund. Callers that cannot undo a failure run it in a storage
	/// transaction: an error may come after part of the payment moved.
	fn pay_for_use(
		payer: &AccountId,
		model: ModelId,
		amount: Balance,
	) -> Result<Weight, DispatchError>;

	/// The most [`pay_training_fee`](Self::pay_training_fee) weighs.
	fn pay_training_fee_weight() -> Weight;

	/// Moves `amount`, a training fee, from `payer` to the contributors of `version` of
	/// `dataset` (to the treasury if that version has none). Returns the weight used. As
	/// with [`pay_for_use`](Self::pay_for_use), callers run it in a storage transaction.
	fn pay_training_fee(
		payer: &AccountId,
		dataset: DatasetId,
		version: DatasetVersion,
		amount: Balance,
	) -> Result<Weight, DispatchError>;
}

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
