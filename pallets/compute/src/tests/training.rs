//! Training jobs: submission (licences checked, compute and training fees held), reveals of
//! training outcomes, and settlement: the model registered for the requester with the
//! attribution the workers agreed on, the datasets' training fees paid to their contributors.

use frame_support::{assert_noop, assert_ok, BoundedVec};
use lineage_primitives::{
	compute::{commitment, Attestation, Optimizer, TrainingSettings},
	models::{ModelLicense, ModelSpec, RoyaltySplit},
};
use sp_core::H256;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError, Perbill,
};

use super::{
	results::{attestation, open_reveals, pair, signed, SALT},
	settlement::{compute_events, fee_held, settle},
	*,
};
use crate::{
	Commits, Error, Event, ExpiryReason, Jobs, NextJobId, Offence, Output, Results, Task,
	TrainingData, TrainingOutcome,
};
use codec::Encode;

/// A dataset with a training fee, and one without.
const PAID_DATA: u32 = 1;
const FREE_DATA: u32 = 2;
const DATA_FEE: Balance = 10;
const EPOCHS: u32 = 3;
/// Per worker: the fee per epoch, three epochs, three runs (the model and one per dataset).
const COMPUTE: Balance = TRAINING_FEE_PER_EPOCH * EPOCHS as Balance * 3;
const FEE: Balance = COMPUTE * REPLICATION as Balance + DATA_FEE;
const PARENT: u32 = 3;

fn settings() -> TrainingSettings {
	TrainingSettings {
		optimizer: Optimizer::Adam,
		learning_rate: Perbill::from_parts(1_000_000),
		epochs: EPOCHS,
		batch_size: 32,
		seed: 42,
		held_out_percent: 20,
	}
}

fn spec() -> ModelSpec {
	ModelSpec {
		input: lineage_primitives::models::InputShape::Features { features: 4 },
		architecture: lineage_primitives::models::Architecture::Mlp {
			hidden: BoundedVec::truncate_from(vec![8]),
			activation: lineage_primitives::models::Activation::Relu,
			dropout: sp_runtime::Permill::zero(),
		},
		outputs: 3,
		task: lineage_primitives::models::Task::Classification,
		output_scale: 1_000,
	}
}

fn license() -> ModelLicense {
	ModelLicense { commercial_use: true, derivatives_allowed: true }
}

fn split() -> RoyaltySplit {
	RoyaltySplit {
		owner: Perbill::from_percent(70),
		upstream: Perbill::from_percent(10),
		data: Perbill::from_percent(10),
		treasury: Perbill::from_percent(10),
	}
}

/// Alice, Bob, Charlie and Eve are workers with real keys; the datasets and a parent exist.
fn market() {
	for who in [ALICE, BOB, CHARLIE, EVE] {
		let key = WorkerKey::from(sp_core::Pair::public(&pair(who)));
		assert_ok!(Compute::register_worker(RuntimeOrigin::signed(who), MIN_STAKE, cpu(), key));
	}
	add_dataset(PAID_DATA, DATA_FEE, true);
	add_dataset(FREE_DATA, 0, true);
	add_model(PARENT, 0, true);
}

fn submit_with(
	datasets: Vec<(u32, u32)>,
	settings: TrainingSettings,
	max_fee: Balance,
) -> sp_runtime::DispatchResult {
	Compute::submit_training(
		RuntimeOrigin::signed(DAVE),
		b"iris-v2".to_vec(),
		spec(),
		datasets,
		vec![PARENT],
		settings,
		license(),
		5,
		split(),
		max_fee,
	)
}

/// Dave asks for a model trained on both datasets; returns the job and its workers.
fn training_job() -> (u64, Vec<AccountId>) {
	market();
	assert_ok!(submit_with(vec![(PAID_DATA, 1), (FREE_DATA, 1)], settings(), FEE));
	let id = NextJobId::<Test>::get() - 1;
	(id, Jobs::<Test>::get(id).unwrap().workers.to_vec())
}

fn outcome(hash: u8, metric: u64, attribution: [u32; 2]) -> TrainingOutcome<Test> {
	TrainingOutcome {
		weights_hash: H256::repeat_byte(hash),
		metric,
		attribution: BoundedVec::truncate_from(
			attribution.iter().map(|parts| Perbill::from_parts(*parts)).collect(),
		),
	}
}

