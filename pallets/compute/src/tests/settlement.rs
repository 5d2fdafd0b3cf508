//! Settlement by quorum: agreeing workers and the model's lineage paid, liars and silent
//! workers slashed to the treasury, the rest of the fee refunded; without quorum, everything
//! refunded and the event says why.

use frame_support::{assert_ok, traits::Hooks, weights::Weight};

use super::{
	results::{commit, job_with_workers, open_reveals, reveal, FEE, MODEL},
	*,
};
use crate::{
	weights::WeightInfo, Commits, Event, ExpiryReason, Jobs, Offence, Reputation, Reveals,
	WorkerStatus, Workers,
};

const PRICE: Balance = 40;

/// Each worker with an output commits to it, then reveals it once reveals open.
fn play(job: u64, results: &[(AccountId, Option<&[i32]>)]) {
	for (worker, output) in results {
		if let Some(output) = output {
			commit(*worker, job, output);
		}
	}
	open_reveals(job);
	for (worker, output) in results {
		if let Some(output) = output {
			assert_ok!(reveal(*worker, job, output));
		}
	}
}

/// Runs the hook of the block `job` settles in; returns the weight it reported.
pub(super) fn settle(job: u64) -> Weight {
	let settles_at = Jobs::<Test>::get(job).unwrap().settles_at;
	System::set_block_number(settles_at);
	Compute::on_initialize(settles_at)
}

fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

pub(super) fn fee_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Compute(HoldReason::JobFee), &who)
}

pub(super) fn compute_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Compute(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn slash(percent: u32, stake: Balance) -> Balance {
	stake * Balance::from(percent) / 100
}

#[test]
fn an_agreeing_majority_is_paid_the_lineage_gets_the_price_and_the_liar_is_slashed() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		let [first, second, liar] = [workers[0], workers[1], workers[2]];
		// 100 and 104 are 4 steps apart, within the model's 10.
		play(
			job,
			&[(first, Some(&[100, -7])), (second, Some(&[104, -7])), (liar, Some(&[900, 0]))],
		);
		let before: Vec<Balance> = [DAVE, first, second, liar].map(free).to_vec();

		let weight = settle(job);

		// The earliest of the agreeing results is the accepted one, attested by both.
		let result = Compute::result(job).unwrap();
		assert_eq!(result.output.inference(), Some(&[100, -7][..]));
		assert_eq!(result.requester, DAVE);
		assert_eq!(result.model, Some(MODEL));
		let attested: Vec<AccountId> = result.attestations.iter().map(|a| a.worker).collect();
		assert_eq!(attested, vec![first, second]);
		assert_eq!(result.attestations[1].attestation.job, job);

		// The agreeing workers earn the compute fee, the lineage the price, and Dave gets back
		// the fee the liar would have earned.
		assert_eq!(free(first), before[1] + COMPUTE_FEE);
		assert_eq!(free(second), before[2] + COMPUTE_FEE);
		assert_eq!(royalties_paid(), vec![(DAVE, MODEL, PRICE)]);
		assert_eq!(free(MODEL_OWNER), PRICE);
		assert_eq!(free(DAVE), before[0] + COMPUTE_FEE);
		assert_eq!(fee_held(DAVE), 0);

		// The liar loses a fifth of its stake to the treasury, which leaves it below the
		// minimum: out of the active set, unbonding.
		let lost = slash(DISAGREEMENT_SLASH_PERCENT, MIN_STAKE);
		let record = Workers::<Test>::get(liar).unwrap();
		assert_eq!(record.stake, MIN_STAKE - lost);
		assert_eq!(held(liar), MIN_STAKE - lost);
		assert_eq!(free(liar), before[3]);
		assert_eq!(free(TREASURY), lost);
		assert!(matches!(record.status, WorkerStatus::Unbonding { .. }));
		assert!(!Compute::active_workers().contains(&liar));
		assert_eq!(record.reputation.disagreed, 1);
		for honest in [first, second] {
			let reputation = Workers::<Test>::get(honest).unwrap().reputation;
			assert_eq!((reputation.agreed, reputation.disagreed, reputation.missed), (1, 0, 0));
		}

		let events = compute_events();
		assert!(events.contains(&Event::WorkerSlashed {
			job,
			worker: liar,
			offence: Offence::Disagreed,
			amount: lost,
		}));
		assert_eq!(
			events.last(),
			Some(&Event::JobCompleted {
				job,
				requester: DAVE,
				model: MODEL,
				agreed: vec![first, second],
				compute_paid: 2 * COMPUTE_FEE,
				royalties_paid: PRICE,
				refunded: COMPUTE_FEE,
			})
		);
		// The accepted settlement's benchmarked weight plus what the royalties reported.
		assert_eq!(
			weight,
			<() as WeightInfo>::settle_jobs(1)
				+ <() as WeightInfo>::expire_jobs(0)
				+ <() as WeightInfo>::settle_training(0)
				+ <() as WeightInfo>::prune_results(0)
				+ ROYALTY_WEIGHT
		);

		// Nothing of the open job is left but its result.
		assert!(Jobs::<Test>::get(job).is_none());
		assert_eq!(Commits::<Test>::iter_prefix(job).count(), 0);
		assert_eq!(Reveals::<Test>::iter_prefix(job).count(), 0);
		assert!(workers.iter().all(|worker| Compute::jobs_of_worker(worker).is_empty()));
		assert!(Compute::jobs_of_requester(&DAVE).is_empty());
	});
}

