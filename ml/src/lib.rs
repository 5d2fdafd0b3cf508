//! `lineage-ml`: Lineage's ML engine on burn 0.22.
//!
//! - [`model`]: builds the burn module a chain [`ModelSpec`](lineage_primitives::models::ModelSpec)
//!   describes (MLP or CNN); an invalid spec is a typed error.
//! - [`training`]: reproducible training (same spec, data, settings and seed → the same
//!   weights hash, whatever the thread count or burn's `simd`/`rayon` features) and
//!   leave-one-dataset-out [`attribution`](training::attribution).
//! - [`inference`]: batch inputs → fixed-point `i32` outputs the chain compares with a
//!   tolerance.
//! - [`data`]: CSV and the `LMLD` binary dataset format, and the Merkle root the datasets
//!   pallet records; [`blob`]: a content-addressed store; [`import`]: files and URIs into it.
//! - [`job`]: runs a chain job for the node's ML service (`lineage-ml run-job`), with typed
//!   failures; [`demo`]: the development chain's demo dataset and model.
//! - [`backend`]: the CPU reference backend (`flex`) and the GPU ones (`wgpu`, `cuda`), chosen
//!   at the edge; model code never names a backend.
//!
//! The numeric code is off-chain and works in `f32`, with the chain-facing results (weights
//! hash, fixed-point outputs, attribution parts) made exact at the boundary.
//!
//! Without the `std` feature (on by default) the crate is `no_std`: [`model`], [`inference`]
//! (less [`evaluate`](inference::Inference::evaluate)), [`hash`], [`rng`], [`backend`] and
//! the errors remain, enough to run a model from its spec and saved weights in a wasm
//! runtime; training, dataset files, the blob store, the importer and the CLI need `std`.

#![allow(
	clippy::arithmetic_side_effects,
	reason = "off-chain numeric code: float and tensor arithmetic; index arithmetic is bounded by buffer lengths"
)]
#![recursion_limit = "256"]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod backend;
#[cfg(feature = "std")]
pub mod blob;
#[cfg(feature = "std")]
pub mod data;
#[cfg(feature = "std")]
pub mod demo;
pub mod error;
pub mod hash;
#[cfg(feature = "std")]
pub mod import;
pub mod inference;
#[cfg(feature = "std")]
pub mod job;
pub mod model;
pub mod rng;
#[cfg(feature = "std")]
pub mod training;

pub use error::{DataError, EngineError, StoreError};

/// This engine's version, reported in attestations.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
