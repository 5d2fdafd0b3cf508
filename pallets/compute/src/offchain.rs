//! The off-chain worker: the chain side of a node's ML service.
//!
//! After each block it imports, a node whose keystore holds `lnml` keys of registered workers
//! serves their open jobs, through the node-local storage contract of
//! [`lineage_primitives::ml_jobs`]:
//!
//! 1. **Request.** A job with no response yet gets an `MlRequest` in local storage and a place
//!    in the ML service's queue (once; the queue holds at most `MAX_QUEUE` jobs).
//! 2. **Commit.** Once the service's result is there, the worker commits to it with a fresh
//!    random salt, kept in local storage *before* the transaction is sent, so a restart
//!    commits and reveals the same result.
//! 3. **Reveal.** From the last block of the commit period, so that it lands after it, the
//!    worker reveals the result with an `Attestation` signed by its key.
//! 4. **Failure.** A typed failure from the service is reported with `report_failure`.
//!
//! Every step reads the chain first (has this worker committed, revealed, reported?), and a
//! transaction already sent is sent again only if it has not landed [`RESEND_AFTER`] blocks
//! later: no duplicates after a restart or a re-org, and no job lost to a dropped
//! transaction. Once a job has settled, its local entries are cleared.
//!
//! Transactions are signed by the key's own account, which must be the worker's (the key is
//! the worker's account key, inserted as `lnml`); a key registered by another account is
//! skipped with a warning. Each run is bounded: [`MAX_LOCAL_KEYS`] keys, [`MAX_JOBS_SCANNED`]
//! open jobs looked at and [`MAX_TRANSACTIONS_PER_WORKER`] transactions sent for each, jobs a
//! run has no budget left for waiting for the next block; [`MAX_TRACKED`] jobs remembered; a
//! lock keeps two runs from overlapping.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::BoundedVec;
use frame_system::{
	offchain::{AppCrypto, SendSignedTransaction, Signer},
	pallet_prelude::BlockNumberFor,
};
use lineage_primitives::{
	compute::{commitment_to_encoded, Attestation, JobFailure, WorkerKey},
	ml_jobs::{
		request_key, response_key, MlOutput, MlRequest, MlResponse, MlResult, MlTask, MAX_QUEUE,
		QUEUE_KEY,
	},
};
use sp_runtime::{
	offchain::{
		storage::StorageValueRef,
		storage_lock::{StorageLock, Time},
		Duration,
	},
	traits::{BlakeTwo256, Hash, IdentifyAccount, One, Saturating},
	RuntimeAppPublic, SaturatedConversion,
};

use crate::{
	Call, Commits, Config, Failures, Job, JobId, Jobs, JobsOfWorker, Output, Pallet, Reveals, Task,
	TrainingOutcome, WorkerOfKey,
};

/// Most `lnml` keys served per block.
pub(crate) const MAX_LOCAL_KEYS: usize = 8;
/// Most open jobs of one worker looked at per block: every job of ten blocks' worth of full
/// settlement queues, so none is starved by those before it.
pub(crate) const MAX_JOBS_SCANNED: usize = 640;
/// Most transactions sent for one worker per block (two in unit tests, so a test can exceed
/// it); the rest are sent in later blocks.
pub(crate) const MAX_TRANSACTIONS_PER_WORKER: u32 = if cfg!(test) { 2 } else { 16 };
/// Most jobs whose local entries are remembered until they settle.
pub(crate) const MAX_TRACKED: usize = 256;
/// Blocks a sent transaction has to land before it is sent again.
pub(crate) const RESEND_AFTER: u32 = 2;

const LOCK_KEY: &[u8] = b"lineage/ocw/lock";
const TRACKED_KEY: &[u8] = b"lineage/ocw/tracked";
const PROGRESS_PREFIX: &[u8] = b"lineage/ocw/progress/";
/// Longer than a run takes, shorter than a block: a crashed run frees the lock by the next.
const LOCK_MILLIS: u64 = 4_000;

