//! What must hold after every block, whatever was thrown at it.
//!
//! - Every pallet's `try_state` (the runtime is built with `try-runtime`).
//! - Money: the accounts' free and reserved balances add up to the total issuance, and the
//!   issuance moved only by what `pallet-balances` documented in the block's events (mints,
//!   burns, issued and rescinded imbalances, forced changes). A fee's burned part (all but
//!   the treasury's 20%) is a dropped credit, which `pallet-balances` reports as `Rescinded`;
//!   any other change is money created or destroyed unnoticed.
//! - What the block's transactions weigh stays within each class's limit and the block's
//!   (mandatory weight, such as a session rotation's, may exceed it by design).

use frame_support::{
	dispatch::DispatchClass,
	traits::{PalletsInfoAccess, TryState, TryStateSelect},
};
use lineage_runtime::{AllPalletsWithSystem, Balance, BlockNumber, Runtime, RuntimeEvent, System};

/// The balances events that move the total issuance, summed: (raised by, lowered by).
pub fn documented_issuance_change() -> (Balance, Balance) {
	let mut raised: Balance = 0;
	let mut lowered: Balance = 0;
	for record in System::events() {
		let RuntimeEvent::Balances(event) = record.event else { continue };
		use pallet_balances::Event as E;
		match event {
			E::Minted { amount, .. } | E::Issued { amount } | E::MintedCredit { amount } => {
				raised = raised.saturating_add(amount)
			},
			E::Burned { amount, .. }
			| E::Rescinded { amount }
			| E::BurnedDebt { amount }
			| E::BurnedHeld { amount, .. } => lowered = lowered.saturating_add(amount),
			E::TotalIssuanceForced { old, new } => {
				if new >= old {
					raised = raised.saturating_add(new.saturating_sub(old));
				} else {
					lowered = lowered.saturating_add(old.saturating_sub(new));
				}
			},
			_ => {},
		}
	}
	(raised, lowered)
}

/// Checks what must hold at the end of block `number`, before it is finalised (while its
/// events and weight are still in state). `issuance_before` is the total issuance when the
/// block opened. Returns each violation found.
pub fn check_block(number: BlockNumber, issuance_before: Balance) -> Vec<String> {
	let mut violations = Vec::new();
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	let (raised, lowered) = documented_issuance_change();
	let expected = issuance_before.saturating_add(raised).saturating_sub(lowered);
	if issuance != expected {
		violations.push(format!(
			"issuance {issuance} after block {number}, expected {expected} (before {issuance_before}, \
			 documented +{raised} -{lowered})"
		));
	}
	let held: Balance = frame_system::Account::<Runtime>::iter()
		.map(|(_, info)| info.data.free.saturating_add(info.data.reserved))
		.fold(0, Balance::saturating_add);
	if held != issuance {
		violations.push(format!("accounts hold {held}, issuance is {issuance}"));
	}
	// Mandatory weight (inherents, hooks: a session rotation charges a whole block) may go
	// over the block's limit by design; what transactions use may not.
	let limits = <Runtime as frame_system::Config>::BlockWeights::get();
	let consumed = System::block_weight();
	for class in [DispatchClass::Normal, DispatchClass::Operational] {
		let used = *consumed.get(class);
		if let Some(max) = limits.get(class).max_total {
			if used.any_gt(max) {
				violations.push(format!("block {number}: {class:?} weight {used:?} over {max:?}"));
			}
		}
	}
	let transactions = consumed
		.get(DispatchClass::Normal)
		.saturating_add(*consumed.get(DispatchClass::Operational));
	if transactions.any_gt(limits.max_block) {
		violations.push(format!(
			"block {number}: transactions weigh {transactions:?}, over the block's {:?}",
			limits.max_block
		));
	}
	violations
}

/// Every pallet's `try_state` after the block has been finalised, each run on its own so a
/// finding names its pallet and says what broke.
pub fn check_try_state(number: BlockNumber) -> Option<String> {
	let failures: Vec<String> = <AllPalletsWithSystem as PalletsInfoAccess>::infos()
		.into_iter()
		.filter_map(|pallet| {
			let only = TryStateSelect::Only(vec![pallet.name.as_bytes().to_vec()]);
			<AllPalletsWithSystem as TryState<BlockNumber>>::try_state(number, only)
				.err()
				.map(|error| format!("{}: {error:?}", pallet.name))
		})
		.collect();
	(!failures.is_empty())
		.then(|| format!("try_state after block {number}: {}", failures.join("; ")))
}
