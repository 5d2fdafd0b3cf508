//! Reading a Lineage chain and sending it signed calls, through subxt and the node's RPC.

use anyhow::{anyhow, bail, Context};
use zombienet_sdk::{
	subxt::{
		backend::{legacy::LegacyRpcMethods, rpc::RpcClient},
		blocks::ExtrinsicEvents,
		config::{substrate::DigestItem, DefaultExtrinsicParamsBuilder},
		dynamic::Value,
		ext::{codec::Decode, subxt_core, subxt_rpcs::client::RpcParams},
		metadata::Metadata,
		tx::{Payload, Signer, TxStatus},
		OnlineClient, PolkadotConfig,
	},
	NetworkNode,
};

/// Lineage's addresses, signatures and extensions are Polkadot's (`MultiAddress<_, ()>`,
/// `MultiSignature`, the standard extensions), so subxt's Polkadot config fits.
pub type Config = PolkadotConfig;
/// A client of one node.
pub type Client = OnlineClient<Config>;
/// A block hash.
pub type Hash = zombienet_sdk::subxt::config::HashFor<Config>;

/// Aura's consensus engine id, on the slot digest of every block.
const AURA_ENGINE: [u8; 4] = *b"aura";

/// A sr25519 Aura authority's public key.
pub type AuraKey = [u8; 32];

/// A connected node: its typed client and its raw RPC, for the calls subxt has no method for.
pub struct Node {
	/// subxt's client, for storage, blocks and transactions.
	pub client: Client,
	/// The node's JSON-RPC.
	pub rpc: RpcClient,
}

impl Node {
	/// Connects to `node`, waiting for its RPC server to come up.
	pub async fn connect(node: &NetworkNode) -> anyhow::Result<Self> {
		let client = node.wait_client::<Config>().await?;
		let rpc = node.rpc().await?;
		Ok(Self { client, rpc })
	}

	fn legacy(&self) -> LegacyRpcMethods<Config> {
		LegacyRpcMethods::new(self.rpc.clone())
	}

	/// The hash of block `number` on the node's best chain.
	pub async fn block_hash(&self, number: u32) -> anyhow::Result<Hash> {
		self.legacy()
			.chain_get_block_hash(Some(number.into()))
			.await?
			.ok_or_else(|| anyhow!("no block #{number} yet"))
	}

	/// The Aura authority that authored block `number`: the authority set it was built on,
	/// indexed by the slot in its pre-runtime digest (Aura's round robin).
	pub async fn author_of(&self, number: u32) -> anyhow::Result<AuraKey> {
		let hash = self.block_hash(number).await?;
		let header = self
			.legacy()
			.chain_get_header(Some(hash))
			.await?
			.ok_or_else(|| anyhow!("no header for block #{number}"))?;
		let slot = header
			.digest
			.logs
			.iter()
			.find_map(|item| match item {
				DigestItem::PreRuntime(AURA_ENGINE, data) => u64::decode(&mut &data[..]).ok(),
				_ => None,
			})
			.ok_or_else(|| anyhow!("block #{number} has no Aura slot"))?;
		let authorities = self.aura_authorities(header.parent_hash).await?;
		let count = u64::try_from(authorities.len())?;
		if count == 0 {
			bail!("no Aura authorities under block #{number}");
		}
		let index = usize::try_from(slot % count)?;
		authorities.get(index).copied().ok_or_else(|| anyhow!("authority {index} missing"))
	}

	/// Aura's authorities in the state of block `at`.
	pub async fn aura_authorities(&self, at: Hash) -> anyhow::Result<Vec<AuraKey>> {
		let bytes = self.storage_at(at, "Aura", "Authorities").await?.unwrap_or_default();
		Ok(Vec::<AuraKey>::decode(&mut &bytes[..])?)
	}

	/// The SCALE bytes of plain storage item `pallet::entry` at block `at`.
	pub async fn storage_at(
		&self,
		at: Hash,
		pallet: &str,
		entry: &str,
	) -> anyhow::Result<Option<Vec<u8>>> {
		let address = zombienet_sdk::subxt::dynamic::storage(pallet, entry, ());
		let key = self.client.storage().address_bytes(&address)?;
		Ok(self.client.storage().at(at).fetch_raw(key).await?)
	}

