//! A block's whole state, downloaded key by key, as externalities whose root must be the
//! block's state root (so nothing was missed or altered on the way).

use std::collections::BTreeMap;

use lineage_runtime::{Block, Header, VERSION};
use serde::Deserialize;
use sp_core::{
	bytes::from_hex,
	storage::{well_known_keys, Storage},
	H256,
};
use sp_runtime::generic::SignedBlock;

use super::rpc::Rpc;

/// Keys asked for per `state_getKeysPaged` call, and values per `state_queryStorageAt` call.
const PAGE: usize = 1000;
/// Where child tries start (`:child_storage:`), hex-encoded.
const CHILD_STORAGE_PREFIX: &str = "0x3a6368696c645f73746f726167653a";

/// A block's state.
pub struct Snapshot {
	/// The block the state is at (after it executed).
	pub at: H256,
	/// Its header.
	pub header: Header,
	/// Every key and value of its state.
	pub pairs: Vec<(Vec<u8>, Vec<u8>)>,
}

#[derive(Deserialize)]
struct ChangeSet {
	changes: Vec<(String, Option<String>)>,
}

fn bytes(hex: &str) -> Result<Vec<u8>, String> {
	from_hex(hex).map_err(|e| format!("{hex:.20}…: {e}"))
}

/// The block `at` with its extrinsics.
pub fn block(rpc: &Rpc, at: H256) -> Result<Block, String> {
	let signed: SignedBlock<Block> = rpc.call("chain_getBlock", serde_json::json!([at]))?;
	Ok(signed.block)
}

/// Downloads the state at `at`.
pub fn download(rpc: &Rpc, at: H256) -> Result<Snapshot, String> {
	let header: Header = rpc.call("chain_getHeader", serde_json::json!([at]))?;
	let mut keys: Vec<String> = Vec::new();
	loop {
		let page: Vec<String> =
			rpc.call("state_getKeysPaged", serde_json::json!(["0x", PAGE, keys.last(), at]))?;
		let last_page = page.len() < PAGE;
		keys.extend(page);
		if last_page {
			break;
		}
	}
	if keys.iter().any(|key| key.starts_with(CHILD_STORAGE_PREFIX)) {
		return Err("the state has child tries, which this check does not download".into());
	}
	let mut pairs = Vec::with_capacity(keys.len());
	for chunk in keys.chunks(PAGE) {
		let sets: Vec<ChangeSet> =
			rpc.call("state_queryStorageAt", serde_json::json!([chunk, at]))?;
		for (key, value) in sets.into_iter().flat_map(|set| set.changes) {
			let value = value.ok_or(format!("{key}: listed but has no value"))?;
			pairs.push((bytes(&key)?, bytes(&value)?));
		}
	}
	if pairs.len() != keys.len() {
		return Err(format!("{} keys listed, {} values downloaded", keys.len(), pairs.len()));
	}
	Ok(Snapshot { at, header, pairs })
}

impl Snapshot {
	/// Bytes of keys and values.
	pub fn size(&self) -> usize {
		self.pairs.iter().map(|(key, value)| key.len().saturating_add(value.len())).sum()
	}

	/// The state as externalities; an error if its root is not the header's state root.
	pub fn externalities(&self) -> Result<sp_io::TestExternalities, String> {
		let mut top: BTreeMap<_, _> = self.pairs.iter().cloned().collect();
		// The externalities write `:code` themselves, so it goes in as the code, not a pair.
		let code = top.remove(well_known_keys::CODE).unwrap_or_default();
		let storage = Storage { top, children_default: Default::default() };
		let version = VERSION.state_version();
		let mut ext = sp_io::TestExternalities::new_with_code_and_state(&code, storage, version);
		let root = ext.execute_with(|| sp_io::storage::root(version));
		if root.as_slice() != self.header.state_root.as_bytes() {
			return Err(format!(
				"the downloaded state's root 0x{} is not block {:?}'s state root {:?}",
				sp_core::hexdisplay::HexDisplay::from(&root),
				self.at,
				self.header.state_root
			));
		}
		Ok(ext)
	}
}
