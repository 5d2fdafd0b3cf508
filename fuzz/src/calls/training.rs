//! Training jobs: submissions around the existing datasets, versions and models, with settings
//! at and past the engine's limits, royalty splits that do and do not sum to one, and fee caps
//! from nothing to everything; reveals of training outcomes for jobs around the existing ones
//! (a random signature, so refused: the happy path is the e2e suite's). One in three
//! submissions is well-formed, on the demo digits, so jobs exist and expire.

use lineage_primitives::{
	compute::{Attestation, Optimizer, TrainingSettings, MAX_HELD_OUT_PERCENT},
	models::ModelLicense,
};
use lineage_runtime::{genesis_demo, Runtime, RuntimeCall};
use sp_core::sr25519;
use sp_runtime::Perbill;

use super::World;
use crate::{rng::Rng, values};

fn settings(rng: &mut Rng) -> TrainingSettings {
	TrainingSettings {
		optimizer: if rng.chance(50) { Optimizer::Adam } else { Optimizer::Sgd },
		learning_rate: values::perbill(rng),
		epochs: u32::try_from(values::count(rng)).unwrap_or(u32::MAX),
		batch_size: u32::try_from(values::count(rng)).unwrap_or(u32::MAX),
		seed: rng.next_u64(),
		held_out_percent: u8::try_from(rng.below(u64::from(MAX_HELD_OUT_PERCENT) + 12))
			.unwrap_or(0),
	}
}

fn submit(rng: &mut Rng, world: &World) -> pallet_compute::Call<Runtime> {
	let held = pallet_balances::Pallet::<Runtime>::free_balance(world.signer);
	let spec = genesis_demo::digits_mlp_spec();
	if rng.chance(33) {
		return pallet_compute::Call::submit_training {
			name: b"fuzzed-training".to_vec(),
			spec,
			datasets: vec![(genesis_demo::DEMO_DATASET, 2)],
			parents: Vec::new(),
			settings: TrainingSettings {
				optimizer: Optimizer::Adam,
				learning_rate: Perbill::from_percent(1),
				epochs: 1 + u32::try_from(rng.below(3)).unwrap_or(0),
				batch_size: 32,
				seed: rng.next_u64(),
				held_out_percent: 10,
			},
			license: ModelLicense { commercial_use: true, derivatives_allowed: true },
			price: values::balance(rng, 0).min(lineage_runtime::UNIT),
			split: super::models::split(rng),
			max_fee: held,
		};
	}
	let datasets = pallet_datasets::NextDatasetId::<Runtime>::get();
	let models = pallet_models::NextModelId::<Runtime>::get();
	pallet_compute::Call::submit_training {
		name: values::bytes(rng, 64),
		spec,
		datasets: (0..rng.below(4))
			.map(|_| (values::id(rng, datasets), u32::try_from(rng.below(4)).unwrap_or(0)))
			.collect(),
		parents: (0..rng.below(4)).map(|_| values::id(rng, models)).collect(),
		settings: settings(rng),
		license: ModelLicense {
			commercial_use: rng.chance(70),
			derivatives_allowed: rng.chance(70),
		},
		price: values::balance(rng, 0),
		split: super::models::split(rng),
		max_fee: values::balance(rng, held),
	}
}

fn reveal(rng: &mut Rng) -> pallet_compute::Call<Runtime> {
	let next = u32::try_from(pallet_compute::NextJobId::<Runtime>::get()).unwrap_or(u32::MAX);
	let job = u64::from(values::id(rng, next));
	let weights_hash = values::hash(rng);
	let attestation = Attestation {
		job,
		output_hash: values::hash(rng),
		weights_hash: if rng.chance(50) { weights_hash } else { values::hash(rng) },
		engine_version: Default::default(),
		backend: 0,
	};
	// Random bytes, not a signature: see `compute.rs`.
	let mut raw = [0u8; 64];
	raw[..32].copy_from_slice(&rng.bytes32());
	raw[32..].copy_from_slice(&rng.bytes32());
	pallet_compute::Call::reveal_training {
		job,
		weights_hash,
		metric: rng.next_u64(),
		attribution: (0..rng.below(5)).map(|_| values::perbill(rng)).collect(),
		salt: rng.bytes32(),
		attestation,
		signature: sr25519::Signature::from_raw(raw).into(),
	}
}

pub(super) fn call(rng: &mut Rng, world: &World) -> RuntimeCall {
	RuntimeCall::Compute(if rng.chance(60) { submit(rng, world) } else { reveal(rng) })
}
