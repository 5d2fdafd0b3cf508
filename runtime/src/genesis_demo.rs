//! The demo dataset and model the `development` preset starts with, so that a newcomer running
//! `lineage-node --dev` finds lineage to query at block 0.
//!
//! The hashes are derived from labels, not from real files: the demo data and weights arrive
//! with the ML engine, which will replace these with the content hashes of the shipped
//! 8×8 digits set and the model trained on it.

use alloc::{vec, vec::Vec};
use lineage_primitives::{
	datasets::License,
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
		root: label_hash("lineage-demo/digits/v0"),
		item_count: 1_000,
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
				item_count: 500,
				item_root: label_hash("lineage-demo/digits/bob"),
				root_after: label_hash("lineage-demo/digits/v1"),
			},
			GenesisContribution {
				contributor: Sr25519Keyring::Charlie.to_account_id(),
				item_count: 297,
				item_root: label_hash("lineage-demo/digits/charlie"),
				root_after: label_hash("lineage-demo/digits/v2"),
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
		weights_hash: label_hash("lineage-demo/digits-mlp/weights"),
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
