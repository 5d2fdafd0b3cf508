//! Submitting inference jobs: fees held, workers drawn; and jobs expiring with a full refund.

use frame_support::{assert_noop, assert_ok, traits::Hooks};

use super::*;
use crate::{
	Deadlines, Error, Event, ExpiryReason, Jobs, JobsOfRequester, JobsOfWorker, NextJobId, Pallet,
	Task,
};

const MODEL: u32 = 7;
const PRICE: Balance = 40;
const FEE: Balance = PRICE + COMPUTE_FEE * REPLICATION as Balance;

/// Alice, Bob, Charlie and Eve are workers; model 7 costs 40.
fn workers_and_a_model() {
	for (who, byte) in [(ALICE, 1), (BOB, 2), (CHARLIE, 3), (EVE, 5)] {
		assert_ok!(Compute::register_worker(
			RuntimeOrigin::signed(who),
			MIN_STAKE,
			cpu(),
			key(byte)
		));
	}
	add_model(MODEL, PRICE, true);
}

fn submit(who: AccountId) -> u64 {
	assert_ok!(Compute::submit_inference(RuntimeOrigin::signed(who), MODEL, vec![1, 2, 3], FEE));
	NextJobId::<Test>::get() - 1
}

fn job_fee_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Compute(HoldReason::JobFee), &who)
}

#[test]
fn submitting_holds_the_fee_and_draws_distinct_workers_other_than_the_requester() {
	run_test(|| {
		workers_and_a_model();
		// Alice is a worker herself: she is never drawn for her own job.
		let job = submit(ALICE);
		let record = Jobs::<Test>::get(job).unwrap();
		assert_eq!(record.held, FEE);
		assert_eq!(record.compute_fee, COMPUTE_FEE);
		let Task::Inference { model, input, price } = record.task else {
			panic!("an inference job")
		};
		assert_eq!((model, input.to_vec(), price), (MODEL, vec![1, 2, 3], PRICE));
		assert_eq!(record.commit_until, 1 + COMMIT_PERIOD);
		assert_eq!(record.settles_at, 1 + COMMIT_PERIOD + REVEAL_PERIOD);
		assert_eq!(record.tolerance, TOLERANCE_STEPS as u32);
		let mut workers = record.workers.to_vec();
		workers.sort_unstable();
		assert_eq!(workers, vec![BOB, CHARLIE, EVE]);
		assert_eq!(job_fee_held(ALICE), FEE);
		assert_eq!(Compute::jobs_of_requester(&ALICE), vec![job]);
		assert_eq!(Compute::jobs_of_worker(&BOB), vec![job]);
		assert!(Compute::jobs_of_worker(&ALICE).is_empty());
		assert_eq!(Deadlines::<Test>::get(record.settles_at).to_vec(), vec![job]);
		assert_eq!(
			last_event(),
			Event::InferenceSubmitted {
				job,
				requester: ALICE,
				model: MODEL,
				fee: FEE,
				workers: record.workers.to_vec(),
			}
		);
	});
}

#[test]
fn the_draw_depends_on_the_job() {
	run_test(|| {
		workers_and_a_model();
		let drawn: Vec<Vec<AccountId>> = (0..2)
			.map(|_| {
				let job = submit(DAVE);
				Jobs::<Test>::get(job).unwrap().workers.to_vec()
			})
			.collect();
		// Three of four workers each time, from seeds that differ by job id.
		assert!(drawn.iter().all(|workers| workers.len() == 3));
		assert_ne!(drawn[0], drawn[1]);
	});
}

#[test]
fn bad_submissions_are_refused_with_a_clear_error_and_change_nothing() {
	run_test(|| {
		workers_and_a_model();
		add_model(8, 0, false);
		let signed = RuntimeOrigin::signed;
		assert_noop!(
			Compute::submit_inference(signed(DAVE), 99, vec![1], FEE),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Compute::submit_inference(signed(DAVE), 8, vec![1], FEE),
			Error::<Test>::ModelNotActive
		);
		assert_noop!(
			Compute::submit_inference(signed(DAVE), MODEL, vec![], FEE),
			Error::<Test>::EmptyInput
		);
		assert_noop!(
			Compute::submit_inference(signed(DAVE), MODEL, vec![0; MAX_INPUT as usize + 1], FEE),
			Error::<Test>::InputTooLarge
		);
		assert_noop!(
			Compute::submit_inference(signed(DAVE), MODEL, vec![1], FEE - 1),
			Error::<Test>::FeeAboveMax
		);
		// A requester who cannot pay: the currency's error, nothing held or recorded.
		assert!(Compute::submit_inference(signed(POOR), MODEL, vec![1], FEE).is_err());
		assert_eq!(NextJobId::<Test>::get(), 0);
		assert_eq!(job_fee_held(POOR), 0);
	});
}

