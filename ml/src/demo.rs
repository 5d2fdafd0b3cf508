//! The development chain's demo assets, built from the shipped 8×8 digits
//! (`data/digits.csv`, see `data/DIGITS.md`) and the digits MLP spec: the dataset at each of
//! its genesis versions, stored in the binary format and named by its Merkle root, and the
//! demo model trained on the last version with the demo settings. `lineage-ml seed-demo` (run
//! by `lineage-node --dev --ml-worker`) puts them into a blob store; the genesis records
//! their roots and hash ([`lineage_primitives::demo`]), which `tests/demo.rs` checks.

use lineage_primitives::{
	demo::{DEMO_TRAINING, DIGITS_VERSION_ITEMS},
	models::ModelSpec,
};
use sp_core::H256;

use crate::{
	blob::BlobStore,
	data::{self, Dataset, Targets},
	error::EngineError,
	training::{self, NamedDataset},
};

const DIGITS_CSV: &str = include_str!("../data/digits.csv");
const DIGITS_MLP_SPEC: &str = include_str!("../specs/digits-mlp.json");

/// The demo model's spec.
pub fn spec() -> Result<ModelSpec, EngineError> {
	let spec: ModelSpec = serde_json::from_str(DIGITS_MLP_SPEC)
		.map_err(|_| EngineError::InvalidSettings("the shipped digits-mlp spec does not parse"))?;
	spec.check()?;
	Ok(spec)
}

/// The digits dataset at each genesis version: its first 1,000, 1,500 and 1,797 samples.
pub fn versions(spec: &ModelSpec) -> Result<Vec<Dataset>, EngineError> {
	let features = usize::try_from(spec.input.len()).unwrap_or(usize::MAX);
	let all = data::csv::read(DIGITS_CSV.as_bytes(), features, Targets::for_spec(spec))?;
	Ok(DIGITS_VERSION_ITEMS
		.iter()
		.map(|&items| {
			let indices: Vec<usize> = (0..usize::try_from(items).unwrap_or(usize::MAX)).collect();
			all.select(&indices)
		})
		.collect())
}

/// The Merkle roots of the samples each contribution added: those of each version that the
/// one before it did not have.
pub fn contribution_roots(versions: &[Dataset]) -> Vec<H256> {
	versions
		.windows(2)
		.filter_map(|pair| match pair {
			[before, after] => {
				let added: Vec<usize> = (before.len()..after.len()).collect();
				Some(after.select(&added).merkle_root())
			},
			_ => None,
		})
		.collect()
}

/// The demo model's saved weights: the spec trained on the last version with
/// [`DEMO_TRAINING`], on the CPU reference backend.
pub fn weights(spec: &ModelSpec, last: &Dataset) -> Result<Vec<u8>, EngineError> {
	let datasets = [NamedDataset { name: "digits".into(), data: last.clone() }];
	let settings = crate::job::train_settings(&DEMO_TRAINING);
	Ok(training::train(spec, &datasets, &settings, &mut |_| {})?.weights)
}

/// What [`seed`] stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seeded {
	/// Each version's Merkle root, under which the store names its binary file.
	pub roots: Vec<H256>,
	/// The demo model's weights hash.
	pub weights: H256,
}

/// Stores every demo asset in `store`: each dataset version in the binary format, named by
/// its Merkle root, and the demo model's weights.
pub fn seed(store: &BlobStore) -> Result<Seeded, EngineError> {
	let spec = spec()?;
	let versions = versions(&spec)?;
	let mut roots = Vec::with_capacity(versions.len());
	for version in &versions {
		let mut bytes = Vec::new();
		data::binary::write(version, &mut bytes)?;
		let hash = store.put(&bytes)?;
		let root = version.merkle_root();
		store.name(root, hash)?;
		roots.push(root);
	}
	let last = versions.last().ok_or(EngineError::InvalidSettings("no demo version"))?;
	let weights = store.put(&weights(&spec, last)?)?;
	Ok(Seeded { roots, weights })
}
