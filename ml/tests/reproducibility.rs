//! Training is reproducible: the same spec, data, settings and seed give bit-identical
//! weights, run to run, on 1 or 2 threads, and with or without burn's `simd` and `rayon`
//! features. The last claim needs two builds, so both compare against one recorded hash:
//! `scripts/test` runs this file with the default features and with `--no-default-features
//! --features std` (no `simd`, no `rayon`).
//!
//! The recorded hash is for x86-64 (the reference machines); matrix kernels are picked at run
//! time from the CPU's instruction set, so another architecture may record another hash.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	reason = "a test that cannot unwrap or index must fail"
)]

mod common;

use common::*;
use lineage_ml::{blob::hex_of, training};

/// `digits-mlp`, `quick_settings(4)` (seed 7), the shipped digits, on the flex backend.
const REFERENCE_WEIGHTS_HASH: &str =
	"b0b05f0899a4b7c83e1cd7f68754d76335eba5cd574f48423fef576fe29a8472";

fn weights_hash_with_threads(threads: usize) -> String {
	let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
	pool.install(|| {
		let outcome =
			training::train(&spec("digits-mlp"), &digits_named(), &quick_settings(4), &mut |_| {})
				.unwrap();
		hex_of(outcome.weights_hash)
	})
}

#[test]
fn the_same_run_gives_the_same_weights_on_one_and_two_threads() {
	let one = weights_hash_with_threads(1);
	let two = weights_hash_with_threads(2);
	let again = weights_hash_with_threads(2);
	assert_eq!(one, two);
	assert_eq!(two, again);
	println!(
		"weights hash {one} (simd: {}, rayon: {})",
		cfg!(feature = "simd"),
		cfg!(feature = "rayon")
	);
	#[cfg(target_arch = "x86_64")]
	assert_eq!(one, REFERENCE_WEIGHTS_HASH);
}

#[test]
fn another_seed_gives_other_weights() {
	let spec = spec("digits-mlp");
	let a = training::train(&spec, &digits_named(), &quick_settings(1), &mut |_| {}).unwrap();
	let settings = training::TrainSettings { seed: 8, ..quick_settings(1) };
	let b = training::train(&spec, &digits_named(), &settings, &mut |_| {}).unwrap();
	assert_ne!(a.weights_hash, b.weights_hash);
}

#[test]
fn the_cnn_with_dropout_is_reproducible_too() {
	let spec = spec("digits-cnn");
	let run = || {
		training::train(&spec, &digits_named(), &quick_settings(1), &mut |_| {})
			.unwrap()
			.weights_hash
	};
	assert_eq!(run(), run());
}
