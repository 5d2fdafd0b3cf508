//! Benchmarks of every call at its worst case: the active list full (or one short of it for
//! registration), the worker leaving from its end, a key change.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	reason = "benchmark setup runs off-chain; a failure there must abort the benchmark"
)]

use super::*;
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_support::BoundedVec;
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use lineage_primitives::compute::{commitment, MAX_ENGINE_VERSION_LEN};
use sp_runtime::{
	traits::{BlakeTwo256, Bounded, Hash, One, Saturating, Zero},
	RuntimeAppPublic,
};

const SEED: u32 = 0;

/// An attestation key unique to `index`.
fn key(index: u32) -> WorkerKey {
	let mut raw = [0u8; 32];
	raw[..4].copy_from_slice(&index.to_le_bytes());
	raw[4] = 1;
	WorkerKey::from(sp_core::sr25519::Public::from_raw(raw))
}

fn capabilities() -> Capabilities {
	Capabilities { backends: Backends(Backends::ALL), max_model_bytes: u64::MAX }
}

/// An account with enough for several stakes.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	let plenty = T::MinWorkerStake::get().saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, T::Currency::minimum_balance().saturating_add(plenty));
	who
}

/// Registers other workers until the active list (which genesis may have started) holds
/// `count`.
fn other_workers<T: Config>(count: u32) {
	let present = ActiveWorkers::<T>::get().len() as u32;
	for index in present..count {
		let who = funded::<T>("worker", index);
		Pallet::<T>::do_register(&who, T::MinWorkerStake::get(), capabilities(), key(index))
			.unwrap();
	}
}

/// The caller, registered last in a full active list.
fn last_of_full_list<T: Config>() -> T::AccountId {
	other_workers::<T>(T::MaxWorkers::get() - 1);
	let caller = funded::<T>("caller", 0);
	Pallet::<T>::do_register(&caller, T::MinWorkerStake::get(), capabilities(), key(u32::MAX))
		.unwrap();
	caller
}

/// A job submitted with every active worker slot full; returns it and its first worker.
fn open_job<T: Config>() -> (JobId, T::AccountId) {
	other_workers::<T>(T::MaxWorkers::get());
	let model = T::BenchmarkHelper::create_model(funded::<T>("owner", 0));
	let requester = funded::<T>("requester", 0);
	let max_fee = T::MinWorkerStake::get().saturating_mul(100u32.into());
	let job = Pallet::<T>::do_submit_inference(&requester, model, vec![7u8], max_fee).unwrap();
	let worker = Jobs::<T>::get(job).unwrap().workers.first().cloned().unwrap();
	(job, worker)
}

/// A CPU attestation of `job` with the longest engine version, as large as attestations go.
fn attestation(job: JobId, output_hash: sp_core::H256, weights_hash: sp_core::H256) -> Attestation {
	Attestation {
		job,
		output_hash,
		weights_hash,
		engine_version: BoundedVec::truncate_from(vec![b'v'; MAX_ENGINE_VERSION_LEN as usize]),
		backend: Backends::CPU,
	}
}

/// Every drawn worker of `job` committed and revealed a result as long as results go; the
/// last `disagreeing` of them a result far from the others'.
fn full_results<T: Config>(job: JobId, disagreeing: usize) {
	let workers = Jobs::<T>::get(job).unwrap().workers;
	let agreeing = workers.len().saturating_sub(disagreeing);
	for (index, worker) in workers.iter().enumerate() {
		Commits::<T>::insert(job, worker, sp_core::H256::repeat_byte(1));
		let value = if index < agreeing { 0 } else { i32::MAX };
		let output = BoundedVec::truncate_from(vec![value; T::MaxOutputLen::get() as usize]);
		let attestation =
			attestation(job, sp_core::H256::repeat_byte(3), sp_core::H256::repeat_byte(2));
		Reveals::<T>::insert(
			job,
			worker,
			Reveal::<T> { output: Output::Inference(output), attestation, signature: [0; 64] },
		);
	}
}

