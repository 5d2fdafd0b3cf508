//! Disputes: opened over models and contributions that exist and that do not, with every
//! reason; rulings by signed accounts (refused: only the disputes track or root rules, which
//! `sudo` exercises).

use lineage_primitives::disputes::{DisputeReason, DisputeSubject};
use lineage_runtime::{Runtime, RuntimeCall};

use super::World;
use crate::{rng::Rng, values};

/// A ruling on a dispute around the existing ones.
pub(super) fn rule(rng: &mut Rng) -> RuntimeCall {
	let dispute = values::id(rng, pallet_dao::NextDisputeId::<Runtime>::get());
	RuntimeCall::Dao(pallet_dao::Call::rule { dispute, upheld: rng.chance(50) })
}

pub(super) fn call(rng: &mut Rng, _world: &World) -> RuntimeCall {
	if rng.chance(20) {
		return rule(rng);
	}
	let subject = if rng.chance(50) {
		DisputeSubject::Model(values::id(rng, pallet_models::NextModelId::<Runtime>::get()))
	} else {
		let next = pallet_datasets::NextContributionId::<Runtime>::get();
		DisputeSubject::Contribution(values::id(rng, next))
	};
	let reason = match rng.below(3) {
		0 => DisputeReason::LicenceBreach,
		1 => DisputeReason::StolenData,
		_ => DisputeReason::CopiedModel,
	};
	RuntimeCall::Dao(pallet_dao::Call::open_dispute {
		subject,
		reason,
		evidence_uri: values::bytes(rng, 256),
		evidence_hash: values::hash(rng),
	})
}
