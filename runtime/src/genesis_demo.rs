//! The demo dataset and model the `development` preset starts with, so that a newcomer running
//! `lineage-node --dev` finds lineage to query at block 0.
//!
//! The dataset's roots and the model's weights hash are those of the real assets the ML engine
//! builds from the shipped 8×8 digits ([`lineage_primitives::demo`], checked by the engine's
//! tests), so a `--dev --ml-worker` node serves them; only the dataset's metadata hash is a
//! label's.

use alloc::{vec, vec::Vec};
use lineage_primitives::{
	datasets::License,
	demo::{
		DEMO_WEIGHTS_HASH, DIGITS_CONTRIBUTION_ROOTS, DIGITS_VERSION_ITEMS, DIGITS_VERSION_ROOTS,
	},
	models::{
		Activation, Architecture, DatasetUse, InputShape, ModelLicense, ModelSpec, RoyaltySplit,
		Task,
	},
};
use pallet_datasets::{GenesisContribution, GenesisDataset};
use pallet_models::GenesisModel;
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	BoundedVec, Perbill, Permill,
};

use crate::{AccountId, Balance, MILLI_UNIT};

/// Id of the demo dataset: the first registered.
pub const DEMO_DATASET: u32 = 0;
/// Id of the demo model: the first registered.
pub const DEMO_MODEL: u32 = 0;

fn label_hash(label: &str) -> H256 {
	BlakeTwo256::hash(label.as_bytes())
}

/// The 8×8 handwritten digits (1,797 images): curated by Alice with 1,000 images, then 500
/// from Bob and 297 from Charlie, so it sits at version 2.
pub fn datasets() -> Vec<GenesisDataset<AccountId, Balance>> {
	vec![GenesisDataset {
		curator: Sr25519Keyring::Alice.to_account_id(),
		root: DIGITS_VERSION_ROOTS[0],
		item_count: DIGITS_VERSION_ITEMS[0],
		uri: b"lineage://demo/digits-8x8.csv".to_vec(),
		metadata: label_hash("lineage-demo/digits/metadata"),
		license: License {
			training_allowed: true,
			commercial_use_allowed: true,
			training_fee: 100 * MILLI_UNIT,
		},
		contributions: vec![
			GenesisContribution {
				contributor: Sr25519Keyring::Bob.to_account_id(),
				item_count: DIGITS_VERSION_ITEMS[1].saturating_sub(DIGITS_VERSION_ITEMS[0]),
				item_root: DIGITS_CONTRIBUTION_ROOTS[0],
				root_after: DIGITS_VERSION_ROOTS[1],
			},
			GenesisContribution {
				contributor: Sr25519Keyring::Charlie.to_account_id(),
				item_count: DIGITS_VERSION_ITEMS[2].saturating_sub(DIGITS_VERSION_ITEMS[1]),
				item_root: DIGITS_CONTRIBUTION_ROOTS[1],
				root_after: DIGITS_VERSION_ROOTS[2],
			},
		],
	}]
}

/// The demo model's architecture: an MLP over the 8×8 digit images, 64 → 32 → 10 classes,
/// outputs published at 2^16 per unit.
pub fn digits_mlp_spec() -> ModelSpec {
	ModelSpec {
		input: InputShape::Image { channels: 1, height: 8, width: 8 },
		architecture: Architecture::Mlp {
			hidden: BoundedVec::truncate_from(vec![32]),
			activation: Activation::Relu,
			dropout: Permill::zero(),
		},
		outputs: 10,
		task: Task::Classification,
		output_scale: 1 << 16,
	}
}

/// A 64 → 32 → 10 MLP owned by Dave, trained on version 2 of the digits, sold at 10 mLIN per
/// inference: 70% to Dave, 20% to the data's contributors, 10% to the treasury.
pub fn models() -> Vec<GenesisModel<AccountId, Balance>> {
	vec![GenesisModel {
		owner: Sr25519Keyring::Dave.to_account_id(),
		name: b"digits-mlp".to_vec(),
		spec: digits_mlp_spec(),
		weights_hash: DEMO_WEIGHTS_HASH,
		weights_uri: b"lineage://demo/digits-mlp.mpk".to_vec(),
		license: ModelLicense { commercial_use: true, derivatives_allowed: true },
		price: 10 * MILLI_UNIT,
		split: RoyaltySplit {
			owner: Perbill::from_percent(70),
			upstream: Perbill::zero(),
			data: Perbill::from_percent(20),
			treasury: Perbill::from_percent(10),
		},
		parents: vec![],
		datasets: vec![DatasetUse { dataset: DEMO_DATASET, version: 2, weight: Perbill::one() }],
	}]
}
