//! Versioned reward pools: what a dataset's contributors are owed, kept in one storage write
//! per payment, whatever the number of contributors or versions.
//!
//! A payment for a model trained on version `V` of a dataset must reach exactly the
//! contributors whose items were in version `V`, in proportion to their shares then. Each
//! version gets a per-share accumulator `acc[V]` (fixed point, [`ACC_SCALE`]); a payment of
//! `A` at version `V`, whose total shares are `S[V]`, adds `⌊A·SCALE/S[V]⌋` to `acc[V]`.
//!
//! The accumulators are stored in [`PoolChunk`]s of [`VERSIONS_PER_CHUNK`] versions, each with
//! what was paid into its versions, so a payment reads and writes one chunk and nothing else.
//!
//! A contributor's shares are a list of [`Position`]s: `shares` added at `version`. Such a
//! position earns from every payment at a version `≥ version`, i.e. from the suffix sum
//! `Σ_{V ≥ version} acc[V]`. Settling a holding reads its pool's chunks from the top one (the
//! chunk of the dataset's latest version: no payment can be above it) down to the chunk of its
//! oldest position, each once. Shares are added at a dataset's newest version, whose chunk is
//! the top one, so opening a position reads one chunk.
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
//! (summed in each chunk's [`dust`](PoolChunk::dust)) plus less than one planck per holding,
//! carried to its next settlement. So `paid_in − owed ≤ dust + holdings` and
//! `owed ≤ paid_in` are the exact bounds.
//!
//! Range: an increment is at most `amount · SCALE` and a chunk's `paid_in` is a checked
//! `u128`, so a chunk's accumulators sum to less than `2^188` and a whole pool's (64 chunks)
//! to less than `2^194`: suffix sums and `shares · suffix` (shares below `2^64`) stay far
//! inside `U256`.

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

/// The accumulators of one chunk's versions, by offset in the chunk; missing ones are zero.
pub type Accumulators = BoundedVec<U256, ConstU32<VERSIONS_PER_CHUNK>>;

/// One chunk of a pool: its versions' accumulators and what was paid into them.
#[derive(Clone, Default, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PoolChunk {
	/// Per-share accumulators, by offset in the chunk.
	pub accumulators: Accumulators,
	/// Paid into this chunk's versions over the pool's life.
	pub paid_in: u128,
	/// The floor of each of those payments' per-share increment, summed: an upper bound of
	/// what rounding kept from contributors at payment time.
	pub dust: u128,
}

/// Where a pool's chunks live: storage in the pallet, a map in tests. Absent chunks are empty.
pub trait ChunkStore {
	/// The chunk at `index`.
	fn chunk(&self, index: u32) -> PoolChunk;
	/// Replaces the chunk at `index`.
	fn set_chunk(&mut self, index: u32, chunk: PoolChunk);
	/// The highest chunk a payment may have reached: no chunk above it holds anything.
	fn top_chunk(&self) -> u32;
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
	/// A holding has fewer shares at a version than are to be removed from it.
	NotHeld,
	/// An amount exceeded what the pool's fixed-point arithmetic can hold.
	Overflow,
}

/// What a pool paid out, stored once per dataset and written only by claims.
#[derive(Clone, Default, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PoolState {
	/// Paid out to contributors over the pool's life.
	pub paid_out: u128,
}

impl PoolState {
	/// Records `amount` paid out to a contributor, from what their holding was owed.
	pub fn record_payout(&mut self, amount: u128) -> Result<(), PoolError> {
		self.paid_out = self.paid_out.checked_add(amount).ok_or(PoolError::Overflow)?;
		Ok(())
	}
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

/// `values[i..]` summed, for every `i`, with one more zero at the end. The values are
/// accumulators, whose sums stay in range (see the module's documentation); the additions
/// saturate rather than wrap if they ever did not.
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

/// Suffix sums of a pool, read from its top chunk downwards: asked for versions in
/// descending order, it reads each chunk once and keeps one in memory.
struct SuffixReader<'a, S> {
	store: &'a S,
	top: u32,
	/// The lowest chunk read so far, with the suffix sums within it.
	current: Option<(u32, Vec<U256>)>,
	/// The accumulators of the chunks above `current`, summed.
	above: U256,
	walk: Walk,
}

