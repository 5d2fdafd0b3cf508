//! # Lineage primitives
//!
//! The types that the Lineage runtime, the node and the ML engine must agree on, kept in one
//! `no_std` crate so that none of them depends on another to learn them:
//!
//! - [`datasets`]: dataset ids, versions, shares, licences, and the traits through which other
//!   pallets read datasets ([`datasets::DatasetInspect`]) or learn of share changes
//!   ([`datasets::OnSharesChanged`]);
//! - [`compute`]: workers' capabilities, attestation keys (`lnml`) and reputation;
//! - [`models`]: model ids, the architecture [`models::ModelSpec`], licences, royalty splits
//!   and lineage links;
//! - [`demo`]: the development chain's demo dataset and model, as the ML engine builds them;
//! - [`merkle`]: the Merkle root of a dataset's items, as versions record it;
//! - [`ml_jobs`]: the off-chain local storage through which the compute pallet's off-chain
//!   worker hands jobs to the node's ML service and takes their results back;
//! - [`outputs`]: fixed-point model outputs and the tolerance by which results agree;
//! - [`royalties`]: royalty statements;
//! - [`apis`]: the runtime APIs dApps query through metadata.
//!
//! Token and address constants live here too, because the runtime (existential deposit,
//! `SS58Prefix`) and the node (chain-spec properties) must print the same token.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod apis;
pub mod compute;
pub mod datasets;
pub mod demo;
pub mod disputes;
pub mod merkle;
pub mod ml_jobs;
pub mod models;
pub mod outputs;
pub mod royalties;

use sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature, OpaqueExtrinsic,
};

/// An index to a block.
pub type BlockNumber = u32;

/// Signature of a transaction; sr25519, ed25519 and ecdsa keys can all sign.
pub type Signature = MultiSignature;

/// An account on the chain: the public key behind a [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in plancks (10^-[`TOKEN_DECIMALS`] of a [`TOKEN_SYMBOL`]).
pub type Balance = u128;

/// Index of a transaction sent by an account.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// The address format used to describe who sends a transaction.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// A block whose extrinsics are opaque bytes: what the node handles without knowing the
/// runtime's call types.
pub type OpaqueBlock = generic::Block<Header, OpaqueExtrinsic>;

/// Symbol of the native token, shown by wallets.
pub const TOKEN_SYMBOL: &str = "LIN";

/// Decimal places of the native token: one LIN is `10^12` plancks.
pub const TOKEN_DECIMALS: u8 = 12;

/// SS58 address prefix of Lineage accounts. 4242 is unassigned in the ss58-registry (1.51);
/// it makes Lineage addresses distinct from other chains' so funds are not sent by mistake.
pub const SS58_PREFIX: u16 = 4242;

/// One LIN in plancks.
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of a LIN in plancks.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// One millionth of a LIN in plancks.
pub const MICRO_UNIT: Balance = 1_000_000;

/// Target block time. Aura slots have the same length: one block per slot. Durations that
/// other crates count in blocks (governance tracks, parameters) derive from it.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Blocks per minute at the target block time.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;
