//! The lineage tree and the index queries behind `ModelsApi`.

use super::*;
use crate::Pallet;

#[test]
fn lineage_lists_each_ancestor_once_breadth_first() {
	run_test(|| {
		// base ← left, right ← child (a diamond): base must appear once.
		let base = NewModel::on_data(&[1]).create(ALICE);
		let left = NewModel::from_parents(&[base]).create(BOB);
		let right = NewModel::from_parents(&[base]).create(ALICE);
		let child = NewModel {
			datasets: vec![uses(1, 100)],
			split: split(50, 30, 10, 10),
			..NewModel::from_parents(&[left, right])
		}
		.create(BOB);

		let tree = Pallet::<Test>::lineage(child).unwrap();
		assert_eq!(tree.root, child);
		assert!(!tree.truncated);
		let order: Vec<_> = tree.nodes.iter().map(|n| (n.model, n.distance)).collect();
		assert_eq!(order, vec![(child, 0), (left, 1), (right, 1), (base, 2)]);
		assert_eq!(tree.nodes[0].owner, BOB);
		assert_eq!(tree.nodes[0].parents, vec![left, right]);
		assert_eq!(tree.nodes[3].datasets, vec![uses(1, 100)]);
		assert_eq!(tree.nodes[3].split, split(70, 0, 20, 10));

		assert!(Pallet::<Test>::lineage(child + 1).is_none());
	});
}

#[test]
fn models_are_indexed_by_owner_and_dataset() {
	run_test(|| {
		let first = NewModel::on_data(&[1]).create(ALICE);
		let second = NewModel::on_data(&[1, 2]).create(BOB);
		let third = NewModel::default().create(ALICE);
		assert_eq!(Pallet::<Test>::models_of_owner(ALICE), vec![first, third]);
		assert_eq!(Pallet::<Test>::models_of_owner(BOB), vec![second]);
		assert_eq!(Pallet::<Test>::models_trained_on(1), vec![first, second]);
		assert_eq!(Pallet::<Test>::models_trained_on(2), vec![second]);
		assert!(Pallet::<Test>::models_trained_on(3).is_empty());
		assert_eq!(Pallet::<Test>::model(third).unwrap().owner, ALICE);
	});
}

#[test]
fn royalty_terms_follow_the_model_and_its_status() {
	run_test(|| {
		use crate::{ModelInspect, RoyaltyTerms};
		let parent = NewModel::default().create(ALICE);
		let model = NewModel {
			datasets: vec![uses(1, 100)],
			split: split(50, 30, 10, 10),
			price: 70,
			..NewModel::from_parents(&[parent])
		};
		open_dataset(1);
		let model = model.create(BOB);
		assert_eq!(
			Pallet::<Test>::royalty_terms(model),
			Some(RoyaltyTerms {
				owner: BOB,
				price: 70,
				split: split(50, 30, 10, 10),
				parents: vec![parent],
				datasets: vec![uses(1, 100)],
				usable: true,
				output_scale: mlp().output_scale,
				weights_bytes: mlp().weights_bytes().unwrap(),
			})
		);
		frame_support::assert_ok!(Models::deprecate(RuntimeOrigin::signed(BOB), model));
		assert!(!Pallet::<Test>::royalty_terms(model).unwrap().usable);
		assert_eq!(Pallet::<Test>::royalty_terms(model + 1), None);
	});
}
