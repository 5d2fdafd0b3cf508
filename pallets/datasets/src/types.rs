//! Records stored by the datasets pallet.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::datasets::{DatasetId, DatasetVersion, License, Shares};
use scale_info::TypeInfo;
use sp_core::H256;

use crate::{BalanceOf, Config};

/// Whether a dataset still takes contributions.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum DatasetStatus {
	/// Takes contributions.
	Active,
	/// Closed by its curator: no new contributions; versions and shares stay, since models
	/// point at them.
	Retired,
}

/// A registered dataset. Shares follow items: `item_count` is also the total of all
/// contributors' shares, less those of contributions cancelled by disputes.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Dataset<T: Config> {
	/// Accepts or rejects contributions and publishes versions.
	pub curator: T::AccountId,
	/// Paid the registration deposit and gets it back at retirement (the curator may have
	/// changed since).
	pub depositor: T::AccountId,
	/// Held from `depositor` while the dataset is active; zero once retired.
	pub deposit: BalanceOf<T>,
	/// blake2-256 Merkle root of the latest version's items.
	pub root: H256,
	/// Items in the latest version: the total of all shares, less cancelled ones.
	pub item_count: u64,
	/// Accounts holding shares.
	pub contributors: u32,
	/// Where the data can be fetched.
	pub uri: BoundedVec<u8, T::MaxUriLen>,
	/// blake2-256 hash of the off-chain metadata document (schema, description).
	pub metadata: H256,
	/// What others may do with the data.
	pub license: License<BalanceOf<T>>,
	/// The latest version; versions `0..=latest_version` are all stored.
	pub latest_version: DatasetVersion,
	/// Active or retired.
	pub status: DatasetStatus,
	/// Block of registration.
	pub registered_at: BlockNumberFor<T>,
}

/// One version of a dataset, kept forever because models point at it.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct VersionRecord<T: Config> {
	/// Merkle root of the version's items.
	pub root: H256,
	/// Items (and total shares) in the version.
	pub item_count: u64,
	/// Block the version was published in.
	pub created_at: BlockNumberFor<T>,
}

/// A contribution waiting for the curator's decision.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Contribution<T: Config> {
	/// The dataset it would extend.
	pub dataset: DatasetId,
	/// Who proposed it, and who gets its shares.
	pub contributor: T::AccountId,
	/// Merkle root of the contributed items.
	pub item_root: H256,
	/// Items contributed: the shares the contributor gets if accepted.
	pub item_count: u64,
	/// Held from the contributor until the contribution is accepted, rejected or withdrawn.
	pub deposit: BalanceOf<T>,
	/// Block of the proposal.
	pub proposed_at: BlockNumberFor<T>,
}

/// A contribution the curator accepted, kept so that it can be disputed: an upheld dispute
/// cancels its shares.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct AcceptedContribution<T: Config> {
	/// The dataset it extended.
	pub dataset: DatasetId,
	/// Who contributed it, and got its shares.
	pub contributor: T::AccountId,
	/// The version it published.
	pub version: DatasetVersion,
	/// Merkle root of the contributed items.
	pub item_root: H256,
	/// The shares it gave its contributor: one per item.
	pub shares: Shares,
	/// Block of acceptance.
	pub accepted_at: BlockNumberFor<T>,
	/// Block in which a dispute cancelled its shares, if one did.
	pub cancelled_at: Option<BlockNumberFor<T>>,
}
