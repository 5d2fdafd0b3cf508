//! `register` and every way it refuses a model.

use frame_support::assert_noop;
use lineage_primitives::models::{ConvLayer, ModelStatus};
use sp_runtime::Permill;
use sp_runtime::TokenError;

use super::*;
use crate::{Error, Event, Models as ModelRecords, ModelsByDataset, ModelsByOwner};

#[test]
fn register_records_model_lineage_and_deposit() {
	run_test(|| {
		let parent = NewModel::default().create(BOB);
		let model = NewModel {
			parents: vec![parent],
			split: split(50, 20, 20, 10),
			..NewModel::on_data(&[7, 8])
		}
		.create(ALICE);

		let record = ModelRecords::<Test>::get(model).unwrap();
		assert_eq!(record.owner, ALICE);
		assert_eq!(record.name.to_vec(), b"digits-mlp".to_vec());
		assert_eq!(record.parents.to_vec(), vec![parent]);
		assert_eq!(record.datasets.to_vec(), vec![uses(7, 50), uses(8, 50)]);
		assert_eq!((record.version, record.previous_version, record.depth), (1, None, 1));
		assert_eq!(record.status, ModelStatus::Registered);
		assert!(record.commercial);
		assert_eq!((record.price, record.deposit), (50, MODEL_DEPOSIT));
		assert_eq!(held(ALICE), MODEL_DEPOSIT);
		assert!(ModelsByOwner::<Test>::contains_key(ALICE, model));
		assert!(ModelsByDataset::<Test>::contains_key(7, model));
		assert!(ModelsByDataset::<Test>::contains_key(8, model));
		assert_eq!(
			last_event(),
			Event::ModelRegistered {
				model,
				owner: ALICE,
				previous_version: None,
				version: 1,
				depth: 1,
				commercial: true
			}
		);
	});
}

#[test]
fn non_commercial_data_makes_the_model_non_commercial() {
	run_test(|| {
		MockDatasets::add(
			3,
			0,
			License { training_allowed: true, commercial_use_allowed: false, training_fee: 0 },
		);
		let priced = NewModel {
			datasets: vec![uses(3, 100)],
			split: split(80, 0, 10, 10),
			..Default::default()
		};
		assert_noop!(priced.submit(ALICE), Error::<Test>::NonCommercialPriced);

		let free = NewModel {
			price: 0,
			datasets: vec![uses(3, 100)],
			split: split(80, 0, 10, 10),
			..Default::default()
		}
		.create(ALICE);
		assert!(!ModelRecords::<Test>::get(free).unwrap().commercial);

		// And its descendants too, even when their own data allows commercial use.
		assert_noop!(
			NewModel::from_parents(&[free]).submit(BOB),
			Error::<Test>::NonCommercialPriced
		);
		let child = NewModel { price: 0, ..NewModel::from_parents(&[free]) }.create(BOB);
		assert!(!ModelRecords::<Test>::get(child).unwrap().commercial);
	});
}

#[test]
fn the_owners_own_licence_can_forbid_commercial_use() {
	run_test(|| {
		let license = ModelLicense { commercial_use: false, derivatives_allowed: true };
		assert_noop!(
			NewModel { license, ..Default::default() }.submit(ALICE),
			Error::<Test>::NonCommercialPriced
		);
		let model = NewModel { license, price: 0, ..Default::default() }.create(ALICE);
		assert!(!ModelRecords::<Test>::get(model).unwrap().commercial);
	});
}

#[test]
fn depth_follows_the_deepest_parent_up_to_the_bound() {
	run_test(|| {
		let mut chain = vec![NewModel::default().create(ALICE)];
		for _ in 0..MAX_DEPTH {
			let parent = *chain.last().unwrap();
			chain.push(NewModel::from_parents(&[parent]).create(ALICE));
		}
		let deepest = *chain.last().unwrap();
		assert_eq!(ModelRecords::<Test>::get(deepest).unwrap().depth, MAX_DEPTH);
		// A shallow parent next to the deepest one does not lower the depth.
		assert_noop!(
			NewModel::from_parents(&[chain[0], deepest]).submit(ALICE),
			Error::<Test>::LineageTooDeep
		);
		let sibling = NewModel::from_parents(&[chain[0], chain[1]]).create(ALICE);
		assert_eq!(ModelRecords::<Test>::get(sibling).unwrap().depth, 2);
	});
}

