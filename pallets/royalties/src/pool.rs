//! Versioned reward pools: what a dataset's contributors are owed, kept in O(1) writes per
//! payment and per contributor, and O(log versions) reads and writes for the version index.
//!
//! A payment for a model trained on version `V` of a dataset must reach exactly the
//! contributors whose items were in version `V`, in proportion to their shares then. Each
//! version gets a per-share accumulator `acc[V]` (fixed point, [`ACC_SCALE`]); a payment of
//! `A` at version `V`, whose total shares are `S[V]`, adds `⌊A·SCALE/S[V]⌋` to `acc[V]`.
//! A contributor's shares are a list of [`Position`]s: `shares` added at `version`. Such a
//! position earns from every payment at a version `≥ version`, i.e. from the suffix sum
//! `Σ_{V ≥ version} acc[V]`. A Fenwick tree over versions gives suffix sums in O(log versions).
//! A position remembers `debt = shares · suffix` from when it was last settled, so what it is
//! owed is `⌊shares · suffix_now / SCALE⌋ − ⌊debt / SCALE⌋`: no per-contributor work at
//! payment time.
//!
//! Rounding never creates money: positions are owed at most `Σ increment · shares / SCALE`
//! over the payments that reach them, which is at most what was paid. What is paid in but
//! not owed stays in the pool. It is bounded: the floor of each payment's per-share increment
//! (summed in [`PoolState::dust`]) plus less than one planck per position from the floor of
//! its claim. Positions can still earn back part of the first term as fractions of later
//! increments add up, so `paid_in − owed ≤ dust + positions` and `owed ≤ paid_in` are the exact
//! bounds.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::U256;

/// Fixed-point scale of per-share accumulators: an increment keeps 18 decimal digits of a
/// planck per share.
pub const ACC_SCALE: u128 = 1_000_000_000_000_000_000;

/// Where a pool's Fenwick nodes live: storage in the pallet, a map in tests. Node indices
/// start at 1; absent nodes read as zero.
pub trait NodeStore {
	/// The node at `index`.
	fn node(&self, index: u64) -> U256;
	/// Replaces the node at `index`.
	fn set_node(&mut self, index: u64, value: U256);
}

/// Why a pool operation was refused. Nothing is changed when one is returned.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PoolError {
	/// The version paid for has no shares, so nobody could be owed the payment.
	NoShares,
	/// An amount exceeded what the pool's fixed-point arithmetic can hold.
	Overflow,
}

/// A pool's summary, stored once per dataset.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PoolState {
	/// Versions the Fenwick tree covers: zero before the first payment, then a power of two.
	pub capacity: u64,
	/// Sum of every version's accumulator.
	pub total: U256,
	/// Paid in over the pool's life.
	pub paid_in: u128,
	/// Paid out to contributors over the pool's life.
	pub paid_out: u128,
	/// The floor of each payment's per-share increment, summed: an upper bound of what
	/// rounding kept from contributors at payment time.
	pub dust: u128,
}

/// Shares a contributor added at one version, and what was already accounted for them.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Position {
	/// The version from which these shares count.
	pub version: u32,
	/// The shares.
	pub shares: u64,
	/// `shares · suffix(version)` when last settled.
	pub debt: U256,
}

fn lowest_bit(index: u64) -> u64 {
	index & index.wrapping_neg()
}

fn floor_scaled(value: U256) -> Result<u128, PoolError> {
	let units = value.checked_div(U256::from(ACC_SCALE)).ok_or(PoolError::Overflow)?;
	u128::try_from(units).map_err(|_| PoolError::Overflow)
}

impl PoolState {
	/// Sum of the accumulators of versions `0..version` (Fenwick indices `1..=version`).
	fn prefix(&self, store: &impl NodeStore, version: u32) -> U256 {
		let mut index = u64::from(version).min(self.capacity);
		let mut sum = U256::zero();
		while index > 0 {
			// Each node only ever grows by increments already counted in `total`, so the
			// prefix never exceeds it.
			sum = sum.saturating_add(store.node(index));
			index = index.saturating_sub(lowest_bit(index));
		}
		sum
	}