#[test]
fn a_job_needs_enough_workers_besides_its_requester() {
	run_test(|| {
		add_model(MODEL, PRICE, true);
		assert_ok!(Compute::register_worker(
			RuntimeOrigin::signed(ALICE),
			MIN_STAKE,
			cpu(),
			key(1)
		));
		assert_ok!(Compute::register_worker(RuntimeOrigin::signed(BOB), MIN_STAKE, cpu(), key(2)));
		assert_ok!(Compute::register_worker(
			RuntimeOrigin::signed(CHARLIE),
			MIN_STAKE,
			cpu(),
			key(3)
		));
		// Bob asks: only Alice and Charlie are left, and a job needs three.
		assert_noop!(
			Compute::submit_inference(RuntimeOrigin::signed(BOB), MODEL, vec![1], FEE),
			Error::<Test>::NotEnoughWorkers
		);
		// Dave asks: Alice, Bob and Charlie.
		submit(DAVE);
		// A worker that leaves is no longer drawn.
		assert_ok!(Compute::unregister_worker(RuntimeOrigin::signed(ALICE)));
		assert_noop!(
			Compute::submit_inference(RuntimeOrigin::signed(DAVE), MODEL, vec![1], FEE),
			Error::<Test>::NotEnoughWorkers
		);
	});
}

#[test]
fn only_workers_that_load_the_model_are_drawn() {
	run_test(|| {
		workers_and_a_model();
		// Eve loads models up to one byte short of this one's weights.
		let small = Capabilities { max_model_bytes: MODEL_BYTES - 1, ..cpu() };
		assert_ok!(Compute::update_worker(RuntimeOrigin::signed(EVE), small, key(5)));
		for _ in 0..10 {
			let job = submit(DAVE);
			assert!(!Jobs::<Test>::get(job).unwrap().workers.contains(&EVE));
			System::set_block_number(System::block_number() + 1);
		}
		// A model larger than Alice's, Bob's and Charlie's limit finds nobody.
		set_model_bytes(MODEL, cpu().max_model_bytes + 1);
		assert_noop!(
			Compute::submit_inference(RuntimeOrigin::signed(DAVE), MODEL, vec![1], FEE),
			Error::<Test>::NotEnoughWorkers
		);
		// Once Eve can load it, she and two others are not enough either: only she can.
		let big = Capabilities { max_model_bytes: u64::MAX, ..cpu() };
		assert_ok!(Compute::update_worker(RuntimeOrigin::signed(EVE), big, key(5)));
		assert_noop!(
			Compute::submit_inference(RuntimeOrigin::signed(DAVE), MODEL, vec![1], FEE),
			Error::<Test>::NotEnoughWorkers
		);
		for (who, byte) in [(ALICE, 1), (BOB, 2)] {
			assert_ok!(Compute::update_worker(RuntimeOrigin::signed(who), big, key(byte)));
		}
		let job = submit(DAVE);
		let mut drawn = Jobs::<Test>::get(job).unwrap().workers.to_vec();
		drawn.sort_unstable();
		assert_eq!(drawn, vec![ALICE, BOB, EVE]);
	});
}

#[test]
fn a_block_settles_a_bounded_number_of_jobs() {
	run_test(|| {
		workers_and_a_model();
		submit(DAVE);
		submit(DAVE);
		assert_noop!(
			Compute::submit_inference(RuntimeOrigin::signed(DAVE), MODEL, vec![1], FEE),
			Error::<Test>::TooManyJobsDue
		);
		// A block later, the next settling block has room.
		System::set_block_number(2);
		submit(DAVE);
	});
}

#[test]
fn a_job_without_results_expires_and_its_fee_is_refunded_in_full() {
	run_test(|| {
		workers_and_a_model();
		let job = submit(DAVE);
		let settles_at = Jobs::<Test>::get(job).unwrap().settles_at;
		let before = Balances::free_balance(DAVE);

		// Not yet.
		System::set_block_number(settles_at - 1);
		Pallet::<Test>::on_initialize(settles_at - 1);
		assert!(Jobs::<Test>::get(job).is_some());

		System::set_block_number(settles_at);
		Pallet::<Test>::on_initialize(settles_at);
		assert!(Jobs::<Test>::get(job).is_none());
		assert_eq!(job_fee_held(DAVE), 0);
		assert_eq!(Balances::free_balance(DAVE), before + FEE);
		assert!(JobsOfRequester::<Test>::iter().next().is_none());
		assert!(JobsOfWorker::<Test>::iter().next().is_none());
		assert!(Deadlines::<Test>::get(settles_at).is_empty());
		assert_eq!(
			last_event(),
			Event::JobExpired {
				job,
				requester: DAVE,
				refunded: FEE,
				reason: ExpiryReason::NoResults,
			}
		);
	});
}
