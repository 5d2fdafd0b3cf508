//! A test runtime: system, balances and compute.

#![allow(
	clippy::unwrap_used,
	clippy::arithmetic_side_effects,
	reason = "a test runtime: a failure or an overflow must fail the test"
)]

use core::cell::RefCell;
use std::collections::BTreeMap;

use codec::{Decode, Encode};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Mutate, tokens::Preservation, ConstU32},
	weights::Weight,
};
use lineage_primitives::{
	datasets::{DatasetId, DatasetInspect, DatasetVersion, License, Shares},
	models::{ModelId, ModelInspect, ModelRegistrar, NewModel, RoyaltySplit, RoyaltyTerms},
	royalties::RoyaltyPayer,
};
use sp_core::{sr25519, H256};
use sp_runtime::{
	generic::UncheckedExtrinsic,
	traits::{BlakeTwo256, Hash, IdentifyAccount},
	BuildStorage, DispatchError, Perbill, Permill,
};

use crate as pallet_compute;

type Block = frame_system::mocking::MockBlock<Test>;

pub(crate) type AccountId = u64;
pub(crate) type Balance = u64;

pub(crate) const ALICE: AccountId = 1;
pub(crate) const BOB: AccountId = 2;
pub(crate) const CHARLIE: AccountId = 3;
/// Has less than the least stake.
pub(crate) const POOR: AccountId = 9;

pub(crate) const MIN_STAKE: Balance = 100;
pub(crate) const UNBONDING: u64 = 10;
pub(crate) const MAX_WORKERS: u32 = 4;
pub(crate) const INITIAL_BALANCE: Balance = 10_000;
pub(crate) const DAVE: AccountId = 4;
pub(crate) const EVE: AccountId = 5;
/// Owns the mock models: receives their price.
pub(crate) const MODEL_OWNER: AccountId = 7;
/// Receives slashed stake.
pub(crate) const TREASURY: AccountId = 99;
pub(crate) const REPLICATION: u32 = 3;
pub(crate) const COMPUTE_FEE: Balance = 5;
pub(crate) const MAX_INPUT: u32 = 16;
pub(crate) const MAX_OUTPUT: u32 = 4;
pub(crate) const COMMIT_PERIOD: u64 = 3;
pub(crate) const REVEAL_PERIOD: u64 = 2;
pub(crate) const MAX_JOBS_PER_BLOCK: u32 = 2;
/// Every mock model publishes outputs at this scale; with 1% tolerance, results agree within
/// 10 fixed-point steps.
pub(crate) const OUTPUT_SCALE: u32 = 1_000;
pub(crate) const TOLERANCE_STEPS: i32 = 10;
pub(crate) const DISAGREEMENT_SLASH_PERCENT: u32 = 20;
pub(crate) const SILENCE_SLASH_PERCENT: u32 = 5;

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
	pub type Compute = pallet_compute;
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
	static MODELS: RefCell<BTreeMap<ModelId, RoyaltyTerms<AccountId, Balance>>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// Models the tests register with [`add_model`].
pub struct MockModels;
impl ModelInspect<AccountId, Balance> for MockModels {
	fn royalty_terms(model: ModelId) -> Option<RoyaltyTerms<AccountId, Balance>> {
		MODELS.with(|models| models.borrow().get(&model).cloned())
	}

	fn max_datasets() -> u32 {
		8
	}
}

/// Registers `model`, owned by [`MODEL_OWNER`], at `price`, usable or not.
pub(crate) fn add_model(model: ModelId, price: Balance, usable: bool) {
	let terms = RoyaltyTerms {
		owner: MODEL_OWNER,
		price,
		split: RoyaltySplit::default(),
		parents: Vec::new(),
		datasets: Vec::new(),
		usable,
		output_scale: OUTPUT_SCALE,
		weights_bytes: MODEL_BYTES,
	};
	MODELS.with(|models| models.borrow_mut().insert(model, terms));
}

/// Size of every mock model's weights unless a test changes it.
pub(crate) const MODEL_BYTES: u64 = 1_000;

/// Makes `model`'s weights `bytes` large.
pub(crate) fn set_model_bytes(model: ModelId, bytes: u64) {
	MODELS.with(|models| {
		if let Some(terms) = models.borrow_mut().get_mut(&model) {
			terms.weights_bytes = bytes;
		}
	});
}

