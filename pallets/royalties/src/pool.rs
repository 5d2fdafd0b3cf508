//! Versioned reward pools: what a dataset's contributors are owed, kept in two storage writes
//! per payment, whatever the number of contributors or versions.
//!
//! A payment for a model trained on version `V` of a dataset must reach exactly the
//! contributors whose items were in version `V`, in proportion to their shares then. Each
//! version gets a per-share accumulator `acc[V]` (fixed point, [`ACC_SCALE`]); a payment of
//! `A` at version `V`, whose total shares are `S[V]`, adds `⌊A·SCALE/S[V]⌋` to `acc[V]`.
//!
//! A contributor's shares are a list of [`Position`]s: `shares` added at `version`. Such a
//! position earns from every payment at a version `≥ version`, i.e. from the suffix sum
//! `Σ_{V ≥ version} acc[V]`. The accumulators are stored in chunks of [`VERSIONS_PER_CHUNK`]
//! versions, and the pool's summary keeps each chunk's sum, so a suffix sum is one chunk read
//! plus additions in memory, and a payment writes the summary and one chunk.
//!
//! A contributor's [`Holding`] remembers one `debt`: the scaled amount already accounted for,
//! `Σ shares·suffix` as of the last settlement (plus, for positions opened since, their
//! suffix when opened). What it is owed is `⌊(Σ shares·suffix_now − debt) / SCALE⌋`; settling
//! adds exactly that many whole plancks to the debt, so the fraction of a planck below it is
//! carried to the next settlement rather than lost. Every position is kept, one per version
//! the contributor added shares at, so a contributor's earnings are exact however many
//! contributions they make.
//!
//! Rounding never creates money: contributors are owed at most `Σ increment · shares / SCALE`
//! over the payments that reach them, which is at most what was paid. What is paid in but
//! not owed stays in the pool. It is bounded: the floor of each payment's per-share increment
//! (summed in [`PoolState::dust`]) plus less than one planck per holding, carried to its next
//! settlement. So `paid_in − owed ≤ dust + holdings` and `owed ≤ paid_in` are the exact
//! bounds.

use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	traits::ConstU32, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_core::{Get, U256};

/// Fixed-point scale of per-share accumulators: an increment keeps 18 decimal digits of a
/// planck per share.
pub const ACC_SCALE: u128 = 1_000_000_000_000_000_000;

/// Versions whose accumulators are stored together in one chunk.
pub const VERSIONS_PER_CHUNK: u32 = 64;

/// Most chunks a pool has: with [`VERSIONS_PER_CHUNK`], pools cover [`MAX_VERSIONS`] versions.
pub const MAX_CHUNKS: u32 = 64;

/// Most versions a pool covers; a dataset may not have more (checked by `integrity_test`).
pub const MAX_VERSIONS: u32 = VERSIONS_PER_CHUNK * MAX_CHUNKS;

/// Each chunk's sum of accumulators, by chunk index.
pub type ChunkSums = BoundedVec<U256, ConstU32<MAX_CHUNKS>>;

/// The accumulators of one chunk's versions, by offset in the chunk; missing ones are zero.
pub type Chunk = BoundedVec<U256, ConstU32<VERSIONS_PER_CHUNK>>;

/// Where a pool's chunks live: storage in the pallet, a map in tests. Absent chunks are empty.
pub trait ChunkStore {
	/// The chunk at `index`.
	fn chunk(&self, index: u32) -> Chunk;
	/// Replaces the chunk at `index`.
	fn set_chunk(&mut self, index: u32, chunk: Chunk);
}

/// Why a pool operation was refused. Nothing is changed when one is returned.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PoolError {
	/// The version paid for has no shares, so nobody could be owed the payment.
	NoShares,
	/// The version is beyond [`MAX_VERSIONS`].
	VersionOutOfRange,
	/// A holding already has a position at every version it may have.
	TooManyPositions,
	/// An amount exceeded what the pool's fixed-point arithmetic can hold.
	Overflow,
}

/// A pool's summary, stored once per dataset.
#[derive(Clone, Default, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PoolState {
	/// Each chunk's sum of accumulators; as long as the highest chunk paid so far.
	pub chunk_sums: ChunkSums,
	/// Paid in over the pool's life.
	pub paid_in: u128,
	/// Paid out to contributors over the pool's life.
	pub paid_out: u128,
	/// The floor of each payment's per-share increment, summed: an upper bound of what
	/// rounding kept from contributors at payment time.
	pub dust: u128,
}

/// Shares a contributor added at one version.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Position {
	/// The version from which these shares count.
	pub version: u32,
	/// The shares.
	pub shares: u64,
}

