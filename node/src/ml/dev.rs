//! The development chain's worker set-up: with `--dev --ml-worker`, one node serves all three
//! genesis workers, so jobs run with their full replication on a laptop.

use lineage_primitives::compute::KEY_TYPE;
use sp_keystore::KeystorePtr;

use super::engine::Engine;

/// The genesis workers of `--dev`, whose account keys are also their `lnml` keys.
const DEV_WORKERS: [&str; 3] = ["//Alice", "//Bob", "//Charlie"];

/// Puts the dev workers' `lnml` keys in `keystore`.
pub(crate) fn insert_worker_keys(keystore: &KeystorePtr) -> Result<(), String> {
	for seed in DEV_WORKERS {
		keystore
			.sr25519_generate_new(KEY_TYPE, Some(seed))
			.map_err(|error| format!("cannot insert the {seed} lnml key: {error}"))?;
	}
	Ok(())
}

/// Puts the demo dataset versions and the demo model's weights into the engine's store
/// (`lineage-ml seed-demo`: they are built from the data shipped with the engine).
pub(crate) fn seed_demo(engine: &Engine) -> Result<(), String> {
	let printed = engine.command(&["seed-demo".as_ref()])?;
	log::info!(
		target: "lineage-ml",
		"demo assets in {}: {}",
		engine.store().display(),
		printed.trim().replace('\n', "; ")
	);
	Ok(())
}
