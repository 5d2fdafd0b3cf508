//! A content-addressed blob store: a directory where each blob (saved weights, a dataset
//! file) is named by the blake2-256 of its bytes.
//!
//! - Layout: `<root>/<first two hex digits>/<all 64 hex digits>`; partial writes live in
//!   `<root>/tmp/` until complete.
//! - Writes are atomic: bytes go to a unique temporary file, are synced, then renamed into
//!   place, so a reader sees a whole blob or none. Two writers of the same blob both succeed.
//! - Reads check the hash, so a corrupted file is reported, never returned.

use std::{
	fs,
	io::Read,
	path::{Path, PathBuf},
	sync::atomic::{AtomicU64, Ordering},
};

use sp_core::H256;

use crate::{error::StoreError, hash::Blake2Writer};

/// Names of temporary files differ between threads of one process.
static NEXT_TEMPORARY: AtomicU64 = AtomicU64::new(0);

fn io_error(path: &Path, error: std::io::Error) -> StoreError {
	StoreError::Io { path: path.display().to_string(), reason: error.to_string() }
}

/// A blob store rooted at a directory.
#[derive(Clone, Debug)]
pub struct BlobStore {
	root: PathBuf,
}

impl BlobStore {
	/// Opens the store at `root`, creating the directory if needed.
	pub fn open(root: impl Into<PathBuf>) -> Result<Self, StoreError> {
		let root = root.into();
		let temporary = root.join("tmp");
		fs::create_dir_all(&temporary).map_err(|error| io_error(&temporary, error))?;
		Ok(Self { root })
	}

	/// The store's directory.
	pub fn root(&self) -> &Path {
		&self.root
	}

	/// Where the blob named `hash` lives (whether or not it is there).
	pub fn path_of(&self, hash: H256) -> PathBuf {
		let hex = hex_of(hash);
		self.root.join(hex.get(..2).unwrap_or_default()).join(hex)
	}

	/// Whether the store holds a blob named `hash` (not checking its content).
	pub fn contains(&self, hash: H256) -> bool {
		self.path_of(hash).is_file()
	}

	/// Stores `bytes` and returns their hash.
	pub fn put(&self, bytes: &[u8]) -> Result<H256, StoreError> {
		self.put_reader(bytes, u64::MAX)
	}

	/// Streams at most `limit` bytes from `reader` into the store and returns their hash.
	/// A source longer than `limit` is refused and nothing is stored.
	pub fn put_reader(&self, reader: impl Read, limit: u64) -> Result<H256, StoreError> {
		self.put_checked(reader, limit, None)
	}

	/// Like [`put_reader`](Self::put_reader), but keeps the blob only if it hashes to
	/// `expected`.
	pub fn put_checked(
		&self,
		mut reader: impl Read,
		limit: u64,
		expected: Option<H256>,
	) -> Result<H256, StoreError> {
		let temporary = self.root.join("tmp").join(format!(
			"{}-{}",
			std::process::id(),
			NEXT_TEMPORARY.fetch_add(1, Ordering::Relaxed)
		));
		let result = (|| {
			let file = fs::File::create(&temporary).map_err(|error| io_error(&temporary, error))?;
			let mut writer = Blake2Writer::new(file);
			let copied =
				std::io::copy(&mut (&mut reader).take(limit.saturating_add(1)), &mut writer)
					.map_err(|error| io_error(&temporary, error))?;
			if copied > limit {
				return Err(StoreError::TooLarge { limit });
			}
			let (file, hash) = writer.finish();
			file.sync_all().map_err(|error| io_error(&temporary, error))?;
			if let Some(expected) = expected {
				if expected != hash {
					return Err(StoreError::HashMismatch { expected, actual: hash });
				}
			}
			let target = self.path_of(hash);
			if let Some(dir) = target.parent() {
				fs::create_dir_all(dir).map_err(|error| io_error(dir, error))?;
			}
			fs::rename(&temporary, &target).map_err(|error| io_error(&target, error))?;
			Ok(hash)
		})();
		if result.is_err() {
			let _ = fs::remove_file(&temporary);
		}
		result
	}

	/// Gives blob `hash` a second name, `name`: a dataset is found by the Merkle root of its
	/// items, which the chain records, rather than by the hash of its file. Kept as
	/// `<root>/names/<hex of name>`, written atomically; naming again replaces.
	pub fn name(&self, name: H256, hash: H256) -> Result<(), StoreError> {
		let directory = self.root.join("names");
		fs::create_dir_all(&directory).map_err(|error| io_error(&directory, error))?;
		let temporary = self.root.join("tmp").join(format!(
			"{}-{}",
			std::process::id(),
			NEXT_TEMPORARY.fetch_add(1, Ordering::Relaxed)
		));
		fs::write(&temporary, hex_of(hash)).map_err(|error| io_error(&temporary, error))?;
		let target = directory.join(hex_of(name));
		fs::rename(&temporary, &target).map_err(|error| {
			let _ = fs::remove_file(&temporary);
			io_error(&target, error)
		})
	}

	/// The blob that [`name`](Self::name) called `name`, if any (not checking it is there).
	pub fn named(&self, name: H256) -> Option<H256> {
		let text = fs::read_to_string(self.root.join("names").join(hex_of(name))).ok()?;
		parse_hash(text.trim())
	}

	/// The blob named `hash`, after checking that its bytes still hash to that name.
	pub fn get(&self, hash: H256) -> Result<Vec<u8>, StoreError> {
		let path = self.path_of(hash);
		let bytes = fs::read(&path).map_err(|error| match error.kind() {
			std::io::ErrorKind::NotFound => StoreError::Missing(hash),
			_ => io_error(&path, error),
		})?;
		if crate::hash::blake2_256(&bytes) != hash {
			return Err(StoreError::Corrupt(hash));
		}
		Ok(bytes)
	}
}

/// Lower-case hex of a hash, without `0x`.
pub fn hex_of(hash: H256) -> String {
	hash.as_bytes().iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Parses a hash written as 64 hex digits, with or without `0x`.
pub fn parse_hash(text: &str) -> Option<H256> {
	let digits = text.strip_prefix("0x").unwrap_or(text);
	if digits.len() != 64 {
		return None;
	}
	let mut bytes = [0u8; 32];
	for (byte, pair) in bytes.iter_mut().zip(digits.as_bytes().chunks(2)) {
		let pair = std::str::from_utf8(pair).ok()?;
		*byte = u8::from_str_radix(pair, 16).ok()?;
	}
	Some(H256(bytes))
}
