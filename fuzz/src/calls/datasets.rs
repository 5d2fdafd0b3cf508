//! Datasets: registration with edge licences and URIs, contributions proposed, accepted,
//! rejected and withdrawn (by anyone: only the right account succeeds), curators moved,
//! datasets retired.

use lineage_primitives::datasets::License;
use lineage_runtime::{Runtime, RuntimeCall};

use super::World;
use crate::{rng::Rng, values};

pub(super) fn call(rng: &mut Rng, world: &World) -> RuntimeCall {
	let datasets = pallet_datasets::NextDatasetId::<Runtime>::get();
	let contributions = pallet_datasets::NextContributionId::<Runtime>::get();
	let dataset = values::id(rng, datasets);
	let contribution = values::id(rng, contributions);
	RuntimeCall::Datasets(match rng.below(7) {
		0 => pallet_datasets::Call::register {
			root: values::hash(rng),
			item_count: values::count(rng),
			uri: values::bytes(rng, 256),
			metadata: values::hash(rng),
			license: License {
				training_allowed: rng.chance(80),
				commercial_use_allowed: rng.chance(70),
				training_fee: values::balance(rng, 0),
			},
		},
		1 => pallet_datasets::Call::propose_contribution {
			dataset,
			item_root: values::hash(rng),
			item_count: values::count(rng),
		},
		2 => {
			pallet_datasets::Call::accept_contribution { contribution, new_root: values::hash(rng) }
		},
		3 => pallet_datasets::Call::reject_contribution { contribution },
		4 => pallet_datasets::Call::withdraw_contribution { contribution },
		5 => pallet_datasets::Call::transfer_curator { dataset, new_curator: world.address(rng) },
		_ => pallet_datasets::Call::retire { dataset },
	})
}
