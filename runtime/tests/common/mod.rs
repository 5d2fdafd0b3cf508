//! Helpers for tests on the native runtime: genesis from the runtime's own presets, and
//! signed extrinsics applied through `Executive`, as a block author would apply them.

#![allow(dead_code, reason = "each test binary uses a different subset")]

use codec::Encode;
use frame_support::genesis_builder_helper::build_state;
use lineage_runtime::{
	genesis_config_presets, Executive, Header, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, SignedPayload, System, TxExtension, UncheckedExtrinsic,
};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, traits::Header as _, ApplyExtrinsicResult, MultiSignature};

/// Externalities holding the genesis state of preset `preset`, built as `lineage-node` builds
/// it: the preset's JSON patch merged over the default genesis config.
pub(crate) fn ext_from_preset(preset: &str) -> sp_io::TestExternalities {
	let patch = genesis_config_presets::get_preset(&preset.to_string())
		.unwrap_or_else(|| panic!("preset {preset} exists"));
	let patch: serde_json::Value = serde_json::from_slice(&patch).expect("preset is JSON");
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).expect("default config is JSON");
	sc_chain_spec::json_merge(&mut config, patch);
	let config = serde_json::to_vec(&config).expect("config serialises");
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(config).expect("preset builds a valid genesis state")
	});
	ext
}

/// A key pair that exists nowhere on chain yet, and its account, from a one-byte seed.
pub(crate) fn new_account(seed: u8) -> (sr25519::Pair, lineage_runtime::AccountId) {
	let pair = sr25519::Pair::from_seed(&[seed; 32]);
	let account = pair.public().into();
	(pair, account)
}

/// Starts block 1 on top of genesis, so extrinsics can be applied.
pub(crate) fn start_block() {
	let header = Header::new(
		1,
		Default::default(),
		Default::default(),
		System::block_hash(0),
		Default::default(),
	);
	Executive::initialize_block(&header);
}

/// The transaction extensions a wallet attaches: immortal, tip zero, no metadata hash.
pub(crate) fn tx_extension(nonce: u32) -> TxExtension {
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

/// `call` signed by `signer` with its current nonce.
pub(crate) fn signed(call: RuntimeCall, signer: &sr25519::Pair) -> UncheckedExtrinsic {
	let who: lineage_runtime::AccountId = signer.public().into();
	let extension = tx_extension(System::account_nonce(&who));
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("valid payload");
	let signature = MultiSignature::Sr25519(payload.using_encoded(|bytes| signer.sign(bytes)));
	UncheckedExtrinsic::new_signed(call, who.into(), signature, extension)
}

/// Signs `call` by `signer` and applies it to the current block.
pub(crate) fn apply_signed(call: RuntimeCall, signer: Sr25519Keyring) -> ApplyExtrinsicResult {
	Executive::apply_extrinsic(signed(call, &signer.pair()))
}

/// Events deposited so far in this block.
pub(crate) fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|record| record.event).collect()
}

/// Starts block `number` as Aura would author it: the slot in a pre-runtime digest, then the
/// timestamp inherent for that slot. Blocks started this way can be finished and chained.
pub(crate) fn begin_block(number: u32, parent_hash: lineage_runtime::Hash) {
	use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
	use sp_runtime::{Digest, DigestItem};

	let slot = Slot::from(u64::from(number));
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	let header = Header::new(number, Default::default(), Default::default(), parent_hash, digest);
	Executive::initialize_block(&header);
	let now = u64::from(number) * lineage_runtime::SLOT_DURATION;
	let inherent =
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }));
	Executive::apply_extrinsic(inherent)
		.expect("the timestamp inherent is valid")
		.expect("the timestamp inherent dispatches");
}

/// Finishes the current block and starts the next one.
pub(crate) fn next_block() {
	let header = Executive::finalize_block();
	begin_block(header.number().saturating_add(1), header.hash());
}

/// Starts block 1 with its digest and timestamp, so that blocks can follow.
pub(crate) fn begin_chain() {
	begin_block(1, System::block_hash(0));
}
