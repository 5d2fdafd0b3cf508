//! `pallet_royalties`: payments along lineage. The bounds match the models pallet's, so a
//! payment reaches a model's whole lineage unless it is wider than eight models.

use frame_support::{parameter_types, traits::ConstU32, PalletId};
use sp_runtime::traits::AccountIdConversion;

use crate::{AccountId, Balances, Datasets, Models, Runtime};

parameter_types! {
	/// Derives the account holding every royalty owed and not yet claimed.
	pub const RoyaltiesPalletId: PalletId = PalletId(*b"lin/roya");
	/// Derives the treasury's account until the DAO's treasury replaces it.
	pub const TreasuryPalletId: PalletId = PalletId(*b"lin/trsy");
	/// Receives the treasury part of every payment. Exposed in metadata as
	/// `royalties.treasuryAccount`; it claims with `claim_earnings`, which needs a key nobody
	/// holds until the DAO's treasury spends from it.
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
}

impl pallet_royalties::Config for Runtime {
	type Currency = Balances;
	type Models = Models;
	type Datasets = Datasets;
	type PalletId = RoyaltiesPalletId;
	type TreasuryAccount = TreasuryAccount;
	type MaxPaidModels = ConstU32<8>;
	type MaxDatasetsPerModel = <Runtime as pallet_models::Config>::MaxDatasets;
	type MaxVersions = <Runtime as pallet_datasets::Config>::MaxVersions;
	type MaxClaimAll = ConstU32<16>;
	type WeightInfo = pallet_royalties::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::LineageBenchmarkHelper;
}
