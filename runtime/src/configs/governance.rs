//! OpenGov: `pallet_preimage` stores proposals, `pallet_referenda` runs referenda on
//! `pallet_dao`'s tracks, `pallet_conviction_voting` counts votes with conviction and
//! delegation, and `pallet_scheduler` enacts what passed, with the track's origin.
//!
//! Deposits: a referendum costs its submission deposit, returned once it is decided, and
//! its track's decision deposit, returned after it is decided too; a referendum that is
//! killed (root) loses both to the treasury. Proposals are stored as preimages under a held
//! deposit that grows with their size.

use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::currency::ActiveIssuanceOf, AsEnsureOriginWithArg,
		ConstU32, EqualPrivilegeOnly, LinearStoragePrice,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::Perbill;

use crate::{
	configs::RuntimeBlockWeights, AccountId, Balance, Balances, BlockNumber, OriginCaller,
	Preimage, Referenda, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin,
	Scheduler, System, Treasury, DAYS, MILLI_UNIT, UNIT,
};

parameter_types! {
	/// A stored proposal holds 1 LIN plus 1 mLIN per byte: a typical proposal of a few
	/// hundred bytes costs about 1.3 LIN, returned when it is unnoted.
	pub const PreimageBaseDeposit: Balance = UNIT;
	pub const PreimageByteDeposit: Balance = MILLI_UNIT;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);

	/// Enacted proposals and other scheduled calls may use most of a block, never all of it.
	pub MaximumSchedulerWeight: Weight = {
		let max_block = RuntimeBlockWeights::get().max_block;
		let share = Perbill::from_percent(80);
		Weight::from_parts(
			share.mul_floor(max_block.ref_time()),
			share.mul_floor(max_block.proof_size()),
		)
	};

	/// Anyone may submit a referendum for 10 LIN; the track's decision deposit is what
	/// brings it to a vote.
	pub const SubmissionDeposit: Balance = 10 * UNIT;
	/// A referendum nobody places a decision deposit on can be closed after two weeks.
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;

	/// One conviction period: a vote with conviction 1× keeps its funds locked a week after
	/// the referendum ends, 6× for 32 weeks.
	pub const VoteLockingPeriod: BlockNumber = 7 * DAYS;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	// Referenda schedule through the pallet's trait, not its calls; the calls are root's.
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = crate::weights::pallet_scheduler::WeightInfo<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_referenda::Config for Runtime {
	type WeightInfo = crate::weights::pallet_referenda::WeightInfo<Runtime>;
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type Scheduler = Scheduler;
	type Currency = Balances;
	// Any account may propose on any track; the track's origin is what the proposal gets.
	type SubmitOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type CancelOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Slash = Treasury;
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = ConstU32<1>;
	type Tracks = pallet_dao::LineageTracks<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_conviction_voting::Config for Runtime {
	type WeightInfo = crate::weights::pallet_conviction_voting::WeightInfo<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type Polls = Referenda;
	// Support is measured against the tokens in circulation.
	type MaxTurnout = ActiveIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}
