//! Lineage's network tests: real `lineage-node` processes on loopback, spawned by
//! [zombienet-sdk](https://crates.io/crates/zombienet-sdk) on its native provider from the
//! definitions in `networks/`, and watched through their Prometheus metrics and JSON-RPC.
//!
//! What a scenario needs from a running network lives here: spawning a definition with a time
//! limit, reading a node's best and finalised heights, waiting for a condition with a deadline,
//! telling which validator authored a block (Aura's slot digest against the authority set),
//! and submitting signed calls (Lineage's transaction extensions are all standard ones, so
//! subxt's `PolkadotConfig` signs for it).

pub mod chain;
pub mod network;
