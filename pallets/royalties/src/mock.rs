//! A test runtime: system, balances and royalties, with models and datasets served from
//! tables the tests fill in (shares changes are reported as the datasets pallet would).

#![allow(
	clippy::unwrap_used,
	clippy::arithmetic_side_effects,
	reason = "a test runtime: a failure or an overflow must fail the test"
)]

use core::cell::RefCell;
use std::collections::BTreeMap;

use frame_support::{derive_impl, parameter_types, traits::ConstU32, PalletId};
use lineage_primitives::{
	datasets::{DatasetId, DatasetInspect, DatasetVersion, License, OnSharesChanged, Shares},
	models::{DatasetUse, ModelId, ModelInspect, RoyaltySplit, RoyaltyTerms},
};
use sp_runtime::{BuildStorage, Perbill};

use crate as pallet_royalties;

type Block = frame_system::mocking::MockBlock<Test>;

pub(crate) type AccountId = u64;
pub(crate) type Balance = u128;

pub(crate) const ALICE: AccountId = 1;
pub(crate) const BOB: AccountId = 2;
pub(crate) const CHARLIE: AccountId = 3;
pub(crate) const DAVE: AccountId = 4;
pub(crate) const PAYER: AccountId = 10;
pub(crate) const TREASURY: AccountId = 99;
pub(crate) const INITIAL_BALANCE: Balance = 1_000_000;
pub(crate) const MAX_PAID_MODELS: u32 = 4;
pub(crate) const MAX_VERSIONS: u32 = 64;
pub(crate) const MAX_DATASETS_PER_MODEL: u32 = 4;

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
	pub type Royalties = pallet_royalties;
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
	type ExistentialDeposit = frame_support::traits::ConstU128<10>;
}

#[derive(Default)]
struct Tables {
	models: BTreeMap<ModelId, RoyaltyTerms<AccountId, Balance>>,
	/// Total shares of each dataset version.
	versions: BTreeMap<(DatasetId, DatasetVersion), Shares>,
	fees: BTreeMap<DatasetId, Balance>,
}

thread_local! {
	static TABLES: RefCell<Tables> = RefCell::new(Tables::default());
}

/// Models the tests register.
pub struct MockModels;
impl ModelInspect<AccountId, Balance> for MockModels {
	fn royalty_terms(model: ModelId) -> Option<RoyaltyTerms<AccountId, Balance>> {
		TABLES.with(|t| t.borrow().models.get(&model).cloned())
	}

	fn max_datasets() -> u32 {
		MAX_DATASETS_PER_MODEL
	}
}

/// Datasets the tests grow with [`contribute`].
pub struct MockDatasets;
impl DatasetInspect<Balance> for MockDatasets {
	fn license_at(dataset: DatasetId, version: DatasetVersion) -> Option<License<Balance>> {
		TABLES.with(|t| {
			let t = t.borrow();
			t.versions.contains_key(&(dataset, version)).then(|| License {
				training_allowed: true,
				commercial_use_allowed: true,
				training_fee: t.fees.get(&dataset).copied().unwrap_or_default(),
			})
		})
	}

	fn shares_at(dataset: DatasetId, version: DatasetVersion) -> Option<Shares> {
		TABLES.with(|t| t.borrow().versions.get(&(dataset, version)).copied())
	}

	fn latest_version(dataset: DatasetId) -> Option<DatasetVersion> {
		TABLES.with(|t| {
			t.borrow()
				.versions
				.range((dataset, 0)..=(dataset, u32::MAX))
				.next_back()
				.map(|((_, version), _)| *version)
		})
	}

	fn max_versions() -> u32 {
		MAX_VERSIONS
	}
}

/// Benchmark set-up on the mock's tables.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, Balance> for MockBenchmarkHelper {
	fn create_dataset(license: License<Balance>) -> (DatasetId, DatasetVersion) {
		TABLES.with(|t| {
			let mut t = t.borrow_mut();
			let id = t.versions.keys().map(|(id, _)| id + 1).max().unwrap_or(0);
			t.versions.insert((id, 0), 100);
			t.fees.insert(id, license.training_fee);
			(id, 0)
		})
	}

	fn publish_versions(dataset: DatasetId, latest: DatasetVersion) {
		publish_versions(dataset, latest, 100);
	}

	fn create_model(
		owner: AccountId,
		split: RoyaltySplit,
		parents: Vec<ModelId>,
		datasets: Vec<DatasetUse>,
	) -> ModelId {
		TABLES.with(|t| {
			let mut t = t.borrow_mut();
			let id = t.models.keys().map(|id| id + 1).max().unwrap_or(0);
			let terms = RoyaltyTerms {
				owner,
				price: 0,
				split,
				parents,
				datasets,
				usable: true,
				output_scale: 1,
				weights_bytes: 4,
			};
			t.models.insert(id, terms);
			id
		})
	}
}

