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
//! - [`backend`]: the CPU reference backend (`flex`) and the GPU ones (`wgpu`, `cuda`), chosen
//!   at the edge; model code never names a backend.
//!
//! The numeric code is off-chain and works in `f32`, with the chain-facing results (weights
//! hash, fixed-point outputs, attribution parts) made exact at the boundary.

#![allow(
	clippy::arithmetic_side_effects,
	reason = "off-chain numeric code: float and tensor arithmetic; index arithmetic is bounded by buffer lengths"
)]
#![recursion_limit = "256"]

pub mod backend;
pub mod blob;
pub mod data;
pub mod error;
pub mod hash;
pub mod import;
pub mod inference;
pub mod model;
pub mod rng;
pub mod training;

pub use error::{DataError, EngineError, StoreError};

/// This engine's version, reported in attestations.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
