//! A test runtime: system, balances and the DAO pallet, with disputed models served from a
//! table the tests fill in.

#![allow(clippy::unwrap_used, reason = "a test runtime that cannot be built must fail the test")]

use core::cell::RefCell;
use std::collections::BTreeMap;

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Mutate, tokens::Preservation, ConstU32, EitherOfDiverse},
};
use frame_system::EnsureRoot;
use lineage_primitives::{
	datasets::ContributionId,
	disputes::{DisputeSubject, DisputeSubjects},
	models::ModelId,
};
use sp_runtime::{BuildStorage, DispatchError};

use crate as pallet_dao;
use crate::{EnsureDataDisputes, GovernanceTiming};

// Lineage's tracks count in `u32` blocks, as the chain does.
type Block = frame_system::mocking::MockBlockU32<Test>;

pub(crate) type AccountId = u64;
pub(crate) type Balance = u128;

pub(crate) const ALICE: AccountId = 1;
pub(crate) const BOB: AccountId = 2;
/// Owns the disputed models.
pub(crate) const OWNER: AccountId = 3;
/// Contributed the disputed contributions.
pub(crate) const CONTRIBUTOR: AccountId = 5;
/// Cannot cover a dispute deposit.
pub(crate) const POOR: AccountId = 4;
pub(crate) const TREASURY: AccountId = 99;

pub(crate) const INITIAL_BALANCE: Balance = 10_000;
pub(crate) const DISPUTE_DEPOSIT: Balance = 100;
/// What an upheld ruling moves from a model's owner to the treasury.
pub(crate) const MODEL_DEPOSIT: Balance = 10;
pub(crate) const MAX_URI: u32 = 16;
pub(crate) const MAX_OPEN: u32 = 3;

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
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Dao = pallet_dao;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	/// Models that can be disputed: owner, and whether revoked.
	static MODELS: RefCell<BTreeMap<ModelId, (AccountId, bool)>> =
		const { RefCell::new(BTreeMap::new()) };
	/// Accepted contributions that can be disputed: contributor, and whether cancelled.
	static CONTRIBUTIONS: RefCell<BTreeMap<ContributionId, (AccountId, bool)>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// Adds a model owned by [`OWNER`].
pub(crate) fn add_model(model: ModelId) {
	MODELS.with(|m| m.borrow_mut().insert(model, (OWNER, false)));
}

pub(crate) fn is_revoked(model: ModelId) -> bool {
	MODELS.with(|m| m.borrow().get(&model).is_some_and(|(_, revoked)| *revoked))
}

/// Adds an accepted contribution from [`CONTRIBUTOR`].
pub(crate) fn add_contribution(contribution: ContributionId) {
	CONTRIBUTIONS.with(|c| c.borrow_mut().insert(contribution, (CONTRIBUTOR, false)));
}

pub(crate) fn is_cancelled(contribution: ContributionId) -> bool {
	CONTRIBUTIONS.with(|c| c.borrow().get(&contribution).is_some_and(|(_, cancelled)| *cancelled))
}

/// The models and datasets pallets' side: unknown, revoked and cancelled subjects cannot be
/// disputed; upholding revokes a model and moves its owner's deposit to the treasury, or
/// cancels a contribution, which moves nothing.
pub struct MockSubjects;

type Table = &'static std::thread::LocalKey<RefCell<BTreeMap<u32, (AccountId, bool)>>>;

fn table(subject: &DisputeSubject) -> (Table, u32) {
	match subject {
		DisputeSubject::Model(model) => (&MODELS, *model),
		DisputeSubject::Contribution(contribution) => (&CONTRIBUTIONS, *contribution),
	}
}

impl DisputeSubjects<AccountId, Balance> for MockSubjects {
	fn offender(subject: &DisputeSubject) -> Result<AccountId, DispatchError> {
		let (table, id) = table(subject);
		match table.with(|t| t.borrow().get(&id).copied()) {
			Some((offender, false)) => Ok(offender),
			Some((_, true)) => Err(DispatchError::Other("revoked or cancelled")),
			None => Err(DispatchError::Other("unknown subject")),
		}
	}

	fn uphold(subject: &DisputeSubject, treasury: &AccountId) -> Result<Balance, DispatchError> {
		let (table, id) = table(subject);
		let Some((offender, done)) = table.with(|t| t.borrow().get(&id).copied()) else {
			return Err(DispatchError::Other("unknown subject"));
		};
		if done {
			return Ok(0);
		}
		table.with(|t| t.borrow_mut().insert(id, (offender, true)));
		match subject {
			DisputeSubject::Model(_) => {
				Balances::transfer(&offender, treasury, MODEL_DEPOSIT, Preservation::Expendable)
			},
			DisputeSubject::Contribution(_) => Ok(0),
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn create_model_subject(_opener: &AccountId) -> DisputeSubject {
		let model = MODELS.with(|m| m.borrow().len() as ModelId);
		add_model(model);
		DisputeSubject::Model(model)
	}

	fn create_contribution_subject(_opener: &AccountId) -> DisputeSubject {
		let contribution = CONTRIBUTIONS.with(|c| c.borrow().len() as ContributionId);
		add_contribution(contribution);
		DisputeSubject::Contribution(contribution)
	}
}

parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const DisputeDeposit: Balance = DISPUTE_DEPOSIT;
}

impl pallet_dao::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Subjects = MockSubjects;
	type RulingOrigin = EitherOfDiverse<EnsureRoot<AccountId>, EnsureDataDisputes>;
	type Treasury = Treasury;
	type DisputeDeposit = DisputeDeposit;
	type MaxEvidenceUriLen = ConstU32<MAX_URI>;
	type MaxOpenDisputes = ConstU32<MAX_OPEN>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Externalities whose genesis sets `timing`; Alice, Bob, the owner and the treasury funded,
/// the poor account below a deposit; no models.
pub(crate) fn new_test_ext(timing: GovernanceTiming) -> sp_io::TestExternalities {
	MODELS.with(|m| m.borrow_mut().clear());
	CONTRIBUTIONS.with(|c| c.borrow_mut().clear());
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: vec![
				(ALICE, INITIAL_BALANCE),
				(BOB, INITIAL_BALANCE),
				(OWNER, INITIAL_BALANCE),
				(POOR, DISPUTE_DEPOSIT / 2),
				(TREASURY, INITIAL_BALANCE),
			],
			..Default::default()
		},
		dao: pallet_dao::GenesisConfig { timing, ..Default::default() },
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a production-timed chain, then checks the pallet's invariants.
pub(crate) fn run_test(test: impl FnOnce()) {
	new_test_ext(GovernanceTiming::Production).execute_with(|| {
		test();
		crate::Pallet::<Test>::do_try_state().unwrap();
	});
}