/// The `AppCrypto` of workers' `lnml` keys for a runtime whose accounts are `MultiSigner`s:
/// the off-chain worker signs its transactions with them.
pub struct WorkerAuthority;

impl AppCrypto<sp_runtime::MultiSigner, sp_runtime::MultiSignature> for WorkerAuthority {
	type RuntimeAppPublic = WorkerKey;
	type GenericPublic = sp_core::sr25519::Public;
	type GenericSignature = sp_core::sr25519::Signature;
}

/// What a local worker has done for one job, kept across restarts.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
struct Progress<AccountId, BlockNumber> {
	worker: AccountId,
	/// The salt of the commitment, chosen before the commitment is sent.
	salt: Option<[u8; 32]>,
	commit_sent: Option<BlockNumber>,
	reveal_sent: Option<BlockNumber>,
	failure_sent: Option<BlockNumber>,
}

type JobProgress<T> = Vec<Progress<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>>;

fn progress_key(job: JobId) -> Vec<u8> {
	let mut key = PROGRESS_PREFIX.to_vec();
	key.extend_from_slice(&job.to_be_bytes());
	key
}

/// Whether a transaction last sent at `sent` (if ever) should be sent at `now`.
fn due<B: Saturating + PartialOrd + From<u32> + Copy>(sent: Option<B>, now: B) -> bool {
	sent.is_none_or(|sent| now >= sent.saturating_add(B::from(RESEND_AFTER)))
}

impl<T: Config> Pallet<T> {
	/// Serves the open jobs of the workers whose keys this node holds.
	pub(crate) fn serve_local_workers(now: BlockNumberFor<T>) {
		let mut lock =
			StorageLock::<Time>::with_deadline(LOCK_KEY, Duration::from_millis(LOCK_MILLIS));
		let Ok(_guard) = lock.try_lock() else {
			log::debug!(target: "runtime::compute", "off-chain worker still busy; skipping block");
			return;
		};
		Self::forget_settled_jobs();
		for key in WorkerKey::all().into_iter().take(MAX_LOCAL_KEYS) {
			let Some(worker) = WorkerOfKey::<T>::get(&key) else { continue };
			let generic: <T::AuthorityId as AppCrypto<T::Public, T::Signature>>::GenericPublic =
				key.clone().into();
			let public: T::Public = generic.into();
			if public.clone().into_account() != worker {
				log::warn!(
					target: "runtime::compute",
					"lnml key {key:?} belongs to worker {worker:?}, not to its own account: \
					 insert the worker's account key as lnml to serve its jobs",
				);
				continue;
			}
			let mut budget = MAX_TRANSACTIONS_PER_WORKER;
			for id in JobsOfWorker::<T>::iter_key_prefix(&worker).take(MAX_JOBS_SCANNED) {
				let Some(job) = Jobs::<T>::get(id) else { continue };
				if Self::serve_job(now, id, &job, &worker, &key, &public, budget > 0) {
					budget = budget.saturating_sub(1);
				}
			}
		}
	}

	/// Takes job `id` one step further for `worker`, sending a transaction only if `may_send`;
	/// returns whether it sent one.
	fn serve_job(
		now: BlockNumberFor<T>,
		id: JobId,
		job: &Job<T>,
		worker: &T::AccountId,
		key: &WorkerKey,
		public: &T::Public,
		may_send: bool,
	) -> bool {
		if Reveals::<T>::contains_key(id, worker) || Failures::<T>::contains_key(id, worker) {
			return false;
		}
		let response = StorageValueRef::persistent(&response_key(id)).get::<MlResponse>();
		let response = match response {
			Ok(Some(response)) => response,
			Ok(None) => {
				if now < job.commit_until {
					Self::request(id, job);
				}
				return false;
			},
			Err(_) => {
				log::warn!(target: "runtime::compute", "job {id}: undecodable ML response");
				return false;
			},
		};
		if !may_send {
			return false;
		}
		let progress_key = progress_key(id);
		let progress_ref = StorageValueRef::persistent(&progress_key);
		let mut all: JobProgress<T> = progress_ref.get().ok().flatten().unwrap_or_default();
		let position = match all.iter().position(|p| &p.worker == worker) {
			Some(position) => position,
			None => {
				all.push(Progress {
					worker: worker.clone(),
					salt: None,
					commit_sent: None,
					reveal_sent: None,
					failure_sent: None,
				});
				all.len().saturating_sub(1)
			},
		};
		let Some(progress) = all.get_mut(position) else { return false };
		let call = match response {
			Err(failure) => Self::failure_step(now, id, job, progress, failure),
			Ok(result) => Self::result_step(now, id, job, worker, key, progress, result),
		};
		// The salt is stored before the commitment leaves, so a crash cannot lose it.
		progress_ref.set(&all);
		match call {
			Some(call) => {
				Self::send(public, call, id);
				true
			},
			None => false,
		}
	}

