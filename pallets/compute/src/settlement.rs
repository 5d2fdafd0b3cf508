//! Settlement: at its deadline each job is decided by quorum.
//!
//! - **Accepted** (a majority of the drawn workers revealed agreeing results): the result and
//!   the agreeing attestations are stored in [`Results`]; each agreeing worker is paid the
//!   compute fee out of the requester's held fee; the model's price goes through
//!   [`Config::Royalties`] along the model's lineage; what is left is released to the
//!   requester. Workers that revealed a contradicting result are slashed
//!   [`Config::DisagreementSlash`] of their stake.
//! - **Trained** (a majority agreed on a training outcome): as accepted, but instead of a
//!   model's price, each dataset's training fee (held at submission) goes to that version's
//!   contributors through [`Config::Royalties`], since the data was used, and the model is
//!   registered for the requester through [`Config::Registrar`] with the accepted outcome's
//!   weights hash and attribution. A registration the registry refuses now (a parent revoked
//!   while the job ran, the requester unable to cover the deposit) is reported by
//!   `ModelNotRegistered`; the outcome stays in [`Results`].
//! - **Expired** (no majority): the whole fee is released to the requester and the event says
//!   why. Nobody who revealed is slashed, as nobody can tell who was right.
//!
//! In both cases drawn workers that revealed nothing are slashed [`Config::SilenceSlash`], less
//! than a liar, and their `missed` count grows; those that reported a failure instead
//! ([`Failures`]) only count the miss. Slashed stake goes to [`Config::Treasury`]; a
//! worker left below [`Config::MinWorkerStake`] leaves the active set and starts unbonding.

