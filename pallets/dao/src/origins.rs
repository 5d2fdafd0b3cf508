//! `EnsureOrigin`s for the tracks' origins, which the runtime names where a call needs a
//! governance decision. Each accepts only its own track's origin; the runtime combines them
//! with root where root may do the same (`EitherOfDiverse<EnsureRoot<_>, EnsureModelCurator>`).

use core::marker::PhantomData;

use frame_support::traits::{EnsureOrigin, Get};

use crate::Origin;

macro_rules! ensure_track_origin {
	($($(#[$doc:meta])* $name:ident => $variant:ident,)+) => {$(
		$(#[$doc])*
		pub struct $name;

		impl<O: Into<Result<Origin, O>> + From<Origin>> EnsureOrigin<O> for $name {
			type Success = ();

			fn try_origin(o: O) -> Result<Self::Success, O> {
				o.into().and_then(|origin| match origin {
					Origin::$variant => Ok(()),
					other => Err(O::from(other)),
				})
			}

			#[cfg(feature = "runtime-benchmarks")]
			fn try_successful_origin() -> Result<O, ()> {
				Ok(O::from(Origin::$variant))
			}
		}
	)+};
}

ensure_track_origin! {
	/// A passed referendum on the treasurer track.
	EnsureTreasurer => Treasurer,
	/// A passed referendum on the parameters track.
	EnsureParameters => Parameters,
	/// A passed referendum on the model curator track.
	EnsureModelCurator => ModelCurator,
	/// A passed referendum on the data disputes track.
	EnsureDataDisputes => DataDisputes,
	/// A passed referendum on the validator admin track.
	EnsureValidatorAdmin => ValidatorAdmin,
}

/// The treasury's spend origin for the treasurer track: succeeds with `Cap`, the most one
/// spend may pay out (the treasury pallet enforces it).
pub struct EnsureTreasurySpender<Balance, Cap>(PhantomData<(Balance, Cap)>);

impl<O, Balance, Cap> EnsureOrigin<O> for EnsureTreasurySpender<Balance, Cap>
where
	O: Into<Result<Origin, O>> + From<Origin>,
	Cap: Get<Balance>,
{
	type Success = Balance;

	fn try_origin(o: O) -> Result<Balance, O> {
		EnsureTreasurer::try_origin(o).map(|()| Cap::get())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(Origin::Treasurer))
	}
}
