//! Benchmark set-up that crosses pallets: each Lineage pallet's `BenchmarkHelper` asks the
//! others for the state its benchmarks need (datasets to train on, models to pay for, the
//! royalties hook at its worst case), so none of that sits on the production traits.

use alloc::vec::Vec;
use lineage_primitives::{
	datasets::{DatasetId, DatasetVersion, License},
	disputes::DisputeSubject,
	models::{DatasetUse, ModelId, RoyaltySplit},
};

use sp_runtime::Perbill;

use crate::{AccountId, Balance, Royalties, Runtime};

/// The runtime's helper for every Lineage pallet's benchmarks.
pub struct LineageBenchmarkHelper;

impl pallet_treasury::ArgumentsFactory<(), AccountId> for LineageBenchmarkHelper {
	fn create_asset_kind(_seed: u32) {}

	fn create_beneficiary(seed: [u8; 32]) -> AccountId {
		// The benchmarks pay out 100 plancks, below the existential deposit: the beneficiary
		// must exist already, or the payment (rightly) fails.
		let beneficiary = AccountId::from(seed);
		let _ =
			<crate::Balances as frame_support::traits::fungible::Mutate<AccountId>>::set_balance(
				&beneficiary,
				crate::EXISTENTIAL_DEPOSIT,
			);
		beneficiary
	}
}

impl pallet_datasets::BenchmarkHelper<AccountId> for LineageBenchmarkHelper {
	fn prepare_share_change(dataset: DatasetId, who: &AccountId) {
		Royalties::prepare_share_change_worst_case(dataset, who);
	}
}

impl pallet_models::BenchmarkHelper<Balance> for LineageBenchmarkHelper {
	fn create_dataset(license: License<Balance>) -> (DatasetId, DatasetVersion) {
		pallet_datasets::benchmarking::create_dataset::<Runtime>(license)
	}
}

impl pallet_royalties::BenchmarkHelper<AccountId, Balance> for LineageBenchmarkHelper {
	fn create_dataset(license: License<Balance>) -> (DatasetId, DatasetVersion) {
		pallet_datasets::benchmarking::create_dataset::<Runtime>(license)
	}

	fn publish_versions(dataset: DatasetId, latest: DatasetVersion) {
		pallet_datasets::benchmarking::publish_versions::<Runtime>(dataset, latest)
	}

	fn create_model(
		owner: AccountId,
		split: RoyaltySplit,
		parents: Vec<ModelId>,
		datasets: Vec<DatasetUse>,
	) -> ModelId {
		pallet_models::benchmarking::create_model::<Runtime>(owner, split, parents, datasets)
	}
}

impl pallet_dao::BenchmarkHelper<AccountId> for LineageBenchmarkHelper {
	fn create_model_subject(opener: &AccountId) -> DisputeSubject {
		// A model of its own owner, with its registration deposit held: what an upheld ruling
		// moves to the treasury.
		let owner = frame_benchmarking::account::<AccountId>("model-owner", 0, 0);
		assert!(&owner != opener, "the opener is not the offender");
		let split = RoyaltySplit {
			owner: Perbill::from_percent(90),
			upstream: Perbill::zero(),
			data: Perbill::zero(),
			treasury: Perbill::from_percent(10),
		};
		let model = pallet_models::benchmarking::create_model::<Runtime>(
			owner,
			split,
			Vec::new(),
			Vec::new(),
		);
		DisputeSubject::Model(model)
	}

	fn create_contribution_subject(opener: &AccountId) -> DisputeSubject {
		// The oldest contribution to a dataset at its most versions, whose contributor holds a
		// royalty position at every version, owed in every chunk: cancelling it settles the
		// largest holding there is and moves all of it.
		let contributor = frame_benchmarking::account::<AccountId>("contributor", 0, 0);
		assert!(&contributor != opener, "the opener is not the offender");
		let (dataset, _) = pallet_datasets::benchmarking::create_dataset::<Runtime>(License {
			training_allowed: true,
			commercial_use_allowed: true,
			training_fee: 0,
		});
		Royalties::prepare_share_cancel_worst_case(dataset, &contributor);
		let contribution = pallet_datasets::benchmarking::disputable_contribution::<Runtime>(
			dataset,
			&contributor,
		);
		DisputeSubject::Contribution(contribution)
	}
}

impl pallet_compute::BenchmarkHelper<AccountId, Balance> for LineageBenchmarkHelper {
	fn create_dataset(fee: Balance) -> (DatasetId, DatasetVersion) {
		let (dataset, version) =
			pallet_datasets::benchmarking::create_dataset::<Runtime>(License {
				training_allowed: true,
				commercial_use_allowed: true,
				training_fee: fee,
			});
		Royalties::prepare_training_fee_worst_case(dataset);
		(dataset, version)
	}

	fn create_model(owner: AccountId) -> ModelId {
		let (dataset, version) =
			pallet_datasets::benchmarking::create_dataset::<Runtime>(License {
				training_allowed: true,
				commercial_use_allowed: true,
				training_fee: 0,
			});
		let split = RoyaltySplit {
			owner: Perbill::from_percent(80),
			upstream: Perbill::zero(),
			data: Perbill::from_percent(10),
			treasury: Perbill::from_percent(10),
		};
		let uses = alloc::vec![DatasetUse { dataset, version, weight: Perbill::one() }];
		pallet_models::benchmarking::create_model::<Runtime>(owner, split, Vec::new(), uses)
	}
}
