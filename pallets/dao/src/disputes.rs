//! Opening and ruling on disputes.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
	weights::Weight,
	BoundedVec,
};
use lineage_primitives::disputes::{DisputeReason, DisputeSubject, DisputeSubjects};
use sp_core::H256;
use sp_runtime::{traits::Zero, DispatchError};

use crate::{
	Config, Dispute, DisputeId, DisputeOf, Disputes, Error, Event, HoldReason, NextDisputeId,
	Pallet, WeightInfo,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_open_dispute(
		opener: T::AccountId,
		subject: DisputeSubject,
		reason: DisputeReason,
		evidence_uri: Vec<u8>,
		evidence_hash: H256,
	) -> DispatchResult {
		let evidence_uri: BoundedVec<u8, T::MaxEvidenceUriLen> =
			evidence_uri.try_into().map_err(|_| Error::<T>::EvidenceUriTooLong)?;
		ensure!(!DisputeOf::<T>::contains_key(subject), Error::<T>::AlreadyDisputed);
		ensure!(
			Disputes::<T>::count() < T::MaxOpenDisputes::get(),
			Error::<T>::TooManyOpenDisputes
		);
		let offender = T::Subjects::offender(&subject)?;
		let id = NextDisputeId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::DisputeDeposit::get();
		T::Currency::hold(&HoldReason::DisputeDeposit.into(), &opener, deposit)?;
		NextDisputeId::<T>::put(next);
		DisputeOf::<T>::insert(subject, id);
		Disputes::<T>::insert(
			id,
			Dispute {
				opener: opener.clone(),
				subject,
				offender: offender.clone(),
				reason,
				evidence_uri,
				evidence_hash,
				deposit,
				opened_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::DisputeOpened {
			dispute: id,
			subject,
			opener,
			offender,
			reason,
			deposit,
		});
		Ok(())
	}

	/// Rules on dispute `id`; returns its subject.
	pub(crate) fn do_rule(id: DisputeId, upheld: bool) -> Result<DisputeSubject, DispatchError> {
		let dispute = Disputes::<T>::take(id).ok_or(Error::<T>::UnknownDispute)?;
		DisputeOf::<T>::remove(dispute.subject);
		let reason = HoldReason::DisputeDeposit.into();
		let treasury = T::Treasury::get();
		if upheld {
			let slashed = T::Subjects::uphold(&dispute.subject, &treasury)?;
			let returned = T::Currency::release(
				&reason,
				&dispute.opener,
				dispute.deposit,
				Precision::BestEffort,
			)?;
			Self::deposit_event(Event::DisputeUpheld {
				dispute: id,
				subject: dispute.subject,
				slashed,
				returned,
			});
		} else {
			// Whatever of the deposit is still held: a slash elsewhere may have taken some.
			let held = T::Currency::balance_on_hold(&reason, &dispute.opener).min(dispute.deposit);
			let slashed = if held.is_zero() {
				held
			} else {
				T::Currency::transfer_on_hold(
					&reason,
					&dispute.opener,
					&treasury,
					held,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)?
			};
			Self::deposit_event(Event::DisputeRejected {
				dispute: id,
				subject: dispute.subject,
				slashed,
			});
		}
		Ok(dispute.subject)
	}

	/// What `rule` is charged before it knows the subject: the costliest ruling.
	pub(crate) fn rule_weight_bound() -> Weight {
		T::WeightInfo::rule_upheld_model()
			.max(T::WeightInfo::rule_upheld_contribution())
			.max(T::WeightInfo::rule_rejected())
	}

	/// What ruling on `subject` costs at most. A contribution's is its worst case: how much of
	/// its contributor's royalty holding settling reads is not reported back.
	pub(crate) fn rule_weight(subject: &DisputeSubject, upheld: bool) -> Weight {
		match (upheld, subject) {
			(false, _) => T::WeightInfo::rule_rejected(),
			(true, DisputeSubject::Model(_)) => T::WeightInfo::rule_upheld_model(),
			(true, DisputeSubject::Contribution(_)) => T::WeightInfo::rule_upheld_contribution(),
		}
	}

	/// Every open dispute, by id: what `daoApi.openDisputes` returns.
	pub fn open_disputes() -> Vec<(DisputeId, Dispute<T>)> {
		Disputes::<T>::iter().collect()
	}

	/// The open dispute `id`, if any.
	pub fn dispute(id: DisputeId) -> Option<Dispute<T>> {
		Disputes::<T>::get(id)
	}
}