/// `n` jobs of a free model settling at the same block, with the largest inputs, submitted
/// by as many requesters so the block's limit, not one account, is what binds. Every active
/// worker has the least stake, so any slash takes it out of the active list. Returns the
/// settling block and the jobs.
fn jobs_due<T: Config>(n: u32) -> (BlockNumberFor<T>, Vec<JobId>) {
	other_workers::<T>(T::MaxWorkers::get());
	let model = T::BenchmarkHelper::create_model(funded::<T>("owner", 0));
	let max_fee = T::MinWorkerStake::get().saturating_mul(100u32.into());
	let jobs = (0..n)
		.map(|index| {
			let requester = funded::<T>("requester", index);
			let job = Pallet::<T>::do_submit_inference(
				&requester,
				model,
				vec![7u8; T::MaxInputLen::get() as usize],
				max_fee,
			)
			.unwrap();
			// Royalties report their own weight, which the hook adds: measure without them.
			Jobs::<T>::mutate(job, |job| {
				if let Some(Job { task: Task::Inference { price, .. }, .. }) = job {
					*price = Zero::zero();
				}
			});
			job
		})
		.collect();
	let settles_at = frame_system::Pallet::<T>::block_number()
		.saturating_add(T::CommitPeriod::get())
		.saturating_add(T::RevealPeriod::get());
	frame_system::Pallet::<T>::set_block_number(settles_at);
	(settles_at, jobs)
}

/// A small, well-formed architecture to train.
fn spec() -> ModelSpec {
	use lineage_primitives::models::{Activation, Architecture, InputShape, Task as ModelTask};
	ModelSpec {
		input: InputShape::Features { features: 4 },
		architecture: Architecture::Mlp {
			hidden: BoundedVec::truncate_from(vec![8]),
			activation: Activation::Relu,
			dropout: sp_runtime::Permill::zero(),
		},
		outputs: 3,
		task: ModelTask::Classification,
		output_scale: 1_000,
	}
}

fn training_settings<T: Config>() -> TrainingSettings {
	TrainingSettings {
		optimizer: Optimizer::Adam,
		learning_rate: sp_runtime::Perbill::from_parts(1_000_000),
		epochs: T::MaxTrainingEpochs::get(),
		batch_size: 32,
		seed: 42,
		held_out_percent: 20,
	}
}

/// `d` datasets with training fees, each pool primed so its payment costs the most, and `p`
/// parent models.
fn training_inputs<T: Config>(
	d: u32,
	p: u32,
) -> (
	Vec<(lineage_primitives::datasets::DatasetId, lineage_primitives::datasets::DatasetVersion)>,
	Vec<lineage_primitives::models::ModelId>,
) {
	let datasets =
		(0..d).map(|_| T::BenchmarkHelper::create_dataset(T::MinWorkerStake::get())).collect();
	let parents = (0..p)
		.map(|index| T::BenchmarkHelper::create_model(funded::<T>("parent", index)))
		.collect();
	(datasets, parents)
}

/// A model split valid with or without parents.
fn training_split() -> lineage_primitives::models::RoyaltySplit {
	lineage_primitives::models::RoyaltySplit {
		owner: sp_runtime::Perbill::from_percent(80),
		upstream: sp_runtime::Perbill::zero(),
		data: sp_runtime::Perbill::from_percent(10),
		treasury: sp_runtime::Perbill::from_percent(10),
	}
}

/// A training job by `requester` on `datasets` descending from `parents`.
fn submit_training_job<T: Config>(
	requester: &T::AccountId,
	datasets: Vec<(
		lineage_primitives::datasets::DatasetId,
		lineage_primitives::datasets::DatasetVersion,
	)>,
	parents: Vec<lineage_primitives::models::ModelId>,
) -> JobId {
	let submission = training::Submission::<T> {
		name: vec![b'm'; T::MaxModelNameLen::get() as usize],
		spec: spec(),
		datasets,
		parents,
		settings: training_settings::<T>(),
		license: lineage_primitives::models::ModelLicense {
			commercial_use: true,
			derivatives_allowed: true,
		},
		price: Zero::zero(),
		split: training_split(),
	};
	Pallet::<T>::do_submit_training(requester, submission, BalanceOf::<T>::max_value()).unwrap()
}