use alloc::vec::Vec;
use frame_support::{
	storage::with_storage_layer,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
	weights::Weight,
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::royalties::RoyaltyPayer;
use sp_runtime::traits::{Saturating, Zero};

use crate::{
	quorum, BalanceOf, Commits, Config, Deadlines, Event, ExpiryReason, Failures, HoldReason, Job,
	JobId, JobResult, Jobs, JobsOfRequester, JobsOfWorker, Offence, Output, Pallet, Results,
	Reveal, Reveals, SignedAttestation, Task, WorkerStatus, Workers,
};

/// What settling a block's jobs did, for the hook's weight.
#[derive(Default)]
pub(crate) struct Settled {
	/// Inference jobs whose result was accepted.
	pub accepted: u32,
	/// Training jobs whose outcome was accepted.
	pub trained: u32,
	/// Jobs that expired without one.
	pub expired: u32,
	/// What paying the models' royalties weighed, as the royalties pallet reports it.
	pub royalties: Weight,
}

impl<T: Config> Pallet<T> {
	/// Settles the jobs due at `now`, at most `MaxJobsPerBlock` by construction of the queue.
	pub(crate) fn settle_due(now: BlockNumberFor<T>) -> Settled {
		let mut settled = Settled::default();
		for id in Deadlines::<T>::take(now) {
			let Some(job) = Jobs::<T>::take(id) else { continue };
			let training = matches!(job.task, Task::Training(_));
			match Self::settle(id, job, now) {
				Some(_) if training => settled.trained.saturating_inc(),
				Some(royalties) => {
					settled.accepted.saturating_inc();
					settled.royalties.saturating_accrue(royalties);
				},
				None => settled.expired.saturating_inc(),
			}
		}
		settled
	}

	/// Decides job `id`, already taken out of `Jobs`, and clears its indices and results.
	/// Returns the royalties' weight (zero for training) if its result was accepted, `None` if
	/// it expired.
	fn settle(id: JobId, job: Job<T>, now: BlockNumberFor<T>) -> Option<Weight> {
		JobsOfRequester::<T>::remove(&job.requester, id);
		let mut revealed: Vec<(T::AccountId, Reveal<T>)> = Vec::new();
		for worker in job.workers.iter() {
			JobsOfWorker::<T>::remove(worker, id);
			Commits::<T>::remove(id, worker);
			let failed = Failures::<T>::take(id, worker).is_some();
			match Reveals::<T>::take(id, worker) {
				Some(reveal) => revealed.push((worker.clone(), reveal)),
				None if failed => Self::count_miss(worker),
				None => Self::penalise(id, worker, Offence::Silent),
			}
		}
		let needed = quorum::majority(job.workers.len());
		let agree = |(_, a): &(T::AccountId, Reveal<T>), (_, b): &(T::AccountId, Reveal<T>)| {
			quorum::reveals_agree(a, b, job.tolerance)
		};
		match quorum::find(&revealed, needed, agree) {
			Ok(quorum) => Some(Self::accept(id, job, revealed, quorum, now)),
			Err(no_quorum) => {
				let reason = if revealed.is_empty() {
					ExpiryReason::NoResults
				} else {
					ExpiryReason::NoQuorum {
						revealed: u32::try_from(revealed.len()).unwrap_or(u32::MAX),
						largest_agreement: no_quorum.largest_agreement,
						needed: u32::try_from(needed).unwrap_or(u32::MAX),
					}
				};
				Self::expire(id, job, reason);
				None
			},
		}
	}

	/// Pays for job `id`'s accepted result and records it. Returns the royalties' weight.
	fn accept(
		id: JobId,
		job: Job<T>,
		revealed: Vec<(T::AccountId, Reveal<T>)>,
		quorum: quorum::Quorum,
		now: BlockNumberFor<T>,
	) -> Weight {
		let fee_reason = HoldReason::JobFee.into();
		let mut compute_paid = BalanceOf::<T>::zero();
		let mut attestations = Vec::new();
		let mut output = None;
		for (index, ((worker, reveal), agrees)) in
			revealed.into_iter().zip(quorum.agreeing).enumerate()
		{
			if !agrees {
				Self::penalise(id, &worker, Offence::Disagreed);
				continue;
			}
			Workers::<T>::mutate(&worker, |record| {
				if let Some(record) = record {
					record.reputation.agreed.saturating_inc();
				}
			});
			// The worker holds a stake, so its account exists and can receive the fee.
			let paid = with_storage_layer(|| {
				T::Currency::transfer_on_hold(
					&fee_reason,
					&job.requester,
					&worker,
					job.compute_fee,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Polite,
				)
			})
			.unwrap_or_default();
			compute_paid.saturating_accrue(paid);
			if index == quorum.accepted {
				output = Some(reveal.output);
			}
			attestations.push(SignedAttestation::<T> {
				worker,
				attestation: reveal.attestation,
				signature: reveal.signature,
			});
		}
		let released = T::Currency::release(
			&fee_reason,
			&job.requester,
			job.held.saturating_sub(compute_paid),
			Precision::BestEffort,
		)
		.unwrap_or_default();
		let agreed: Vec<T::AccountId> =
			attestations.iter().map(|signed| signed.worker.clone()).collect();
		let mut result = JobResult::<T> {
			requester: job.requester.clone(),
			model: None,
			// The accepted output is among the agreeing ones, so it was set above.
			output: output.unwrap_or(Output::Inference(BoundedVec::default())),
			attestations: BoundedVec::truncate_from(attestations),
			settled_at: now,
		};

		let weight = match job.task {
			Task::Inference { model, price, .. } => {
				let (royalties_paid, weight) =
					Self::pay_royalties(id, &job.requester, model, price);
				result.model = Some(model);
				Self::deposit_event(Event::JobCompleted {
					job: id,
					requester: job.requester,
					model,
					agreed,
					compute_paid,
					royalties_paid,
					refunded: released.saturating_sub(royalties_paid),
				});
				weight
			},
			Task::Training(request) => {
				let training_fees_paid = Self::pay_training_fees(id, &job.requester, &request);
				result.model = Self::register_trained(id, &job.requester, &request, &result.output);
				Self::deposit_event(Event::TrainingCompleted {
					job: id,
					requester: job.requester,
					model: result.model,
					agreed,
					compute_paid,
					training_fees_paid,
					refunded: released.saturating_sub(training_fees_paid),
				});
				// Weighed in full by the `settle_training` benchmark.
				Weight::zero()
			},
		};
		Results::<T>::insert(id, result);
		Self::keep_until_retention_ends(id, now);
		weight
	}

	/// Pays `model`'s `price` from `requester` along its lineage. Returns what was paid and
	/// the weight it took.
	fn pay_royalties(
		id: JobId,
		requester: &T::AccountId,
		model: lineage_primitives::models::ModelId,
		price: BalanceOf<T>,
	) -> (BalanceOf<T>, Weight) {
		if price.is_zero() {
			return (Zero::zero(), Weight::zero());
		}
		match with_storage_layer(|| T::Royalties::pay_for_use(requester, model, price)) {
			Ok(weight) => (price, weight),
			// The model was withdrawn since, say: its price stays with the requester.
			Err(error) => {
				Self::deposit_event(Event::RoyaltiesNotPaid { job: id, model, error });
				(Zero::zero(), T::Royalties::pay_for_use_weight())
			},
		}
	}

	/// Releases job `id`'s whole fee to its requester.
	fn expire(id: JobId, job: Job<T>, reason: ExpiryReason) {
		let refunded = T::Currency::release(
			&HoldReason::JobFee.into(),
			&job.requester,
			job.held,
			Precision::BestEffort,
		)
		.unwrap_or_default();
		Self::deposit_event(Event::JobExpired {
			job: id,
			requester: job.requester,
			refunded,
			reason,
		});
	}

	/// Counts a job `who` reported it could not run: a miss, without a slash.
	fn count_miss(who: &T::AccountId) {
		Workers::<T>::mutate(who, |worker| {
			if let Some(worker) = worker {
				worker.reputation.missed.saturating_inc();
			}
		});
	}

	/// Counts `offence` against `who` and slashes its share of the stake to the treasury.
	fn penalise(job: JobId, who: &T::AccountId, offence: Offence) {
		// A worker that already withdrew is out of reach; the unbonding period is meant to
		// outlast every job, so only a misconfigured runtime gets here.
		let Some(mut worker) = Workers::<T>::get(who) else { return };
		let share = match offence {
			Offence::Disagreed => {
				worker.reputation.disagreed.saturating_inc();
				T::DisagreementSlash::get()
			},
			Offence::Silent => {
				worker.reputation.missed.saturating_inc();
				T::SilenceSlash::get()
			},
		};
		let amount = share.mul_floor(worker.stake);
		let slashed = if amount.is_zero() {
			Zero::zero()
		} else {
			with_storage_layer(|| {
				T::Currency::transfer_on_hold(
					&HoldReason::WorkerStake.into(),
					who,
					&T::Treasury::get(),
					amount,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)
			})
			.unwrap_or_default()
		};
		worker.stake = worker.stake.saturating_sub(slashed);
		if worker.status == WorkerStatus::Active && worker.stake < T::MinWorkerStake::get() {
			Self::deactivate(who, &mut worker);
		}
		Workers::<T>::insert(who, worker);
		Self::deposit_event(Event::WorkerSlashed {
			job,
			worker: who.clone(),
			offence,
			amount: slashed,
		});
	}

	/// The accepted result of a settled job, if it had one.
	pub fn result(id: JobId) -> Option<JobResult<T>> {
		Results::<T>::get(id)
	}
}