impl<'a, S: ChunkStore> SuffixReader<'a, S> {
	fn new(store: &'a S) -> Self {
		Self {
			store,
			top: store.top_chunk(),
			current: None,
			above: U256::zero(),
			walk: Walk::default(),
		}
	}

	/// `Σ_{V ≥ version} acc[V]`.
	fn suffix(&mut self, version: u32) -> U256 {
		self.walk.positions = self.walk.positions.saturating_add(1);
		let (chunk, offset) = chunk_of(version);
		if chunk > self.top {
			// Above every chunk a payment may have reached: nothing earned yet.
			return U256::zero();
		}
		if self.current.as_ref().is_some_and(|(index, _)| *index < chunk) {
			// Asked out of order: start again from the top rather than answer wrongly.
			self.current = None;
			self.above = U256::zero();
		}
		loop {
			let next = match &self.current {
				Some((index, sums)) if *index == chunk => {
					let within = sums.get(offset).copied().unwrap_or_default();
					return self.above.saturating_add(within);
				},
				Some((index, sums)) => {
					let whole = sums.first().copied().unwrap_or_default();
					self.above = self.above.saturating_add(whole);
					index.saturating_sub(1)
				},
				None => self.top,
			};
			self.walk.chunks = self.walk.chunks.saturating_add(1);
			self.current = Some((next, suffix_sums(&self.store.chunk(next).accumulators)));
		}
	}
}

/// Sum of the accumulators of versions `version..`: what one share added at `version` has
/// earned per [`ACC_SCALE`] over the pool's life.
pub fn suffix(store: &impl ChunkStore, version: u32) -> U256 {
	SuffixReader::new(store).suffix(version)
}

/// Pays `amount` to the holders of the `total_shares` shares of `version`: reads and writes
/// that version's chunk only. Returns the part distributed by the per-share increment; the
/// rest is added to the chunk's [`dust`](PoolChunk::dust).
pub fn credit(
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

	let (index, offset) = chunk_of(version);
	let mut chunk = store.chunk(index);
	// The checked `paid_in` is what keeps every accumulator sum in range.
	let paid_in = chunk.paid_in.checked_add(amount).ok_or(PoolError::Overflow)?;
	let dust = chunk.dust.checked_add(amount.saturating_sub(owed)).ok_or(PoolError::Overflow)?;
	let mut accumulators = chunk.accumulators.into_inner();
	if accumulators.len() <= offset {
		accumulators.resize(offset.saturating_add(1), U256::zero());
	}
	if let Some(slot) = accumulators.get_mut(offset) {
		*slot = slot.checked_add(increment).ok_or(PoolError::Overflow)?;
	}
	// `offset < VERSIONS_PER_CHUNK`, so the accumulators fit their bound.
	chunk.accumulators =
		Accumulators::try_from(accumulators).map_err(|_| PoolError::VersionOutOfRange)?;
	chunk.paid_in = paid_in;
	chunk.dust = dust;
	store.set_chunk(index, chunk);
	Ok(owed)
}

/// What was paid into a pool and the dust of those payments, summed over its chunks.
pub fn paid_in_and_dust(store: &impl ChunkStore) -> (u128, u128) {
	(0..=store.top_chunk()).map(|index| store.chunk(index)).fold(
		(0, 0),
		|(paid_in, dust), chunk| {
			(paid_in.saturating_add(chunk.paid_in), dust.saturating_add(chunk.dust))
		},
	)
}