/// The outcome every agreeing worker reveals for a job on `datasets` datasets: the whole
/// attribution to the first.
fn training_outcome<T: Config>(datasets: u32, weights: u8) -> TrainingOutcome<T> {
	let mut attribution = vec![sp_runtime::Perbill::zero(); datasets as usize];
	if let Some(first) = attribution.first_mut() {
		*first = sp_runtime::Perbill::one();
	}
	TrainingOutcome {
		weights_hash: sp_core::H256::repeat_byte(weights),
		metric: 900_000,
		attribution: BoundedVec::truncate_from(attribution),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_worker() {
		other_workers::<T>(T::MaxWorkers::get() - 1);
		let caller = funded::<T>("caller", 0);
		let stake = T::MinWorkerStake::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), stake, capabilities(), key(u32::MAX));

		assert_eq!(Workers::<T>::get(&caller).unwrap().stake, stake);
	}

	#[benchmark]
	fn update_worker() {
		let caller = last_of_full_list::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), capabilities(), key(u32::MAX - 1));

		assert_eq!(WorkerOfKey::<T>::get(key(u32::MAX - 1)), Some(caller));
	}

	#[benchmark]
	fn bond_extra() {
		let caller = last_of_full_list::<T>();
		let amount = T::MinWorkerStake::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), amount);

		assert_eq!(Workers::<T>::get(&caller).unwrap().stake, amount.saturating_add(amount));
	}

	#[benchmark]
	fn unregister_worker() {
		let caller = last_of_full_list::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(!Pallet::<T>::active_workers().contains(&caller));
	}

	#[benchmark]
	fn withdraw_stake() {
		let caller = last_of_full_list::<T>();
		Pallet::<T>::do_unregister(&caller).unwrap();
		let until = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::UnbondingPeriod::get())
			.saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(until);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(Workers::<T>::get(&caller).is_none());
	}

	#[benchmark]
	fn submit_inference(i: Linear<1, { T::MaxInputLen::get() }>) {
		other_workers::<T>(T::MaxWorkers::get());
		let model = T::BenchmarkHelper::create_model(funded::<T>("owner", 0));
		let caller = funded::<T>("caller", 0);
		// The block the job settles in already holds all but one job.
		let now = frame_system::Pallet::<T>::block_number();
		let settles_at =
			now.saturating_add(T::CommitPeriod::get()).saturating_add(T::RevealPeriod::get());
		let others: Vec<JobId> =
			(0..T::MaxJobsPerBlock::get() - 1).map(|id| u64::from(id) + 1_000_000).collect();
		Deadlines::<T>::insert(settles_at, BoundedVec::truncate_from(others));
		let input = vec![7u8; i as usize];
		let max_fee = T::MinWorkerStake::get().saturating_mul(100u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), model, input, max_fee);

		assert_eq!(Pallet::<T>::jobs_of_requester(&caller).len(), 1);
	}

	/// `n` jobs accepted in one block's hook, each with results as long as results go, a bare
	/// majority agreeing and the others slashed out of the active list.
	#[benchmark]
	fn settle_jobs(n: Linear<0, { T::MaxJobsPerBlock::get() }>) {
		let (settles_at, jobs) = jobs_due::<T>(n);
		let drawn = T::Replication::get() as usize;
		for job in &jobs {
			full_results::<T>(*job, drawn - quorum::majority(drawn));
		}

		#[block]
		{
			Pallet::<T>::settle_due(settles_at);
		}

		assert!(Jobs::<T>::iter().next().is_none());
		assert_eq!(Results::<T>::iter().count(), n as usize);
	}

	/// `n` jobs expiring in one block's hook, none of their workers having revealed: each is
	/// slashed and leaves the active list.
	#[benchmark]
	fn expire_jobs(n: Linear<0, { T::MaxJobsPerBlock::get() }>) {
		let (settles_at, _) = jobs_due::<T>(n);

		#[block]
		{
			Pallet::<T>::settle_due(settles_at);
		}

		assert!(Jobs::<T>::iter().next().is_none());
		assert!(Results::<T>::iter().next().is_none());
	}

	#[benchmark]
	fn commit_result() {
		let (job, worker) = open_job::<T>();
		let hash = sp_core::H256::repeat_byte(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(worker.clone()), job, hash);

		assert!(Commits::<T>::contains_key(job, &worker));
	}

	#[benchmark]
	fn report_failure() {
		let (job, worker) = open_job::<T>();
		let failure = JobFailure::MissingBlob { hash: sp_core::H256::repeat_byte(4) };

		#[extrinsic_call]
		_(RawOrigin::Signed(worker.clone()), job, failure);

		assert_eq!(Failures::<T>::get(job, &worker), Some(failure));
	}

	/// `o` output values; the signature checked against a key from the keystore.
	#[benchmark]
	fn reveal_result(o: Linear<1, { T::MaxOutputLen::get() }>) {
		let (job, worker) = open_job::<T>();
		let key = WorkerKey::generate_pair(None);
		Pallet::<T>::do_update(&worker, capabilities(), key.clone()).unwrap();
		let output: Vec<i32> = (0..o).map(|value| value as i32).collect();
		let salt = [3u8; 32];
		Pallet::<T>::do_commit(&worker, job, commitment(&output, &salt, &worker)).unwrap();
		let attestation =
			attestation(job, BlakeTwo256::hash(&output.encode()), sp_core::H256::repeat_byte(2));
		let signature = key.sign(&attestation.signing_payload()).unwrap();
		let commit_until = Jobs::<T>::get(job).unwrap().commit_until;
		frame_system::Pallet::<T>::set_block_number(commit_until.saturating_add(One::one()));

		#[extrinsic_call]
		_(RawOrigin::Signed(worker.clone()), job, output, salt, attestation, signature);

		assert!(Reveals::<T>::contains_key(job, &worker));
	}

	/// `d` datasets, each licence read and its fee held; `p` parents checked by the registry;
	/// the settling block all but full.
	#[benchmark]
	fn submit_training(
		d: Linear<1, { T::MaxTrainingDatasets::get() }>,
		p: Linear<0, { T::MaxTrainingParents::get() }>,
	) {
		other_workers::<T>(T::MaxWorkers::get());
		let (datasets, parents) = training_inputs::<T>(d, p);
		let caller = funded::<T>("caller", 0);
		let settles_at = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::TrainingCommitPeriod::get())
			.saturating_add(T::RevealPeriod::get());
		let others: Vec<JobId> =
			(0..T::MaxJobsPerBlock::get() - 1).map(|id| u64::from(id) + 1_000_000).collect();
		Deadlines::<T>::insert(settles_at, BoundedVec::truncate_from(others));
		let name = vec![b'm'; T::MaxModelNameLen::get() as usize];
		let license = lineage_primitives::models::ModelLicense {
			commercial_use: true,
			derivatives_allowed: true,
		};

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			name,
			spec(),
			datasets,
			parents,
			training_settings::<T>(),
			license,
			Zero::zero(),
			training_split(),
			BalanceOf::<T>::max_value(),
		);

		assert_eq!(Pallet::<T>::jobs_of_requester(&caller).len(), 1);
	}

	/// An outcome attributing `d` datasets; the signature checked against a key from the
	/// keystore.
	#[benchmark]
	fn reveal_training(d: Linear<1, { T::MaxTrainingDatasets::get() }>) {
		other_workers::<T>(T::MaxWorkers::get());
		let (datasets, _) = training_inputs::<T>(d, 0);
		let job = submit_training_job::<T>(&funded::<T>("requester", 0), datasets, Vec::new());
		let worker = Jobs::<T>::get(job).unwrap().workers.first().cloned().unwrap();
		let key = WorkerKey::generate_pair(None);
		Pallet::<T>::do_update(&worker, capabilities(), key.clone()).unwrap();
		let outcome = training_outcome::<T>(d, 2);
		let salt = [3u8; 32];
		Pallet::<T>::do_commit(&worker, job, commitment(&outcome, &salt, &worker)).unwrap();
		let attestation =
			attestation(job, BlakeTwo256::hash(&outcome.encode()), outcome.weights_hash);
		let signature = key.sign(&attestation.signing_payload()).unwrap();
		let commit_until = Jobs::<T>::get(job).unwrap().commit_until;
		frame_system::Pallet::<T>::set_block_number(commit_until.saturating_add(One::one()));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(worker.clone()),
			job,
			outcome.weights_hash,
			outcome.metric,
			outcome.attribution.to_vec(),
			salt,
			attestation,
			signature,
		);

		assert!(Reveals::<T>::contains_key(job, &worker));
	}

	/// `n` training jobs accepted in one block's hook, each on the most datasets (every
	/// training fee paid into a primed pool) with the most parents: a bare majority agreeing,
	/// the others slashed out of the active list, and each model registered.
	#[benchmark]
	fn settle_training(n: Linear<0, { T::MaxJobsPerBlock::get() }>) {
		other_workers::<T>(T::MaxWorkers::get());
		let d = T::MaxTrainingDatasets::get();
		let (datasets, parents) = training_inputs::<T>(d, T::MaxTrainingParents::get());
		let jobs: Vec<JobId> = (0..n)
			.map(|index| {
				let requester = funded::<T>("requester", index);
				submit_training_job::<T>(&requester, datasets.clone(), parents.clone())
			})
			.collect();
		let drawn = T::Replication::get() as usize;
		let agreeing = quorum::majority(drawn);
		for job in &jobs {
			for (index, worker) in Jobs::<T>::get(job).unwrap().workers.iter().enumerate() {
				Commits::<T>::insert(job, worker, sp_core::H256::repeat_byte(1));
				let weights = if index < agreeing { 2 } else { 3 };
				let attestation = attestation(
					*job,
					sp_core::H256::repeat_byte(3),
					sp_core::H256::repeat_byte(weights),
				);
				let output = Output::Training(training_outcome::<T>(d, weights));
				Reveals::<T>::insert(
					job,
					worker,
					Reveal::<T> { output, attestation, signature: [0; 64] },
				);
			}
		}
		let settles_at = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::TrainingCommitPeriod::get())
			.saturating_add(T::RevealPeriod::get());
		frame_system::Pallet::<T>::set_block_number(settles_at);

		#[block]
		{
			Pallet::<T>::settle_due(settles_at);
		}

		assert!(Jobs::<T>::iter().next().is_none());
		assert_eq!(
			Results::<T>::iter().filter(|(_, result)| result.model.is_some()).count(),
			n as usize
		);
	}

	/// `n` results pruned by one hook, spread over the most blocks a hook prunes, each result
	/// as large as results go.
	#[benchmark]
	fn prune_results(n: Linear<0, { retention::BLOCKS_PER_HOOK * T::MaxJobsPerBlock::get() }>) {
		let blocks = retention::BLOCKS_PER_HOOK;
		let first: BlockNumberFor<T> = One::one();
		let attestation =
			attestation(0, sp_core::H256::repeat_byte(3), sp_core::H256::repeat_byte(2));
		let requester = funded::<T>("requester", 0);
		let attestations: Vec<SignedAttestation<T>> = (0..T::Replication::get())
			.map(|index| SignedAttestation::<T> {
				worker: account("worker", index, SEED),
				attestation: attestation.clone(),
				signature: [0; 64],
			})
			.collect();
		for id in 0..u64::from(n) {
			let offset = (id % u64::from(blocks)) as u32;
			let settled_at = first.saturating_add(offset.into());
			let output = vec![0; T::MaxOutputLen::get() as usize];
			Results::<T>::insert(
				id,
				JobResult::<T> {
					requester: requester.clone(),
					model: Some(0),
					output: Output::Inference(BoundedVec::truncate_from(output)),
					attestations: BoundedVec::truncate_from(attestations.clone()),
					settled_at,
				},
			);
			ResultsSettledIn::<T>::mutate(settled_at, |ids| ids.try_push(id)).unwrap();
		}
		PruneCursor::<T>::put(first);
		let last = first.saturating_add((blocks - 1).into());
		let now = last.saturating_add(T::ResultRetention::get());

		#[block]
		{
			Pallet::<T>::prune_results(now);
		}

		assert!(Results::<T>::iter().next().is_none());
		assert_eq!(PruneCursor::<T>::get(), Some(last.saturating_add(One::one())));
	}

	impl_benchmark_test_suite!(Pallet, mock::new_test_ext(), mock::Test);
}
