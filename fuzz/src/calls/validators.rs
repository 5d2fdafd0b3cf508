//! The validator set: session keys registered with proofs that do not prove anything (refused)
//! and purged; the set's root-only calls from signed accounts (refused: `sudo` makes them
//! for real, see [`root_call`]).

use lineage_runtime::{Runtime, RuntimeCall, SessionKeys};
use sp_core::{ed25519, sr25519, Pair};

use super::World;
use crate::{rng::Rng, values};

/// A root-only call of the validator set, on an account among the run's signers.
pub(super) fn root_call(rng: &mut Rng, world: &World) -> RuntimeCall {
	let who = world.account(rng);
	RuntimeCall::Validators(match rng.below(3) {
		0 => pallet_validators::Call::add_validator { who },
		1 => pallet_validators::Call::remove_validator { who },
		_ => pallet_validators::Call::set_session_length {
			length: values::id(rng, pallet_validators::SessionLength::<Runtime>::get()),
		},
	})
}

pub(super) fn call(rng: &mut Rng, world: &World) -> RuntimeCall {
	match rng.below(4) {
		0 | 1 => {
			let keys = SessionKeys {
				aura: sr25519::Pair::from_seed(&rng.bytes32()).public().into(),
				grandpa: ed25519::Pair::from_seed(&rng.bytes32()).public().into(),
			};
			RuntimeCall::Session(pallet_session::Call::set_keys {
				keys,
				proof: values::bytes(rng, 128),
			})
		},
		2 => RuntimeCall::Session(pallet_session::Call::purge_keys {}),
		_ => root_call(rng, world),
	}
}
