//! Retention: accepted results are kept for `ResultRetention` blocks after settling, then
//! pruned by a later block's hook, eight settled blocks at most per hook.

use frame_support::traits::Hooks;

use super::{
	results::{commit, job_with_workers, open_reveals, reveal, FEE, MODEL},
	*,
};
use crate::{Jobs, PruneCursor, Results, ResultsSettledIn};

/// Settles a job all three workers agree on; returns it and its settling block.
fn settled_job() -> (u64, u64) {
	let (job, workers) = job_with_workers();
	for worker in &workers {
		commit(*worker, job, &[1, 2]);
	}
	open_reveals(job);
	for worker in &workers {
		frame_support::assert_ok!(reveal(*worker, job, &[1, 2]));
	}
	let settles_at = Jobs::<Test>::get(job).unwrap().settles_at;
	run_to(settles_at);
	assert!(Results::<Test>::contains_key(job));
	(job, settles_at)
}

/// Runs every block's hook up to and including `block`.
fn run_to(block: u64) {
	while System::block_number() < block {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Compute::on_initialize(next);
	}
}

#[test]
fn a_result_is_kept_for_the_retention_period_then_pruned() {
	run_test(|| {
		let (job, settled) = settled_job();
		assert_eq!(ResultsSettledIn::<Test>::get(settled).to_vec(), vec![job]);
		run_to(settled + ResultRetention::get() - 1);
		assert!(Compute::result(job).is_some());
		run_to(settled + ResultRetention::get());
		assert_eq!(Compute::result(job), None);
		assert!(ResultsSettledIn::<Test>::get(settled).is_empty());
		assert_eq!(PruneCursor::<Test>::get(), Some(settled + 1));
	});
}

#[test]
fn pruning_catches_up_eight_blocks_a_hook_after_the_retention_shrinks() {
	run_test(|| {
		let (first, first_settled) = settled_job();
		// The cursor starts at the first block that stored a result.
		assert_eq!(PruneCursor::<Test>::get(), Some(first_settled));
		run_to(first_settled + 6);
		// A second job, settling more than eight blocks after the first.
		let second = crate::NextJobId::<Test>::get();
		frame_support::assert_ok!(Compute::submit_inference(
			RuntimeOrigin::signed(DAVE),
			MODEL,
			vec![1],
			FEE
		));
		let workers = Jobs::<Test>::get(second).unwrap().workers.to_vec();
		for worker in &workers {
			commit(*worker, second, &[3]);
		}
		open_reveals(second);
		for worker in &workers {
			frame_support::assert_ok!(reveal(*worker, second, &[3]));
		}
		let second_settled = Jobs::<Test>::get(second).unwrap().settles_at;
		run_to(second_settled);
		assert!(second_settled - first_settled > 8 && second_settled - first_settled <= 16);
		// Governance shortens the retention: both results are old enough at once.
		ResultRetention::set(1);
		run_to(System::block_number() + 1);
		// One hook prunes eight blocks from the cursor: the first result's, not the second's.
		assert_eq!(Compute::result(first), None);
		assert!(Compute::result(second).is_some());
		assert_eq!(PruneCursor::<Test>::get(), Some(first_settled + 8));
		run_to(System::block_number() + 1);
		assert_eq!(Compute::result(second), None);
		ResultRetention::set(20);
	});
}
