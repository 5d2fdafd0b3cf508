//! Unit tests on the mock runtime, one file per concern. Each test runs through
//! [`run_test`](crate::mock::run_test): invariants and total issuance are checked afterwards.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "tests fail loudly by design"
)]

mod cancellation;
mod claims;
mod conservation;
mod lineage;
mod payment;

use crate::{mock::*, Earnings};

pub(crate) fn owner_earnings(who: AccountId) -> Earnings<Balance> {
	crate::OwnerEarnings::<Test>::get(who)
}

/// What the treasury's account received since genesis: it is paid at once, not credited.
pub(crate) fn treasury_received() -> Balance {
	Balances::free_balance(TREASURY) - INITIAL_BALANCE
}

pub(crate) fn claimable(who: AccountId, dataset: u32) -> Balance {
	Royalties::dataset_earnings(&who, dataset).claimable
}

pub(crate) fn royalty_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Royalties(event) => Some(event),
			_ => None,
		})
		.collect()
}
