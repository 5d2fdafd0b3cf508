//! `try_state` invariants, checked after every unit test and by `try-runtime`.

use alloc::collections::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use sp_runtime::{Saturating, TryRuntimeError};

use crate::{
	ActiveWorkers, BalanceOf, Commits, Config, Deadlines, Failures, HoldReason, Jobs,
	JobsOfRequester, JobsOfWorker, NextJobId, Pallet, Results, ResultsSettledIn, Reveals,
	WorkerOfKey, WorkerStatus, Workers,
};

impl<T: Config> Pallet<T> {
	/// Checks that every worker's stake is what the currency holds for it, that keys and
	/// workers map one to one, and that the active list is exactly the active workers.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let active = ActiveWorkers::<T>::get();
		let mut active_count = 0usize;
		for (who, worker) in Workers::<T>::iter() {
			ensure!(Self::held_stake(&who) == worker.stake, "a worker's stake is not what is held");
			ensure!(
				WorkerOfKey::<T>::get(&worker.key).as_ref() == Some(&who),
				"a worker's key does not point back to it"
			);
			let listed = active
				.iter()
				.filter(|(account, capabilities)| {
					*account == who && *capabilities == worker.capabilities
				})
				.count();
			match worker.status {
				WorkerStatus::Active => {
					ensure!(
						listed == 1,
						"an active worker is not listed once with its capabilities"
					);
					active_count = active_count.saturating_add(1);
				},
				WorkerStatus::Unbonding { .. } => {
					ensure!(listed == 0, "an unbonding worker is still listed")
				},
			}
		}
		ensure!(active.len() == active_count, "the active list names a non-worker");
		ensure!(
			WorkerOfKey::<T>::iter().count() == Workers::<T>::iter().count(),
			"a key belongs to no worker"
		);
		Self::check_jobs()
	}

	/// Fees held equal the open jobs' escrow, every open job is in the deadline queue at its
	/// settling block, and the requester and worker indices name exactly the open jobs.
	fn check_jobs() -> Result<(), TryRuntimeError> {
		let mut escrow: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let (mut assignments, mut jobs) = (0usize, 0usize);
		for (id, job) in Jobs::<T>::iter() {
			ensure!(id < NextJobId::<T>::get(), "a job id not below NextJobId");
			ensure!(
				Deadlines::<T>::get(job.settles_at).contains(&id),
				"an open job is not in the deadline queue"
			);
			ensure!(
				JobsOfRequester::<T>::contains_key(&job.requester, id),
				"an open job is missing from its requester's index"
			);
			for worker in job.workers.iter() {
				ensure!(
					JobsOfWorker::<T>::contains_key(worker, id),
					"an open job is missing from a worker's index"
				);
			}
			assignments = assignments.saturating_add(job.workers.len());
			jobs = jobs.saturating_add(1);
			escrow.entry(job.requester.clone()).or_default().saturating_accrue(job.held);
		}
		ensure!(
			JobsOfWorker::<T>::iter().count() == assignments,
			"a worker's index names a closed job"
		);
		ensure!(
			JobsOfRequester::<T>::iter().count() == jobs,
			"a requester's index names a closed job"
		);
		for (id, worker, _) in Commits::<T>::iter() {
			let job = Jobs::<T>::get(id).ok_or("a commitment for a closed job")?;
			ensure!(job.workers.contains(&worker), "a commitment from a worker not drawn");
		}
		for (id, worker, _) in Reveals::<T>::iter() {
			ensure!(Commits::<T>::contains_key(id, &worker), "a reveal without a commitment");
			ensure!(!Failures::<T>::contains_key(id, &worker), "a reveal and a failure");
		}
		for (id, worker, _) in Failures::<T>::iter() {
			let job = Jobs::<T>::get(id).ok_or("a failure for a closed job")?;
			ensure!(job.workers.contains(&worker), "a failure from a worker not drawn");
		}
		let indexed: usize = ResultsSettledIn::<T>::iter_values().map(|ids| ids.len()).sum();
		ensure!(Results::<T>::iter().count() == indexed, "a pruning index names no result");
		for (id, result) in Results::<T>::iter() {
			ensure!(!Jobs::<T>::contains_key(id), "a result for a job still open");
			ensure!(
				ResultsSettledIn::<T>::get(result.settled_at).contains(&id),
				"a result missing from the pruning index"
			);
			ensure!(
				result.attestations.len()
					>= crate::quorum::majority(
						usize::try_from(T::Replication::get()).unwrap_or(usize::MAX)
					),
				"a result attested by less than a majority"
			);
		}
		for (requester, held) in escrow {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::JobFee.into(), &requester) == held,
				"fees held differ from the open jobs' escrow"
			);
		}
		Ok(())
	}
}
