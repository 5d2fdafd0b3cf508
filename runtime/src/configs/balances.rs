//! `pallet_balances`: the native LIN token. Holds and freezes (not reserves and locks) are
//! how Lineage pallets take deposits, stakes and vote locks.

use frame_support::traits::{ConstU128, ConstU32, VariantCountOf};

use crate::{
	Balance, Runtime, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, System,
	EXISTENTIAL_DEPOSIT,
};

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	// Reserves are the legacy API; Lineage pallets use holds.
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	// Dust from reaped accounts is burned.
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}
