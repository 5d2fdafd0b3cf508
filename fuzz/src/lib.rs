//! Lineage's runtime fuzzer, in the manner of srlabs' substrate-runtime-fuzzer: random
//! sequences of signed extrinsics from every pallet's calls ([`calls::PALLETS`]), signed by
//! funded, poor and unfunded accounts ([`accounts`]), with arguments biased towards edge
//! values ([`values`]), in blocks of random size and random slot gaps, applied through
//! `Executive` on the native runtime built from the `development` preset ([`chain`]). After
//! every block the [`invariants`] are checked; a panic anywhere is a finding. A seed replays
//! a run exactly ([`rng`]), down to the state root.
//!
//! `cargo run --release --bin lineage-fuzz -- --extrinsics N --seed S` (or `scripts/fuzz`)
//! runs it at length and prints what it covered.

pub mod accounts;
pub mod calls;
pub mod chain;
pub mod invariants;
pub mod rng;
pub mod run;
pub mod values;
