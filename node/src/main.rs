//! # lineage-node
//!
//! The Lineage node: authors blocks with Aura, finalises them with GRANDPA, stores state in
//! ParityDB and serves the standard Substrate JSON-RPC (system, chain, state, author, payment,
//! grandpa) plus Prometheus metrics. Modules: [`cli`] (arguments), [`command`] (dispatch of
//! subcommands), [`chain_spec`] (dev / local / file), [`service`] (the running node),
//! [`rpc`] (RPC extensions), [`benchmarking`] (extrinsic builders for `benchmark`), [`ml`]
//! (the ML service that runs compute jobs for the workers whose keys the node holds).

// sc-cli's runner and sc-service's builders fix these (large) error types; boxing them at
// every call would only add noise.
#![allow(clippy::result_large_err, reason = "error types are dictated by sc-cli and sc-service")]

mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod ml;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
