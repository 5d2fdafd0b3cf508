//! The validator set under governance, through `Executive` on the development preset: a
//! validator registers session keys with a proof of ownership, root adds it, and it becomes an
//! Aura and GRANDPA authority two session changes later; the set never drops below its
//! minimum.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly")]

mod common;

use codec::Encode;
use frame_support::{assert_noop, dispatch::GetDispatchInfo, traits::fungible::InspectHold};
use lineage_runtime::{
	Balances, Runtime, RuntimeCall, RuntimeHoldReason, RuntimeOrigin, Session, SessionKeys, System,
	MINUTES,
};
use sp_keyring::Sr25519Keyring;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::traits::Dispatchable;

/// The development chain with a keystore, so session keys can be generated as a node would.
fn dev_chain() -> sp_io::TestExternalities {
	let mut ext = common::ext_from_preset(sp_genesis_builder::DEV_RUNTIME_PRESET);
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext
}

/// `who` registers fresh session keys, proving it holds them; returns the keys.
fn set_keys(who: Sr25519Keyring) -> SessionKeys {
	let generated = SessionKeys::generate(&who.to_account_id().encode(), None);
	let call = RuntimeCall::Session(pallet_session::Call::set_keys {
		keys: generated.keys.clone(),
		proof: generated.proof.encode(),
	});
	common::apply_signed(call, who).expect("valid").expect("keys set");
	generated.keys
}

fn sudo(call: pallet_validators::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(RuntimeCall::Validators(call)) })
}

fn run_to_session(index: u32) {
	while Session::current_index() < index {
		common::next_block();
	}
}

#[test]
fn genesis_validators_are_the_session_and_consensus_authorities() {
	dev_chain().execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(
			pallet_validators::Validators::<Runtime>::get().into_inner(),
			vec![alice.clone()]
		);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![alice]);
		assert_eq!(pallet_validators::SessionLength::<Runtime>::get(), MINUTES);
	});
}

#[test]
fn a_validator_added_by_root_authors_from_the_session_after_next() {
	dev_chain().execute_with(|| {
		common::begin_chain();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let keys = set_keys(Sr25519Keyring::Bob);
		// The keys' storage is paid for with a deposit.
		let held = Balances::balance_on_hold(
			&RuntimeHoldReason::Session(pallet_session::HoldReason::Keys),
			&bob,
		);
		assert_eq!(held, lineage_runtime::UNIT);

		let add = sudo(pallet_validators::Call::add_validator { who: bob.clone() });
		common::apply_signed(add, Sr25519Keyring::Alice).expect("valid").expect("sudo ran");
		assert!(common::events()
			.contains(&pallet_validators::Event::ValidatorAdded { who: bob.clone() }.into()));

		// The next session change queues Bob; the one after makes him an authority.
		run_to_session(1);
		assert!(!Session::validators().contains(&bob));
		assert!(Session::queued_keys().iter().any(|(who, _)| who == &bob));
		run_to_session(2);
		assert!(Session::validators().contains(&bob));
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert!(aura.contains(&keys.aura));
		// GRANDPA enacts the new set once the change is finalised: it is scheduled now.
		let pending = pallet_grandpa::PendingChange::<Runtime>::get().expect("a set change");
		assert!(pending.next_authorities.iter().any(|(id, _)| id == &keys.grandpa));
		assert_eq!(System::block_number(), 2 * MINUTES);
	});
}

#[test]
fn root_alone_manages_the_set_and_never_below_its_minimum() {
	dev_chain().execute_with(|| {
		common::begin_chain();
		let alice = Sr25519Keyring::Alice.to_account_id();
		let remove = pallet_validators::Call::<Runtime>::remove_validator { who: alice.clone() };
		assert_noop!(
			RuntimeCall::Validators(remove.clone()).dispatch(RuntimeOrigin::signed(alice.clone())),
			sp_runtime::DispatchError::BadOrigin
		);
		let refused = RuntimeCall::Validators(remove).dispatch(RuntimeOrigin::root());
		assert_eq!(
			refused.map_err(|e| e.error),
			Err(pallet_validators::Error::<Runtime>::TooFewValidators.into())
		);
		// Charlie has no session keys: adding him would add a validator that cannot author.
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let add = RuntimeCall::Validators(pallet_validators::Call::add_validator { who: charlie });
		assert_eq!(
			add.dispatch(RuntimeOrigin::root()).map_err(|e| e.error),
			Err(pallet_validators::Error::<Runtime>::NoSessionKeys.into())
		);
		assert!(!pallet_validators::SetChanged::<Runtime>::get());
	});
}

#[test]
fn set_changes_are_charged_for_the_largest_set() {
	let alice = Sr25519Keyring::Alice.to_account_id();
	let call = RuntimeCall::Validators(pallet_validators::Call::add_validator { who: alice });
	let charged = call.get_dispatch_info().call_weight;
	use pallet_validators::WeightInfo;
	let largest = <Runtime as pallet_validators::Config>::WeightInfo::add_validator(32);
	assert_eq!(charged, largest);
	assert!(charged.ref_time() > 0);
}
