//! `pallet_royalties`: payments along lineage. The bounds match the models pallet's, so a
//! payment reaches a model's whole lineage unless it is wider than eight models.

use frame_support::{parameter_types, traits::ConstU32, PalletId};
use sp_runtime::traits::AccountIdConversion;

use super::TreasuryAccount;
use crate::{AccountId, Balances, Datasets, Models, Runtime};

parameter_types! {
	/// Derives the account holding every royalty owed and not yet claimed.
	pub const RoyaltiesPalletId: PalletId = PalletId(*b"lin/roya");
	/// The account royalties credited the treasury part to before `pallet_treasury` existed
	/// (storage version 3); the v4 migration pays what it was owed to the treasury.
	pub LegacyRoyaltiesTreasury: AccountId = PalletId(*b"lin/trsy").into_account_truncating();
}

impl pallet_royalties::Config for Runtime {
	type Currency = Balances;
	type Models = Models;
	type Datasets = Datasets;
	type PalletId = RoyaltiesPalletId;
	// Paid at once into `pallet_treasury`'s account (`royalties.treasuryAccount` in metadata).
	type TreasuryAccount = TreasuryAccount;
	type MaxPaidModels = ConstU32<8>;
	type MaxDatasetsPerModel = <Runtime as pallet_models::Config>::MaxDatasets;
	type MaxVersions = <Runtime as pallet_datasets::Config>::MaxVersions;
	type MaxClaimAll = ConstU32<16>;
	type WeightInfo = pallet_royalties::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::LineageBenchmarkHelper;
}
