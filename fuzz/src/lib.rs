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
//!
//! The same runtime build also serves try-runtime against a live node ([`live`],
//! `lineage-try-runtime`, or `scripts/try-runtime`): the upgrade and `try_state` checks on the
//! node's real state.

pub mod accounts;
pub mod calls;
pub mod chain;
pub mod invariants;
pub mod live;
pub mod rng;
pub mod run;
pub mod values;