/// Withdraws `model`: no new jobs, and no more payments for it.
pub(crate) fn withdraw_model(model: ModelId) {
	MODELS.with(|models| {
		if let Some(terms) = models.borrow_mut().get_mut(&model) {
			terms.usable = false;
		}
	});
}

thread_local! {
	static ROYALTIES_PAID: RefCell<Vec<(AccountId, ModelId, Balance)>> =
		const { RefCell::new(Vec::new()) };
}

/// Weight the mock royalties report for one payment.
pub(crate) const ROYALTY_WEIGHT: Weight = Weight::from_parts(1_000, 0);

/// Royalties that pay a usable model's whole price to its owner and record each payment.
pub struct MockRoyalties;
impl RoyaltyPayer<AccountId, Balance> for MockRoyalties {
	fn pay_for_use_weight() -> Weight {
		ROYALTY_WEIGHT.saturating_mul(2)
	}

	fn pay_for_use(
		payer: &AccountId,
		model: ModelId,
		amount: Balance,
	) -> Result<Weight, DispatchError> {
		let terms = MockModels::royalty_terms(model).ok_or(DispatchError::Other("no model"))?;
		if !terms.usable {
			return Err(DispatchError::Other("model withdrawn"));
		}
		Balances::transfer(payer, &terms.owner, amount, Preservation::Preserve)?;
		ROYALTIES_PAID.with(|paid| paid.borrow_mut().push((*payer, model, amount)));
		Ok(ROYALTY_WEIGHT)
	}

	fn pay_training_fee_weight() -> Weight {
		ROYALTY_WEIGHT
	}

	fn pay_training_fee(
		payer: &AccountId,
		dataset: DatasetId,
		version: DatasetVersion,
		amount: Balance,
	) -> Result<Weight, DispatchError> {
		MockDatasets::license_at(dataset, version).ok_or(DispatchError::Other("no dataset"))?;
		Balances::transfer(payer, &DATA_POT, amount, Preservation::Preserve)?;
		TRAINING_FEES_PAID.with(|paid| paid.borrow_mut().push((*payer, dataset, amount)));
		Ok(ROYALTY_WEIGHT)
	}
}

/// Receives the training fees the mock royalties take.
pub(crate) const DATA_POT: AccountId = 8;

thread_local! {
	static TRAINING_FEES_PAID: RefCell<Vec<(AccountId, DatasetId, Balance)>> =
		const { RefCell::new(Vec::new()) };
	static DATASETS: RefCell<BTreeMap<DatasetId, (License<Balance>, DatasetVersion)>> =
		const { RefCell::new(BTreeMap::new()) };
	static REGISTERED: RefCell<Vec<(AccountId, ModelId, NewModel<Balance>)>> =
		const { RefCell::new(Vec::new()) };
}

/// Training fees the mock royalties took: payer, dataset, amount.
pub(crate) fn training_fees_paid() -> Vec<(AccountId, DatasetId, Balance)> {
	TRAINING_FEES_PAID.with(|paid| paid.borrow().clone())
}

/// Datasets the tests register with [`add_dataset`].
pub struct MockDatasets;
impl DatasetInspect<Balance> for MockDatasets {
	fn license_at(dataset: DatasetId, version: DatasetVersion) -> Option<License<Balance>> {
		DATASETS.with(|datasets| {
			datasets
				.borrow()
				.get(&dataset)
				.filter(|(_, latest)| version <= *latest)
				.map(|(license, _)| *license)
		})
	}

	fn shares_at(dataset: DatasetId, version: DatasetVersion) -> Option<Shares> {
		Self::license_at(dataset, version).map(|_| 10)
	}

	fn latest_version(dataset: DatasetId) -> Option<DatasetVersion> {
		DATASETS.with(|datasets| datasets.borrow().get(&dataset).map(|(_, latest)| *latest))
	}

	fn max_versions() -> u32 {
		100
	}
}

/// Registers `dataset` at version 1 with a training fee; training allowed or not.
pub(crate) fn add_dataset(dataset: DatasetId, training_fee: Balance, training_allowed: bool) {
	let license = License { training_allowed, commercial_use_allowed: true, training_fee };
	DATASETS.with(|datasets| datasets.borrow_mut().insert(dataset, (license, 1)));
}

