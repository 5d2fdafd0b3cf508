//! Chain specifications: the built-in `dev` and `local` chains, built from the runtime's
//! genesis presets, and any chain spec JSON file given by path.

use lineage_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// Chain spec with no extensions (Lineage is a standalone chain).
pub(crate) type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and SS58 prefix, which wallets such as polkadot.js read to show
/// balances and addresses.
fn chain_properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"The runtime's WASM binary is missing: this node was built with SKIP_WASM_BUILD set. \
		 Rebuild without it."
			.to_string()
	})
}

/// One validator (Alice), the `development` preset, sudo for Alice.
pub(crate) fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Lineage Development")
		.with_id("dev")
		.with_protocol_id("lineage-dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}

/// Two validators (Alice, Bob), the `local_testnet` preset, governed by referenda (no sudo).
pub(crate) fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Lineage Local Testnet")
		.with_id("local_testnet")
		.with_protocol_id("lineage-local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}
