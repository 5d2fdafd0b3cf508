//! Datasets and models on the native runtime: the demo lineage of the `development` preset,
//! and the whole flow (register a dataset, contribute, accept, register a model on it) as
//! signed extrinsics through `Executive`, read back through the runtime APIs.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing,
	reason = "tests"
)]

mod common;

use frame_support::{
	assert_ok,
	traits::{fungible::InspectHold, Get},
};
use lineage_primitives::{
	apis::{runtime_decl_for_datasets_api::DatasetsApi, runtime_decl_for_models_api::ModelsApi},
	datasets::License,
	models::{
		Activation, Architecture, DatasetUse, InputShape, ModelLicense, ModelSpec, ModelStatus,
		RoyaltySplit, Task,
	},
};
use lineage_runtime::{
	configs::{DatasetDeposit, ModelDeposit},
	genesis_demo::{DEMO_DATASET, DEMO_MODEL},
	Balances, Runtime, RuntimeCall, RuntimeHoldReason,
};
use sp_core::H256;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{BoundedVec, DispatchError, ModuleError, Perbill, Permill};

fn module_error_name(error: DispatchError) -> &'static str {
	match error {
		DispatchError::Module(ModuleError { message: Some(name), .. }) => name,
		other => panic!("expected a module error, got {other:?}"),
	}
}

fn register_model(datasets: Vec<DatasetUse>, parents: Vec<u32>) -> RuntimeCall {
	RuntimeCall::Models(pallet_models::Call::register {
		name: b"ferdie-digits".to_vec(),
		spec: ModelSpec {
			input: InputShape::Features { features: 64 },
			architecture: Architecture::Mlp {
				hidden: BoundedVec::truncate_from(vec![64, 32]),
				activation: Activation::Gelu,
				dropout: Permill::from_percent(10),
			},
			outputs: 10,
			task: Task::Classification,
			output_scale: 1 << 16,
		},
		weights_hash: H256::repeat_byte(0xaa),
		weights_uri: b"lineage://ferdie/digits.mpk".to_vec(),
		license: ModelLicense { commercial_use: true, derivatives_allowed: true },
		price: 1_000,
		split: RoyaltySplit {
			owner: Perbill::from_percent(50),
			upstream: Perbill::from_percent(20),
			data: Perbill::from_percent(20),
			treasury: Perbill::from_percent(10),
		},
		parents,
		datasets,
	})
}

#[test]
fn development_preset_seeds_the_demo_lineage() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		let dataset = <Runtime as DatasetsApi<_, _, _, _>>::dataset(DEMO_DATASET).unwrap();
		assert_eq!(dataset.curator, Alice.to_account_id());
		assert_eq!(
			(dataset.latest_version, dataset.item_count, dataset.contributors),
			(2, 1_797, 3)
		);
		let contributors =
			<Runtime as DatasetsApi<_, _, _, _>>::contributors(DEMO_DATASET, None, 10);
		let mut shares: Vec<_> = contributors.into_iter().map(|(_, shares)| shares).collect();
		shares.sort();
		assert_eq!(shares, vec![297, 500, 1_000]);

		let lineage = <Runtime as ModelsApi<_, _, _, _>>::lineage(DEMO_MODEL).unwrap();
		assert_eq!(lineage.nodes.len(), 1);
		assert_eq!(lineage.nodes[0].owner, Dave.to_account_id());
		assert_eq!(
			lineage.nodes[0].datasets,
			vec![DatasetUse { dataset: DEMO_DATASET, version: 2, weight: Perbill::one() }]
		);
		assert_eq!(
			<Runtime as ModelsApi<_, _, _, _>>::models_trained_on(DEMO_DATASET),
			vec![DEMO_MODEL]
		);
		assert_eq!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::Models(pallet_models::HoldReason::ModelDeposit),
				&Dave.to_account_id()
			),
			ModelDeposit::get()
		);
	});
}

