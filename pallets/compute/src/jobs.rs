//! Jobs: inference submission, what every submission shares (workers drawn, deadline queued,
//! fee held) and the queries on open jobs.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, Get, Randomness},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::models::{ModelId, ModelInspect};
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, Saturating},
	DispatchError,
};

use crate::{
	assignment, ActiveWorkers, BalanceOf, Config, Deadlines, Error, Event, HoldReason, Job, JobId,
	Jobs, JobsOfRequester, JobsOfWorker, NextJobId, Pallet, Task,
};

/// Context of the randomness a job's workers are drawn with.
const ASSIGNMENT_SUBJECT: &[u8] = b"lineage/compute/assign";

impl<T: Config> Pallet<T> {
	/// Holds the fee of an inference of `model` on `input` from `requester` and draws its
	/// workers. Returns the new job's id. Nothing changes on error.
	pub(crate) fn do_submit_inference(
		requester: &T::AccountId,
		model: ModelId,
		input: Vec<u8>,
		max_fee: BalanceOf<T>,
	) -> Result<JobId, DispatchError> {
		let terms = T::Models::royalty_terms(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(terms.usable, Error::<T>::ModelNotActive);
		ensure!(!input.is_empty(), Error::<T>::EmptyInput);
		let input: BoundedVec<u8, T::MaxInputLen> =
			input.try_into().map_err(|_| Error::<T>::InputTooLarge)?;
		let compute_fee = T::ComputeFee::get();
		let fee = compute_fee
			.checked_mul(&T::Replication::get().into())
			.and_then(|workers| workers.checked_add(&terms.price))
			.ok_or(Error::<T>::Overflow)?;
		ensure!(fee <= max_fee, Error::<T>::FeeAboveMax);
		let tolerance = T::OutputTolerance::get().mul_floor(terms.output_scale);
		let task = Task::Inference { model, input, price: terms.price };
		let (id, workers) = Self::open_job(
			requester,
			task,
			terms.weights_bytes,
			compute_fee,
			fee,
			tolerance,
			T::CommitPeriod::get(),
		)?;
		Self::deposit_event(Event::InferenceSubmitted {
			job: id,
			requester: requester.clone(),
			model,
			fee,
			workers,
		});
		Ok(id)
	}

	/// Draws a new job's workers among those loading models of `model_bytes`, queues its
	/// deadline, holds `fee` from `requester` and stores the job. Returns its id and workers.
	/// Nothing changes on error.
	pub(crate) fn open_job(
		requester: &T::AccountId,
		task: Task<T>,
		model_bytes: u64,
		compute_fee: BalanceOf<T>,
		fee: BalanceOf<T>,
		tolerance: u32,
		commit_period: BlockNumberFor<T>,
	) -> Result<(JobId, Vec<T::AccountId>), DispatchError> {
		let id = NextJobId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let (seed, _) = T::Randomness::random(&(ASSIGNMENT_SUBJECT, id).encode());
		let workers = assignment::draw(
			&ActiveWorkers::<T>::get(),
			requester,
			model_bytes,
			T::Replication::get(),
			seed.as_ref().try_into().unwrap_or_default(),
		)
		.ok_or(Error::<T>::NotEnoughWorkers)?;
		let workers: BoundedVec<T::AccountId, T::Replication> =
			workers.try_into().map_err(|_| Error::<T>::NotEnoughWorkers)?;

		let now = frame_system::Pallet::<T>::block_number();
		let commit_until = now.saturating_add(commit_period);
		let settles_at = commit_until.saturating_add(T::RevealPeriod::get());
		Deadlines::<T>::try_mutate(settles_at, |due| due.try_push(id))
			.map_err(|_| Error::<T>::TooManyJobsDue)?;
		T::Currency::hold(&HoldReason::JobFee.into(), requester, fee)?;

		NextJobId::<T>::put(next);
		for worker in workers.iter() {
			JobsOfWorker::<T>::insert(worker, id, ());
		}
		JobsOfRequester::<T>::insert(requester, id, ());
		let drawn = workers.clone().into_inner();
		Jobs::<T>::insert(
			id,
			Job::<T> {
				requester: requester.clone(),
				task,
				compute_fee,
				held: fee,
				workers,
				submitted_at: now,
				commit_until,
				settles_at,
				tolerance,
			},
		);
		Ok((id, drawn))
	}

	/// The job, if open.
	pub fn job(id: JobId) -> Option<Job<T>> {
		Jobs::<T>::get(id)
	}

	/// Open jobs `worker` was drawn for, ascending.
	pub fn jobs_of_worker(worker: &T::AccountId) -> Vec<JobId> {
		let mut jobs: Vec<JobId> = JobsOfWorker::<T>::iter_key_prefix(worker).collect();
		jobs.sort_unstable();
		jobs
	}

	/// Open jobs of `requester`, ascending.
	pub fn jobs_of_requester(requester: &T::AccountId) -> Vec<JobId> {
		let mut jobs: Vec<JobId> = JobsOfRequester::<T>::iter_key_prefix(requester).collect();
		jobs.sort_unstable();
		jobs
	}
}