	/// The failure report to send for `failure`, if one is due.
	fn failure_step(
		now: BlockNumberFor<T>,
		id: JobId,
		job: &Job<T>,
		progress: &mut Progress<T::AccountId, BlockNumberFor<T>>,
		failure: JobFailure,
	) -> Option<Call<T>> {
		if now.saturating_add(One::one()) >= job.settles_at || !due(progress.failure_sent, now) {
			return None;
		}
		progress.failure_sent = Some(now);
		Some(Call::report_failure { job: id, failure })
	}

	/// The commitment or reveal to send for `result`, if one is due.
	fn result_step(
		now: BlockNumberFor<T>,
		id: JobId,
		job: &Job<T>,
		worker: &T::AccountId,
		key: &WorkerKey,
		progress: &mut Progress<T::AccountId, BlockNumberFor<T>>,
		result: MlResult,
	) -> Option<Call<T>> {
		let Some(output) = Self::output_for(job, result.output) else {
			log::warn!(target: "runtime::compute", "job {id}: the ML result does not fit the job");
			return None;
		};
		let encoded = match &output {
			Output::Inference(values) => values.encode(),
			Output::Training(outcome) => outcome.encode(),
		};
		if !Commits::<T>::contains_key(id, worker) {
			// Sent in a block before the last of the commit period lands within it.
			if now >= job.commit_until || !due(progress.commit_sent, now) {
				return None;
			}
			let salt = *progress.salt.get_or_insert_with(sp_io::offchain::random_seed);
			progress.commit_sent = Some(now);
			let commitment = commitment_to_encoded(&encoded, &salt, worker);
			return Some(Call::commit_result { job: id, commitment });
		}
		// Sent from the last block of the commit period, it lands after it and before settling.
		let lands = now.saturating_add(One::one());
		if now < job.commit_until || lands >= job.settles_at || !due(progress.reveal_sent, now) {
			return None;
		}
		let Some(salt) = progress.salt else {
			log::warn!(target: "runtime::compute", "job {id}: committed, but the salt is lost");
			return None;
		};
		let attestation = Attestation {
			job: id,
			output_hash: BlakeTwo256::hash(&encoded),
			weights_hash: result.weights_hash,
			engine_version: BoundedVec::truncate_from(result.engine_version),
			backend: result.backend,
		};
		let signature = key.sign(&attestation.signing_payload())?;
		progress.reveal_sent = Some(now);
		Some(match output {
			Output::Inference(values) => Call::reveal_result {
				job: id,
				output: values.into_inner(),
				salt,
				attestation,
				signature,
			},
			Output::Training(outcome) => Call::reveal_training {
				job: id,
				weights_hash: outcome.weights_hash,
				metric: outcome.metric,
				attribution: outcome.attribution.into_inner(),
				salt,
				attestation,
				signature,
			},
		})
	}

	/// The ML service's output as the job's kind of output, if it is one and fits.
	fn output_for(job: &Job<T>, output: MlOutput) -> Option<Output<T>> {
		match (&job.task, output) {
			(Task::Inference { .. }, MlOutput::Inference(values)) => {
				Some(Output::Inference(values.try_into().ok()?))
			},
			(Task::Training(_), MlOutput::Training { weights_hash, metric, attribution }) => {
				Some(Output::Training(TrainingOutcome {
					weights_hash,
					metric,
					attribution: attribution.try_into().ok()?,
				}))
			},
			_ => None,
		}
	}

