//! `pallet_treasury`: the chain's own funds. It receives the treasury share of every royalty
//! payment and a fifth of every transaction fee (`transaction_payment.rs`), and spends only
//! through referenda: the treasurer track up to `treasury.TreasurerSpendCap` per spend (a
//! dynamic parameter), the root track without a cap. Payouts are claimed with `payout` once
//! a spend is valid, within `PayoutPeriod`.

use frame_support::{
	parameter_types,
	traits::{tokens::UnityAssetBalanceConversion, EitherOf},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use pallet_dao::{EnsureTreasurer, EnsureTreasurySpender};
use sp_runtime::{
	traits::{AccountIdConversion, AccountIdLookup},
	Permill,
};

use crate::{
	configs::dynamic_params, AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeEvent,
	System, DAYS,
};

parameter_types! {
	/// The account every payment to the treasury lands in.
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	/// Exposed in metadata as `treasury.palletId`; polkadot.js Apps shows its balance.
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
	/// Approved spends of the legacy proposal flow are paid every six days; `spend` and
	/// `payout` do not wait for it.
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	/// Nothing is burned: unspent funds stay for later referenda.
	pub const Burn: Permill = Permill::zero();
	/// A spend not paid out within 30 days of becoming valid expires.
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	/// Root may spend any amount.
	pub const MaxBalance: Balance = Balance::MAX;
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = EitherOf<EnsureRoot<AccountId>, EnsureTreasurer>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = Burn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = crate::weights::pallet_treasury::WeightInfo<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = frame_support::traits::ConstU32<100>;
	type SpendOrigin = EitherOf<
		EnsureRootWithSuccess<AccountId, MaxBalance>,
		EnsureTreasurySpender<Balance, dynamic_params::treasury::TreasurerSpendCap>,
	>;
	// Only LIN: the chain has no other assets.
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = AccountIdLookup<AccountId, ()>;
	type Paymaster = frame_support::traits::tokens::pay::PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::LineageBenchmarkHelper;
	type BlockNumberProvider = System;
}
