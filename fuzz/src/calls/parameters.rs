//! Governance's parameters (`pallet_parameters`): every key of every module set to an edge value
//! (zero, one, the largest, or random) or back to its default, mostly as root through `sudo`
//! (the parameters track's origin), sometimes signed, which must be refused. Jobs, workers and
//! deposits created after a zero commit window, a zero retention or a full slash then meet the
//! rest of the run.

use lineage_runtime::{
	configs::{
		dynamic_params::{compute, dao, registry, treasury},
		RuntimeParameters,
	},
	Balance, BlockNumber, RuntimeCall,
};
use sp_runtime::Permill;

use super::World;
use crate::{rng::Rng, values};

/// A value, or `None` (the key's default) one time in eight.
fn maybe<T>(rng: &mut Rng, value: impl FnOnce(&mut Rng) -> T) -> Option<T> {
	(!rng.chance(12)).then(|| value(rng))
}

fn blocks(rng: &mut Rng) -> BlockNumber {
	match rng.below(5) {
		0 => 0,
		1 => 1,
		2 => BlockNumber::MAX,
		_ => u32::try_from(rng.below(200)).unwrap_or(0),
	}
}

fn balance(rng: &mut Rng) -> Balance {
	values::balance(rng, 0)
}

fn parameter(rng: &mut Rng) -> RuntimeParameters {
	use compute::Parameters as C;
	match rng.below(16) {
		0 => RuntimeParameters::Compute(C::MinWorkerStake(
			compute::MinWorkerStake,
			maybe(rng, balance),
		)),
		1 => RuntimeParameters::Compute(C::WorkerUnbondingPeriod(
			compute::WorkerUnbondingPeriod,
			maybe(rng, blocks),
		)),
		2 => RuntimeParameters::Compute(C::ComputeFee(compute::ComputeFee, maybe(rng, balance))),
		3 => RuntimeParameters::Compute(C::CommitPeriod(compute::CommitPeriod, maybe(rng, blocks))),
		4 => RuntimeParameters::Compute(C::RevealPeriod(compute::RevealPeriod, maybe(rng, blocks))),
		5 => RuntimeParameters::Compute(C::OutputTolerance(
			compute::OutputTolerance,
			maybe(rng, |rng| Permill::from_parts(u32::try_from(rng.below(1_000_001)).unwrap_or(0))),
		)),
		6 => RuntimeParameters::Compute(C::DisagreementSlash(
			compute::DisagreementSlash,
			maybe(rng, values::perbill),
		)),
		7 => RuntimeParameters::Compute(C::SilenceSlash(
			compute::SilenceSlash,
			maybe(rng, values::perbill),
		)),
		8 => RuntimeParameters::Compute(C::TrainingFeePerEpoch(
			compute::TrainingFeePerEpoch,
			maybe(rng, balance),
		)),
		9 => RuntimeParameters::Compute(C::TrainingCommitPeriod(
			compute::TrainingCommitPeriod,
			maybe(rng, blocks),
		)),
		10 => RuntimeParameters::Compute(C::ResultRetention(
			compute::ResultRetention,
			maybe(rng, blocks),
		)),
		11 => RuntimeParameters::Dao(dao::Parameters::DisputeDeposit(
			dao::DisputeDeposit,
			maybe(rng, balance),
		)),
		12 => RuntimeParameters::Registry(registry::Parameters::DatasetDeposit(
			registry::DatasetDeposit,
			maybe(rng, balance),
		)),
		13 => RuntimeParameters::Registry(registry::Parameters::ContributionDeposit(
			registry::ContributionDeposit,
			maybe(rng, balance),
		)),
		14 => RuntimeParameters::Registry(registry::Parameters::ModelDeposit(
			registry::ModelDeposit,
			maybe(rng, balance),
		)),
		_ => RuntimeParameters::Treasury(treasury::Parameters::TreasurerSpendCap(
			treasury::TreasurerSpendCap,
			maybe(rng, balance),
		)),
	}
}

pub(super) fn call(rng: &mut Rng, _world: &World) -> RuntimeCall {
	let set = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: parameter(rng),
	});
	if rng.chance(85) {
		RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(set) })
	} else {
		set
	}
}