/// A registry that refuses unknown or withdrawn parents, unknown datasets, attribution not
/// summing to one and an empty name, and records what it registers as a new usable model.
pub struct MockRegistrar;
impl ModelRegistrar<AccountId, Balance> for MockRegistrar {
	fn register_weight(parents: u32, datasets: u32) -> Weight {
		ROYALTY_WEIGHT.saturating_mul(u64::from(parents + datasets + 1))
	}

	fn check(_owner: &AccountId, model: &NewModel<Balance>) -> Result<(), DispatchError> {
		if model.name.is_empty() {
			return Err(DispatchError::Other("empty name"));
		}
		for parent in &model.parents {
			match MockModels::royalty_terms(*parent) {
				Some(terms) if terms.usable => {},
				_ => return Err(DispatchError::Other("parent not usable")),
			}
		}
		if !lineage_primitives::models::sums_to_one(model.datasets.iter().map(|used| used.weight)) {
			return Err(DispatchError::Other("attribution not one"));
		}
		Ok(())
	}

	fn register(owner: &AccountId, model: NewModel<Balance>) -> Result<ModelId, DispatchError> {
		Self::check(owner, &model)?;
		let id = MODELS.with(|models| models.borrow().keys().next_back().map_or(0, |id| id + 1));
		add_model(id, model.price, true);
		REGISTERED.with(|registered| registered.borrow_mut().push((*owner, id, model)));
		Ok(id)
	}
}

/// Models the mock registry registered: owner, id, model.
pub(crate) fn registered() -> Vec<(AccountId, ModelId, NewModel<Balance>)> {
	REGISTERED.with(|registered| registered.borrow().clone())
}

/// Payments the mock royalties took: payer, model, amount.
pub(crate) fn royalties_paid() -> Vec<(AccountId, ModelId, Balance)> {
	ROYALTIES_PAID.with(|paid| paid.borrow().clone())
}

/// Benchmark set-up on the mock's model table.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, Balance> for MockBenchmarkHelper {
	fn create_model(_owner: AccountId) -> ModelId {
		let next = MODELS.with(|models| models.borrow().keys().next_back().map_or(0, |id| id + 1));
		add_model(next, 10, true);
		next
	}

	fn create_dataset(fee: Balance) -> (DatasetId, DatasetVersion) {
		let next =
			DATASETS.with(|datasets| datasets.borrow().keys().next_back().map_or(0, |id| id + 1));
		add_dataset(next, fee, true);
		(next, 1)
	}
}

/// Randomness that is the hash of its subject: deterministic, and different per job.
pub struct SubjectHash;
impl frame_support::traits::Randomness<H256, u64> for SubjectHash {
	fn random(subject: &[u8]) -> (H256, u64) {
		(BlakeTwo256::hash(subject), 0)
	}
}

parameter_types! {
	pub const MinWorkerStake: Balance = MIN_STAKE;
	pub const UnbondingPeriod: u64 = UNBONDING;
	pub const ComputeFee: Balance = COMPUTE_FEE;
	pub const CommitPeriod: u64 = COMMIT_PERIOD;
	pub const RevealPeriod: u64 = REVEAL_PERIOD;
	pub const OutputTolerance: Permill = Permill::from_percent(1);
	pub const DisagreementSlash: Perbill = Perbill::from_percent(DISAGREEMENT_SLASH_PERCENT);
	pub const SilenceSlash: Perbill = Perbill::from_percent(SILENCE_SLASH_PERCENT);
	pub const Treasury: AccountId = TREASURY;
	pub const TrainingFeePerEpoch: Balance = TRAINING_FEE_PER_EPOCH;
	pub const TrainingCommitPeriod: u64 = TRAINING_COMMIT_PERIOD;
	pub static ResultRetention: u64 = 20;
}

pub(crate) const TRAINING_FEE_PER_EPOCH: Balance = 2;
pub(crate) const TRAINING_COMMIT_PERIOD: u64 = 4;
pub(crate) const MAX_EPOCHS: u32 = 10;
pub(crate) const MAX_TRAINING_DATASETS: u32 = 3;
pub(crate) const MAX_TRAINING_PARENTS: u32 = 2;

