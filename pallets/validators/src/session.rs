//! The pallet as `pallet-session` sees it: the manager that names each session's validators,
//! and the clock that says when a session ends.

use alloc::vec::Vec;
use frame_support::{traits::EstimateNextSessionRotation, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_session::{SessionManager, ShouldEndSession};
use sp_runtime::{
	traits::{Get, Saturating, Zero},
	Permill,
};

use crate::{Config, Pallet, SessionLength, SessionStart, SetChanged, Validators};

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	/// The governed set, if it changed since `pallet-session` last took it; `None` keeps the
	/// current set (and spares `pallet-session` the work of a change).
	fn new_session(_new_index: u32) -> Option<Vec<T::AccountId>> {
		SetChanged::<T>::take().then(|| Validators::<T>::get().into_inner())
	}

	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		Some(Validators::<T>::get().into_inner())
	}

	fn start_session(_start_index: u32) {
		SessionStart::<T>::put(frame_system::Pallet::<T>::block_number());
	}

	fn end_session(_end_index: u32) {}
}

impl<T: Config> Pallet<T> {
	/// The block at which the current session ends (the first block of the next).
	fn session_end() -> BlockNumberFor<T> {
		SessionStart::<T>::get().saturating_add(SessionLength::<T>::get())
	}
}

impl<T: Config> ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		now >= Self::session_end()
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let length = SessionLength::<T>::get();
		let progress = (!length.is_zero()).then(|| {
			// The session's first block counts as done once it is executing, as in
			// `pallet_session::PeriodicSessions`.
			let done = now.saturating_sub(SessionStart::<T>::get()).saturating_add(1u32.into());
			Permill::from_rational(done.min(length), length)
		});
		(progress, T::DbWeight::get().reads(2))
	}

	fn estimate_next_session_rotation(
		_now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		(Some(Self::session_end()), T::DbWeight::get().reads(2))
	}
}
