//! Shared by the integration tests: the shipped digits data and the specs in `ml/specs/`.

#![allow(dead_code, reason = "each test binary uses a different part")]

use std::{fs, io::BufReader, path::PathBuf};

use lineage_ml::{
	data::{csv, Dataset, Targets},
	training::{NamedDataset, Optimizer, TrainSettings},
};
use lineage_primitives::models::ModelSpec;

/// A file of the crate (`ml/…`).
pub(crate) fn crate_file(path: &str) -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A spec from `ml/specs/`.
pub(crate) fn spec(name: &str) -> ModelSpec {
	let text = fs::read_to_string(crate_file(&format!("specs/{name}.json"))).unwrap();
	serde_json::from_str(&text).unwrap()
}

/// The 1,797 shipped 8×8 digits.
pub(crate) fn digits() -> Dataset {
	let file = fs::File::open(crate_file("data/digits.csv")).unwrap();
	csv::read(BufReader::new(file), 64, Targets::Class).unwrap()
}

/// The digits as one named dataset.
pub(crate) fn digits_named() -> Vec<NamedDataset> {
	vec![NamedDataset { name: "digits".into(), data: digits() }]
}

/// A short run: enough to learn the digits, quick enough for a test.
pub(crate) fn quick_settings(epochs: u32) -> TrainSettings {
	TrainSettings {
		optimizer: Optimizer::Adam,
		learning_rate: 0.003,
		epochs,
		batch_size: 32,
		seed: 7,
		held_out_percent: 20,
	}
}