#[test]
fn results_agree_within_the_model_tolerance_and_not_a_step_beyond() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		let edge = TOLERANCE_STEPS;
		play(
			job,
			&[(workers[0], Some(&[0])), (workers[1], Some(&[0])), (workers[2], Some(&[edge]))],
		);
		settle(job);
		assert_eq!(Compute::result(job).unwrap().attestations.len(), 3);

		let (job, workers) = job_with_workers_again();
		let beyond = TOLERANCE_STEPS + 1;
		play(
			job,
			&[(workers[0], Some(&[0])), (workers[1], Some(&[0])), (workers[2], Some(&[beyond]))],
		);
		settle(job);
		assert_eq!(Compute::result(job).unwrap().attestations.len(), 2);
		assert_eq!(Workers::<Test>::get(workers[2]).unwrap().reputation.disagreed, 1);
	});
}

/// Another job from Dave, once the workers are registered.
fn job_with_workers_again() -> (u64, Vec<AccountId>) {
	assert_ok!(Compute::submit_inference(RuntimeOrigin::signed(DAVE), MODEL, vec![2], FEE));
	let id = crate::NextJobId::<Test>::get() - 1;
	(id, Jobs::<Test>::get(id).unwrap().workers.to_vec())
}

#[test]
fn a_silent_worker_is_slashed_less_and_keeps_working_if_its_stake_allows() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		let silent = workers[2];
		// Bonded twice the minimum, the silent worker stays above it after its slash.
		assert_ok!(Compute::bond_extra(RuntimeOrigin::signed(silent), MIN_STAKE));
		play(job, &[(workers[0], Some(&[5])), (workers[1], Some(&[5])), (silent, None)]);

		settle(job);

		let lost = slash(SILENCE_SLASH_PERCENT, 2 * MIN_STAKE);
		assert!(lost < slash(DISAGREEMENT_SLASH_PERCENT, 2 * MIN_STAKE));
		let record = Workers::<Test>::get(silent).unwrap();
		assert_eq!(record.stake, 2 * MIN_STAKE - lost);
		assert_eq!(record.status, WorkerStatus::Active);
		assert_eq!(record.reputation.missed, 1);
		assert_eq!(free(TREASURY), lost);
		assert!(compute_events().contains(&Event::WorkerSlashed {
			job,
			worker: silent,
			offence: Offence::Silent,
			amount: lost,
		}));
		assert_eq!(Compute::result(job).unwrap().attestations.len(), 2);
	});
}

#[test]
fn without_a_majority_the_fee_is_refunded_in_full_and_nobody_who_revealed_is_slashed() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		play(
			job,
			&[(workers[0], Some(&[0])), (workers[1], Some(&[100])), (workers[2], Some(&[1_000]))],
		);
		let before = free(DAVE);

		let weight = settle(job);

		assert_eq!(free(DAVE), before + FEE);
		assert_eq!(fee_held(DAVE), 0);
		assert!(Compute::result(job).is_none());
		assert!(royalties_paid().is_empty());
		for worker in &workers {
			let record = Workers::<Test>::get(worker).unwrap();
			assert_eq!((record.stake, held(*worker)), (MIN_STAKE, MIN_STAKE));
			assert_eq!(record.reputation, Reputation::default());
		}
		assert_eq!(
			compute_events().last(),
			Some(&Event::JobExpired {
				job,
				requester: DAVE,
				refunded: FEE,
				reason: ExpiryReason::NoQuorum { revealed: 3, largest_agreement: 1, needed: 2 },
			})
		);
		assert_eq!(
			weight,
			<() as WeightInfo>::settle_jobs(0)
				+ <() as WeightInfo>::expire_jobs(1)
				+ <() as WeightInfo>::settle_training(0)
				+ <() as WeightInfo>::prune_results(0)
		);
	});
}

#[test]
fn a_majority_of_the_drawn_workers_is_needed_even_when_others_are_silent() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		play(job, &[(workers[0], Some(&[3])), (workers[1], None), (workers[2], None)]);
		settle(job);
		assert!(Compute::result(job).is_none());
		assert!(matches!(
			compute_events().last(),
			Some(Event::JobExpired {
				reason: ExpiryReason::NoQuorum { revealed: 1, largest_agreement: 1, needed: 2 },
				..
			})
		));
		// The silent two are slashed; the one that revealed is not.
		let lost = slash(SILENCE_SLASH_PERCENT, MIN_STAKE);
		assert_eq!(Workers::<Test>::get(workers[0]).unwrap().stake, MIN_STAKE);
		assert_eq!(Workers::<Test>::get(workers[1]).unwrap().stake, MIN_STAKE - lost);
		assert_eq!(free(TREASURY), 2 * lost);
	});
}

#[test]
fn a_model_withdrawn_before_settlement_leaves_its_price_with_the_requester() {
	run_test(|| {
		let (job, workers) = job_with_workers();
		play(job, &[(workers[0], Some(&[1])), (workers[1], Some(&[1])), (workers[2], Some(&[1]))]);
		withdraw_model(MODEL);
		let before = free(DAVE);

		settle(job);

		// The workers are paid for work done; the price comes back.
		assert!(royalties_paid().is_empty());
		assert_eq!(free(MODEL_OWNER), 0);
		assert_eq!(free(DAVE), before + PRICE);
		let events = compute_events();
		assert!(events.iter().any(|event| matches!(
			event,
			Event::RoyaltiesNotPaid { job: settled, model: MODEL, .. } if *settled == job
		)));
		assert!(matches!(
			events.last(),
			Some(Event::JobCompleted { royalties_paid: 0, refunded: PRICE, compute_paid, .. })
				if *compute_paid == 3 * COMPUTE_FEE
		));
	});
}
