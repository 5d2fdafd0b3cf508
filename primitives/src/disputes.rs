//! Disputes: anyone may contest a model or an accepted contribution to a dataset (a licence
//! breach, stolen data, a copied model) with a held deposit and evidence; governance rules on
//! the data disputes track (`pallet-dao`). The pallet ruling knows the disputed things only
//! through [`DisputeSubjects`].

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::DispatchError;

use crate::{datasets::ContributionId, models::ModelId};

/// Identifier of a dispute, assigned in opening order.
pub type DisputeId = u32;

/// What a dispute is about.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum DisputeSubject {
	/// A registered model: upheld, it is revoked and its owner's deposit slashed.
	#[codec(index = 0)]
	Model(ModelId),
	/// A contribution accepted into a dataset: upheld, its shares are cancelled, so it earns
	/// nothing from later payments (what it earned before stays its contributor's).
	#[codec(index = 1)]
	Contribution(ContributionId),
}

/// Why a dispute was opened; the evidence says the rest.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum DisputeReason {
	/// The subject breaks the licence of data or a model it was built from.
	#[codec(index = 0)]
	LicenceBreach,
	/// The subject was trained on, or is, data its owner had no right to.
	#[codec(index = 1)]
	StolenData,
	/// The model copies another's weights under a new name.
	#[codec(index = 2)]
	CopiedModel,
	/// Anything else the evidence explains.
	#[codec(index = 3)]
	Other,
}

/// How the disputed things answer to a ruling: implemented by the runtime over the models and
/// datasets pallets.
pub trait DisputeSubjects<AccountId, Balance> {
	/// Who answers for `subject` (a model's owner, a contribution's contributor), if it exists
	/// and can still be disputed (a revoked model or a cancelled contribution cannot).
	fn offender(subject: &DisputeSubject) -> Result<AccountId, DispatchError>;

	/// Enforces an upheld ruling: a model is revoked and what its owner holds for it moves to
	/// `treasury`; a contribution's shares are cancelled. Returns the amount moved to
	/// `treasury`: zero if governance revoked the model meanwhile, and zero for a
	/// contribution, whose deposit was returned when it was accepted.
	fn uphold(subject: &DisputeSubject, treasury: &AccountId) -> Result<Balance, DispatchError>;
}
