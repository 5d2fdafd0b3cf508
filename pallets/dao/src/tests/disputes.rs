//! Disputes: every call's success and each of its errors, and that a failed call moves
//! nothing.

#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use lineage_primitives::disputes::{DisputeReason, DisputeSubject};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};

use crate::{mock::*, DisputeOf, Disputes, Error, Event, HoldReason, Origin, Pallet};

const MODEL: DisputeSubject = DisputeSubject::Model(7);
const CONTRIBUTION: DisputeSubject = DisputeSubject::Contribution(4);

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Dao(HoldReason::DisputeDeposit), &who)
}

fn free(who: AccountId) -> Balance {
	pallet_balances::Pallet::<Test>::free_balance(who)
}

fn open(opener: AccountId, subject: DisputeSubject) -> sp_runtime::DispatchResult {
	Dao::open_dispute(
		RuntimeOrigin::signed(opener),
		subject,
		DisputeReason::StolenData,
		b"ipfs://evidence".to_vec(),
		H256::repeat_byte(9),
	)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Dao(event) => Some(event),
			_ => None,
		})
		.unwrap()
}

fn curator() -> RuntimeOrigin {
	Origin::DataDisputes.into()
}

#[test]
fn opening_holds_the_deposit_and_records_the_evidence() {
	run_test(|| {
		add_model(7);
		assert_ok!(open(ALICE, MODEL));
		assert_eq!(held(ALICE), DISPUTE_DEPOSIT);
		let dispute = Disputes::<Test>::get(0).unwrap();
		assert_eq!(dispute.opener, ALICE);
		assert_eq!(dispute.offender, OWNER);
		assert_eq!(dispute.evidence_uri.to_vec(), b"ipfs://evidence".to_vec());
		assert_eq!(dispute.evidence_hash, H256::repeat_byte(9));
		assert_eq!(DisputeOf::<Test>::get(MODEL), Some(0));
		assert_eq!(Pallet::<Test>::open_disputes().len(), 1);
		assert_eq!(
			last_event(),
			Event::DisputeOpened {
				dispute: 0,
				subject: MODEL,
				opener: ALICE,
				offender: OWNER,
				reason: DisputeReason::StolenData,
				deposit: DISPUTE_DEPOSIT,
			}
		);
	});
}

