//! `set_price`, `set_royalty_split`, `deprecate`.

use frame_support::{assert_noop, assert_ok};
use lineage_primitives::models::ModelStatus;

use super::*;
use crate::{Error, Event, Models as ModelRecords};

#[test]
fn owner_sets_price() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		assert_ok!(Models::set_price(RuntimeOrigin::signed(ALICE), model, 99));
		assert_eq!(ModelRecords::<Test>::get(model).unwrap().price, 99);
		assert_eq!(last_event(), Event::PriceSet { model, price: 99 });
	});
}

#[test]
fn set_price_fails_for_others_unknown_non_commercial_and_withdrawn_models() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		assert_noop!(
			Models::set_price(RuntimeOrigin::signed(BOB), model, 1),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Models::set_price(RuntimeOrigin::signed(ALICE), model + 1, 1),
			Error::<Test>::UnknownModel
		);
		let free = NewModel {
			license: ModelLicense { commercial_use: false, derivatives_allowed: true },
			price: 0,
			..Default::default()
		}
		.create(ALICE);
		assert_noop!(
			Models::set_price(RuntimeOrigin::signed(ALICE), free, 1),
			Error::<Test>::NonCommercialPriced
		);
		assert_ok!(Models::deprecate(RuntimeOrigin::signed(ALICE), model));
		assert_noop!(
			Models::set_price(RuntimeOrigin::signed(ALICE), model, 1),
			Error::<Test>::ModelNotActive
		);
	});
}

#[test]
fn owner_sets_split() {
	run_test(|| {
		let model = NewModel::on_data(&[1]).create(ALICE);
		let new_split = split(50, 0, 40, 10);
		assert_ok!(Models::set_royalty_split(RuntimeOrigin::signed(ALICE), model, new_split));
		assert_eq!(ModelRecords::<Test>::get(model).unwrap().split, new_split);
		assert_eq!(last_event(), Event::RoyaltySplitSet { model, split: new_split });
	});
}

#[test]
fn set_split_fails_for_bad_splits_and_non_owners() {
	run_test(|| {
		let model = NewModel::on_data(&[1]).create(ALICE);
		assert_noop!(
			Models::set_royalty_split(RuntimeOrigin::signed(BOB), model, split(50, 0, 40, 10)),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Models::set_royalty_split(RuntimeOrigin::signed(ALICE), model, split(50, 0, 40, 9)),
			Error::<Test>::SplitNotOne
		);
		assert_noop!(
			Models::set_royalty_split(RuntimeOrigin::signed(ALICE), model, split(50, 10, 30, 10)),
			Error::<Test>::UpstreamShareWithoutParents
		);
	});
}

#[test]
fn deprecate_returns_the_deposit_and_keeps_the_record() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		assert_ok!(Models::deprecate(RuntimeOrigin::signed(ALICE), model));
		let record = ModelRecords::<Test>::get(model).unwrap();
		assert_eq!((record.status, record.deposit), (ModelStatus::Deprecated, 0));
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), INITIAL_BALANCE);
		assert_eq!(last_event(), Event::ModelDeprecated { model });
		// Deprecated models can still be parents: they are history, not forbidden.
		NewModel::from_parents(&[model]).create(BOB);
	});
}

#[test]
fn deprecate_fails_for_others_unknown_and_twice() {
	run_test(|| {
		let model = NewModel::default().create(ALICE);
		assert_noop!(Models::deprecate(RuntimeOrigin::signed(BOB), model), Error::<Test>::NotOwner);
		assert_noop!(
			Models::deprecate(RuntimeOrigin::signed(ALICE), model + 1),
			Error::<Test>::UnknownModel
		);
		assert_ok!(Models::deprecate(RuntimeOrigin::signed(ALICE), model));
		assert_noop!(
			Models::deprecate(RuntimeOrigin::signed(ALICE), model),
			Error::<Test>::ModelNotActive
		);
	});
}