impl pallet_compute::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinWorkerStake = MinWorkerStake;
	type UnbondingPeriod = UnbondingPeriod;
	type MaxWorkers = ConstU32<MAX_WORKERS>;
	type Models = MockModels;
	type Randomness = SubjectHash;
	type Replication = ConstU32<REPLICATION>;
	type ComputeFee = ComputeFee;
	type MaxInputLen = ConstU32<MAX_INPUT>;
	type MaxOutputLen = ConstU32<MAX_OUTPUT>;
	type CommitPeriod = CommitPeriod;
	type RevealPeriod = RevealPeriod;
	type MaxJobsPerBlock = ConstU32<MAX_JOBS_PER_BLOCK>;
	type ResultRetention = ResultRetention;
	type OutputTolerance = OutputTolerance;
	type DisagreementSlash = DisagreementSlash;
	type SilenceSlash = SilenceSlash;
	type Treasury = Treasury;
	type Royalties = MockRoyalties;
	type Datasets = MockDatasets;
	type Registrar = MockRegistrar;
	type TrainingFeePerEpoch = TrainingFeePerEpoch;
	type MaxTrainingEpochs = ConstU32<MAX_EPOCHS>;
	type TrainingCommitPeriod = TrainingCommitPeriod;
	type MaxTrainingDatasets = ConstU32<MAX_TRAINING_DATASETS>;
	type MaxTrainingParents = ConstU32<MAX_TRAINING_PARENTS>;
	type MaxModelNameLen = ConstU32<16>;
	type AuthorityId = TestAuthority;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

thread_local! {
	static KEY_ACCOUNTS: RefCell<BTreeMap<sr25519::Public, AccountId>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// Makes `account` the account that `key` signs transactions as, as a `MultiSigner` key is its
/// own account in the runtime.
pub(crate) fn bind_key(key: sr25519::Public, account: AccountId) {
	KEY_ACCOUNTS.with(|accounts| accounts.borrow_mut().insert(key, account));
}

/// The mock's transaction signer: an sr25519 key whose account was bound with [`bind_key`]
/// (`AccountId::MAX` if none was).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Encode, Decode, scale_info::TypeInfo)]
pub struct TestSigner(pub sr25519::Public);

impl IdentifyAccount for TestSigner {
	type AccountId = AccountId;
	fn into_account(self) -> AccountId {
		KEY_ACCOUNTS.with(|accounts| accounts.borrow().get(&self.0).copied()).unwrap_or(u64::MAX)
	}
}

impl From<sr25519::Public> for TestSigner {
	fn from(key: sr25519::Public) -> Self {
		Self(key)
	}
}

impl TryFrom<TestSigner> for sr25519::Public {
	type Error = ();
	fn try_from(signer: TestSigner) -> Result<Self, ()> {
		Ok(signer.0)
	}
}

/// Workers' `lnml` keys signing the mock's transactions.
pub struct TestAuthority;
impl frame_system::offchain::AppCrypto<TestSigner, sr25519::Signature> for TestAuthority {
	type RuntimeAppPublic = crate::WorkerKey;
	type GenericPublic = sr25519::Public;
	type GenericSignature = sr25519::Signature;
}

/// A signed transaction's address is the signer's account, so tests can tell who sent it.
pub(crate) type Extrinsic = UncheckedExtrinsic<AccountId, RuntimeCall, (), ()>;

impl frame_system::offchain::SigningTypes for Test {
	type Public = TestSigner;
	type Signature = sr25519::Signature;
}

impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> frame_system::offchain::CreateSignedTransaction<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	fn create_signed_transaction<
		C: frame_system::offchain::AppCrypto<Self::Public, Self::Signature>,
	>(
		call: RuntimeCall,
		_public: TestSigner,
		account: AccountId,
		_nonce: u32,
	) -> Option<Extrinsic> {
		Some(Extrinsic::new_signed(call, account, (), ()))
	}
}

/// Alice, Bob, Charlie, Dave and Eve with [`INITIAL_BALANCE`]; `POOR` with less than a stake.
pub(crate) fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, INITIAL_BALANCE),
			(BOB, INITIAL_BALANCE),
			(CHARLIE, INITIAL_BALANCE),
			(DAVE, INITIAL_BALANCE),
			(EVE, INITIAL_BALANCE),
			(POOR, MIN_STAKE / 2),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// Benchmarks sign attestations with keys from the keystore, as a worker's node does.
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain and checks the pallet's invariants afterwards.
pub(crate) fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Compute::do_try_state().unwrap();
	});
}
