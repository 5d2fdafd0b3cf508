//! try-runtime against a live node: its state downloaded over JSON-RPC at a block
//! ([`snapshot`]), checked against the block's state root, then loaded into the native runtime
//! built from this checkout with `try-runtime`, which runs the upgrade the next runtime would
//! run and re-executes the latest blocks ([`checks`]). What `try-runtime-cli on-runtime-upgrade`
//! and `execute-block` do, without a second WASM build of the runtime.

pub mod checks;
pub mod rpc;
pub mod snapshot;
