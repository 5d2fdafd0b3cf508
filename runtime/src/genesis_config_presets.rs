//! Genesis presets: the initial state of the `development` and `local_testnet` chains.
//!
//! Each preset is a JSON patch over the default genesis config, which the node turns into a
//! chain spec (`lineage-node build-spec --chain dev|local`). Both presets use the well-known
//! development keys (Alice, Bob, …); a public network's genesis must not reuse either. Only
//! `development` has a sudo key (Alice's); `local_testnet` is governed by referenda alone,
//! like a public chain. Both run governance on [`GovernanceTiming::Development`], so a
//! referendum is decided in a couple of minutes. The `development` preset also seeds the demo
//! dataset and model of [`crate::genesis_demo`].

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use lineage_primitives::compute::{Backends, Capabilities};
use pallet_dao::GovernanceTiming;

use crate::{
	configs::DEFAULT_MIN_WORKER_STAKE, genesis_demo, AccountId, Balance, BalancesConfig,
	ComputeConfig, DaoConfig, DatasetsConfig, ModelsConfig, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, SudoConfig, ValidatorsConfig, MINUTES, UNIT,
};

/// What each endowed development account starts with: one million LIN.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A development validator: its account (the sr25519 key's) and its session keys, Aura
/// (sr25519) and GRANDPA (ed25519).
fn validator(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AccountId, SessionKeys) {
	let aura_id: AuraId = aura.public().into();
	let grandpa_id: GrandpaId = grandpa.public().into();
	(aura.to_account_id(), SessionKeys { aura: aura_id, grandpa: grandpa_id })
}

fn testnet_genesis(
	initial_validators: Vec<(AccountId, SessionKeys)>,
	endowed_accounts: Vec<AccountId>,
	sudo_key: Option<AccountId>,
	with_demo: bool,
) -> Value {
	let (datasets, models, workers) = if with_demo {
		(genesis_demo::datasets(), genesis_demo::models(), dev_workers())
	} else {
		(Vec::new(), Vec::new(), Vec::new())
	};
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.into_iter()
				.map(|account| (account, DEV_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		// Aura's and GRANDPA's authorities come from the session's genesis.
		validators: ValidatorsConfig {
			validators: initial_validators
				.iter()
				.map(|(account, _)| account.clone())
				.collect::<Vec<_>>(),
			// Short sessions, so that a validator governance adds authors within minutes.
			session_length: MINUTES,
		},
		session: SessionConfig {
			keys: initial_validators
				.into_iter()
				.map(|(account, keys)| (account.clone(), account, keys))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: sudo_key },
		// Both test chains run the tracks in blocks, so referenda finish while someone watches.
		dao: DaoConfig { timing: GovernanceTiming::Development },
		datasets: DatasetsConfig { datasets },
		models: ModelsConfig { models },
		compute: ComputeConfig { workers },
	})
}

/// Alice, Bob and Charlie as CPU workers with ten times the least stake, so that a few slashes
/// (for jobs nobody's node answered, say) leave them active; each attests with its own sr25519
/// development key.
fn dev_workers() -> Vec<(AccountId, Balance, Capabilities, lineage_primitives::compute::WorkerKey)>
{
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.into_iter()
		.map(|key| {
			let capabilities = Capabilities {
				backends: Backends(Backends::CPU),
				max_model_bytes: 64 * 1024 * 1024,
			};
			let stake = DEFAULT_MIN_WORKER_STAKE.saturating_mul(10);
			(key.to_account_id(), stake, capabilities, key.public().into())
		})
		.collect()
}

/// Development accounts that start with funds: the six named keys and their stashes.
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| !matches!(k, Sr25519Keyring::One | Sr25519Keyring::Two))
		.map(|k| k.to_account_id())
		.collect()
}

/// `development`: one validator (Alice), for `lineage-node --dev`.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		true,
	)
}

/// `local_testnet`: four validators (Alice, Bob, Charlie and Dave), for a multi-node network
/// on one machine. Four is the smallest set in which GRANDPA survives a lost validator (it
/// needs more than two thirds: three of four) and stalls when two are lost.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			validator(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		dev_accounts(),
		// Governed like a public chain: referenda only, no sudo key.
		None,
		false,
	)
}

/// The JSON patch of preset `id`, or `None` if there is no such preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_str() {
		DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// Names of all presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
