//! `lineage-try-runtime --uri ws://HOST:PORT [--at HASH] [--blocks N]`: try-runtime checks of
//! this checkout's runtime against a live node's state (by default at its finalised head):
//!
//! - the downloaded state's root must be the block's state root;
//! - the upgrade this runtime would run (its migrations and every pallet's upgrade hooks, with
//!   their pre- and post-upgrade checks and each pallet's storage version), the whole state
//!   decoded, every pallet's `try_state`, the migrations' weight within a block, and a second
//!   run of the migrations changing nothing;
//! - the last N blocks re-executed on their parents' state, signatures checked and every
//!   pallet's `try_state` after each; their state roots are checked when the chain runs this
//!   very runtime version (an older runtime's blocks may legitimately differ).
//!
//! Prints a JSON report; exits 1 if a check failed, 2 if the checks could not run.

use std::process::ExitCode;

use lineage_fuzz::live::{checks, rpc::Rpc, snapshot};
use lineage_runtime::VERSION;
use sp_core::H256;

const USAGE: &str = "usage: lineage-try-runtime --uri ws://HOST:PORT [--at HASH] [--blocks N]";

fn value<'a>(args: &'a [String], name: &str) -> Result<Option<&'a str>, String> {
	match args.iter().position(|a| a == name) {
		None => Ok(None),
		Some(at) => args
			.get(at.saturating_add(1))
			.map(|v| Some(v.as_str()))
			.ok_or(format!("{name} needs a value")),
	}
}

fn hash(text: &str) -> Result<H256, String> {
	serde_json::from_value(serde_json::json!(text)).map_err(|e| format!("{text}: {e}"))
}

fn run(args: &[String]) -> Result<(serde_json::Value, bool), String> {
	let rpc = Rpc::new(value(args, "--uri")?.ok_or("--uri is required")?)?;
	let blocks: u32 = match value(args, "--blocks")? {
		None => 3,
		Some(n) => n.parse().map_err(|e| format!("--blocks: {e}"))?,
	};
	let at = match value(args, "--at")? {
		Some(at) => hash(at)?,
		None => rpc.call("chain_getFinalizedHead", serde_json::json!([]))?,
	};
	let chain: serde_json::Value = rpc.call("state_getRuntimeVersion", serde_json::json!([at]))?;
	let chain_spec = chain.get("specVersion").and_then(|v| v.as_u64()).unwrap_or_default();
	if chain.get("specName").and_then(|v| v.as_str()) != Some(&*VERSION.spec_name) {
		return Err(format!("the node runs {chain}, not {}", VERSION.spec_name));
	}
	let same_runtime = chain_spec == u64::from(VERSION.spec_version);
	let mut failures = Vec::new();
	if chain_spec > u64::from(VERSION.spec_version) {
		failures.push(format!(
			"this runtime ({}) is older than the chain's ({chain_spec})",
			VERSION.spec_version
		));
	}

	let state = snapshot::download(&rpc, at)?;
	let mut ext = state.externalities()?;
	let upgrade = checks::upgrade(&mut ext);
	failures.extend(upgrade.failures.iter().cloned());

	let mut executed = Vec::new();
	let mut next = at;
	for _ in 0..blocks {
		let block = snapshot::block(&rpc, next)?;
		if block.header.number == 0 {
			break;
		}
		let (number, parent) = (block.header.number, block.header.parent_hash);
		let extrinsics = block.extrinsics.len();
		let mut parent_state = snapshot::download(&rpc, parent)?.externalities()?;
		match checks::execute_block(&mut parent_state, block, same_runtime) {
			Ok(weight) => executed.push(serde_json::json!({
				"number": number, "hash": next, "extrinsics": extrinsics, "weight": weight,
			})),
			Err(failure) => failures.push(failure),
		}
		next = parent;
	}

	let report = serde_json::json!({
		"at": { "hash": at, "number": state.header.number },
		"state": { "keys": state.pairs.len(), "bytes": state.size(), "root_matches": true },
		"spec_version": { "chain": chain_spec, "runtime": VERSION.spec_version },
		"upgrade": upgrade,
		"blocks_executed": executed,
		"state_roots_checked": same_runtime,
		"failures": failures,
	});
	Ok((report, failures.is_empty()))
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	match run(&args) {
		Ok((report, passed)) => {
			println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
			if passed {
				ExitCode::SUCCESS
			} else {
				ExitCode::from(1)
			}
		},
		Err(message) => {
			eprintln!("lineage-try-runtime: {message}");
			eprintln!("{USAGE}");
			ExitCode::from(2)
		},
	}
}
