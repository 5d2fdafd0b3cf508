//! `pallet_transaction_payment`: fees for weight and length, paid in LIN.
//!
//! Prices: one planck per picosecond of ref time (`IdentityFee`), i.e. 1 mLIN per millisecond
//! of block compute, so a plain transfer costs a fraction of a mLIN and filling a block's two
//! seconds costs about 2 LIN; plus 1 µLIN per byte, so block space is paid for even by cheap
//! calls. The multiplier is constant until the chain has enough traffic to need congestion
//! pricing.

use frame_support::{
	parameter_types,
	traits::ConstU8,
	weights::{ConstantMultiplier, IdentityFee},
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::traits::One;

use crate::{Balance, Balances, Runtime, RuntimeEvent, MICRO_UNIT};

/// Fee per byte of an encoded transaction.
pub const LENGTH_FEE_PER_BYTE: Balance = MICRO_UNIT;

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
	pub const TransactionByteFee: Balance = LENGTH_FEE_PER_BYTE;
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burned for now; the DAO issue routes a share to the treasury.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}