#[test]
fn dataset_to_model_flow_through_signed_extrinsics() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		let dataset = 1;
		assert_ok!(common::apply_signed(
			RuntimeCall::Datasets(pallet_datasets::Call::register {
				root: H256::repeat_byte(1),
				item_count: 40,
				uri: b"lineage://eve/sketches.csv".to_vec(),
				metadata: H256::repeat_byte(2),
				license: License {
					training_allowed: true,
					commercial_use_allowed: true,
					training_fee: 0,
				},
			}),
			Eve,
		)
		.unwrap());
		assert_eq!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::Datasets(pallet_datasets::HoldReason::DatasetDeposit),
				&Eve.to_account_id()
			),
			DatasetDeposit::get()
		);

		assert_ok!(common::apply_signed(
			RuntimeCall::Datasets(pallet_datasets::Call::propose_contribution {
				dataset,
				item_root: H256::repeat_byte(3),
				item_count: 10,
			}),
			Ferdie,
		)
		.unwrap());
		assert_ok!(common::apply_signed(
			RuntimeCall::Datasets(pallet_datasets::Call::accept_contribution {
				// The one just proposed (genesis contributions take ids too).
				contribution: pallet_datasets::NextContributionId::<Runtime>::get() - 1,
				new_root: H256::repeat_byte(4),
			}),
			Eve,
		)
		.unwrap());
		let versions = <Runtime as DatasetsApi<_, _, _, _>>::dataset_versions(dataset, 0, 10);
		assert_eq!(
			versions.iter().map(|(v, r)| (*v, r.item_count)).collect::<Vec<_>>(),
			vec![(0, 40), (1, 50)]
		);

		// Fine-tuned from the demo model, trained on the demo digits and Eve's sketches.
		let datasets = vec![
			DatasetUse { dataset: DEMO_DATASET, version: 2, weight: Perbill::from_percent(70) },
			DatasetUse { dataset, version: 1, weight: Perbill::from_percent(30) },
		];
		assert_ok!(
			common::apply_signed(register_model(datasets, vec![DEMO_MODEL]), Ferdie).unwrap()
		);
		let model = 1;

		let lineage = <Runtime as ModelsApi<_, _, _, _>>::lineage(model).unwrap();
		let nodes: Vec<_> = lineage.nodes.iter().map(|n| (n.model, n.distance)).collect();
		assert_eq!(nodes, vec![(model, 0), (DEMO_MODEL, 1)]);
		assert_eq!(lineage.nodes[0].datasets.len(), 2);
		assert_eq!(lineage.nodes[1].datasets[0].dataset, DEMO_DATASET);
		let record = <Runtime as ModelsApi<_, _, _, _>>::model(model).unwrap();
		assert_eq!(
			(record.depth, record.status, record.commercial),
			(1, ModelStatus::Registered, true)
		);
		assert_eq!(
			<Runtime as ModelsApi<_, _, _, _>>::models_of_owner(Ferdie.to_account_id()),
			vec![model]
		);
		assert_eq!(
			<Runtime as ModelsApi<_, _, _, _>>::models_trained_on(DEMO_DATASET),
			vec![DEMO_MODEL, model]
		);
	});
}

#[test]
fn bad_registrations_fail_with_the_pallet_error() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		let unknown = vec![DatasetUse { dataset: 9, version: 0, weight: Perbill::one() }];
		let error = common::apply_signed(register_model(unknown, vec![DEMO_MODEL]), Bob)
			.unwrap()
			.unwrap_err();
		assert_eq!(module_error_name(error), "UnknownDataset");

		let short = vec![DatasetUse {
			dataset: DEMO_DATASET,
			version: 2,
			weight: Perbill::from_percent(90),
		}];
		let error = common::apply_signed(register_model(short, vec![DEMO_MODEL]), Bob)
			.unwrap()
			.unwrap_err();
		assert_eq!(module_error_name(error), "AttributionNotOne");

		// Nothing was held for the failed registrations.
		assert_eq!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::Models(pallet_models::HoldReason::ModelDeposit),
				&Bob.to_account_id()
			),
			0
		);
		// Only the curator decides on contributions.
		assert_ok!(common::apply_signed(
			RuntimeCall::Datasets(pallet_datasets::Call::propose_contribution {
				dataset: DEMO_DATASET,
				item_root: H256::repeat_byte(5),
				item_count: 3,
			}),
			Charlie,
		)
		.unwrap());
		let error = common::apply_signed(
			RuntimeCall::Datasets(pallet_datasets::Call::accept_contribution {
				// The one just proposed (genesis contributions take ids too).
				contribution: pallet_datasets::NextContributionId::<Runtime>::get() - 1,
				new_root: H256::repeat_byte(6),
			}),
			Bob,
		)
		.unwrap()
		.unwrap_err();
		assert_eq!(module_error_name(error), "NotCurator");
	});
}
