//! `frame_system`: accounts, block limits, the chain's SS58 prefix.

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::ConstU32,
	weights::{constants::WEIGHT_REF_TIME_PER_MILLIS, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;
use sp_version::RuntimeVersion;

use crate::{
	weights::{
		block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight,
		paritydb_weights::constants::ParityDbWeight,
	},
	AccountId, Balance, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeTask, MILLI_SECS_PER_BLOCK, SS58_PREFIX, VERSION,
};

/// Normal (user) transactions may fill this much of a block; the rest is kept for
/// operational transactions and hooks.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Share of the block's weight that `on_initialize` hooks are expected to use, kept free of
/// any single normal extrinsic so one can never crowd the hooks out.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);

/// Largest encoded block, in bytes.
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

/// The block's compute budget: a third of the block time, leaving the rest for import on other
/// nodes and gossip. A design limit, not a measured cost; proof size is unbounded on a
/// solochain.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::MAX.set_ref_time(
	WEIGHT_REF_TIME_PER_MILLIS.saturating_mul(MILLI_SECS_PER_BLOCK.saturating_div(3)),
);

/// What normal transactions may use of `weight`: [`NORMAL_DISPATCH_RATIO`] of each part.
fn normal_share(weight: Weight) -> Weight {
	Weight::from_parts(
		NORMAL_DISPATCH_RATIO.mul_floor(weight.ref_time()),
		NORMAL_DISPATCH_RATIO.mul_floor(weight.proof_size()),
	)
}

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;

	/// The block's weights: [`MAXIMUM_BLOCK_WEIGHT`], of which normal transactions may use
	/// [`NORMAL_DISPATCH_RATIO`]. The base costs of a block and of an extrinsic are the ones
	/// `benchmark overhead` measured on this machine (`weights/block_weights.rs`,
	/// `weights/extrinsic_weights.rs`), not polkadot-sdk's reference-machine constants.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |class| {
			class.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |class| {
			class.max_total = Some(normal_share(MAXIMUM_BLOCK_WEIGHT));
		})
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational transactions may use what normal ones may not.
			class.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT.saturating_sub(normal_share(MAXIMUM_BLOCK_WEIGHT)));
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	/// 5 MiB blocks, of which normal transactions may fill the normal share.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// The node stores state in ParityDB: its read and write costs as `benchmark storage`
	// measured them on this machine (`weights/paritydb_weights.rs`).
	type DbWeight = ParityDbWeight;
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}