/// A contributor's positions in one pool, by ascending version, and what was already
/// accounted for them (scaled by [`ACC_SCALE`]).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxPositions))]
#[codec(mel_bound())]
pub struct Holding<MaxPositions: Get<u32>> {
	/// One position per version the contributor added shares at.
	pub positions: BoundedVec<Position, MaxPositions>,
	/// `Σ shares · suffix` already accounted for.
	pub debt: U256,
}

impl<MaxPositions: Get<u32>> Default for Holding<MaxPositions> {
	fn default() -> Self {
		Self { positions: BoundedVec::new(), debt: U256::zero() }
	}
}

/// What reading a holding's earnings touched, for the weight it is charged.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Walk {
	/// Positions whose suffix was summed.
	pub positions: u32,
	/// Chunks read from storage.
	pub chunks: u32,
}

fn chunk_of(version: u32) -> (u32, usize) {
	(version / VERSIONS_PER_CHUNK, (version % VERSIONS_PER_CHUNK) as usize)
}

fn floor_scaled(value: U256) -> Result<u128, PoolError> {
	let units = value.checked_div(U256::from(ACC_SCALE)).ok_or(PoolError::Overflow)?;
	u128::try_from(units).map_err(|_| PoolError::Overflow)
}

/// `values[i..]` summed, for every `i`, with one more zero at the end. Each value is a sum of
/// increments already counted in its chunk's sum, so the additions cannot overflow in
/// practice; they saturate rather than wrap if they ever did.
fn suffix_sums(values: &[U256]) -> Vec<U256> {
	let mut sums = alloc::vec![U256::zero(); values.len().saturating_add(1)];
	for (index, value) in values.iter().enumerate().rev() {
		let above = sums.get(index.saturating_add(1)).copied().unwrap_or_default();
		if let Some(slot) = sums.get_mut(index) {
			*slot = above.saturating_add(*value);
		}
	}
	sums
}

/// Suffix sums of a pool, computed lazily: the chunk sums once, each chunk when first needed.
struct SuffixReader<'a, S> {
	store: &'a S,
	above_chunk: Vec<U256>,
	loaded: Option<(u32, Vec<U256>)>,
	walk: Walk,
}

impl<'a, S: ChunkStore> SuffixReader<'a, S> {
	fn new(pool: &PoolState, store: &'a S) -> Self {
		Self {
			store,
			above_chunk: suffix_sums(&pool.chunk_sums),
			loaded: None,
			walk: Walk::default(),
		}
	}

	/// `Σ_{V ≥ version} acc[V]`.
	fn suffix(&mut self, version: u32) -> U256 {
		self.walk.positions = self.walk.positions.saturating_add(1);
		let (chunk, offset) = chunk_of(version);
		let Some(&whole) = self.above_chunk.get(chunk as usize) else {
			// Beyond every chunk paid so far: nothing earned yet.
			return U256::zero();
		};
		let later =
			self.above_chunk.get((chunk as usize).saturating_add(1)).copied().unwrap_or_default();
		if offset == 0 {
			return whole;
		}
		if self.loaded.as_ref().map(|(index, _)| *index) != Some(chunk) {
			self.walk.chunks = self.walk.chunks.saturating_add(1);
			self.loaded = Some((chunk, suffix_sums(&self.store.chunk(chunk))));
		}
		let within = self
			.loaded
			.as_ref()
			.and_then(|(_, sums)| sums.get(offset).copied())
			.unwrap_or_default();
		later.saturating_add(within)
	}
}

impl PoolState {
	/// Sum of the accumulators of versions `version..`: what one share added at `version`
	/// has earned per [`ACC_SCALE`] over the pool's life.
	pub fn suffix(&self, store: &impl ChunkStore, version: u32) -> U256 {
		SuffixReader::new(self, store).suffix(version)
	}

