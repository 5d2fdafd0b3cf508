//! Transfers on the native runtime, applied as signed extrinsics through `Executive`:
//! they move funds, charge fees, and reap accounts that fall below the existential deposit.

#![allow(
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::arithmetic_side_effects,
	reason = "tests"
)]

mod common;

use frame_support::assert_ok;
use lineage_runtime::{
	Balances, BalancesCall, Runtime, RuntimeCall, RuntimeEvent, System, EXISTENTIAL_DEPOSIT, UNIT,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchError, TokenError,
};

fn fee_paid_by(who: &lineage_runtime::AccountId) -> u128 {
	common::events()
		.into_iter()
		.find_map(|event| match event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid {
					who: payer,
					actual_fee,
					..
				},
			) if &payer == who => Some(actual_fee),
			_ => None,
		})
		.expect("a TransactionFeePaid event for the signer")
}

#[test]
fn transfer_moves_funds_and_charges_a_fee() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		let (_, fresh_account) = common::new_account(7);
		let alice_before = Balances::free_balance(Alice.to_account_id());
		let issuance_before = Balances::total_issuance();
		let amount = 10 * UNIT;

		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: fresh_account.clone().into(),
			value: amount,
		});
		assert_ok!(common::apply_signed(call, Alice).expect("transaction is valid"));

		let fee = fee_paid_by(&Alice.to_account_id());
		assert!(fee > 0, "a signed transfer costs a fee");
		assert!(fee < UNIT / 100, "a transfer costs well under 0.01 LIN, paid {fee}");
		assert_eq!(Balances::free_balance(&fresh_account), amount);
		assert_eq!(Balances::free_balance(Alice.to_account_id()), alice_before - amount - fee);
		// A fifth of the fee goes to the treasury, the rest is burned.
		let to_treasury = fee * u128::from(lineage_runtime::configs::TREASURY_FEE_PERCENT) / 100;
		assert_eq!(Balances::total_issuance(), issuance_before - (fee - to_treasury));
		assert!(common::events().contains(&RuntimeEvent::Balances(
			pallet_balances::Event::Transfer {
				from: Alice.to_account_id(),
				to: fresh_account,
				amount
			}
		)));
		assert_eq!(System::account_nonce(Alice.to_account_id()), 1);
	});
}

#[test]
fn fee_matches_the_payment_api_quote() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: Bob.to_account_id().into(),
			value: UNIT,
		});
		let xt = common::signed(call, &Alice.pair());
		let len = codec::Encode::encoded_size(&xt) as u32;
		let quoted = pallet_transaction_payment::Pallet::<Runtime>::query_info(xt.clone(), len);
		assert_ok!(lineage_runtime::Executive::apply_extrinsic(xt).unwrap());
		let paid = fee_paid_by(&Alice.to_account_id());
		// The quote uses the pre-dispatch weight; the refund can only lower the fee.
		assert!(paid <= quoted.partial_fee && paid > 0, "paid {paid}, quoted {quoted:?}");
	});
}

#[test]
fn transfer_of_more_than_the_balance_fails_but_the_fee_is_charged() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		let bob_before = Balances::free_balance(Bob.to_account_id());
		let charlie_before = Balances::free_balance(Charlie.to_account_id());
		let call = RuntimeCall::Balances(BalancesCall::transfer_allow_death {
			dest: Bob.to_account_id().into(),
			value: charlie_before + UNIT,
		});
		let outcome = common::apply_signed(call, Charlie).expect("valid: the fee can be paid");
		assert_eq!(outcome, Err(DispatchError::Token(TokenError::FundsUnavailable)));
		let fee = fee_paid_by(&Charlie.to_account_id());
		assert_eq!(Balances::free_balance(Bob.to_account_id()), bob_before);
		assert_eq!(Balances::free_balance(Charlie.to_account_id()), charlie_before - fee);
	});
}

#[test]
fn account_without_funds_cannot_pay_fees() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		let (pauper, _) = common::new_account(9);
		let call = RuntimeCall::Balances(BalancesCall::transfer_allow_death {
			dest: Bob.to_account_id().into(),
			value: 1,
		});
		assert_eq!(
			lineage_runtime::Executive::apply_extrinsic(common::signed(call, &pauper)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
	});
}

#[test]
fn account_below_the_existential_deposit_is_reaped() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		let (fresh, fresh_account) = common::new_account(8);
		let fund = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: fresh_account.clone().into(),
			value: UNIT,
		});
		assert_ok!(common::apply_signed(fund, Alice).unwrap());
		assert!(System::account_exists(&fresh_account));

		// Send all but one existential deposit away: the fee comes out of that deposit, so what
		// is left falls below it, the account is removed and the remainder burned as dust.
		let call = RuntimeCall::Balances(BalancesCall::transfer_allow_death {
			dest: Bob.to_account_id().into(),
			value: UNIT - EXISTENTIAL_DEPOSIT,
		});
		assert_ok!(
			lineage_runtime::Executive::apply_extrinsic(common::signed(call, &fresh)).unwrap()
		);

		assert!(!System::account_exists(&fresh_account), "the account was reaped");
		assert_eq!(Balances::free_balance(&fresh_account), 0);
		assert!(common::events().contains(&RuntimeEvent::System(
			frame_system::Event::KilledAccount { account: fresh_account }
		)));
	});
}

#[test]
fn transfer_below_the_existential_deposit_to_a_new_account_is_refused() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		let (_, nobody_account) = common::new_account(10);
		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: nobody_account.clone().into(),
			value: EXISTENTIAL_DEPOSIT - 1,
		});
		let outcome = common::apply_signed(call, Alice).unwrap();
		assert!(
			matches!(outcome, Err(DispatchError::Token(TokenError::BelowMinimum))),
			"got {outcome:?}"
		);
		assert!(!System::account_exists(&nobody_account));
	});
}
