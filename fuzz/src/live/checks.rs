//! The checks run on a live node's state: the upgrade to this checkout's runtime, and the
//! re-execution of recent blocks with every pallet's `try_state` after each.

use std::panic::{catch_unwind, AssertUnwindSafe};

use frame_support::{traits::TryDecodeEntireStorage, weights::Weight};
use frame_try_runtime::{TryStateSelect, UpgradeCheckSelect};
use lineage_runtime::{AllPalletsWithSystem, Block, Executive, Runtime, VERSION};
use sp_runtime::traits::Block as _;

use crate::{invariants::check_try_state, run::panic_message};

/// What the upgrade did on the node's state.
#[derive(Debug, serde::Serialize)]
pub struct UpgradeOutcome {
	/// The weight the migrations charge, and the block's limit it must fit in.
	pub weight: Weight,
	/// The most a block may weigh.
	pub max_block: Weight,
	/// A second run of the migrations left the state as the first left it.
	pub idempotent: bool,
	/// What failed: the upgrade's pre/post checks, decoding the whole state, a pallet's
	/// `try_state` (named), the weight, idempotency.
	pub failures: Vec<String>,
}

/// `f`'s result, or its panic's message as an error.
fn unpanicked<R>(f: impl FnOnce() -> Result<R, String>) -> Result<R, String> {
	catch_unwind(AssertUnwindSafe(f))
		.unwrap_or_else(|panic| Err(format!("panicked: {}", panic_message(panic.as_ref()))))
}

/// Runs the upgrade this runtime would run on `ext` (its `Migrations` and every pallet's
/// `on_runtime_upgrade`, with their pre- and post-upgrade checks, which include each pallet's
/// storage version matching its code), decodes the whole state, runs every pallet's
/// `try_state`, then runs the migrations again to check that they are idempotent.
pub fn upgrade(ext: &mut sp_io::TestExternalities) -> UpgradeOutcome {
	let max_block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	let version = VERSION.state_version();
	ext.execute_with(|| {
		let mut failures = Vec::new();
		let weight = unpanicked(|| {
			Executive::try_runtime_upgrade(UpgradeCheckSelect::PreAndPost)
				.map_err(|e| format!("{e:?}"))
		})
		.unwrap_or_else(|e| {
			failures.push(format!("upgrade: {e}"));
			Weight::zero()
		});
		if !weight.all_lte(max_block) {
			failures.push(format!("upgrade: weighs {weight} > a block's {max_block}"));
		}
		failures.extend(check_try_state(frame_system::Pallet::<Runtime>::block_number()));
		let after_first = sp_io::storage::root(version);
		let again = unpanicked(|| {
			Executive::try_runtime_upgrade(UpgradeCheckSelect::None).map_err(|e| format!("{e:?}"))
		});
		let idempotent = again.is_ok() && sp_io::storage::root(version) == after_first;
		if !idempotent {
			failures.push("upgrade: a second run of the migrations changed the state".into());
		}
		UpgradeOutcome { weight, max_block, idempotent, failures }
	})
}

/// Executes `block` on `parent_state` (the state of its parent) with signatures checked, then
/// decodes the whole state and runs every pallet's `try_state`, one pallet at a time so that a
/// finding names its pallet; with `state_root_check`, the block's state root must be the one
/// its header names (only meaningful when the chain runs this very runtime).
pub fn execute_block(
	parent_state: &mut sp_io::TestExternalities,
	block: Block,
	state_root_check: bool,
) -> Result<Weight, String> {
	let number = block.header().number;
	parent_state.execute_with(|| {
		unpanicked(|| {
			let weight = Executive::try_execute_block(
				block.into(),
				state_root_check,
				true,
				TryStateSelect::None,
			)
			.map_err(|e| format!("{e:?}"))?;
			<AllPalletsWithSystem as TryDecodeEntireStorage>::try_decode_entire_state()
				.map_err(|errors| format!("undecodable storage: {errors:?}"))?;
			check_try_state(number).map_or(Ok(weight), Err)
		})
		.map_err(|e| format!("block {number}: {e}"))
	})
}
