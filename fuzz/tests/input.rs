//! Runs driven by input bytes, as the libFuzzer target (`fuzz/libfuzzer`) drives them: the
//! bytes decide the run, so an input libFuzzer saves replays exactly.

use lineage_fuzz::run::{run_from_input, Report, INPUT_BYTES_PER_EXTRINSIC};

fn run(input: &[u8]) -> Report {
	match run_from_input(input, 200) {
		Ok(report) => report,
		Err(message) => panic!("the harness did not start: {message}"),
	}
}

fn bytes(len: usize, mut x: u32) -> Vec<u8> {
	(0..len)
		.map(|_| {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			x.to_le_bytes()[0]
		})
		.collect()
}

#[test]
fn the_same_bytes_replay_the_same_run_and_other_bytes_another() {
	let input = bytes(50 * INPUT_BYTES_PER_EXTRINSIC, 7);
	let first = run(&input);
	assert!(first.violations.is_empty(), "violations: {:#?}", first.violations);
	assert!(first.extrinsics >= 50, "{} extrinsics", first.extrinsics);
	assert!(!first.succeeded.is_empty(), "nothing succeeded: {:#?}", first.refused);
	assert_eq!(run(&input).state_root, first.state_root);
	assert_ne!(run(&bytes(50 * INPUT_BYTES_PER_EXTRINSIC, 8)).state_root, first.state_root);
}

#[test]
fn empty_and_oversized_inputs_run_within_bounds() {
	let empty = run(&[]);
	assert!(empty.violations.is_empty(), "violations: {:#?}", empty.violations);
	assert!(empty.extrinsics >= 1);
	let huge = run(&bytes(10_000 * INPUT_BYTES_PER_EXTRINSIC, 9));
	assert!(huge.violations.is_empty(), "violations: {:#?}", huge.violations);
	// At most 200 asked for; a run finishes the block it is in (at most 20 per block).
	assert!(huge.extrinsics < 220, "{} extrinsics", huge.extrinsics);
}
