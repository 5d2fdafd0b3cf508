//! Committing to results and revealing them with signed attestations.

use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::Hooks, BoundedVec};
use lineage_primitives::compute::{commitment, Attestation, WorkerSignature};
use sp_core::{sr25519, Pair, H256};
use sp_runtime::traits::{BlakeTwo256, Hash};

use super::*;
use crate::{Commits, Error, Event, Jobs, NextJobId, Pallet, Reveals};

pub(super) const MODEL: u32 = 7;
pub(super) const FEE: Balance = 40 + COMPUTE_FEE * REPLICATION as Balance;
pub(super) const SALT: [u8; 32] = [9; 32];

pub(super) fn pair(who: AccountId) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//worker{who}"), None).unwrap()
}

/// Alice, Bob, Charlie and Eve are workers with real keys; Dave submits a job. Returns its id
/// and the three workers drawn.
pub(super) fn job_with_workers() -> (u64, Vec<AccountId>) {
	for who in [ALICE, BOB, CHARLIE, EVE] {
		let key = WorkerKey::from(pair(who).public());
		assert_ok!(Compute::register_worker(RuntimeOrigin::signed(who), MIN_STAKE, cpu(), key));
	}
	add_model(MODEL, 40, true);
	assert_ok!(Compute::submit_inference(RuntimeOrigin::signed(DAVE), MODEL, vec![1], FEE));
	let id = NextJobId::<Test>::get() - 1;
	(id, Jobs::<Test>::get(id).unwrap().workers.to_vec())
}

pub(super) fn attestation(job: u64, output: &[i32]) -> Attestation {
	Attestation {
		job,
		output_hash: BlakeTwo256::hash(&output.to_vec().encode()),
		weights_hash: H256::repeat_byte(5),
		engine_version: BoundedVec::truncate_from(b"0.1.0".to_vec()),
		backend: Backends::CPU,
	}
}

pub(super) fn signed(who: AccountId, attestation: &Attestation) -> WorkerSignature {
	WorkerSignature::from(pair(who).sign(&attestation.signing_payload()))
}

pub(super) fn commit(who: AccountId, job: u64, output: &[i32]) {
	let hash = commitment(output, &SALT, &who);
	assert_ok!(Compute::commit_result(RuntimeOrigin::signed(who), job, hash));
}

pub(super) fn reveal(who: AccountId, job: u64, output: &[i32]) -> sp_runtime::DispatchResult {
	let attested = attestation(job, output);
	let signature = signed(who, &attested);
	Compute::reveal_result(
		RuntimeOrigin::signed(who),
		job,
		output.to_vec(),
		SALT,
		attested,
		signature,
	)
}

pub(super) fn open_reveals(job: u64) {
	let commit_until = Jobs::<Test>::get(job).unwrap().commit_until;
	System::set_block_number(commit_until + 1);
}

#[test]
fn drawn_workers_commit_then_reveal_attested_results() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		let (first, second) = (workers[0], workers[1]);
		commit(first, job, &[10, -3]);
		assert_eq!(last_event(), Event::ResultCommitted { job, worker: first });
		commit(second, job, &[11, -3]);
		// Revealing waits for the commit period to end, so nobody reveals before every
		// commitment is in.
		assert_noop!(reveal(first, job, &[10, -3]), Error::<Test>::RevealNotOpen);

		open_reveals(job);
		assert_ok!(reveal(first, job, &[10, -3]));
		assert_eq!(last_event(), Event::ResultRevealed { job, worker: first });
		let stored = Reveals::<Test>::get(job, first).unwrap();
		assert_eq!(stored.output.inference(), Some(&[10, -3][..]));
		assert_eq!(stored.attestation, attestation(job, &[10, -3]));
		assert_ok!(reveal(second, job, &[11, -3]));
		assert_noop!(reveal(first, job, &[10, -3]), Error::<Test>::AlreadyRevealed);
	});
}

