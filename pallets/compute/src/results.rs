//! Results: each drawn worker commits to its output within the commit period, then reveals
//! it, with an attestation signed by its `lnml` key, after the commit period and before the
//! job settles. A reveal must match its own commitment, which binds the output to the worker
//! that committed it, and every commitment is made before any reveal can be: a worker cannot
//! copy another's result.
//!
//! A worker that cannot produce a result (its blob store lacks the weights, the input does not
//! fit the model) says so with a [`JobFailure`] instead: recorded in [`Failures`] until the
//! job settles, where it is not paid and not slashed.
//!
//! An inference output is committed and hashed as its SCALE `Vec<i32>`; a training outcome as
//! the SCALE tuple `(weights_hash, metric, attribution)`, whose attestation must also name
//! the outcome's weights hash.

use codec::Encode;
use frame_support::{ensure, pallet_prelude::DispatchResult};
use lineage_primitives::{
	compute::{commitment_to_encoded, Attestation, JobFailure, WorkerSignature},
	models::sums_to_one,
};
use sp_core::H256;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	RuntimeAppPublic,
};

use crate::{
	Commits, Config, Error, Event, Failures, Job, JobId, Jobs, Output, Pallet, Reveal, Reveals,
	Task, Workers,
};

impl<T: Config> Pallet<T> {
	/// Records `worker`'s commitment to its result for job `id`.
	pub(crate) fn do_commit(worker: &T::AccountId, id: JobId, hash: H256) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.workers.contains(worker), Error::<T>::NotAssigned);
		ensure!(
			frame_system::Pallet::<T>::block_number() <= job.commit_until,
			Error::<T>::CommitClosed
		);
		ensure!(!Commits::<T>::contains_key(id, worker), Error::<T>::AlreadyCommitted);
		Commits::<T>::insert(id, worker, hash);
		Self::deposit_event(Event::ResultCommitted { job: id, worker: worker.clone() });
		Ok(())
	}

	/// Records `worker`'s result for job `id` if it is of the job's kind, matches its
	/// commitment, and its attestation is for this job and result and signed by the worker's
	/// key.
	pub(crate) fn do_reveal(
		worker: &T::AccountId,
		id: JobId,
		output: Output<T>,
		salt: [u8; 32],
		attestation: Attestation,
		signature: WorkerSignature,
	) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now > job.commit_until, Error::<T>::RevealNotOpen);
		ensure!(now < job.settles_at, Error::<T>::RevealClosed);
		let committed = Commits::<T>::get(id, worker).ok_or(Error::<T>::NotCommitted)?;
		ensure!(!Reveals::<T>::contains_key(id, worker), Error::<T>::AlreadyRevealed);
		ensure!(!Failures::<T>::contains_key(id, worker), Error::<T>::AlreadyFailed);
		Self::ensure_fits(&job, &output)?;
		let encoded = match &output {
			Output::Inference(values) => values.encode(),
			Output::Training(outcome) => {
				ensure!(
					attestation.weights_hash == outcome.weights_hash,
					Error::<T>::AttestationMismatch
				);
				outcome.encode()
			},
		};
		ensure!(
			commitment_to_encoded(&encoded, &salt, worker) == committed,
			Error::<T>::CommitmentMismatch
		);
		ensure!(
			attestation.job == id && attestation.output_hash == BlakeTwo256::hash(&encoded),
			Error::<T>::AttestationMismatch
		);
		let key = Workers::<T>::get(worker).ok_or(Error::<T>::NotRegistered)?.key;
		ensure!(key.verify(&attestation.signing_payload(), &signature), Error::<T>::BadSignature);
		let signature: [u8; 64] =
			AsRef::<[u8]>::as_ref(&signature).try_into().map_err(|_| Error::<T>::BadSignature)?;
		Reveals::<T>::insert(id, worker, Reveal::<T> { output, attestation, signature });
		Self::deposit_event(Event::ResultRevealed { job: id, worker: worker.clone() });
		Ok(())
	}

	/// Records that `worker` cannot produce a result for job `id`, for `failure`.
	pub(crate) fn do_report_failure(
		worker: &T::AccountId,
		id: JobId,
		failure: JobFailure,
	) -> DispatchResult {
		let job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.workers.contains(worker), Error::<T>::NotAssigned);
		ensure!(
			frame_system::Pallet::<T>::block_number() < job.settles_at,
			Error::<T>::RevealClosed
		);
		ensure!(!Reveals::<T>::contains_key(id, worker), Error::<T>::AlreadyRevealed);
		ensure!(!Failures::<T>::contains_key(id, worker), Error::<T>::AlreadyFailed);
		Failures::<T>::insert(id, worker, failure);
		Self::deposit_event(Event::WorkerFailed { job: id, worker: worker.clone(), failure });
		Ok(())
	}

	/// Checks that `output` is of `job`'s kind and, for training, attributes the whole model
	/// to the job's datasets, one weight each.
	fn ensure_fits(job: &Job<T>, output: &Output<T>) -> DispatchResult {
		match (&job.task, output) {
			(Task::Inference { .. }, Output::Inference(_)) => Ok(()),
			(Task::Training(request), Output::Training(outcome)) => {
				ensure!(
					outcome.attribution.len() == request.datasets.len()
						&& sums_to_one(outcome.attribution.iter().copied()),
					Error::<T>::InvalidAttribution
				);
				Ok(())
			},
			_ => Err(Error::<T>::TaskMismatch.into()),
		}
	}
}
