//! `pallet_transaction_payment`: fees for weight and length, paid in LIN.
//!
//! Prices: one planck per picosecond of ref time (`IdentityFee`), i.e. 1 mLIN per millisecond
//! of block compute, so a plain transfer costs a fraction of a mLIN and filling a block's two
//! seconds costs about 2 LIN; plus 1 µLIN per byte, so block space is paid for even by cheap
//! calls. The multiplier is constant until the chain has enough traffic to need congestion
//! pricing.

use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		tokens::imbalance::OnUnbalanced,
		ConstU8, Imbalance,
	},
	weights::{ConstantMultiplier, IdentityFee},
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::traits::One;

use crate::{
	configs::TreasuryAccount, AccountId, Balance, Balances, Runtime, RuntimeEvent, MICRO_UNIT,
};

/// Fee per byte of an encoded transaction.
pub const LENGTH_FEE_PER_BYTE: Balance = MICRO_UNIT;

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
	pub const TransactionByteFee: Balance = LENGTH_FEE_PER_BYTE;
}

/// Percent of fees and tips paid to the treasury; the rest is burned.
pub const TREASURY_FEE_PERCENT: u32 = 20;

/// Splits what a transaction paid: [`TREASURY_FEE_PERCENT`] to the treasury, the rest burned
/// (a dropped credit reduces total issuance).
pub struct FeesToTreasury;

impl OnUnbalanced<Credit<AccountId, Balances>> for FeesToTreasury {
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = Credit<AccountId, Balances>>) {
		let Some(mut paid) = fees_then_tips.next() else { return };
		for tip in fees_then_tips {
			paid.subsume(tip);
		}
		let (to_treasury, _burned) =
			paid.ration(TREASURY_FEE_PERCENT, 100u32.saturating_sub(TREASURY_FEE_PERCENT));
		// The treasury account exists from genesis, so this fails only on overflow; what it
		// refuses is burned with the rest.
		let _ = Balances::resolve(&TreasuryAccount::get(), to_treasury);
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, FeesToTreasury>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}
