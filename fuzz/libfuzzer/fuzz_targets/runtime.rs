//! libFuzzer target: the input is a whole fuzzing run (see `lineage_fuzz::rng::Rng::from_input`):
//! blocks of signed extrinsics applied through `Executive` from the development genesis, every
//! invariant checked after every block. A violation or a panic is a crash, which libFuzzer
//! saves with the input that replays it.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// Extrinsics one input may run: enough for several blocks, few enough for many executions a
/// second.
const MAX_EXTRINSICS: u64 = 200;

fuzz_target!(|input: &[u8]| {
	match lineage_fuzz::run::run_from_input(input, MAX_EXTRINSICS) {
		Ok(report) => {
			if let Some(violation) = report.violations.first() {
				panic!("violation: {violation}");
			}
		},
		Err(message) => panic!("the harness did not start: {message}"),
	}
});
