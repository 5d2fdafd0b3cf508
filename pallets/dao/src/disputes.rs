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
	BoundedVec,
};
use lineage_primitives::disputes::{DisputeReason, DisputeSubject, DisputeSubjects};
use sp_core::H256;
use sp_runtime::traits::Zero;

use crate::{
	Config, Dispute, DisputeId, DisputeOf, Disputes, Error, Event, HoldReason, NextDisputeId,
	Pallet,
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

	pub(crate) fn do_rule(id: DisputeId, upheld: bool) -> DispatchResult {
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
		Ok(())
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