fn attest(job: u64, outcome: &TrainingOutcome<Test>, backend: u8) -> Attestation {
	Attestation {
		job,
		output_hash: BlakeTwo256::hash(&outcome.encode()),
		weights_hash: outcome.weights_hash,
		engine_version: BoundedVec::truncate_from(b"0.1.0".to_vec()),
		backend,
	}
}

fn reveal_as(
	who: AccountId,
	job: u64,
	outcome: &TrainingOutcome<Test>,
	attestation: Attestation,
) -> sp_runtime::DispatchResult {
	let signature = signed(who, &attestation);
	Compute::reveal_training(
		RuntimeOrigin::signed(who),
		job,
		outcome.weights_hash,
		outcome.metric,
		outcome.attribution.to_vec(),
		SALT,
		attestation,
		signature,
	)
}

/// Each worker commits to its outcome, then reveals it attested on `backend`.
fn play(job: u64, results: &[(AccountId, TrainingOutcome<Test>, u8)]) {
	for (who, outcome, _) in results {
		let hash = commitment(outcome, &SALT, who);
		assert_ok!(Compute::commit_result(RuntimeOrigin::signed(*who), job, hash));
	}
	open_reveals(job);
	for (who, outcome, backend) in results {
		assert_ok!(reveal_as(*who, job, outcome, attest(job, outcome, *backend)));
	}
}

#[test]
fn submitting_holds_compute_and_training_fees_and_records_the_request() {
	run_test(|| {
		let (job, workers) = training_job();
		let record = Jobs::<Test>::get(job).unwrap();
		assert_eq!((record.held, record.compute_fee), (FEE, COMPUTE));
		assert_eq!(fee_held(DAVE), FEE);
		assert_eq!(record.commit_until, 1 + TRAINING_COMMIT_PERIOD);
		// 0.1% of the metric scale: 1_000 millionths.
		assert_eq!(record.tolerance, 10_000);
		let Task::Training(request) = record.task else { panic!("a training job") };
		assert_eq!(
			request.datasets.to_vec(),
			vec![
				TrainingData { dataset: PAID_DATA, version: 1, fee: DATA_FEE },
				TrainingData { dataset: FREE_DATA, version: 1, fee: 0 },
			]
		);
		assert_eq!(request.parents.to_vec(), vec![PARENT]);
		assert_eq!((request.settings, request.price), (settings(), 5));
		assert!(!workers.contains(&DAVE));
		assert_eq!(
			last_event(),
			Event::TrainingSubmitted { job, requester: DAVE, fee: FEE, workers }
		);
	});
}

#[test]
fn a_training_job_is_refused_with_a_clear_error_and_changes_nothing() {
	run_test(|| {
		market();
		add_dataset(9, 0, false);
		let both = || vec![(PAID_DATA, 1), (FREE_DATA, 1)];
		for bad in [
			TrainingSettings { epochs: 0, ..settings() },
			TrainingSettings { epochs: MAX_EPOCHS + 1, ..settings() },
			TrainingSettings { learning_rate: Perbill::zero(), ..settings() },
			TrainingSettings { batch_size: 0, ..settings() },
			TrainingSettings { held_out_percent: 91, ..settings() },
		] {
			assert_noop!(submit_with(both(), bad, FEE), Error::<Test>::InvalidTrainingSettings);
		}
		assert_noop!(submit_with(vec![], settings(), FEE), Error::<Test>::NoTrainingData);
		assert_noop!(
			submit_with(vec![(PAID_DATA, 1); 4], settings(), FEE),
			Error::<Test>::TooManyDatasets
		);
		assert_noop!(
			submit_with(vec![(PAID_DATA, 2)], settings(), FEE),
			Error::<Test>::UnknownDataset
		);
		assert_noop!(
			submit_with(vec![(PAID_DATA, 1), (9, 1)], settings(), FEE),
			Error::<Test>::DatasetForbidsTraining
		);
		assert_noop!(submit_with(both(), settings(), FEE - 1), Error::<Test>::FeeAboveMax);
		assert_noop!(
			Compute::submit_training(
				RuntimeOrigin::signed(DAVE),
				vec![b'x'; 17],
				spec(),
				both(),
				vec![],
				settings(),
				license(),
				0,
				split(),
				FEE,
			),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Compute::submit_training(
				RuntimeOrigin::signed(DAVE),
				b"m".to_vec(),
				spec(),
				both(),
				vec![PARENT; 3],
				settings(),
				license(),
				0,
				split(),
				FEE,
			),
			Error::<Test>::TooManyParents
		);
		// What the registry would refuse is refused now, before anyone trains.
		withdraw_model(PARENT);
		assert_noop!(
			submit_with(both(), settings(), FEE),
			DispatchError::Other("parent not usable")
		);
	});
}