#[test]
fn register_fails_for_bad_sizes() {
	run_test(|| {
		assert_noop!(
			NewModel { name: vec![b'n'; 17], ..Default::default() }.submit(ALICE),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			NewModel { weights_uri: vec![b'u'; 33], ..Default::default() }.submit(ALICE),
			Error::<Test>::UriTooLong
		);
		assert_noop!(
			NewModel::from_parents(&[0, 1, 2, 3]).submit(ALICE),
			Error::<Test>::TooManyParents
		);
		assert_noop!(
			NewModel::on_data(&[1, 2, 3, 4]).submit(ALICE),
			Error::<Test>::TooManyDatasets
		);
	});
}

#[test]
fn register_fails_for_malformed_specs() {
	run_test(|| {
		let bad_specs = [
			ModelSpec { input: InputShape::Features { features: 0 }, ..mlp() },
			ModelSpec {
				architecture: Architecture::Cnn {
					conv: BoundedVec::truncate_from(vec![ConvLayer {
						channels: 4,
						kernel: 9,
						pool: 1,
					}]),
					hidden: 16,
					activation: Activation::Relu,
					dropout: Permill::zero(),
				},
				..mlp()
			},
			ModelSpec {
				input: InputShape::Tokens { context: 16 },
				architecture: Architecture::Transformer {
					vocab: 100,
					d_model: 30,
					heads: 4,
					layers: 2,
					d_ff: 64,
				},
				..mlp()
			},
			ModelSpec { outputs: 1, ..mlp() },
		];
		for spec in bad_specs {
			assert_noop!(
				NewModel { spec, ..Default::default() }.submit(ALICE),
				Error::<Test>::InvalidSpec
			);
		}
	});
}

#[test]
fn register_fails_for_bad_parents() {
	run_test(|| {
		let parent = NewModel::default().create(BOB);
		assert_noop!(
			NewModel::from_parents(&[parent, parent]).submit(ALICE),
			Error::<Test>::DuplicateParent
		);
		assert_noop!(
			NewModel::from_parents(&[parent + 1]).submit(ALICE),
			Error::<Test>::UnknownParent
		);
		let closed = NewModel {
			license: ModelLicense { commercial_use: true, derivatives_allowed: false },
			..Default::default()
		}
		.create(BOB);
		assert_noop!(
			NewModel::from_parents(&[closed]).submit(ALICE),
			Error::<Test>::ParentForbidsDerivatives
		);
		frame_support::assert_ok!(Models::revoke(RuntimeOrigin::root(), parent));
		assert_noop!(NewModel::from_parents(&[parent]).submit(ALICE), Error::<Test>::ParentRevoked);
	});
}

#[test]
fn register_fails_for_bad_datasets() {
	run_test(|| {
		open_dataset(1);
		let twice =
			NewModel { datasets: vec![uses(1, 50), uses(1, 50)], ..NewModel::on_data(&[1]) };
		assert_noop!(twice.submit(ALICE), Error::<Test>::DuplicateDataset);

		let unknown = NewModel { datasets: vec![uses(2, 100)], ..NewModel::on_data(&[1]) };
		assert_noop!(unknown.submit(ALICE), Error::<Test>::UnknownDataset);
		let unknown_version = NewModel {
			datasets: vec![DatasetUse { version: 1, ..uses(1, 100) }],
			..NewModel::on_data(&[1])
		};
		assert_noop!(unknown_version.submit(ALICE), Error::<Test>::UnknownDataset);

		MockDatasets::add(
			5,
			0,
			License { training_allowed: false, commercial_use_allowed: true, training_fee: 0 },
		);
		let forbidden = NewModel { datasets: vec![uses(5, 100)], ..NewModel::on_data(&[1]) };
		assert_noop!(forbidden.submit(ALICE), Error::<Test>::DatasetForbidsTraining);

		let short = NewModel { datasets: vec![uses(1, 60)], ..NewModel::on_data(&[1]) };
		assert_noop!(short.submit(ALICE), Error::<Test>::AttributionNotOne);
	});
}

#[test]
fn register_fails_for_bad_splits() {
	run_test(|| {
		assert_noop!(
			NewModel { split: split(90, 0, 0, 5), ..Default::default() }.submit(ALICE),
			Error::<Test>::SplitNotOne
		);
		assert_noop!(
			NewModel { split: split(60, 30, 0, 10), ..Default::default() }.submit(ALICE),
			Error::<Test>::UpstreamShareWithoutParents
		);
		assert_noop!(
			NewModel { split: split(60, 0, 30, 10), ..Default::default() }.submit(ALICE),
			Error::<Test>::DataShareWithoutDatasets
		);
	});
}

#[test]
fn register_fails_without_funds_or_ids() {
	run_test(|| {
		assert_noop!(NewModel::default().submit(POOR), TokenError::FundsUnavailable);
		crate::NextModelId::<Test>::put(u32::MAX);
		assert_noop!(NewModel::default().submit(ALICE), Error::<Test>::IdsExhausted);
	});
}
