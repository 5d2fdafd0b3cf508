//! `lineage-fuzz [--extrinsics N] [--seed S] [--per-block M] [--segment K]`: a long fuzzing
//! run, as consecutive runs of K extrinsics from genesis with seeds S, S+1, … (a chain that
//! grew for a million random extrinsics makes every block's checks slower and slower, and
//! explores less than many fresh ones). Prints the rate, what was covered (calls that
//! succeeded, errors met, refusals) and any violation with the command that replays its
//! segment, as JSON; exits 1 on a violation.

use std::process::ExitCode;

use lineage_fuzz::run::{run, Report, Settings};

fn argument(args: &[String], name: &str, default: u64) -> Result<u64, String> {
	match args.iter().position(|a| a == name) {
		None => Ok(default),
		Some(at) => args
			.get(at.saturating_add(1))
			.ok_or(format!("{name} needs a value"))?
			.replace('_', "")
			.parse()
			.map_err(|e| format!("{name}: {e}")),
	}
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let settings = (|| -> Result<Settings, String> {
		Ok(Settings {
			extrinsics: argument(&args, "--extrinsics", 100_000)?,
			seed: argument(&args, "--seed", 0)?,
			max_per_block: argument(&args, "--per-block", 200)?,
			progress_every: 50_000,
		})
	})();
	let settings = match settings {
		Ok(settings) => settings,
		Err(message) => {
			eprintln!("lineage-fuzz: {message}");
			eprintln!(
				"usage: lineage-fuzz [--extrinsics N] [--seed S] [--per-block M] [--segment K]"
			);
			return ExitCode::from(2);
		},
	};
	let segment = match argument(&args, "--segment", 100_000) {
		Ok(0) | Err(_) => settings.extrinsics.max(1),
		Ok(segment) => segment,
	};
	let mut report = Report { seed: settings.seed, ..Default::default() };
	let mut failing_segment = None;
	let mut seed = settings.seed;
	while report.extrinsics < settings.extrinsics && report.violations.is_empty() {
		let left = settings.extrinsics.saturating_sub(report.extrinsics);
		let this = Settings { seed, extrinsics: left.min(segment), ..settings };
		let part = match run(this) {
			Ok(part) => part,
			Err(message) => {
				eprintln!("lineage-fuzz: could not start: {message}");
				return ExitCode::from(2);
			},
		};
		if !part.violations.is_empty() {
			failing_segment = Some(this);
		}
		report.absorb(part);
		seed = seed.wrapping_add(1);
	}
	let summary = serde_json::json!({
		"seed": report.seed,
		"segment": segment,
		"extrinsics": report.extrinsics,
		"blocks": report.blocks,
		"top_ups": report.top_ups,
		"seconds": report.seconds,
		"extrinsics_per_second": report.rate(),
		"calls_succeeded": report.succeeded.len(),
		"errors_met": report.failed.len(),
		"succeeded": report.succeeded,
		"failed": report.failed,
		"refused": report.refused,
		"state_root": format!("{:?}", report.state_root),
		"violations": report.violations,
	});
	println!("{}", serde_json::to_string_pretty(&summary).unwrap_or_default());
	match failing_segment {
		None => ExitCode::SUCCESS,
		Some(segment) => {
			eprintln!(
				"violation; replay with: scripts/fuzz --seed {} --extrinsics {} --per-block {} \
				 --segment 0",
				segment.seed, segment.extrinsics, segment.max_per_block
			);
			ExitCode::from(1)
		},
	}
}
