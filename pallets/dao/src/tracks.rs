//! Lineage's referendum tracks: who may propose what, how much is at stake to bring it to a
//! decision, how long each phase lasts and what share of votes and of the token supply must
//! agree. The README's governance section sets these values beside Polkadot's and says why.
//!
//! Curves are fractions of the decision period, so [`GovernanceTiming::Development`] runs the
//! very same tracks, deposits and curves with every period shortened to a few blocks.

use alloc::borrow::Cow;
use core::marker::PhantomData;

use frame_support::traits::OriginTrait;
use lineage_primitives::{Balance, BlockNumber, DAYS, HOURS, MINUTES, UNIT};
use pallet_referenda::{Curve, Track, TrackInfo, TracksInfo};
use sp_runtime::{str_array as name, FixedI64};

use crate::{Config, Origin, Timing};

/// A track's number, as referenda and polkadot.js show it.
pub type TrackId = u16;

/// Anything else, runtime upgrades included: dispatched as root.
pub const ROOT: TrackId = 0;
/// Treasury spends up to the treasurer's cap.
pub const TREASURER: TrackId = 1;
/// Lineage's dynamic runtime parameters.
pub const PARAMETERS: TrackId = 2;
/// Certifying and revoking models.
pub const MODEL_CURATOR: TrackId = 3;
/// Rulings on disputed models and contributions.
pub const DATA_DISPUTES: TrackId = 4;
/// The validator set.
pub const VALIDATOR_ADMIN: TrackId = 5;

/// Which periods the tracks run on.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum GovernanceTiming {
	/// Hours to prepare, days to decide: what a public chain needs so that holders notice a
	/// referendum and can act on it.
	#[default]
	Production,
	/// Every track's periods in blocks ([`DEVELOPMENT_PERIODS`]): for the development and local
	/// test chains, where a referendum must pass while someone watches.
	Development,
}

/// The development chains' periods, in blocks (6 s each): 2 to prepare, 20 to decide, 2 to
/// confirm and 1 before enactment. A referendum that passes at once is enacted 6 blocks after
/// its decision deposit; one that never passes is rejected after 22.
pub const DEVELOPMENT_PERIODS: Periods =
	Periods { prepare: 2, decision: 20, confirm: 2, enactment: 1 };

// At 6 s a block: a development referendum whose votes are in is enacted within a minute of
// its decision deposit, and one that fails is decided within three minutes.
const _: () = assert!(
	DEVELOPMENT_PERIODS
		.prepare
		.saturating_add(DEVELOPMENT_PERIODS.confirm)
		.saturating_add(DEVELOPMENT_PERIODS.enactment)
		.saturating_mul(6)
		<= 60
);
const _: () = assert!(
	DEVELOPMENT_PERIODS.prepare.saturating_add(DEVELOPMENT_PERIODS.decision).saturating_mul(6)
		<= 180
);

/// A track's periods, in blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Periods {
	/// From submission until the decision can start (the decision deposit must be placed too).
	pub prepare: BlockNumber,
	/// How long votes are counted before an unapproved referendum is rejected.
	pub decision: BlockNumber,
	/// How long approval and support must hold before the referendum is approved.
	pub confirm: BlockNumber,
	/// The least delay between approval and enactment.
	pub enactment: BlockNumber,
}

const fn percent(x: u128) -> FixedI64 {
	FixedI64::from_rational(x, 100)
}

type LineageTrack = Track<TrackId, Balance, BlockNumber>;

const fn track(
	id: TrackId,
	track_name: &str,
	max_deciding: u32,
	decision_deposit: Balance,
	periods: Periods,
	min_approval: Curve,
	min_support: Curve,
) -> LineageTrack {
	Track {
		id,
		info: TrackInfo {
			name: name(track_name),
			max_deciding,
			decision_deposit,
			prepare_period: periods.prepare,
			decision_period: periods.decision,
			confirm_period: periods.confirm,
			min_enactment_period: periods.enactment,
			min_approval,
			min_support,
		},
	}
}

const fn with_periods(track: LineageTrack, periods: Periods) -> LineageTrack {
	let Track { id, info } = track;
	Track {
		id,
		info: TrackInfo {
			prepare_period: periods.prepare,
			decision_period: periods.decision,
			confirm_period: periods.confirm,
			min_enactment_period: periods.enactment,
			..info
		},
	}
}

