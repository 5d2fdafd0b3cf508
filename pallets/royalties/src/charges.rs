//! What each call is charged: its worst case up front, then the weight of what it touched.
//!
//! The benchmark components count work, not configuration: `pay(m, p)` is `m` models reached
//! and `p` pools credited in all; `claim(p, c)` is `p` positions settled and `c` accumulator
//! chunks read; `claim_all(n)` is `n` pools of one position and one chunk each, to which each pool's extra
//! positions and chunks are added with `claim`'s slopes.

use frame_support::{traits::Get, weights::Weight};

use crate::{pool, Config, Pallet, WeightInfo};

/// What a payment went through.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct PaidWork {
	/// Models whose terms were read and split: the paid one and the ancestors reached.
	pub models: u32,
	/// Dataset uses credited (or found without shares and sent to the treasury).
	pub pools: u32,
}

impl<T: Config> Pallet<T> {
	/// Most pools one payment can credit.
	fn max_pools_paid() -> u32 {
		T::MaxPaidModels::get().saturating_mul(T::MaxDatasetsPerModel::get())
	}

	/// Most chunks a pool has, given the versions a dataset may have.
	pub(crate) fn max_chunks() -> u32 {
		T::MaxVersions::get().div_ceil(pool::VERSIONS_PER_CHUNK)
	}

	/// What `pay` and `pay_for_use` charge up front.
	pub fn pay_weight_bound() -> Weight {
		T::WeightInfo::pay(T::MaxPaidModels::get(), Self::max_pools_paid())
	}

	/// The weight of a payment that went through `work`.
	pub(crate) fn pay_weight(work: PaidWork) -> Weight {
		T::WeightInfo::pay(work.models.max(1), work.pools)
	}

	/// What `claim` charges up front: every version held, every chunk read.
	pub fn claim_weight_bound() -> Weight {
		T::WeightInfo::claim(T::MaxVersions::get(), Self::max_chunks())
	}

	/// The weight of a claim that went through `walk`.
	pub(crate) fn claim_weight(walk: pool::Walk) -> Weight {
		T::WeightInfo::claim(walk.positions.max(1), walk.chunks)
	}

	/// What one pool of a `claim_all` costs beyond the single position and chunk
	/// `claim_all(n)` was measured with.
	pub(crate) fn claim_all_extra(walk: pool::Walk) -> Weight {
		Self::claim_weight(walk).saturating_sub(T::WeightInfo::claim(1, 1))
	}

	/// What `claim_all` charges up front: every pool at its worst.
	pub fn claim_all_weight_bound() -> Weight {
		let pools = T::MaxClaimAll::get();
		let worst = pool::Walk { positions: T::MaxVersions::get(), chunks: Self::max_chunks() };
		T::WeightInfo::claim_all(pools)
			.saturating_add(Self::claim_all_extra(worst).saturating_mul(u64::from(pools)))
	}
}
