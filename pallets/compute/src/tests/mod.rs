//! Unit tests on the mock runtime, one file per concern. Each test runs through
//! [`run_test`](crate::mock::run_test), which checks the pallet's invariants afterwards.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "tests fail loudly by design"
)]

mod failures;
mod jobs;
mod offchain;
mod results;
mod retention;
mod settlement;
mod training;
mod workers;

use frame_support::traits::fungible::InspectHold;

use crate::{mock::*, Backends, Capabilities, HoldReason, WorkerKey};

/// A distinct attestation key per byte.
pub(crate) fn key(byte: u8) -> WorkerKey {
	WorkerKey::from(sp_core::sr25519::Public::from_raw([byte; 32]))
}

/// A CPU worker that loads models up to 1 MB.
pub(crate) fn cpu() -> Capabilities {
	Capabilities { backends: Backends(Backends::CPU), max_model_bytes: 1_000_000 }
}

pub(crate) fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Compute(HoldReason::WorkerStake), &who)
}

pub(crate) fn last_event() -> crate::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Compute(event) => Some(event),
			_ => None,
		})
		.unwrap()
}