#[test]
fn an_agreed_outcome_registers_the_model_for_the_requester_and_pays_the_data() {
	run_test(|| {
		let (job, workers) = training_job();
		let [first, second, liar] = [workers[0], workers[1], workers[2]];
		let agreed = outcome(7, 950_000, [600_000_000, 400_000_000]);
		play(
			job,
			&[
				(first, agreed.clone(), Backends::CPU),
				(second, agreed.clone(), Backends::CPU),
				(liar, outcome(8, 950_000, [600_000_000, 400_000_000]), Backends::CPU),
			],
		);
		let dave = Balances::free_balance(DAVE);
		let paid_before = Balances::free_balance(first);

		settle(job);

		// The model is registered for Dave with the agreed weights hash and attribution.
		let [(owner, model, registered)] = registered().try_into().unwrap();
		assert_eq!(owner, DAVE);
		assert_eq!(registered.weights_hash, H256::repeat_byte(7));
		assert_eq!(registered.name, b"iris-v2".to_vec());
		assert_eq!(registered.parents, vec![PARENT]);
		let weights: Vec<_> = registered
			.datasets
			.iter()
			.map(|used| (used.dataset, used.version, used.weight))
			.collect();
		assert_eq!(
			weights,
			vec![
				(PAID_DATA, 1, Perbill::from_percent(60)),
				(FREE_DATA, 1, Perbill::from_percent(40))
			]
		);
		// The paid dataset's fee went to its contributors; the other has none.
		assert_eq!(training_fees_paid(), vec![(DAVE, PAID_DATA, DATA_FEE)]);
		assert_eq!(Balances::free_balance(first) - paid_before, COMPUTE);
		assert_eq!(fee_held(DAVE), 0);
		// Dave gets back the liar's compute fee; the rest paid two workers and the data.
		assert_eq!(Balances::free_balance(DAVE) - dave, COMPUTE);
		let result = Results::<Test>::get(job).unwrap();
		assert_eq!(result.model, Some(model));
		assert_eq!(result.output, Output::Training(agreed));
		assert_eq!(
			result.attestations.iter().map(|signed| signed.worker).collect::<Vec<_>>(),
			vec![first, second]
		);
		let events = compute_events();
		assert!(events.contains(&Event::TrainingCompleted {
			job,
			requester: DAVE,
			model: Some(model),
			agreed: vec![first, second],
			compute_paid: 2 * COMPUTE,
			training_fees_paid: DATA_FEE,
			refunded: COMPUTE,
		}));
		// On the reference CPU backend the weights hash must match exactly: the liar's did not.
		assert!(events.iter().any(|event| matches!(
			event,
			Event::WorkerSlashed { worker, offence: Offence::Disagreed, .. } if *worker == liar
		)));
	});
}

#[test]
fn gpu_outcomes_agree_by_metric_within_tolerance_and_attribution_must_match() {
	run_test(|| {
		let (job, workers) = training_job();
		let split = [500_000_000, 500_000_000];
		// GPU weights differ in their last bits: hashes differ, metrics within 10_000.
		play(
			job,
			&[
				(workers[0], outcome(1, 900_000, split), Backends::WGPU),
				(workers[1], outcome(2, 909_000, split), Backends::CUDA),
				(workers[2], outcome(3, 900_000, [1_000_000_000, 0]), Backends::WGPU),
			],
		);
		settle(job);
		let result = Results::<Test>::get(job).unwrap();
		assert_eq!(result.output, Output::Training(outcome(1, 900_000, split)));
		assert_eq!(result.attestations.len(), 2);
	});
}