	/// Sum of the accumulators of versions `version..`: what one share added at `version`
	/// has earned per [`ACC_SCALE`] over the pool's life.
	pub fn suffix(&self, store: &impl NodeStore, version: u32) -> U256 {
		self.total.saturating_sub(self.prefix(store, version))
	}

	/// Grows the tree so that it covers Fenwick index `index`. The versions being added have
	/// no payments yet, so each new top node covers everything so far: `total`.
	fn grow(&mut self, store: &mut impl NodeStore, index: u64) -> Result<(), PoolError> {
		if self.capacity == 0 {
			self.capacity = 1;
		}
		while self.capacity < index {
			let doubled = self.capacity.checked_mul(2).ok_or(PoolError::Overflow)?;
			store.set_node(doubled, self.total);
			self.capacity = doubled;
		}
		Ok(())
	}

	/// Pays `amount` to the holders of the `total_shares` shares of `version`. Returns the part
	/// distributed by the per-share increment; the rest is added to [`dust`](Self::dust).
	pub fn credit(
		&mut self,
		store: &mut impl NodeStore,
		version: u32,
		amount: u128,
		total_shares: u64,
	) -> Result<u128, PoolError> {
		if total_shares == 0 {
			return Err(PoolError::NoShares);
		}
		let shares = U256::from(total_shares);
		let increment = U256::from(amount)
			.checked_mul(U256::from(ACC_SCALE))
			.and_then(|scaled| scaled.checked_div(shares))
			.ok_or(PoolError::Overflow)?;
		// ⌊increment · shares / SCALE⌋ ≤ amount, so this cannot overflow.
		let owed = floor_scaled(increment.saturating_mul(shares))?;
		let total = self.total.checked_add(increment).ok_or(PoolError::Overflow)?;
		let paid_in = self.paid_in.checked_add(amount).ok_or(PoolError::Overflow)?;
		let dust = self.dust.checked_add(amount.saturating_sub(owed)).ok_or(PoolError::Overflow)?;

		let index = u64::from(version).saturating_add(1);
		let mut grown = *self;
		grown.grow(store, index)?;
		let mut node = index;
		while node <= grown.capacity {
			store.set_node(node, store.node(node).saturating_add(increment));
			node = node.saturating_add(lowest_bit(node));
		}
		*self = PoolState { total, paid_in, dust, ..grown };
		Ok(owed)
	}

	/// Records `amount` paid out to a contributor, from what their positions were owed.
	pub fn record_payout(&mut self, amount: u128) -> Result<(), PoolError> {
		self.paid_out = self.paid_out.checked_add(amount).ok_or(PoolError::Overflow)?;
		Ok(())
	}

	/// A new position of `shares` counting from `version`, owed nothing yet.
	pub fn open(
		&self,
		store: &impl NodeStore,
		version: u32,
		shares: u64,
	) -> Result<Position, PoolError> {
		let debt = U256::from(shares)
			.checked_mul(self.suffix(store, version))
			.ok_or(PoolError::Overflow)?;
		Ok(Position { version, shares, debt })
	}

	/// What `position` is owed since it was last settled.
	pub fn pending(&self, store: &impl NodeStore, position: &Position) -> Result<u128, PoolError> {
		let earned = U256::from(position.shares)
			.checked_mul(self.suffix(store, position.version))
			.ok_or(PoolError::Overflow)?;
		Ok(floor_scaled(earned)?.saturating_sub(floor_scaled(position.debt)?))
	}

	/// Settles `position`: returns what it is owed and marks that as accounted.
	pub fn settle(
		&self,
		store: &impl NodeStore,
		position: &mut Position,
	) -> Result<u128, PoolError> {
		let owed = self.pending(store, position)?;
		*position = self.open(store, position.version, position.shares)?;
		Ok(owed)
	}
}

#[cfg(test)]
mod tests;
