//! Datasets: identifiers, licence terms and the trait through which other pallets ask about
//! a dataset without depending on `pallet-datasets`.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Identifier of a registered dataset, assigned in registration order.
pub type DatasetId = u32;

/// A dataset version: 0 at registration, +1 for every accepted contribution. Models point at
/// the exact version they were trained on.
pub type DatasetVersion = u32;

/// Identifier of a proposed contribution, assigned in proposal order.
pub type ContributionId = u32;

/// A contributor's stake in a dataset: one share per accepted item. Royalties paid to the
/// dataset are split by shares.
pub type Shares = u64;

/// What a dataset's curator allows others to do with it.
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
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct License<Balance> {
	/// Models may be trained on this dataset (and list it in their lineage).
	pub training_allowed: bool,
	/// Models derived from this dataset may be used commercially, i.e. charge for inference.
	pub commercial_use_allowed: bool,
	/// Fee owed to the dataset's contributors each time it is used for training.
	pub training_fee: Balance,
}

/// Read access to datasets for other pallets (models, royalties, compute), wired by the
/// runtime to `pallet-datasets`.
pub trait DatasetInspect<Balance> {
	/// The licence of `dataset` if both it and its `version` exist, else `None`.
	fn license_at(dataset: DatasetId, version: DatasetVersion) -> Option<License<Balance>>;

	/// Total shares of `dataset` at `version`, if both exist: one per item in that version,
	/// less the shares of contributions cancelled by a dispute at or below that version.
	/// Payments for a model trained on that version are split over exactly these shares.
	fn shares_at(dataset: DatasetId, version: DatasetVersion) -> Option<Shares>;

	/// The latest version of `dataset`, if it exists. Versions only grow.
	fn latest_version(dataset: DatasetId) -> Option<DatasetVersion>;

	/// Most versions a dataset may have. Pallets that size storage by versions check their
	/// own bound against it in `integrity_test`.
	fn max_versions() -> u32;
}

/// Called by `pallet-datasets` whenever a contributor's shares change. The royalties pallet
/// settles the contributor's accrued rewards here.
pub trait OnSharesChanged<AccountId> {
	/// `who` went from `old` to `new` shares of `dataset`. An increase was added at `version`
	/// (a newly published version) and counts from it on; a decrease cancels shares that were
	/// added at `version` (an upheld dispute against that version's contribution), which earn
	/// nothing from later payments.
	fn on_shares_changed(
		dataset: DatasetId,
		version: DatasetVersion,
		who: &AccountId,
		old: Shares,
		new: Shares,
	);
}

impl<AccountId> OnSharesChanged<AccountId> for () {
	fn on_shares_changed(_: DatasetId, _: DatasetVersion, _: &AccountId, _: Shares, _: Shares) {}
}
