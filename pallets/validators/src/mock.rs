//! A test runtime: system and validators, with session keys kept in a table the tests fill in.

#![allow(clippy::unwrap_used, reason = "a test runtime that cannot be built must fail the test")]

use core::cell::RefCell;
use std::collections::BTreeSet;

use frame_support::{derive_impl, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

use crate as pallet_validators;

type Block = frame_system::mocking::MockBlock<Test>;

pub(crate) type AccountId = u64;

pub(crate) const MAX_VALIDATORS: u32 = 4;
pub(crate) const MIN_VALIDATORS: u32 = 2;
pub(crate) const MIN_SESSION_LENGTH: u64 = 5;
/// The genesis validators and session length of [`new_test_ext`].
pub(crate) const GENESIS_VALIDATORS: [AccountId; 2] = [1, 2];
pub(crate) const GENESIS_SESSION_LENGTH: u64 = 10;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Validators = pallet_validators;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	static KEYED: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
}

/// Accounts with session keys, as the mock's `pallet-session` would know them.
pub struct MockSessionKeys;
impl MockSessionKeys {
	/// Gives `who` session keys.
	pub(crate) fn set(who: AccountId) {
		KEYED.with(|keyed| keyed.borrow_mut().insert(who));
	}
}
impl crate::SessionKeysRegistry<AccountId> for MockSessionKeys {
	fn has_keys(who: &AccountId) -> bool {
		KEYED.with(|keyed| keyed.borrow().contains(who))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_keys(who: &AccountId) {
		Self::set(*who);
	}
}

impl pallet_validators::Config for Test {
	type ManagerOrigin = EnsureRoot<AccountId>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinValidators = ConstU32<MIN_VALIDATORS>;
	type MinSessionLength = frame_support::traits::ConstU64<MIN_SESSION_LENGTH>;
	type SessionKeys = MockSessionKeys;
	type WeightInfo = ();
}

/// Genesis with validators 1 and 2 (both keyed) and ten-block sessions, at block 1.
pub(crate) fn new_test_ext() -> sp_io::TestExternalities {
	KEYED.with(|keyed| keyed.borrow_mut().clear());
	GENESIS_VALIDATORS.into_iter().for_each(MockSessionKeys::set);
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		validators: pallet_validators::GenesisConfig {
			validators: GENESIS_VALIDATORS.to_vec(),
			session_length: GENESIS_SESSION_LENGTH,
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
