//! Weights of the polkadot-sdk pallets whose weights are generated on this machine with
//! `scripts/bench <pallet> runtime/src/weights/<pallet>.rs`.

pub mod pallet_conviction_voting;
pub mod pallet_parameters;
pub mod pallet_preimage;
pub mod pallet_referenda;
pub mod pallet_scheduler;
pub mod pallet_treasury;