#[test]
fn outcomes_a_step_beyond_the_metric_tolerance_do_not_agree() {
	run_test(|| {
		let (job, workers) = training_job();
		let split = [500_000_000, 500_000_000];
		// Each metric 10_001 from the next: one step beyond the tolerance, nobody agrees.
		play(
			job,
			&[
				(workers[0], outcome(1, 900_000, split), Backends::WGPU),
				(workers[1], outcome(2, 910_001, split), Backends::WGPU),
				(workers[2], outcome(3, 920_002, split), Backends::WGPU),
			],
		);
		settle(job);
		assert_eq!(Results::<Test>::get(job), None);
		assert!(registered().is_empty());
		assert_eq!(fee_held(DAVE), 0);
		assert!(compute_events().contains(&Event::JobExpired {
			job,
			requester: DAVE,
			refunded: FEE,
			reason: ExpiryReason::NoQuorum { revealed: 3, largest_agreement: 1, needed: 2 },
		}));
	});
}

#[test]
fn a_reveal_must_fit_the_job_and_attest_its_weights() {
	run_test(|| {
		let (job, workers) = training_job();
		let who = workers[0];
		let good = outcome(7, 950_000, [600_000_000, 400_000_000]);
		let wrong_length = TrainingOutcome::<Test> {
			attribution: BoundedVec::truncate_from(vec![Perbill::one()]),
			..good.clone()
		};
		let not_one = outcome(7, 950_000, [600_000_000, 300_000_000]);
		for outcome in [&wrong_length, &not_one] {
			let hash = commitment(outcome, &SALT, &who);
			Commits::<Test>::insert(job, who, hash);
			open_reveals(job);
			assert_noop!(
				reveal_as(who, job, outcome, attest(job, outcome, Backends::CPU)),
				Error::<Test>::InvalidAttribution
			);
		}
		Commits::<Test>::insert(job, who, commitment(&good, &SALT, &who));
		// Attesting other weights than the outcome's is refused.
		let other =
			Attestation { weights_hash: H256::repeat_byte(1), ..attest(job, &good, Backends::CPU) };
		assert_noop!(reveal_as(who, job, &good, other), Error::<Test>::AttestationMismatch);
		// An inference output for a training job is refused.
		let values = vec![1];
		let attested = attestation(job, &values);
		let signature = signed(who, &attested);
		assert_noop!(
			Compute::reveal_result(
				RuntimeOrigin::signed(who),
				job,
				values,
				SALT,
				attested,
				signature
			),
			Error::<Test>::TaskMismatch
		);
		assert_ok!(reveal_as(who, job, &good, attest(job, &good, Backends::CPU)));
	});
}

#[test]
fn a_model_the_registry_refuses_at_settlement_is_reported_and_the_outcome_kept() {
	run_test(|| {
		let (job, workers) = training_job();
		let agreed = outcome(7, 950_000, [600_000_000, 400_000_000]);
		play(
			job,
			&workers.iter().map(|who| (*who, agreed.clone(), Backends::CPU)).collect::<Vec<_>>(),
		);
		// The parent is withdrawn while the job runs.
		withdraw_model(PARENT);
		settle(job);
		assert!(registered().is_empty());
		let result = Results::<Test>::get(job).unwrap();
		assert_eq!((result.model, result.output), (None, Output::Training(agreed)));
		let events = compute_events();
		// Events keep a module error's index only, not an `Other` error's text.
		assert!(events.iter().any(|event| matches!(
			event,
			Event::ModelNotRegistered { job: at, error: DispatchError::Other(_) } if *at == job
		)));
		// The workers did the work and the data was used: both are paid.
		assert_eq!(training_fees_paid(), vec![(DAVE, PAID_DATA, DATA_FEE)]);
		assert!(events.contains(&Event::TrainingCompleted {
			job,
			requester: DAVE,
			model: None,
			agreed: workers.clone(),
			compute_paid: 3 * COMPUTE,
			training_fees_paid: DATA_FEE,
			refunded: 0,
		}));
		assert_eq!(fee_held(DAVE), 0);
	});
}

#[test]
fn a_training_job_nobody_answers_refunds_the_training_fees_too() {
	run_test(|| {
		let (job, _) = training_job();
		let before = Balances::free_balance(DAVE);
		settle(job);
		assert_eq!(Balances::free_balance(DAVE) - before, FEE);
		assert!(training_fees_paid().is_empty());
		assert!(compute_events().contains(&Event::JobExpired {
			job,
			requester: DAVE,
			refunded: FEE,
			reason: ExpiryReason::NoResults,
		}));
	});
}
