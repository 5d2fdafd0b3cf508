//! Transfers of every kind, burns, and amounts at the existential deposit's edges.

use lineage_runtime::{Runtime, RuntimeCall};

use super::World;
use crate::{rng::Rng, values};

pub(super) fn call(rng: &mut Rng, world: &World) -> RuntimeCall {
	let held = pallet_balances::Pallet::<Runtime>::free_balance(world.signer);
	let value = values::balance(rng, held);
	let dest = world.address(rng);
	RuntimeCall::Balances(match rng.below(5) {
		0 => pallet_balances::Call::transfer_allow_death { dest, value },
		1 => pallet_balances::Call::transfer_keep_alive { dest, value },
		2 => pallet_balances::Call::transfer_all { dest, keep_alive: rng.chance(50) },
		3 => pallet_balances::Call::burn { value, keep_alive: rng.chance(50) },
		_ => {
			pallet_balances::Call::transfer_allow_death { dest, value: held.saturating_sub(value) }
		},
	})
}
