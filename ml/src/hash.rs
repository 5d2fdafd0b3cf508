//! blake2-256, the hash the chain uses for weights and metadata, also over streams.

#[cfg(feature = "std")]
use std::io::Write;

use blake2::{digest::consts::U32, Blake2b, Digest};
use sp_core::H256;

type Blake2b256 = Blake2b<U32>;

/// blake2-256 of `bytes`, equal to `sp_core::blake2_256`.
pub fn blake2_256(bytes: &[u8]) -> H256 {
	H256(Blake2b256::digest(bytes).into())
}

/// Passes writes through to `inner` while hashing them.
#[cfg(feature = "std")]
pub struct Blake2Writer<W> {
	inner: W,
	hasher: Blake2b256,
}

#[cfg(feature = "std")]
impl<W: Write> Blake2Writer<W> {
	/// Hashes everything written to `inner` from now on.
	pub fn new(inner: W) -> Self {
		Self { inner, hasher: Blake2b256::new() }
	}

	/// The inner writer and the hash of everything written.
	pub fn finish(self) -> (W, H256) {
		(self.inner, H256(self.hasher.finalize().into()))
	}
}

#[cfg(feature = "std")]
impl<W: Write> Write for Blake2Writer<W> {
	fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
		let written = self.inner.write(buf)?;
		self.hasher.update(buf.get(..written).unwrap_or_default());
		Ok(written)
	}

	fn flush(&mut self) -> std::io::Result<()> {
		self.inner.flush()
	}
}
