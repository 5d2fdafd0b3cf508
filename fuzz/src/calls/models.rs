//! Models: registrations and new versions with parents and dataset uses around the existing
//! ids, royalty splits that do and do not sum to one, prices on commercial and
//! non-commercial models.

use lineage_primitives::models::{DatasetUse, ModelLicense, RoyaltySplit};
use lineage_runtime::{genesis_demo, Runtime, RuntimeCall};
use sp_runtime::Perbill;

use super::World;
use crate::{rng::Rng, values};

/// A split: the demo model's (valid with data and no parents), or four random parts.
pub(super) fn split(rng: &mut Rng) -> RoyaltySplit {
	if rng.chance(50) {
		return RoyaltySplit {
			owner: Perbill::from_percent(70),
			upstream: Perbill::zero(),
			data: Perbill::from_percent(20),
			treasury: Perbill::from_percent(10),
		};
	}
	RoyaltySplit {
		owner: values::perbill(rng),
		upstream: values::perbill(rng),
		data: values::perbill(rng),
		treasury: values::perbill(rng),
	}
}

fn dataset_uses(rng: &mut Rng) -> Vec<DatasetUse> {
	let datasets = pallet_datasets::NextDatasetId::<Runtime>::get();
	let count = rng.below(4);
	(0..count)
		.map(|_| DatasetUse {
			dataset: values::id(rng, datasets),
			version: u32::try_from(rng.below(4)).unwrap_or(0),
			// One use weighted one is the valid case; the rest rarely sum to one.
			weight: if count == 1 { Perbill::one() } else { values::perbill(rng) },
		})
		.collect()
}

fn parents(rng: &mut Rng, models: u32) -> Vec<u32> {
	(0..rng.below(4)).map(|_| values::id(rng, models)).collect()
}

pub(super) fn call(rng: &mut Rng, _world: &World) -> RuntimeCall {
	let models = pallet_models::NextModelId::<Runtime>::get();
	let model = values::id(rng, models);
	let spec = genesis_demo::digits_mlp_spec();
	RuntimeCall::Models(match rng.below(5) {
		// Well-formed, as a researcher registers: trained on the demo digits, no parents, the
		// demo split; only a revoked dataset or a poor signer stops it.
		4 => pallet_models::Call::register {
			name: b"fuzzed-model".to_vec(),
			spec,
			weights_hash: values::hash(rng),
			weights_uri: b"ipfs://weights".to_vec(),
			license: ModelLicense { commercial_use: true, derivatives_allowed: true },
			price: values::balance(rng, 0).min(lineage_runtime::UNIT),
			split: RoyaltySplit {
				owner: Perbill::from_percent(70),
				upstream: Perbill::zero(),
				data: Perbill::from_percent(20),
				treasury: Perbill::from_percent(10),
			},
			parents: Vec::new(),
			datasets: vec![DatasetUse {
				dataset: genesis_demo::DEMO_DATASET,
				version: 2,
				weight: Perbill::one(),
			}],
		},
		0 => pallet_models::Call::register {
			name: values::bytes(rng, 64),
			spec,
			weights_hash: values::hash(rng),
			weights_uri: values::bytes(rng, 256),
			license: ModelLicense {
				commercial_use: rng.chance(70),
				derivatives_allowed: rng.chance(70),
			},
			price: values::balance(rng, 0),
			split: split(rng),
			parents: parents(rng, models),
			datasets: dataset_uses(rng),
		},
		1 => pallet_models::Call::register_version {
			previous: model,
			spec,
			weights_hash: values::hash(rng),
			weights_uri: values::bytes(rng, 256),
			parents: parents(rng, models),
			datasets: dataset_uses(rng),
		},
		2 => pallet_models::Call::set_price { model, price: values::balance(rng, 0) },
		_ => pallet_models::Call::set_royalty_split { model, split: split(rng) },
	})
}
