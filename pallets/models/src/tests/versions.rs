//! `register_version`.

use frame_support::{assert_noop, assert_ok};
use lineage_primitives::models::ModelStatus;

use super::*;
use crate::{Error, Event, Models as ModelRecords};

fn new_version(
	who: AccountId,
	previous: ModelId,
	parents: Vec<ModelId>,
	datasets: Vec<DatasetUse>,
) -> DispatchResult {
	Models::register_version(
		RuntimeOrigin::signed(who),
		previous,
		mlp(),
		H256::repeat_byte(2),
		b"blob://v2".to_vec(),
		parents,
		datasets,
	)
}

#[test]
fn new_version_links_back_and_inherits_terms() {
	run_test(|| {
		let first = NewModel { price: 70, ..NewModel::on_data(&[1]) }.create(ALICE);
		open_dataset(2);
		assert_ok!(new_version(ALICE, first, vec![], vec![uses(2, 100)]));
		let second = crate::NextModelId::<Test>::get() - 1;

		let record = ModelRecords::<Test>::get(second).unwrap();
		assert_eq!((record.previous_version, record.version), (Some(first), 2));
		assert_eq!(record.price, 70);
		assert_eq!(record.split, split(70, 0, 20, 10));
		assert_eq!(record.weights_hash, H256::repeat_byte(2));
		assert_eq!(record.datasets.to_vec(), vec![uses(2, 100)]);
		assert_eq!(record.status, ModelStatus::Registered);
		assert_eq!(held(ALICE), 2 * MODEL_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::ModelRegistered {
				model: second,
				owner: ALICE,
				previous_version: Some(first),
				version: 2,
				depth: 0,
				commercial: true
			}
		);
		// A version may name its predecessor as parent (fine-tuned from it): a lineage link,
		// not a cycle, since the new version has a new id.
		assert_ok!(new_version(ALICE, second, vec![second], vec![uses(2, 100)]));
		let third = crate::NextModelId::<Test>::get() - 1;
		let record = ModelRecords::<Test>::get(third).unwrap();
		assert_eq!((record.parents.to_vec(), record.depth, record.version), (vec![second], 1, 3));
	});
}

#[test]
fn new_version_fails_for_others_unknown_and_revoked_models() {
	run_test(|| {
		let first = NewModel::default().create(ALICE);
		assert_noop!(new_version(BOB, first, vec![], vec![]), Error::<Test>::NotOwner);
		assert_noop!(new_version(ALICE, first + 1, vec![], vec![]), Error::<Test>::UnknownModel);
		assert_ok!(Models::revoke(RuntimeOrigin::root(), first));
		assert_noop!(new_version(ALICE, first, vec![], vec![]), Error::<Test>::ModelNotActive);
	});
}

#[test]
fn new_version_revalidates_the_inherited_split() {
	run_test(|| {
		let first = NewModel::on_data(&[1]).create(ALICE);
		// The first version gave datasets a share; a version without datasets cannot.
		assert_noop!(
			new_version(ALICE, first, vec![], vec![]),
			Error::<Test>::DataShareWithoutDatasets
		);
	});
}

#[test]
fn version_counter_overflow_is_refused() {
	// Not `run_test`: the forced counter deliberately breaks the version-gap invariant.
	new_test_ext().execute_with(|| {
		let first = NewModel::default().create(ALICE);
		ModelRecords::<Test>::mutate(first, |m| m.as_mut().unwrap().version = u32::MAX);
		assert_noop!(new_version(ALICE, first, vec![], vec![]), Error::<Test>::VersionOverflow);
	});
}