#[test]
fn commitments_are_refused_from_others_twice_or_late() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		let outsider =
			[ALICE, BOB, CHARLIE, EVE].into_iter().find(|w| !workers.contains(w)).unwrap();
		let hash = commitment(&[1], &SALT, &outsider);
		let signed_by = RuntimeOrigin::signed;
		assert_noop!(
			Compute::commit_result(signed_by(outsider), job, hash),
			Error::<Test>::NotAssigned
		);
		assert_noop!(
			Compute::commit_result(signed_by(DAVE), job, hash),
			Error::<Test>::NotAssigned
		);
		assert_noop!(
			Compute::commit_result(signed_by(workers[0]), 99, hash),
			Error::<Test>::UnknownJob
		);
		commit(workers[0], job, &[1]);
		assert_noop!(
			Compute::commit_result(signed_by(workers[0]), job, hash),
			Error::<Test>::AlreadyCommitted
		);
		open_reveals(job);
		assert_noop!(
			Compute::commit_result(signed_by(workers[1]), job, hash),
			Error::<Test>::CommitClosed
		);
	});
}

#[test]
fn a_copied_or_altered_result_is_refused() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		let (honest, copier) = (workers[0], workers[1]);
		commit(honest, job, &[10, -3]);
		// The copier commits before seeing anything, then tries to reveal the honest result.
		commit(copier, job, &[0, 0]);
		open_reveals(job);
		assert_ok!(reveal(honest, job, &[10, -3]));
		assert_noop!(reveal(copier, job, &[10, -3]), Error::<Test>::CommitmentMismatch);
		// Nor can it reveal the honest worker's commitment as its own: the worker is hashed in.
		assert_ne!(commitment(&[10, -3], &SALT, &honest), commitment(&[10, -3], &SALT, &copier));
	});
}

#[test]
fn reveals_need_a_matching_attestation_signed_by_the_worker_key() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		let worker = workers[0];
		commit(worker, job, &[4]);
		open_reveals(job);
		let origin = || RuntimeOrigin::signed(worker);
		// An attestation of another output.
		let other = attestation(job, &[5]);
		assert_noop!(
			Compute::reveal_result(
				origin(),
				job,
				vec![4],
				SALT,
				other.clone(),
				signed(worker, &other)
			),
			Error::<Test>::AttestationMismatch
		);
		// For another job.
		let elsewhere = attestation(job + 1, &[4]);
		assert_noop!(
			Compute::reveal_result(
				origin(),
				job,
				vec![4],
				SALT,
				elsewhere.clone(),
				signed(worker, &elsewhere)
			),
			Error::<Test>::AttestationMismatch
		);
		// Signed by someone else's key.
		let right = attestation(job, &[4]);
		assert_noop!(
			Compute::reveal_result(
				origin(),
				job,
				vec![4],
				SALT,
				right.clone(),
				signed(DAVE, &right)
			),
			Error::<Test>::BadSignature
		);
		// Too long an output.
		let long = vec![0; MAX_OUTPUT as usize + 1];
		let long_attested = attestation(job, &long);
		assert_noop!(
			Compute::reveal_result(
				origin(),
				job,
				long,
				SALT,
				long_attested.clone(),
				signed(worker, &long_attested)
			),
			Error::<Test>::OutputTooLarge
		);
		assert_ok!(reveal(worker, job, &[4]));
	});
}

#[test]
fn reveals_close_when_the_job_settles_and_its_results_are_cleared() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		commit(workers[0], job, &[4]);
		commit(workers[1], job, &[4]);
		open_reveals(job);
		assert_ok!(reveal(workers[0], job, &[4]));
		assert_noop!(reveal(DAVE, job, &[4]), Error::<Test>::NotCommitted);
		let settles_at = Jobs::<Test>::get(job).unwrap().settles_at;
		System::set_block_number(settles_at);
		assert_noop!(reveal(workers[1], job, &[4]), Error::<Test>::RevealClosed);
		Pallet::<Test>::on_initialize(settles_at);
		// One result of three drawn is no quorum: the job expires, and its results go.
		assert!(Jobs::<Test>::get(job).is_none());
		assert_eq!(Commits::<Test>::iter_prefix(job).count(), 0);
		assert_eq!(Reveals::<Test>::iter_prefix(job).count(), 0);
	});
}