// Curves are given in days of their track's decision period, which is all they depend on.

/// Root: a simple majority only after the first four days of fourteen, 80% before; support
/// falls from half the supply to nothing over the whole period (Polkadot's root curves over
/// its 28 days).
const ROOT_TRACK: LineageTrack = track(
	ROOT,
	"root",
	1,
	10_000 * UNIT,
	Periods { prepare: 2 * HOURS, decision: 14 * DAYS, confirm: DAYS, enactment: DAYS },
	Curve::make_reciprocal(4, 14, percent(80), percent(50), percent(100)),
	Curve::make_linear(14, 14, percent(0), percent(50)),
);

/// Treasurer: root's approval, and support that must reach 5% by day four.
const TREASURER_TRACK: LineageTrack = track(
	TREASURER,
	"treasurer",
	10,
	1_000 * UNIT,
	Periods { prepare: 2 * HOURS, decision: 14 * DAYS, confirm: 3 * DAYS, enactment: DAYS },
	Curve::make_reciprocal(4, 14, percent(80), percent(50), percent(100)),
	Curve::make_reciprocal(4, 14, percent(5), percent(0), percent(50)),
);

/// Parameters: a week to decide; 10% support by day two, falling towards none.
const PARAMETERS_TRACK: LineageTrack = track(
	PARAMETERS,
	"parameters",
	10,
	500 * UNIT,
	Periods { prepare: HOURS, decision: 7 * DAYS, confirm: DAYS, enactment: HOURS },
	Curve::make_reciprocal(2, 7, percent(80), percent(50), percent(100)),
	Curve::make_reciprocal(2, 7, percent(10), percent(0), percent(50)),
);

/// Model curator: frequent, low-stakes rulings on single models; approval falls linearly from
/// unanimity to a majority, 1% support by day two.
const MODEL_CURATOR_TRACK: LineageTrack = track(
	MODEL_CURATOR,
	"model_curator",
	20,
	100 * UNIT,
	Periods { prepare: HOURS, decision: 7 * DAYS, confirm: 6 * HOURS, enactment: 10 * MINUTES },
	Curve::make_linear(7, 7, percent(50), percent(100)),
	Curve::make_reciprocal(2, 7, percent(1), percent(0), percent(50)),
);

/// Data disputes: the curator's curves, with a day to confirm because a ruling slashes.
const DATA_DISPUTES_TRACK: LineageTrack = track(
	DATA_DISPUTES,
	"data_disputes",
	20,
	100 * UNIT,
	Periods { prepare: HOURS, decision: 7 * DAYS, confirm: DAYS, enactment: 10 * MINUTES },
	Curve::make_linear(7, 7, percent(50), percent(100)),
	Curve::make_reciprocal(2, 7, percent(1), percent(0), percent(50)),
);

/// Validator admin: the parameters track's curves; a change takes effect at the next session
/// anyway, so enactment waits only an hour.
const VALIDATOR_ADMIN_TRACK: LineageTrack = track(
	VALIDATOR_ADMIN,
	"validator_admin",
	5,
	1_000 * UNIT,
	Periods { prepare: 2 * HOURS, decision: 7 * DAYS, confirm: DAYS, enactment: HOURS },
	Curve::make_reciprocal(2, 7, percent(80), percent(50), percent(100)),
	Curve::make_reciprocal(2, 7, percent(10), percent(0), percent(50)),
);

/// The tracks of a production chain, sorted by id.
pub static PRODUCTION_TRACKS: [LineageTrack; 6] = [
	ROOT_TRACK,
	TREASURER_TRACK,
	PARAMETERS_TRACK,
	MODEL_CURATOR_TRACK,
	DATA_DISPUTES_TRACK,
	VALIDATOR_ADMIN_TRACK,
];

/// The same tracks on the development chains' periods.
pub static DEVELOPMENT_TRACKS: [LineageTrack; 6] = [
	with_periods(ROOT_TRACK, DEVELOPMENT_PERIODS),
	with_periods(TREASURER_TRACK, DEVELOPMENT_PERIODS),
	with_periods(PARAMETERS_TRACK, DEVELOPMENT_PERIODS),
	with_periods(MODEL_CURATOR_TRACK, DEVELOPMENT_PERIODS),
	with_periods(DATA_DISPUTES_TRACK, DEVELOPMENT_PERIODS),
	with_periods(VALIDATOR_ADMIN_TRACK, DEVELOPMENT_PERIODS),
];

