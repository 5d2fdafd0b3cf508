//! Importing weights or datasets into the blob store from a path or a URI (`file://`,
//! `http://`, `https://`), refusing anything over a size cap and, when the expected hash is
//! known (as it is for anything the chain names), anything that does not match it.

use std::{fs::File, path::Path, time::Duration};

use sp_core::H256;

use crate::{blob::BlobStore, error::StoreError};

/// Default cap on an imported blob: 256 MiB, well above any model a spec allows.
pub const DEFAULT_LIMIT: u64 = 256 << 20;

/// Where to fetch from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
	/// A local file (a plain path or `file://`).
	File(String),
	/// An HTTP(S) URL.
	Http(String),
}

impl Source {
	/// Parses a plain path, `file://…`, `http://…` or `https://…`.
	pub fn parse(uri: &str) -> Result<Self, StoreError> {
		if let Some(path) = uri.strip_prefix("file://") {
			return Ok(Self::File(path.to_owned()));
		}
		if uri.starts_with("http://") || uri.starts_with("https://") {
			return Ok(Self::Http(uri.to_owned()));
		}
		match uri.split_once("://") {
			Some(_) => Err(StoreError::UnsupportedUri(uri.to_owned())),
			None => Ok(Self::File(uri.to_owned())),
		}
	}
}

/// Copies `uri` into `store`, at most `limit` bytes, checked against `expected` if given.
/// Returns the blob's hash. On any error nothing is stored.
pub fn import(
	store: &BlobStore,
	uri: &str,
	expected: Option<H256>,
	limit: u64,
) -> Result<H256, StoreError> {
	match Source::parse(uri)? {
		Source::File(path) => {
			let file = File::open(Path::new(&path)).map_err(|error| StoreError::Io {
				path: path.clone(),
				reason: error.to_string(),
			})?;
			store.put_checked(file, limit, expected)
		},
		Source::Http(url) => {
			let fetch_error = |reason: String| StoreError::Fetch { uri: url.clone(), reason };
			let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(60)).build();
			let response =
				agent.get(&url).call().map_err(|error| fetch_error(error.to_string()))?;
			if let Some(length) =
				response.header("Content-Length").and_then(|value| value.parse::<u64>().ok())
			{
				if length > limit {
					return Err(StoreError::TooLarge { limit });
				}
			}
			store.put_checked(response.into_reader(), limit, expected)
		},
	}
}
