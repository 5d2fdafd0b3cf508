//! `pallet_dao`: Lineage's tracks and origins (wired into OpenGov in `governance.rs`) and
//! disputes. A dispute is about a model or an accepted contribution. An upheld ruling (the
//! data disputes track, or root) revokes a model through the models pallet and pays its
//! owner's deposit to the treasury, or cancels a contribution's shares through the datasets
//! pallet (whose hook settles and closes its royalty position).

use frame_support::traits::{ConstU32, EitherOfDiverse};
use frame_system::EnsureRoot;
use lineage_primitives::disputes::{DisputeSubject, DisputeSubjects};
use pallet_dao::EnsureDataDisputes;
use sp_runtime::DispatchError;

use super::{dynamic_params, TreasuryAccount};
use crate::{AccountId, Balance, Balances, Datasets, Models, Runtime, RuntimeHoldReason};

/// The disputed things, through the models and datasets pallets.
pub struct LineageDisputeSubjects;

impl DisputeSubjects<AccountId, Balance> for LineageDisputeSubjects {
	fn offender(subject: &DisputeSubject) -> Result<AccountId, DispatchError> {
		match subject {
			DisputeSubject::Model(model) => Models::dispute_offender(*model),
			DisputeSubject::Contribution(contribution) => Datasets::dispute_offender(*contribution),
		}
	}

	fn uphold(subject: &DisputeSubject, treasury: &AccountId) -> Result<Balance, DispatchError> {
		match subject {
			DisputeSubject::Model(model) => Models::revoke_to(*model, treasury),
			// The contribution deposit was returned at acceptance: nothing is held to slash.
			DisputeSubject::Contribution(contribution) => {
				Datasets::cancel_contribution(*contribution).map(|()| 0)
			},
		}
	}
}

impl pallet_dao::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Subjects = LineageDisputeSubjects;
	type RulingOrigin = EitherOfDiverse<EnsureRoot<AccountId>, EnsureDataDisputes>;
	type Treasury = TreasuryAccount;
	type DisputeDeposit = dynamic_params::dao::DisputeDeposit;
	type MaxEvidenceUriLen = ConstU32<256>;
	// Each is read by `daoApi.openDisputes` and `try_state`; a busy chain raises it by upgrade.
	type MaxOpenDisputes = ConstU32<256>;
	type WeightInfo = pallet_dao::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::LineageBenchmarkHelper;
}