/// The tracks for a timing.
pub fn tracks_for(timing: GovernanceTiming) -> &'static [LineageTrack; 6] {
	match timing {
		GovernanceTiming::Production => &PRODUCTION_TRACKS,
		GovernanceTiming::Development => &DEVELOPMENT_TRACKS,
	}
}

/// The track a dispatch origin proposes on: root for root, a track's own origin for the rest.
/// Signed and other origins have no track, so they cannot be a referendum's origin.
pub fn track_of(origin: TrackOrigin) -> TrackId {
	match origin {
		TrackOrigin::Root => ROOT,
		TrackOrigin::Dao(Origin::Treasurer) => TREASURER,
		TrackOrigin::Dao(Origin::Parameters) => PARAMETERS,
		TrackOrigin::Dao(Origin::ModelCurator) => MODEL_CURATOR,
		TrackOrigin::Dao(Origin::DataDisputes) => DATA_DISPUTES,
		TrackOrigin::Dao(Origin::ValidatorAdmin) => VALIDATOR_ADMIN,
	}
}

/// The origins a track can carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrackOrigin {
	/// `frame_system`'s root.
	Root,
	/// One of this pallet's origins.
	Dao(Origin),
}

/// Checks both tables: sorted by id, the same ids and names, and every id reachable from its
/// origin. The pallet's `integrity_test` runs it.
pub fn check_tracks() -> Result<(), &'static str> {
	for table in [&PRODUCTION_TRACKS, &DEVELOPMENT_TRACKS] {
		if !table.windows(2).all(|pair| matches!(pair, [a, b] if a.id < b.id)) {
			return Err("tracks are not sorted by id");
		}
	}
	let same_tracks = PRODUCTION_TRACKS.iter().zip(DEVELOPMENT_TRACKS.iter()).all(|(p, d)| {
		p.id == d.id
			&& p.info.name == d.info.name
			&& p.info.decision_deposit == d.info.decision_deposit
			&& p.info.min_approval == d.info.min_approval
			&& p.info.min_support == d.info.min_support
	});
	if !same_tracks {
		return Err("the development tracks differ from production beyond their periods");
	}
	let origins = [
		TrackOrigin::Root,
		TrackOrigin::Dao(Origin::Treasurer),
		TrackOrigin::Dao(Origin::Parameters),
		TrackOrigin::Dao(Origin::ModelCurator),
		TrackOrigin::Dao(Origin::DataDisputes),
		TrackOrigin::Dao(Origin::ValidatorAdmin),
	];
	let reachable = PRODUCTION_TRACKS
		.iter()
		.all(|t| origins.iter().any(|origin| track_of(origin.clone()) == t.id));
	if !reachable {
		return Err("a track has no origin");
	}
	Ok(())
}

/// The referenda pallet's `TracksInfo` for Lineage: the tables above, chosen by the chain's
/// [`Timing`].
pub struct LineageTracks<T>(PhantomData<T>);

impl<T: Config> TracksInfo<Balance, BlockNumber> for LineageTracks<T>
where
	<T::RuntimeOrigin as OriginTrait>::PalletsOrigin:
		Clone + TryInto<frame_system::RawOrigin<T::AccountId>> + TryInto<Origin>,
{
	type Id = TrackId;
	type RuntimeOrigin = <T::RuntimeOrigin as OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<TrackId, Balance, BlockNumber>>> {
		tracks_for(Timing::<T>::get()).iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<TrackId, ()> {
		if let Ok(system) =
			TryInto::<frame_system::RawOrigin<T::AccountId>>::try_into(origin.clone())
		{
			return match system {
				frame_system::RawOrigin::Root => Ok(track_of(TrackOrigin::Root)),
				_ => Err(()),
			};
		}
		TryInto::<Origin>::try_into(origin.clone())
			.map(|dao| track_of(TrackOrigin::Dao(dao)))
			.map_err(|_| ())
	}
}
