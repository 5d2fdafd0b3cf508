//! `try_state`: what the pallet holds is what its disputes record, and every open dispute is
//! reachable from its subject.

use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{traits::Saturating, TryRuntimeError};

use crate::{BalanceOf, Config, DisputeOf, Disputes, HoldReason, Pallet};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut open = 0u32;
		for (id, dispute) in Disputes::<T>::iter() {
			open.saturating_inc();
			ensure!(
				DisputeOf::<T>::get(dispute.subject) == Some(id),
				"an open dispute is not reachable from its subject"
			);
			held.entry(dispute.opener.clone()).or_default().saturating_accrue(dispute.deposit);
		}
		ensure!(open == Disputes::<T>::count(), "the open dispute count is wrong");
		ensure!(
			DisputeOf::<T>::iter().all(|(subject, id)| {
				Disputes::<T>::get(id).is_some_and(|dispute| dispute.subject == subject)
			}),
			"a subject points at no open dispute about it"
		);
		for (opener, recorded) in held {
			let on_hold = T::Currency::balance_on_hold(&HoldReason::DisputeDeposit.into(), &opener);
			ensure!(on_hold == recorded, "dispute deposits held differ from those recorded");
		}
		Ok(())
	}
}