#[test]
fn opening_refuses_bad_subjects_and_moves_nothing() {
	run_test(|| {
		// Unknown model: the subjects' error.
		assert_noop!(open(ALICE, MODEL), DispatchError::Other("unknown subject"));
		add_model(7);
		// Evidence too long.
		assert_noop!(
			Dao::open_dispute(
				RuntimeOrigin::signed(ALICE),
				MODEL,
				DisputeReason::Other,
				vec![b'x'; MAX_URI as usize + 1],
				H256::zero(),
			),
			Error::<Test>::EvidenceUriTooLong
		);
		// Too poor for the deposit.
		assert_noop!(open(POOR, MODEL), TokenError::FundsUnavailable);
		assert_ok!(open(ALICE, MODEL));
		// One open dispute per subject.
		assert_noop!(open(BOB, MODEL), Error::<Test>::AlreadyDisputed);
		assert_eq!(held(BOB), 0);
		// Unsigned origins cannot open.
		assert_noop!(
			Dao::open_dispute(
				RuntimeOrigin::none(),
				DisputeSubject::Model(8),
				DisputeReason::Other,
				vec![],
				H256::zero()
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn at_most_max_open_disputes_at_once() {
	run_test(|| {
		for model in 0..=MAX_OPEN {
			add_model(model);
		}
		for model in 0..MAX_OPEN {
			assert_ok!(open(ALICE, DisputeSubject::Model(model)));
		}
		assert_noop!(
			open(BOB, DisputeSubject::Model(MAX_OPEN)),
			Error::<Test>::TooManyOpenDisputes
		);
		// A ruling makes room.
		assert_ok!(Dao::rule(curator(), 0, false));
		assert_ok!(open(BOB, DisputeSubject::Model(MAX_OPEN)));
	});
}

#[test]
fn upheld_revokes_slashes_the_offender_and_returns_the_deposit() {
	run_test(|| {
		add_model(7);
		assert_ok!(open(ALICE, MODEL));
		let treasury = free(TREASURY);
		assert_ok!(Dao::rule(curator(), 0, true));
		assert!(is_revoked(7));
		assert_eq!(free(TREASURY), treasury + MODEL_DEPOSIT);
		assert_eq!(free(OWNER), INITIAL_BALANCE - MODEL_DEPOSIT);
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert!(Disputes::<Test>::get(0).is_none());
		assert!(DisputeOf::<Test>::get(MODEL).is_none());
		assert_eq!(
			last_event(),
			Event::DisputeUpheld {
				dispute: 0,
				subject: MODEL,
				slashed: MODEL_DEPOSIT,
				returned: DISPUTE_DEPOSIT
			}
		);
		// A revoked model cannot be disputed again.
		assert_noop!(open(BOB, MODEL), DispatchError::Other("revoked or cancelled"));
	});
}

#[test]
fn rejected_slashes_the_openers_deposit_to_the_treasury() {
	run_test(|| {
		add_model(7);
		assert_ok!(open(ALICE, MODEL));
		let treasury = free(TREASURY);
		assert_ok!(Dao::rule(curator(), 0, false));
		assert!(!is_revoked(7));
		assert_eq!(free(TREASURY), treasury + DISPUTE_DEPOSIT);
		assert_eq!(free(ALICE), INITIAL_BALANCE - DISPUTE_DEPOSIT);
		assert_eq!(held(ALICE), 0);
		assert_eq!(
			last_event(),
			Event::DisputeRejected { dispute: 0, subject: MODEL, slashed: DISPUTE_DEPOSIT }
		);
		// The subject may be disputed again.
		assert_ok!(open(BOB, MODEL));
	});
}

#[test]
fn only_the_data_disputes_track_or_root_rules() {
	run_test(|| {
		add_model(7);
		assert_ok!(open(ALICE, MODEL));
		for origin in [
			RuntimeOrigin::signed(ALICE),
			Origin::ModelCurator.into(),
			Origin::Parameters.into(),
			RuntimeOrigin::none(),
		] {
			assert_noop!(Dao::rule(origin, 0, true), DispatchError::BadOrigin);
		}
		assert_noop!(Dao::rule(curator(), 1, true), Error::<Test>::UnknownDispute);
		assert_ok!(Dao::rule(RuntimeOrigin::root(), 0, true));
		// Ruled disputes are gone.
		assert_noop!(Dao::rule(curator(), 0, false), Error::<Test>::UnknownDispute);
	});
}

#[test]
fn upholding_a_model_revoked_meanwhile_slashes_nothing_and_returns_the_deposit() {
	run_test(|| {
		add_model(7);
		assert_ok!(open(ALICE, MODEL));
		// Revoked through the curator track while the dispute was open.
		assert_ok!(<MockSubjects as lineage_primitives::disputes::DisputeSubjects<_, _>>::uphold(
			&MODEL, &TREASURY
		));
		assert_ok!(Dao::rule(curator(), 0, true));
		assert_eq!(
			last_event(),
			Event::DisputeUpheld {
				dispute: 0,
				subject: MODEL,
				slashed: 0,
				returned: DISPUTE_DEPOSIT
			}
		);
		assert_eq!(held(ALICE), 0);
	});
}

#[test]
fn upheld_against_a_contribution_cancels_it_and_returns_the_deposit() {
	run_test(|| {
		add_contribution(4);
		assert_ok!(open(ALICE, CONTRIBUTION));
		assert_eq!(Disputes::<Test>::get(0).unwrap().offender, CONTRIBUTOR);
		let treasury = free(TREASURY);
		assert_ok!(Dao::rule(curator(), 0, true));
		assert!(is_cancelled(4));
		// Nothing of the contributor's is held, so nothing reaches the treasury.
		assert_eq!(free(TREASURY), treasury);
		assert_eq!((held(ALICE), free(ALICE)), (0, INITIAL_BALANCE));
		assert!(DisputeOf::<Test>::get(CONTRIBUTION).is_none());
		assert_eq!(
			last_event(),
			Event::DisputeUpheld {
				dispute: 0,
				subject: CONTRIBUTION,
				slashed: 0,
				returned: DISPUTE_DEPOSIT
			}
		);
		assert_noop!(open(BOB, CONTRIBUTION), DispatchError::Other("revoked or cancelled"));
	});
}

#[test]
fn a_model_and_a_contribution_are_disputed_side_by_side() {
	run_test(|| {
		add_model(4);
		add_contribution(4);
		// The same number names different subjects.
		assert_ok!(open(ALICE, DisputeSubject::Model(4)));
		assert_ok!(open(ALICE, CONTRIBUTION));
		assert_eq!(DisputeOf::<Test>::get(CONTRIBUTION), Some(1));
		assert_eq!(held(ALICE), 2 * DISPUTE_DEPOSIT);
	});
}

#[test]
fn a_ruling_is_charged_the_costliest_and_refunded_to_its_kind() {
	run_test(|| {
		use crate::weights::WeightInfo;
		use frame_support::dispatch::GetDispatchInfo;

		add_model(7);
		add_model(8);
		add_contribution(4);
		assert_ok!(open(ALICE, MODEL));
		assert_ok!(open(ALICE, CONTRIBUTION));
		assert_ok!(open(ALICE, DisputeSubject::Model(8)));
		let bound = <() as WeightInfo>::rule_upheld_model()
			.max(<() as WeightInfo>::rule_upheld_contribution())
			.max(<() as WeightInfo>::rule_rejected());
		let call = crate::Call::<Test>::rule { dispute: 0, upheld: true };
		assert_eq!(call.get_dispatch_info().call_weight, bound);

		let weight =
			|dispute, upheld| Dao::rule(curator(), dispute, upheld).unwrap().actual_weight.unwrap();
		assert_eq!(weight(0, true), <() as WeightInfo>::rule_upheld_model());
		assert_eq!(weight(1, true), <() as WeightInfo>::rule_upheld_contribution());
		assert_eq!(weight(2, false), <() as WeightInfo>::rule_rejected());
	});
}