	/// Writes the request for job `id` and queues it for the ML service, once.
	fn request(id: JobId, job: &Job<T>) {
		let request_key = request_key(id);
		let request_ref = StorageValueRef::persistent(&request_key);
		if matches!(request_ref.get::<MlRequest>(), Ok(Some(_))) {
			return;
		}
		if !Self::track(id) {
			return;
		}
		let task = match &job.task {
			Task::Inference { model, input, .. } => {
				MlTask::Inference { model: *model, input: input.to_vec() }
			},
			Task::Training(request) => MlTask::Training {
				spec: request.spec.clone(),
				datasets: request
					.datasets
					.iter()
					.map(|data| (data.dataset, data.version))
					.collect(),
				settings: request.settings,
			},
		};
		let commit_until = job.commit_until.saturated_into::<u32>();
		let queued = StorageValueRef::persistent(QUEUE_KEY).mutate(
			|queue: Result<Option<Vec<JobId>>, _>| {
				let mut queue = queue.ok().flatten().unwrap_or_default();
				if queue.len() >= MAX_QUEUE as usize {
					return Err(());
				}
				if !queue.contains(&id) {
					queue.push(id);
				}
				Ok(queue)
			},
		);
		if queued.is_err() {
			log::debug!(target: "runtime::compute", "job {id}: ML queue full; retrying next block");
			return;
		}
		// Written after queueing: the service skips a queued job until its request is there.
		request_ref.set(&MlRequest { job: id, task, commit_until });
	}

	/// Remembers job `id` so its entries are cleared once it settles; `false` if too many are
	/// remembered already.
	fn track(id: JobId) -> bool {
		StorageValueRef::persistent(TRACKED_KEY)
			.mutate(|tracked: Result<Option<Vec<JobId>>, _>| {
				let mut tracked = tracked.ok().flatten().unwrap_or_default();
				if tracked.contains(&id) {
					return Ok(tracked);
				}
				if tracked.len() >= MAX_TRACKED {
					return Err(());
				}
				tracked.push(id);
				Ok(tracked)
			})
			.is_ok()
	}

	/// Clears the local entries of remembered jobs that have settled.
	fn forget_settled_jobs() {
		let tracked_ref = StorageValueRef::persistent(TRACKED_KEY);
		let Ok(Some(tracked)) = tracked_ref.get::<Vec<JobId>>() else { return };
		let settled: Vec<JobId> =
			tracked.into_iter().filter(|id| !Jobs::<T>::contains_key(id)).collect();
		if settled.is_empty() {
			return;
		}
		for id in &settled {
			StorageValueRef::persistent(&request_key(*id)).clear();
			StorageValueRef::persistent(&response_key(*id)).clear();
			StorageValueRef::persistent(&progress_key(*id)).clear();
		}
		let _ = StorageValueRef::persistent(QUEUE_KEY).mutate(
			|queue: Result<Option<Vec<JobId>>, _>| {
				let mut queue = queue.ok().flatten().unwrap_or_default();
				queue.retain(|id| !settled.contains(id));
				Ok::<_, ()>(queue)
			},
		);
		let _ = tracked_ref.mutate(|tracked: Result<Option<Vec<JobId>>, _>| {
			let mut tracked = tracked.ok().flatten().unwrap_or_default();
			tracked.retain(|id| !settled.contains(id));
			Ok::<_, ()>(tracked)
		});
	}

	/// Signs `call` with `public`'s key and submits it to the transaction pool.
	fn send(public: &T::Public, call: Call<T>, id: JobId) {
		let sent = Signer::<T, T::AuthorityId>::all_accounts()
			.with_filter(alloc::vec![public.clone()])
			.send_signed_transaction(|_| call.clone());
		if !sent.iter().any(|(_, result)| result.is_ok()) {
			log::warn!(target: "runtime::compute", "job {id}: could not submit a transaction");
		}
	}
}