/// Registers `model` with `owner`, split percentages (owner, upstream, data, treasury),
/// parents and datasets `(dataset, version, weight %)`.
pub(crate) fn add_model(
	model: ModelId,
	owner: AccountId,
	split: [u32; 4],
	parents: Vec<ModelId>,
	datasets: Vec<(DatasetId, DatasetVersion, u32)>,
) {
	let [o, u, d, t] = split.map(Perbill::from_percent);
	let terms = RoyaltyTerms {
		owner,
		price: 0,
		split: RoyaltySplit { owner: o, upstream: u, data: d, treasury: t },
		parents,
		datasets: datasets
			.into_iter()
			.map(|(dataset, version, weight)| DatasetUse {
				dataset,
				version,
				weight: Perbill::from_percent(weight),
			})
			.collect(),
		usable: true,
		output_scale: 1,
		weights_bytes: 4,
	};
	TABLES.with(|t| t.borrow_mut().models.insert(model, terms));
}

/// Makes versions of `dataset` up to `latest` exist, those not yet there with `shares` shares,
/// without reporting share changes: for state the tests write directly.
pub(crate) fn publish_versions(dataset: DatasetId, latest: DatasetVersion, shares: Shares) {
	TABLES.with(|t| {
		let mut t = t.borrow_mut();
		for version in 0..=latest {
			t.versions.entry((dataset, version)).or_insert(shares);
		}
	})
}

/// Marks `model` as deprecated or revoked.
pub(crate) fn retire_model(model: ModelId) {
	TABLES.with(|t| t.borrow_mut().models.get_mut(&model).unwrap().usable = false);
}

/// Sets `dataset`'s training fee.
pub(crate) fn set_training_fee(dataset: DatasetId, fee: Balance) {
	TABLES.with(|t| t.borrow_mut().fees.insert(dataset, fee));
}

/// `who` adds `shares` to `dataset`, creating its next version (version 0 for the first), and
/// the change is reported as the datasets pallet reports it. Returns the new version.
pub(crate) fn contribute(dataset: DatasetId, who: AccountId, shares: Shares) -> DatasetVersion {
	let (version, total) = TABLES.with(|t| {
		let t = t.borrow();
		let last = t.versions.range((dataset, 0)..=(dataset, u32::MAX)).next_back();
		match last {
			Some(((_, v), total)) => (v + 1, total + shares),
			None => (0, shares),
		}
	});
	TABLES.with(|t| t.borrow_mut().versions.insert((dataset, version), total));
	report_change(dataset, version, who, |old| old + shares);
	version
}

/// Reports a change of `who`'s shares in `dataset` at `version`, from what their holding has
/// to `new(old)`, as the datasets pallet reports it.
fn report_change(
	dataset: DatasetId,
	version: DatasetVersion,
	who: AccountId,
	new: impl FnOnce(Shares) -> Shares,
) {
	let old: Shares = crate::Contributors::<Test>::get(dataset, who)
		.holding
		.positions
		.iter()
		.map(|p| p.shares)
		.sum();
	<Royalties as OnSharesChanged<AccountId>>::on_shares_changed(
		dataset,
		version,
		&who,
		old,
		new(old),
	);
}

/// `who`'s `shares` added at `version` of `dataset` are cancelled, as an upheld dispute
/// cancels them in the datasets pallet: every version from `version` on loses them, and the
/// change is reported.
pub(crate) fn cancel(dataset: DatasetId, version: DatasetVersion, who: AccountId, shares: Shares) {
	TABLES.with(|t| {
		for (_, total) in
			t.borrow_mut().versions.range_mut((dataset, version)..=(dataset, u32::MAX))
		{
			*total -= shares;
		}
	});
	report_change(dataset, version, who, |old| old - shares);
}

parameter_types! {
	pub const RoyaltiesPalletId: PalletId = PalletId(*b"lin/roya");
	pub const Treasury: AccountId = TREASURY;
}

impl pallet_royalties::Config for Test {
	type Currency = Balances;
	type Models = MockModels;
	type Datasets = MockDatasets;
	type PalletId = RoyaltiesPalletId;
	type TreasuryAccount = Treasury;
	type MaxPaidModels = ConstU32<MAX_PAID_MODELS>;
	type MaxDatasetsPerModel = ConstU32<MAX_DATASETS_PER_MODEL>;
	type MaxVersions = ConstU32<MAX_VERSIONS>;
	type MaxClaimAll = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Everyone funded with [`INITIAL_BALANCE`]; the pot with its existential deposit; no models
/// or datasets.
pub(crate) fn new_test_ext() -> sp_io::TestExternalities {
	TABLES.with(|t| *t.borrow_mut() = Tables::default());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CHARLIE, DAVE, PAYER, TREASURY]
			.into_iter()
			.map(|who| (who, INITIAL_BALANCE))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_royalties::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks the invariants and that total issuance did not
/// change.
pub(crate) fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		test();
		Royalties::do_try_state().unwrap();
		assert_eq!(Balances::total_issuance(), issuance, "royalties created or destroyed funds");
	});
}
