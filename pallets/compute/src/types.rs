//! Records stored by the compute pallet.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

use crate::{BalanceOf, Capabilities, Config, Reputation, WorkerKey, WorkerStatus};

/// A registered worker.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Worker<T: Config> {
	/// Held under `HoldReason::WorkerStake`; slashable until withdrawn.
	pub stake: BalanceOf<T>,
	/// What it runs.
	pub capabilities: Capabilities,
	/// The sr25519 key (`lnml`) its results are attested with.
	pub key: WorkerKey,
	/// Active, or unbonding until a block.
	pub status: WorkerStatus<BlockNumberFor<T>>,
	/// Jobs agreed, disagreed and missed.
	pub reputation: Reputation,
	/// Block of registration.
	pub registered_at: BlockNumberFor<T>,
}
