//! The compute market: workers registering, updating, bonding and leaving; inference jobs
//! on models around the existing ids; commits, reveals and failure reports for jobs around
//! the existing ones (a reveal's signature is random bytes, so it is refused; the
//! commit/reveal happy path is the e2e suite's).

use lineage_primitives::compute::{Attestation, Backends, Capabilities, JobFailure};
use lineage_runtime::{Runtime, RuntimeCall};
use sp_core::{sr25519, Pair};

use super::World;
use crate::{rng::Rng, values};

fn capabilities(rng: &mut Rng) -> Capabilities {
	Capabilities {
		backends: Backends(u8::try_from(rng.below(16)).unwrap_or(1)),
		max_model_bytes: values::count(rng).saturating_mul(1024 * 1024),
	}
}

pub(super) fn call(rng: &mut Rng, world: &World) -> RuntimeCall {
	let held = pallet_balances::Pallet::<Runtime>::free_balance(world.signer);
	let job = values::id(
		rng,
		u32::try_from(pallet_compute::NextJobId::<Runtime>::get()).unwrap_or(u32::MAX),
	);
	let job = u64::from(job);
	let key = sr25519::Pair::from_seed(&rng.bytes32());
	RuntimeCall::Compute(match rng.below(9) {
		0 => pallet_compute::Call::register_worker {
			stake: values::balance(rng, held),
			capabilities: capabilities(rng),
			key: key.public().into(),
		},
		1 => pallet_compute::Call::update_worker {
			capabilities: capabilities(rng),
			key: key.public().into(),
		},
		2 => pallet_compute::Call::bond_extra { amount: values::balance(rng, held) },
		3 => pallet_compute::Call::unregister_worker {},
		4 => pallet_compute::Call::withdraw_stake {},
		5 => pallet_compute::Call::submit_inference {
			model: values::id(rng, pallet_models::NextModelId::<Runtime>::get()),
			input: values::bytes(rng, 1024),
			max_fee: values::balance(rng, held),
		},
		6 => pallet_compute::Call::commit_result { job, commitment: values::hash(rng) },
		7 => {
			let attestation = Attestation {
				job,
				output_hash: values::hash(rng),
				weights_hash: values::hash(rng),
				engine_version: Default::default(),
				backend: 0,
			};
			// Random bytes, not a signature by `key`: sr25519 signs with fresh randomness, which
			// would make a seed's run unrepeatable (and no key here is registered anyway).
			let mut raw = [0u8; 64];
			raw[..32].copy_from_slice(&rng.bytes32());
			raw[32..].copy_from_slice(&rng.bytes32());
			let signature = sr25519::Signature::from_raw(raw).into();
			pallet_compute::Call::reveal_result {
				job,
				output: (0..rng.below(12))
					.map(|_| i32::try_from(rng.below(1 << 20)).unwrap_or(0))
					.collect(),
				salt: rng.bytes32(),
				attestation,
				signature,
			}
		},
		_ => pallet_compute::Call::report_failure {
			job,
			failure: match rng.below(4) {
				0 => JobFailure::MissingBlob { hash: values::hash(rng) },
				1 => JobFailure::BadInput,
				2 => JobFailure::Unavailable,
				_ => JobFailure::EngineError,
			},
		},
	})
}
