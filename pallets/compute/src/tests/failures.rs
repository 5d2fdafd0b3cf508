//! Workers reporting that they cannot produce a result.

use frame_support::{assert_noop, assert_ok};
use lineage_primitives::compute::JobFailure;
use sp_core::H256;

use super::results::{commit, job_with_workers, open_reveals, reveal};
use super::*;
use crate::{Error, Event, Failures};

const MISSING: JobFailure = JobFailure::MissingBlob { hash: H256::repeat_byte(5) };

#[test]
fn a_drawn_worker_reports_a_failure_once() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		let worker = workers[0];
		assert_ok!(Compute::report_failure(RuntimeOrigin::signed(worker), job, MISSING));
		assert_eq!(last_event(), Event::WorkerFailed { job, worker, failure: MISSING });
		assert_eq!(Failures::<Test>::get(job, worker), Some(MISSING));
		assert_noop!(
			Compute::report_failure(RuntimeOrigin::signed(worker), job, JobFailure::BadInput),
			Error::<Test>::AlreadyFailed
		);
	});
}

#[test]
fn failures_are_refused_from_others_after_a_reveal_or_for_closed_jobs() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		let outsider =
			[ALICE, BOB, CHARLIE, EVE].into_iter().find(|w| !workers.contains(w)).unwrap();
		assert_noop!(
			Compute::report_failure(RuntimeOrigin::signed(outsider), job, MISSING),
			Error::<Test>::NotAssigned
		);
		assert_noop!(
			Compute::report_failure(RuntimeOrigin::signed(workers[0]), 99, MISSING),
			Error::<Test>::UnknownJob
		);
		commit(workers[0], job, &[1]);
		commit(workers[1], job, &[1]);
		assert_ok!(Compute::report_failure(RuntimeOrigin::signed(workers[1]), job, MISSING));
		open_reveals(job);
		assert_ok!(reveal(workers[0], job, &[1]));
		assert_noop!(
			Compute::report_failure(RuntimeOrigin::signed(workers[0]), job, MISSING),
			Error::<Test>::AlreadyRevealed
		);
		// A worker that gave up cannot reveal after all.
		assert_noop!(reveal(workers[1], job, &[1]), Error::<Test>::AlreadyFailed);
	});
}