/// `Σ shares · suffix` over `holding`'s positions, and what computing it touched.
fn earned<M: Get<u32>>(
	store: &impl ChunkStore,
	holding: &Holding<M>,
) -> Result<(U256, Walk), PoolError> {
	let mut reader = SuffixReader::new(store);
	let mut earned = U256::zero();
	// Newest first, so the reader goes down the chunks once.
	for position in holding.positions.iter().rev() {
		let part = U256::from(position.shares)
			.checked_mul(reader.suffix(position.version))
			.ok_or(PoolError::Overflow)?;
		earned = earned.checked_add(part).ok_or(PoolError::Overflow)?;
	}
	Ok((earned, reader.walk))
}

/// What `holding` is owed since it was last settled, and what computing it touched.
pub fn pending<M: Get<u32>>(
	store: &impl ChunkStore,
	holding: &Holding<M>,
) -> Result<(u128, Walk), PoolError> {
	let (earned, walk) = earned(store, holding)?;
	Ok((floor_scaled(earned.saturating_sub(holding.debt))?, walk))
}

/// Settles `holding`: returns what it is owed, in whole plancks, and marks that as accounted.
/// The fraction of a planck left over stays owed.
pub fn settle<M: Get<u32>>(
	store: &impl ChunkStore,
	holding: &mut Holding<M>,
) -> Result<(u128, Walk), PoolError> {
	let (owed, walk) = pending(store, holding)?;
	let accounted = U256::from(owed).saturating_mul(U256::from(ACC_SCALE));
	holding.debt = holding.debt.checked_add(accounted).ok_or(PoolError::Overflow)?;
	Ok((owed, walk))
}

/// Adds `shares` counting from `version` to `holding`, owed nothing yet: their earnings so
/// far are added to the debt. Shares at a version the holding already has join that position.
pub fn add_shares<M: Get<u32>>(
	store: &impl ChunkStore,
	holding: &mut Holding<M>,
	version: u32,
	shares: u64,
) -> Result<(), PoolError> {
	let opened =
		U256::from(shares).checked_mul(suffix(store, version)).ok_or(PoolError::Overflow)?;
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

/// Removes `shares` counting from `version` from `holding` (a cancelled contribution's): it
/// is settled first, so it keeps what the shares earned until now, then the shares stop
/// earning. Returns what settling made owed, as [`settle`] does. Nothing changes on an error.
pub fn remove_shares<M: Get<u32>>(
	store: &mut impl ChunkStore,
	holding: &mut Holding<M>,
	version: u32,
	shares: u64,
) -> Result<(u128, Walk), PoolError> {
	let found = holding
		.positions
		.binary_search_by_key(&version, |position| position.version)
		.map_err(|_| PoolError::NotHeld)?;
	let left = holding
		.positions
		.get(found)
		.and_then(|position| position.shares.checked_sub(shares))
		.ok_or(PoolError::NotHeld)?;
	let mut settled = holding.clone();
	let (owed, walk) = settle(store, &mut settled)?;
	let removed =
		U256::from(shares).checked_mul(suffix(store, version)).ok_or(PoolError::Overflow)?;
	match settled.debt.checked_sub(removed) {
		Some(debt) => settled.debt = debt,
		None => {
			// Settled, the debt is what the positions earned less under a planck, so it may
			// be short of the removed part by that fraction, which then nobody is owed: it is
			// counted as the pool's dust, so the pool's rounding bound still holds.
			let (index, _) = chunk_of(version);
			let mut chunk = store.chunk(index);
			chunk.dust = chunk.dust.checked_add(1).ok_or(PoolError::Overflow)?;
			store.set_chunk(index, chunk);
			settled.debt = U256::zero();
		},
	}
	if left == 0 {
		settled.positions.remove(found);
	} else if let Some(position) = settled.positions.get_mut(found) {
		position.shares = left;
	}
	*holding = settled;
	Ok((owed, walk))
}

#[cfg(test)]
mod tests;
