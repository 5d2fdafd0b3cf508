//! The tracks, the timing and the origins.

#![allow(clippy::unwrap_used, reason = "tests fail loudly")]
#![allow(clippy::indexing_slicing, reason = "tests fail loudly")]

use frame_support::traits::{EnsureOrigin, Hooks, OriginTrait};
use pallet_referenda::TracksInfo;
use sp_runtime::Perbill;

use crate::{
	mock::{new_test_ext, RuntimeOrigin, Test},
	tracks::{self, DEVELOPMENT_PERIODS, MODEL_CURATOR, PARAMETERS, ROOT, TREASURER},
	EnsureModelCurator, EnsureParameters, EnsureTreasurySpender, GovernanceTiming, LineageTracks,
	Origin, Timing,
};

type Tracks = LineageTracks<Test>;

fn caller(origin: RuntimeOrigin) -> <RuntimeOrigin as OriginTrait>::PalletsOrigin {
	origin.caller().clone()
}

#[test]
fn tables_pass_the_integrity_check() {
	assert_eq!(tracks::check_tracks(), Ok(()));
	new_test_ext(GovernanceTiming::Production).execute_with(|| {
		crate::Pallet::<Test>::integrity_test();
		assert_eq!(Tracks::check_integrity(), Ok(()));
	});
}

#[test]
fn genesis_chooses_the_periods() {
	new_test_ext(GovernanceTiming::Production).execute_with(|| {
		assert_eq!(Timing::<Test>::get(), GovernanceTiming::Production);
		let root = Tracks::info(ROOT).unwrap();
		assert_eq!(root.decision_period, 14 * lineage_primitives::DAYS);
		assert_eq!(root.max_deciding, 1);
	});
	new_test_ext(GovernanceTiming::Development).execute_with(|| {
		assert_eq!(Timing::<Test>::get(), GovernanceTiming::Development);
		for track in Tracks::tracks() {
			assert_eq!(track.info.prepare_period, DEVELOPMENT_PERIODS.prepare);
			assert_eq!(track.info.decision_period, DEVELOPMENT_PERIODS.decision);
			assert_eq!(track.info.confirm_period, DEVELOPMENT_PERIODS.confirm);
			assert_eq!(track.info.min_enactment_period, DEVELOPMENT_PERIODS.enactment);
		}
	});
}

#[test]
fn an_unset_timing_is_production() {
	sp_io::TestExternalities::default().execute_with(|| {
		assert_eq!(Timing::<Test>::get(), GovernanceTiming::Production);
		assert_eq!(Tracks::info(PARAMETERS).unwrap().decision_period, 7 * lineage_primitives::DAYS);
	});
}

#[test]
fn origins_map_to_their_tracks() {
	new_test_ext(GovernanceTiming::Production).execute_with(|| {
		assert_eq!(Tracks::track_for(&caller(RuntimeOrigin::root())), Ok(ROOT));
		assert_eq!(Tracks::track_for(&caller(Origin::Treasurer.into())), Ok(TREASURER));
		assert_eq!(Tracks::track_for(&caller(Origin::Parameters.into())), Ok(PARAMETERS));
		assert_eq!(Tracks::track_for(&caller(Origin::ModelCurator.into())), Ok(MODEL_CURATOR));
		assert_eq!(
			Tracks::track_for(&caller(Origin::DataDisputes.into())),
			Ok(tracks::DATA_DISPUTES)
		);
		assert_eq!(
			Tracks::track_for(&caller(Origin::ValidatorAdmin.into())),
			Ok(tracks::VALIDATOR_ADMIN)
		);
		assert_eq!(Tracks::track_for(&caller(RuntimeOrigin::signed(1))), Err(()));
		assert_eq!(Tracks::track_for(&caller(RuntimeOrigin::none())), Err(()));
	});
}

#[test]
fn each_ensure_accepts_only_its_own_track() {
	assert!(EnsureModelCurator::try_origin(RuntimeOrigin::from(Origin::ModelCurator)).is_ok());
	assert!(EnsureModelCurator::try_origin(RuntimeOrigin::from(Origin::Parameters)).is_err());
	assert!(EnsureModelCurator::try_origin(RuntimeOrigin::root()).is_err());
	assert!(EnsureModelCurator::try_origin(RuntimeOrigin::signed(1)).is_err());
	assert!(EnsureParameters::try_origin(RuntimeOrigin::from(Origin::Parameters)).is_ok());
	assert!(EnsureParameters::try_origin(RuntimeOrigin::from(Origin::Treasurer)).is_err());
}

frame_support::parameter_types! {
	pub const Cap: u128 = 1_234;
}

#[test]
fn the_treasurer_spends_up_to_the_cap() {
	type Spender = EnsureTreasurySpender<u128, Cap>;
	assert_eq!(Spender::try_origin(RuntimeOrigin::from(Origin::Treasurer)).ok(), Some(1_234));
	assert!(Spender::try_origin(RuntimeOrigin::from(Origin::Parameters)).is_err());
	assert!(Spender::try_origin(RuntimeOrigin::signed(1)).is_err());
}

#[test]
fn curves_end_at_a_majority_and_start_strict() {
	for track in tracks::PRODUCTION_TRACKS.iter() {
		let approval = &track.info.min_approval;
		let name = core::str::from_utf8(&track.info.name).unwrap();
		// Never less than a simple majority of the votes (the reciprocal curves land a tenth of
		// a millionth of a percent under 50% in fixed point), and all of them at the start.
		let majority = Perbill::from_rational(49_999_999u32, 100_000_000);
		assert!(approval.threshold(Perbill::one()) >= majority, "{name}");
		assert!(approval.threshold(Perbill::zero()) >= Perbill::from_percent(99), "{name}");
		// Support only falls, and starts at half the supply at most (give or take the same
		// fixed-point rounding).
		let support = &track.info.min_support;
		let half = Perbill::from_rational(5_000_001u32, 10_000_000);
		assert!(support.threshold(Perbill::zero()) <= half, "{name}");
		assert!(support.threshold(Perbill::one()) <= support.threshold(Perbill::zero()), "{name}");
	}
}

#[test]
fn deposits_rise_with_what_a_track_can_do() {
	let deposit = |id| tracks::PRODUCTION_TRACKS[usize::from(id)].info.decision_deposit;
	assert!(deposit(ROOT) > deposit(TREASURER));
	assert!(deposit(TREASURER) > deposit(PARAMETERS));
	assert!(deposit(PARAMETERS) > deposit(MODEL_CURATOR));
}
