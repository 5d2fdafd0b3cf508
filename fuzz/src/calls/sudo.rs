//! Root, through `sudo` (Alice's key on the development chain): the validator set's calls,
//! dispute rulings, forced transfers and balances (documented mints and burns), and any other
//! source's call dispatched as root.

use lineage_runtime::{Runtime, RuntimeCall};

use super::World;
use crate::{rng::Rng, values};

/// The most root sets a balance to: a billion LIN, a thousand times the genesis supply.
const ROOT_MINT_CAP: lineage_runtime::Balance = 1_000_000_000 * lineage_runtime::UNIT;

pub(super) fn call(rng: &mut Rng, world: &World) -> RuntimeCall {
	let inner = match rng.below(5) {
		0 => super::validators::root_call(rng, world),
		1 => super::dao::rule(rng),
		2 => RuntimeCall::Balances(pallet_balances::Call::force_transfer {
			source: world.account_not_sudo(rng).into(),
			dest: world.address(rng),
			value: values::balance(rng, 0),
		}),
		3 => {
			let who = world.account_not_sudo(rng);
			let held = pallet_balances::Pallet::<Runtime>::free_balance(&who);
			// Capped: root setting a balance near `u128::MAX` saturates pallet-balances' total
			// issuance, upstream's documented behaviour and no governance's real proposal.
			RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: who.into(),
				new_free: values::balance(rng, held).min(ROOT_MINT_CAP),
			})
		},
		_ => super::any_signed(rng, world),
	};
	RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(inner) })
}
