//! Weights of the polkadot-sdk pallets whose weights are generated on this machine with
//! `scripts/bench <pallet> runtime/src/weights/<pallet>.rs`.

pub mod pallet_parameters;