	/// Plain storage item `pallet::entry` at the last finalised block, decoded as `T`.
	pub async fn storage<T: Decode>(&self, pallet: &str, entry: &str) -> anyhow::Result<T> {
		let at = self.client.blocks().at_latest().await?.hash();
		let bytes = self
			.storage_at(at, pallet, entry)
			.await?
			.ok_or_else(|| anyhow!("{pallet}::{entry} is empty"))?;
		Ok(T::decode(&mut &bytes[..])?)
	}

	/// Calls JSON-RPC `method` with `params`.
	pub async fn rpc_call<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: &[serde_json::Value],
	) -> anyhow::Result<T> {
		let mut rpc_params = RpcParams::new();
		for param in params {
			rpc_params.push(param)?;
		}
		self.rpc.request(method, rpc_params).await.with_context(|| format!("RPC {method}"))
	}

	/// Signs `call` as `signer`, submits it and waits until it succeeds in a best block (which
	/// a sibling may still replace: read what must have happened from finalised state).
	pub async fn submit(
		&self,
		call: &impl Payload,
		signer: &impl Signer<Config>,
	) -> anyhow::Result<ExtrinsicEvents<Config>> {
		// The node's next nonce counts the signer's transactions still in its pool or only in
		// a best block; subxt's own lookup reads the finalised state and would reuse one.
		let account = signer.account_id().to_string();
		let nonce: u64 = self.rpc_call("system_accountNextIndex", &[account.into()]).await?;
		let params = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
		let mut progress =
			self.client.tx().sign_and_submit_then_watch(call, signer, params).await?;
		while let Some(status) = progress.next().await {
			match status? {
				TxStatus::InBestBlock(block) | TxStatus::InFinalizedBlock(block) => {
					return Ok(block.wait_for_success().await?)
				},
				TxStatus::Error { message }
				| TxStatus::Invalid { message }
				| TxStatus::Dropped { message } => bail!("transaction refused: {message}"),
				_ => {},
			}
		}
		bail!("the node stopped reporting on the transaction")
	}
}

/// A call whose arguments are already SCALE-encoded (session keys and their proof come from
/// the node that way); the pallet and call indices are looked up in the metadata by name.
pub struct EncodedCall {
	/// The pallet's name in the metadata.
	pub pallet: &'static str,
	/// The call's name.
	pub call: &'static str,
	/// The call's arguments, SCALE-encoded in order.
	pub arguments: Vec<u8>,
}

impl Payload for EncodedCall {
	fn encode_call_data_to(
		&self,
		metadata: &Metadata,
		out: &mut Vec<u8>,
	) -> Result<(), subxt_core::Error> {
		let pallet = metadata.pallet_by_name_err(self.pallet)?;
		let call = pallet.call_variant_by_name(self.call).ok_or_else(|| {
			subxt_core::error::MetadataError::CallNameNotFound(self.call.to_owned())
		})?;
		out.push(pallet.index());
		out.push(call.index);
		out.extend_from_slice(&self.arguments);
		Ok(())
	}
}

/// A dynamic call built from values, as polkadot.js would name them.
pub fn call(
	pallet: &str,
	name: &str,
	arguments: Vec<Value>,
) -> zombienet_sdk::subxt::tx::DynamicPayload {
	zombienet_sdk::subxt::dynamic::tx(pallet, name, arguments)
}

/// `bytes` as JSON-RPC writes them: `0x` and lower-case hex.
pub fn to_hex(bytes: &[u8]) -> String {
	let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
	format!("0x{digits}")
}

/// The bytes of a `0x`-prefixed hex string from JSON-RPC.
pub fn from_hex(text: &str) -> anyhow::Result<Vec<u8>> {
	let digits = text.strip_prefix("0x").unwrap_or(text);
	if !digits.len().is_multiple_of(2) {
		bail!("odd-length hex {text}");
	}
	(0..digits.len())
		.step_by(2)
		.map(|i| {
			let pair = digits.get(i..i.saturating_add(2)).ok_or_else(|| anyhow!("hex {text}"))?;
			Ok(u8::from_str_radix(pair, 16)?)
		})
		.collect()
}
