//! The chain under test: the `development` preset's genesis (plus the poor accounts), blocks
//! opened with an Aura slot and a timestamp as an author's node opens them, and signed
//! extrinsics applied through `Executive`.

use codec::Encode;
use frame_support::genesis_builder_helper::build_state;
use lineage_runtime::{
	genesis_config_presets, AccountId, Executive, Header, Runtime, RuntimeCall,
	RuntimeGenesisConfig, SignedPayload, System, TxExtension, UncheckedExtrinsic, SLOT_DURATION,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{ed25519, Pair, H256};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::Header as _,
	ApplyExtrinsicResult, MultiSignature,
};

use crate::accounts::{Actor, Wealth, FUNDED_ENDOWMENT, POOR_ENDOWMENT};

/// Externalities holding the development genesis, with the funded and poor actors endowed
/// and the first actor as the sudo key.
pub fn genesis(actors: &[Actor]) -> Result<sp_io::TestExternalities, String> {
	let patch = genesis_config_presets::get_preset(&DEV_RUNTIME_PRESET.to_string())
		.ok_or("no development preset")?;
	let patch: serde_json::Value = serde_json::from_slice(&patch).map_err(|e| e.to_string())?;
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).map_err(|e| e.to_string())?;
	merge(&mut config, patch);
	if let Some(balances) = config.pointer_mut("/balances/balances").and_then(|b| b.as_array_mut())
	{
		for actor in actors {
			let endowment = match actor.wealth {
				Wealth::Funded => FUNDED_ENDOWMENT,
				Wealth::Poor => POOR_ENDOWMENT,
				Wealth::Unfunded => continue,
			};
			balances.push(serde_json::json!([actor.account, endowment]));
		}
	}
	if let (Some(key), Some(sudo_key)) = (config.pointer_mut("/sudo/key"), actors.first()) {
		*key = serde_json::json!(sudo_key.account);
	}
	let config = serde_json::to_vec(&config).map_err(|e| e.to_string())?;
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(config).map_err(|e| e.to_string()))?;
	Ok(ext)
}

/// `patch` over `base`, as the node merges a preset over the default genesis config.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// Opens block `number` on `parent` at `slot`: the Aura pre-runtime digest, then the
/// timestamp inherent for that slot (Aura checks the two agree).
pub fn open_block(number: u32, parent: H256, slot: u64) -> Result<(), String> {
	let digest =
		Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())] };
	let header = Header::new(number, Default::default(), Default::default(), parent, digest);
	Executive::initialize_block(&header);
	let now = slot.saturating_mul(SLOT_DURATION);
	let inherent =
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }));
	match Executive::apply_extrinsic(inherent) {
		Ok(Ok(())) => Ok(()),
		other => Err(format!("timestamp inherent at slot {slot}: {other:?}")),
	}
}

/// Closes the current block; returns its header's hash (the next block's parent).
pub fn close_block() -> H256 {
	Executive::finalize_block().hash()
}

/// The transaction extensions a wallet attaches: immortal, tip zero, no metadata hash.
fn tx_extension(nonce: u32) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// `call` signed by `signer` with its current nonce, applied to the current block.
pub fn apply_signed(
	call: RuntimeCall,
	signer: &ed25519::Pair,
) -> Result<ApplyExtrinsicResult, String> {
	let who: AccountId = signer.public().into();
	let extension = tx_extension(System::account_nonce(&who));
	let payload = SignedPayload::new(call.clone(), extension.clone())
		.map_err(|e| format!("unsignable payload: {e:?}"))?;
	let signature = MultiSignature::Ed25519(payload.using_encoded(|bytes| signer.sign(bytes)));
	let extrinsic = UncheckedExtrinsic::new_signed(call, who.into(), signature, extension);
	Ok(Executive::apply_extrinsic(extrinsic))
}
