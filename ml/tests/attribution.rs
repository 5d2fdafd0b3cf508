//! Leave-one-dataset-out attribution on the digits split into parts, one of them labels
//! scrambled: the weights sum to exactly one, the useless part gets the least, and two
//! measurements of the same run agree exactly.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	reason = "a test that cannot unwrap or index must fail"
)]

mod common;

use common::*;
use lineage_ml::{
	data::Dataset,
	training::{attribute, NamedDataset},
};

fn parts() -> Vec<NamedDataset> {
	let digits = digits();
	let first: Vec<usize> = (0..700).collect();
	let second: Vec<usize> = (700..1400).collect();
	let rest: Vec<usize> = (1400..digits.len()).collect();
	// The last part with every label moved to a wrong class: it can only mislead.
	let mut scrambled = Dataset::new(64, digits.targets()).unwrap();
	for &index in &rest {
		let (x, y) = digits.sample(index).unwrap();
		scrambled.push(x, &[((y[0] as u32 + 3) % 10) as f32]).unwrap();
	}
	vec![
		NamedDataset { name: "first".into(), data: digits.select(&first) },
		NamedDataset { name: "second".into(), data: digits.select(&second) },
		NamedDataset { name: "scrambled".into(), data: scrambled },
	]
}

#[test]
fn useful_data_gets_the_weight_and_the_measure_is_deterministic() {
	let spec = spec("digits-mlp");
	let settings = quick_settings(4);
	let shares = attribute(&spec, &parts(), &settings).unwrap();
	assert_eq!(shares.len(), 3);
	let total: u64 = shares.iter().map(|s| u64::from(s.weight_parts)).sum();
	assert_eq!(total, 1_000_000_000);
	let sample_total: f64 = shares.iter().map(|s| s.sample_share).sum();
	assert!((sample_total - 1.0).abs() < 1e-9);
	let scrambled = &shares[2];
	assert!(scrambled.influence < 0.0, "scrambled labels should hurt: {shares:?}");
	assert_eq!(scrambled.weight_parts, 0);
	assert!(shares[0].weight_parts > 0 && shares[1].weight_parts > 0, "{shares:?}");
	assert_eq!(attribute(&spec, &parts(), &settings).unwrap(), shares);
}

#[test]
fn one_dataset_is_measured_against_the_untrained_model() {
	let spec = spec("digits-mlp");
	let shares = attribute(&spec, &digits_named(), &quick_settings(2)).unwrap();
	assert_eq!(shares.len(), 1);
	assert_eq!(shares[0].weight_parts, 1_000_000_000);
	assert_eq!(shares[0].sample_share, 1.0);
	assert!(shares[0].influence > 0.5, "{shares:?}");
}
