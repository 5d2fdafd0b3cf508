//! Royalties: payments for models (the money that flows along lineage), training fees, and
//! claims by whoever signs.

use lineage_runtime::{Runtime, RuntimeCall};

use super::World;
use crate::{rng::Rng, values};

pub(super) fn call(rng: &mut Rng, world: &World) -> RuntimeCall {
	let model = values::id(rng, pallet_models::NextModelId::<Runtime>::get());
	let dataset = values::id(rng, pallet_datasets::NextDatasetId::<Runtime>::get());
	let held = pallet_balances::Pallet::<Runtime>::free_balance(world.signer);
	RuntimeCall::Royalties(match rng.below(5) {
		0 | 1 => pallet_royalties::Call::pay { model, amount: values::balance(rng, held) },
		2 => pallet_royalties::Call::pay_training_fee {
			dataset,
			version: u32::try_from(rng.below(4)).unwrap_or(0),
		},
		3 => pallet_royalties::Call::claim { dataset },
		_ => {
			if rng.chance(50) {
				pallet_royalties::Call::claim_all {}
			} else {
				pallet_royalties::Call::claim_earnings {}
			}
		},
	})
}
