//! # Lineage runtime
//!
//! The state transition function of the Lineage chain, compiled to WASM for the chain and
//! natively for tests. This crate only assembles: each pallet's configuration lives in
//! [`configs`], the runtime APIs the node and dApps call in [`apis`], and the genesis presets
//! (`development`, `local_testnet`) in [`genesis_config_presets`].
//!
//! Shared types (account, balance, block number, token constants) come from
//! `lineage-primitives`, so the node and the ML engine use the very same definitions.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand to many public items that cannot carry
// doc comments; the items written by hand here are documented.
#![allow(missing_docs)]
// The `#[frame_support::runtime]` expansion refers to items by their full paths.
#![allow(unused_qualifications)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Declared before `apis`, whose benchmark API uses the macros it defines.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod genesis_demo;
#[cfg(feature = "runtime-benchmarks")]
mod session_benchmarks;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{generic, impl_opaque_keys};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use lineage_primitives::{
	AccountId, Address, Balance, BlockNumber, Hash, Header, Nonce, Signature, DAYS, HOURS,
	MICRO_UNIT, MILLI_SECS_PER_BLOCK, MILLI_UNIT, MINUTES, SS58_PREFIX, TOKEN_DECIMALS,
	TOKEN_SYMBOL, UNIT,
};
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node uses without knowing this runtime's call types.
pub mod opaque {
	use super::*;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = lineage_primitives::Header;
	/// Opaque block type.
	pub type Block = lineage_primitives::OpaqueBlock;
	/// Opaque block hash type.
	pub type Hash = lineage_primitives::Hash;

	impl_opaque_keys! {
		/// The keys a validator registers: Aura for authoring, GRANDPA for finality.
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}
pub use opaque::SessionKeys;

/// The runtime's identity. Bump `spec_version` on every change of logic, and
/// `transaction_version` whenever a call's index or parameters change.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("lineage"),
	impl_name: Cow::Borrowed("lineage-node"),
	authoring_version: 1,
	spec_version: 109,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Length of an Aura slot: one block per slot.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// The smallest balance an account may hold; below it the account is removed ("reaped").
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with the justifications that finalised it.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The checks and payments applied to every signed transaction, in order. Wallets build the
/// same tuple from the metadata; changing it changes `transaction_version`.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade. Each entry is versioned
/// (`VersionedMigration`), so running one twice is impossible; on a chain already at the
/// target version (every chain started from this runtime's genesis) each is a no-op.
type Migrations = (
	pallet_royalties::migrations::v2::MigrateToChunkedPools<Runtime>,
	pallet_royalties::migrations::v3::MigrateToOneWritePools<Runtime>,
	pallet_compute::migrations::v2::MigrateToCapableActiveList<Runtime>,
	pallet_royalties::migrations::v4::MigrateTreasuryEarnings<
		Runtime,
		configs::LegacyRoyaltiesTreasury,
	>,
	pallet_validators::migrations::v1::MigrateToV1<Runtime>,
);

/// Executive: handles dispatch to the various pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Genesis builds in this order: the validator set before the session, which reads it, and
	// both after balances, so validators' accounts exist when their session keys are stored.
	// The session's genesis hands Aura and GRANDPA their first authorities.
	#[runtime::pallet_index(13)]
	pub type Validators = pallet_validators;

	#[runtime::pallet_index(14)]
	pub type Session = pallet_session;

	// Sudo has a key only in the `development` preset; every other chain is governed by
	// referenda (OpenGov below, on `pallet_dao`'s tracks).
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	// Values governance sets without an upgrade (`configs/parameters.rs`).
	#[runtime::pallet_index(7)]
	pub type Parameters = pallet_parameters;

	// OpenGov (`configs/governance.rs`, `configs/treasury.rs`).
	#[runtime::pallet_index(8)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(9)]
	pub type Scheduler = pallet_scheduler;

	#[runtime::pallet_index(10)]
	pub type Referenda = pallet_referenda;

	#[runtime::pallet_index(11)]
	pub type ConvictionVoting = pallet_conviction_voting;

	#[runtime::pallet_index(12)]
	pub type Treasury = pallet_treasury;

	// Lineage's own pallets start at 20; 13 and 14 (session and the validator set) are
	// declared above, next to consensus.
	#[runtime::pallet_index(20)]
	pub type Datasets = pallet_datasets;

	#[runtime::pallet_index(21)]
	pub type Models = pallet_models;

	#[runtime::pallet_index(22)]
	pub type Royalties = pallet_royalties;

	#[runtime::pallet_index(23)]
	pub type Compute = pallet_compute;

	// Lineage's tracks, origins and disputes over OpenGov.
	#[runtime::pallet_index(24)]
	pub type Dao = pallet_dao;
}
