//! The seeded run the test command makes (a long run is `scripts/fuzz`): a fixed seed, so it
//! is the same run on every machine and a failure here replays with
//! `scripts/fuzz --seed 2026 --extrinsics 20000`.

use lineage_fuzz::run::{run, Report, Settings};

const SEEDED: Settings =
	Settings { seed: 2026, extrinsics: 20_000, max_per_block: 200, progress_every: 0 };

fn seeded_run() -> Report {
	match run(SEEDED) {
		Ok(report) => report,
		Err(message) => panic!("the harness did not start: {message}"),
	}
}

#[test]
fn a_seeded_run_breaks_no_invariant_and_reaches_every_pallet() {
	let report = seeded_run();
	assert!(report.violations.is_empty(), "violations: {:#?}", report.violations);
	// A run finishes the block it is in.
	assert!(report.extrinsics >= SEEDED.extrinsics, "{} extrinsics", report.extrinsics);
	println!(
		"{} extrinsics in {} blocks, {:.0}/s; {} calls succeeded, {} errors met",
		report.extrinsics,
		report.blocks,
		report.rate(),
		report.succeeded.len(),
		report.failed.len()
	);
	// Every source got calls through, not only refusals: the generators aim at live ids.
	for pallet in [
		"Balances.",
		"Datasets.",
		"Models.",
		"Royalties.",
		"Compute.",
		"Dao.",
		"Preimage.",
		"Referenda.",
		"ConvictionVoting.",
		"Sudo(Validators.",
		"Sudo(Balances.",
		"Sudo(Parameters.",
		"Compute.submit_training",
	] {
		assert!(
			report.succeeded.keys().any(|call| call.starts_with(pallet)),
			"no {pallet} call succeeded: {:#?}",
			report.succeeded
		);
	}
	// And the errors the generators aim at are met: bad ids, bad origins, poor signers.
	for error in [
		"BadOrigin",
		"Datasets(",
		"Models(",
		"Compute(",
		"Compute(InvalidTrainingSettings)",
		"Balances(",
	] {
		assert!(
			report.failed.keys().any(|e| e.contains(error)),
			"never met {error}: {:#?}",
			report.failed
		);
	}
}

#[test]
fn the_same_seed_gives_the_same_state_root_and_another_seed_another() {
	let short = |seed| {
		let report =
			run(Settings { seed, extrinsics: 2_000, max_per_block: 100, progress_every: 0 })
				.unwrap_or_else(|message| panic!("the harness did not start: {message}"));
		assert!(report.violations.is_empty(), "violations: {:#?}", report.violations);
		report.state_root
	};
	let first = short(7);
	assert_eq!(first, short(7), "a seed must replay its run exactly");
	assert_ne!(first, short(8));
}
