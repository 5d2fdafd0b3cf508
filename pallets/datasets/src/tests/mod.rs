//! Unit tests on the mock runtime, one file per concern. Each test runs through
//! [`run_test`](crate::mock::run_test), which checks the pallet's invariants afterwards.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "tests fail loudly by design"
)]

mod cancellation;
mod contributions;
mod curation;
mod genesis;
mod queries;
mod register;
mod storage_version;

use frame_support::{assert_ok, traits::fungible::InspectHold};
use sp_core::H256;

use crate::{mock::*, HoldReason, License};

/// A licence allowing everything, with a training fee of 5.
pub(crate) fn open_license() -> License<Balance> {
	License { training_allowed: true, commercial_use_allowed: true, training_fee: 5 }
}

pub(crate) fn root(byte: u8) -> H256 {
	H256::repeat_byte(byte)
}

/// Alice registers a 10-item dataset; returns its id.
pub(crate) fn alice_dataset() -> u32 {
	assert_ok!(Datasets::register(
		RuntimeOrigin::signed(ALICE),
		root(1),
		10,
		b"ipfs://digits".to_vec(),
		root(2),
		open_license(),
	));
	crate::NextDatasetId::<Test>::get() - 1
}

/// `who` proposes `items` items for `dataset`; returns the contribution id.
pub(crate) fn propose(who: AccountId, dataset: u32, items: u64) -> u32 {
	assert_ok!(Datasets::propose_contribution(RuntimeOrigin::signed(who), dataset, root(7), items));
	crate::NextContributionId::<Test>::get() - 1
}

pub(crate) fn held(who: AccountId, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Datasets(reason), &who)
}

pub(crate) fn last_event() -> crate::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Datasets(event) => Some(event),
			_ => None,
		})
		.unwrap()
}
