//! OpenGov as holders drive it: preimages noted and cleared, referenda submitted on root's
//! and other origins with inline and looked-up proposals, decision deposits placed and
//! refunded, votes with every conviction cast and removed, locks unlocked.

use codec::Encode;
use frame_support::traits::{schedule::DispatchTime, Bounded};
use lineage_runtime::{OriginCaller, Runtime, RuntimeCall};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};

use super::World;
use crate::{rng::Rng, values};

fn conviction(rng: &mut Rng) -> Conviction {
	match rng.below(7) {
		0 => Conviction::None,
		1 => Conviction::Locked1x,
		2 => Conviction::Locked2x,
		3 => Conviction::Locked3x,
		4 => Conviction::Locked4x,
		5 => Conviction::Locked5x,
		_ => Conviction::Locked6x,
	}
}

/// A proposal: a small call inline, or a hash of a preimage that may or may not be noted.
fn proposal(rng: &mut Rng, world: &World) -> Bounded<RuntimeCall, sp_runtime::traits::BlakeTwo256> {
	let call = super::any_signed(rng, world).encode();
	match call.clone().try_into() {
		Ok(inline) if rng.chance(70) => Bounded::Inline(inline),
		_ => Bounded::Lookup {
			hash: sp_io::hashing::blake2_256(&call).into(),
			len: u32::try_from(call.len()).unwrap_or(u32::MAX),
		},
	}
}

pub(super) fn call(rng: &mut Rng, world: &World) -> RuntimeCall {
	let referenda = pallet_referenda::ReferendumCount::<Runtime>::get();
	let index = values::id(rng, referenda);
	let held = pallet_balances::Pallet::<Runtime>::free_balance(world.signer);
	let track = u16::try_from(rng.below(7)).unwrap_or(0);
	match rng.below(9) {
		0 => RuntimeCall::Preimage(pallet_preimage::Call::note_preimage {
			bytes: super::any_signed(rng, world).encode(),
		}),
		1 => RuntimeCall::Preimage(pallet_preimage::Call::unnote_preimage {
			hash: values::hash(rng),
		}),
		2 | 3 => {
			let origin = if rng.chance(70) {
				OriginCaller::system(frame_system::RawOrigin::Root)
			} else {
				OriginCaller::system(frame_system::RawOrigin::Signed(world.account(rng)))
			};
			let enactment_moment = if rng.chance(50) {
				DispatchTime::After(u32::try_from(rng.below(20)).unwrap_or(0))
			} else {
				DispatchTime::At(values::id(rng, frame_system::Pallet::<Runtime>::block_number()))
			};
			RuntimeCall::Referenda(pallet_referenda::Call::submit {
				proposal_origin: Box::new(origin),
				proposal: proposal(rng, world),
				enactment_moment,
			})
		},
		4 => RuntimeCall::Referenda(pallet_referenda::Call::place_decision_deposit { index }),
		5 => RuntimeCall::Referenda(if rng.chance(50) {
			pallet_referenda::Call::refund_decision_deposit { index }
		} else {
			pallet_referenda::Call::refund_submission_deposit { index }
		}),
		6 | 7 => {
			let vote = if rng.chance(80) {
				AccountVote::Standard {
					vote: Vote { aye: rng.chance(60), conviction: conviction(rng) },
					balance: values::balance(rng, held),
				}
			} else {
				AccountVote::Split {
					aye: values::balance(rng, held),
					nay: values::balance(rng, held),
				}
			};
			RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::vote {
				poll_index: index,
				vote,
			})
		},
		_ => RuntimeCall::ConvictionVoting(if rng.chance(50) {
			pallet_conviction_voting::Call::remove_vote { class: Some(track), index }
		} else {
			pallet_conviction_voting::Call::unlock { class: track, target: world.address(rng) }
		}),
	}
}