	/// Pays `amount` to the holders of the `total_shares` shares of `version`. Returns the part
	/// distributed by the per-share increment; the rest is added to [`dust`](Self::dust).
	pub fn credit(
		&mut self,
		store: &mut impl ChunkStore,
		version: u32,
		amount: u128,
		total_shares: u64,
	) -> Result<u128, PoolError> {
		if total_shares == 0 {
			return Err(PoolError::NoShares);
		}
		if version >= MAX_VERSIONS {
			return Err(PoolError::VersionOutOfRange);
		}
		let shares = U256::from(total_shares);
		let increment = U256::from(amount)
			.checked_mul(U256::from(ACC_SCALE))
			.and_then(|scaled| scaled.checked_div(shares))
			.ok_or(PoolError::Overflow)?;
		// ⌊increment · shares / SCALE⌋ ≤ amount, so this cannot overflow.
		let owed = floor_scaled(increment.saturating_mul(shares))?;
		let paid_in = self.paid_in.checked_add(amount).ok_or(PoolError::Overflow)?;
		let dust = self.dust.checked_add(amount.saturating_sub(owed)).ok_or(PoolError::Overflow)?;
		// Every suffix sum is bounded by the sum of all chunk sums; keeping that sum in range
		// keeps every holding's arithmetic in range too.
		self.chunk_sums
			.iter()
			.try_fold(increment, |sum, value| sum.checked_add(*value))
			.ok_or(PoolError::Overflow)?;

		let (index, offset) = chunk_of(version);
		let mut chunk_sums = self.chunk_sums.clone().into_inner();
		if chunk_sums.len() <= index as usize {
			chunk_sums.resize((index as usize).saturating_add(1), U256::zero());
		}
		let mut chunk = store.chunk(index).into_inner();
		if chunk.len() <= offset {
			chunk.resize(offset.saturating_add(1), U256::zero());
		}
		// In range: the sum checked above bounds every element.
		if let (Some(sum), Some(slot)) = (chunk_sums.get_mut(index as usize), chunk.get_mut(offset))
		{
			*sum = sum.saturating_add(increment);
			*slot = slot.saturating_add(increment);
		}
		// `index < MAX_CHUNKS` and `offset < VERSIONS_PER_CHUNK`, so both fit their bounds.
		let chunk_sums =
			ChunkSums::try_from(chunk_sums).map_err(|_| PoolError::VersionOutOfRange)?;
		let chunk = Chunk::try_from(chunk).map_err(|_| PoolError::VersionOutOfRange)?;
		store.set_chunk(index, chunk);
		*self = PoolState { chunk_sums, paid_in, dust, paid_out: self.paid_out };
		Ok(owed)
	}

	/// Records `amount` paid out to a contributor, from what their holding was owed.
	pub fn record_payout(&mut self, amount: u128) -> Result<(), PoolError> {
		self.paid_out = self.paid_out.checked_add(amount).ok_or(PoolError::Overflow)?;
		Ok(())
	}

	/// `Σ shares · suffix` over `holding`'s positions, and what computing it touched.
	fn earned<M: Get<u32>>(
		&self,
		store: &impl ChunkStore,
		holding: &Holding<M>,
	) -> Result<(U256, Walk), PoolError> {
		let mut reader = SuffixReader::new(self, store);
		let mut earned = U256::zero();
		for position in holding.positions.iter() {
			let part = U256::from(position.shares)
				.checked_mul(reader.suffix(position.version))
				.ok_or(PoolError::Overflow)?;
			earned = earned.checked_add(part).ok_or(PoolError::Overflow)?;
		}
		Ok((earned, reader.walk))
	}

	/// What `holding` is owed since it was last settled, and what computing it touched.
	pub fn pending<M: Get<u32>>(
		&self,
		store: &impl ChunkStore,
		holding: &Holding<M>,
	) -> Result<(u128, Walk), PoolError> {
		let (earned, walk) = self.earned(store, holding)?;
		Ok((floor_scaled(earned.saturating_sub(holding.debt))?, walk))
	}

	/// Settles `holding`: returns what it is owed, in whole plancks, and marks that as
	/// accounted. The fraction of a planck left over stays owed.
	pub fn settle<M: Get<u32>>(
		&self,
		store: &impl ChunkStore,
		holding: &mut Holding<M>,
	) -> Result<(u128, Walk), PoolError> {
		let (owed, walk) = self.pending(store, holding)?;
		let accounted = U256::from(owed).saturating_mul(U256::from(ACC_SCALE));
		holding.debt = holding.debt.checked_add(accounted).ok_or(PoolError::Overflow)?;
		Ok((owed, walk))
	}

	/// Adds `shares` counting from `version` to `holding`, owed nothing yet: their earnings so
	/// far are added to the debt. Shares at a version the holding already has join that
	/// position.
	pub fn add_shares<M: Get<u32>>(
		&self,
		store: &impl ChunkStore,
		holding: &mut Holding<M>,
		version: u32,
		shares: u64,
	) -> Result<(), PoolError> {
		let opened = U256::from(shares)
			.checked_mul(self.suffix(store, version))
			.ok_or(PoolError::Overflow)?;
		let debt = holding.debt.checked_add(opened).ok_or(PoolError::Overflow)?;
		match holding.positions.binary_search_by_key(&version, |position| position.version) {
			Ok(found) => {
				let position = holding.positions.get_mut(found).ok_or(PoolError::Overflow)?;
				position.shares = position.shares.checked_add(shares).ok_or(PoolError::Overflow)?;
			},
			Err(at) => holding
				.positions
				.try_insert(at, Position { version, shares })
				.map_err(|_| PoolError::TooManyPositions)?,
		}
		holding.debt = debt;
		Ok(())
	}
}

#[cfg(test)]
mod tests;
