//! `pallet_session` and `pallet_validators`: who authors (Aura) and finalises (GRANDPA).
//!
//! Governance keeps the validator set in `pallet_validators` (root: the DAO's root track, or
//! sudo on the development chain); at each session change `pallet_session` queues the set it
//! was handed and activates the one queued a session earlier, telling Aura and GRANDPA their
//! new authorities. A validator first registers its session keys: `author_rotateKeysWithOwner`
//! on its own node (owner: its account id) returns the public keys and a proof that the
//! account holds them, which `session.setKeys(keys, proof)` checks and stores under a
//! deposit.

use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::traits::ConvertInto;

use crate::{
	AccountId, Balance, Balances, Runtime, RuntimeEvent, SessionKeys, Validators, MINUTES, UNIT,
};

parameter_types! {
	/// Held from an account while it has session keys registered: their storage (the keys
	/// and one owner entry per key) is paid for, and returned by `session.purgeKeys`.
	pub const SessionKeyDeposit: Balance = UNIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// A validator is identified by its account.
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Validators;
	type NextSessionRotation = Validators;
	type SessionManager = Validators;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	// No offences are reported on-chain yet, so nobody is disabled.
	type DisablingStrategy = ();
	type WeightInfo = crate::weights::pallet_session::WeightInfo<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

/// Answers `pallet_validators` from `pallet_session`'s keys for the next session.
pub struct SessionKeysOfSession;
impl pallet_validators::SessionKeysRegistry<AccountId> for SessionKeysOfSession {
	fn has_keys(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_keys(who: &AccountId) {
		use crate::session_benchmarks::Config;
		let (keys, proof) = Runtime::generate_keys_and_proof(who);
		Runtime::fund_key_deposit(who);
		let _ = pallet_session::Pallet::<Runtime>::set_keys(
			frame_system::RawOrigin::Signed(who.clone()).into(),
			keys,
			proof,
		);
	}
}

impl pallet_validators::Config for Runtime {
	// The DAO's root track, or sudo where there is one.
	type ManagerOrigin = EnsureRoot<AccountId>;
	// As many as Aura and GRANDPA accept as authorities.
	type MaxValidators = super::consensus::MaxAuthorities;
	// A chain left without validators can never author again.
	type MinValidators = ConstU32<1>;
	// A session change reorganises the authority sets; a minute apart at the least.
	type MinSessionLength = ConstU32<{ MINUTES }>;
	type SessionKeys = SessionKeysOfSession;
	type WeightInfo = pallet_validators::weights::SubstrateWeight<Runtime>;
}
