//! `pallet_timestamp`: block time, which drives Aura's slots.

use frame_support::traits::ConstU64;

use crate::{Aura, Runtime, SLOT_DURATION};

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	// Aura's slot duration is twice this (`MinimumPeriodTimesTwo`).
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}
