//! Royalties on the native runtime, with the development preset's demo lineage: a payment for
//! a model fine-tuned from the demo model reaches both owners, the digits' contributors in
//! proportion to their shares of version 2, and the treasury; contributors then claim.

#![allow(
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::arithmetic_side_effects,
	reason = "tests"
)]

mod common;

use frame_support::{assert_ok, traits::fungible::Inspect};
use lineage_primitives::{
	apis::runtime_decl_for_royalties_api::RoyaltiesApi,
	models::{DatasetUse, ModelLicense, RoyaltySplit},
};
use lineage_runtime::{
	configs::{TreasuryAccount, TREASURY_FEE_PERCENT},
	genesis_demo::{digits_mlp_spec, DEMO_DATASET, DEMO_MODEL},
	Balances, Royalties, Runtime, RuntimeCall, RuntimeEvent, UNIT,
};
use sp_core::H256;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::Perbill;

fn earnings(who: &lineage_runtime::AccountId) -> u128 {
	<Runtime as RoyaltiesApi<_, _, _>>::dataset_earnings(who.clone(), DEMO_DATASET).claimable
}

/// Floor of `amount · shares / total`, the naive split.
fn naive(amount: u128, shares: u128, total: u128) -> u128 {
	amount * shares / total
}

#[test]
fn a_fine_tuned_models_payment_follows_its_lineage() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		// Ferdie fine-tunes the demo model on version 2 of the digits:
		// 50% to him, 30% upstream, 10% data, 10% treasury.
		assert_ok!(common::apply_signed(
			RuntimeCall::Models(pallet_models::Call::register {
				name: b"ferdie-digits".to_vec(),
				spec: digits_mlp_spec(),
				weights_hash: H256::repeat_byte(7),
				weights_uri: b"lineage://ferdie/digits.mpk".to_vec(),
				license: ModelLicense { commercial_use: true, derivatives_allowed: true },
				price: UNIT,
				split: RoyaltySplit {
					owner: Perbill::from_percent(50),
					upstream: Perbill::from_percent(30),
					data: Perbill::from_percent(10),
					treasury: Perbill::from_percent(10),
				},
				parents: vec![DEMO_MODEL],
				datasets: vec![DatasetUse {
					dataset: DEMO_DATASET,
					version: 2,
					weight: Perbill::one()
				}],
			}),
			Ferdie,
		)
		.unwrap());
		let model = 1;
		let pot_before = Balances::balance(&Royalties::pot());
		let treasury_before = Balances::balance(&TreasuryAccount::get());

		assert_ok!(common::apply_signed(
			RuntimeCall::Royalties(pallet_royalties::Call::pay { model, amount: UNIT }),
			Eve,
		)
		.unwrap());
		// The treasury's part (below) left the pot for the treasury's account at once.
		let to_treasury = 130 * UNIT / 1_000;
		assert_eq!(Balances::balance(&Royalties::pot()), pot_before + UNIT - to_treasury);

		// Ferdie 0.5 LIN. Upstream 0.3 LIN to the demo model: Dave 70% = 0.21, its data 20% =
		// 0.06, its treasury 10% = 0.03. Data: 0.1 + 0.06 = 0.16 LIN over 1,797 shares.
		let owner = |who: sp_keyring::Sr25519Keyring| {
			<Runtime as RoyaltiesApi<_, _, _>>::owner_earnings(who.to_account_id()).claimable
		};
		assert_eq!(owner(Ferdie), UNIT / 2);
		assert_eq!(owner(Dave), 210 * UNIT / 1_000);
		// The treasury: 0.1 LIN from Ferdie's model and 0.03 from the demo model, paid into its
		// account with its fifth of Eve's fee, and nothing left to claim.
		let fee = common::events()
			.into_iter()
			.rev()
			.find_map(|event| match event {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
				) => Some(actual_fee),
				_ => None,
			})
			.unwrap();
		let fee_share = fee * u128::from(TREASURY_FEE_PERCENT) / 100;
		assert_eq!(
			Balances::balance(&TreasuryAccount::get()) - treasury_before,
			to_treasury + fee_share
		);
		let treasury = <Runtime as RoyaltiesApi<_, _, _>>::owner_earnings(TreasuryAccount::get());
		assert_eq!(treasury.claimable, 0);
		let data = 160 * UNIT / 1_000;
		for (who, shares) in [(Alice, 1_000), (Bob, 500), (Charlie, 297)] {
			let got = earnings(&who.to_account_id());
			let expected = naive(data, shares, 1_797);
			// Two credits (one per model), each rounding down by less than a planck per share.
			assert!(got <= expected && expected - got <= 2, "{who:?}: {got} vs {expected}");
		}
		let statement = <Runtime as RoyaltiesApi<_, _, _>>::model_statement(model);
		assert_eq!(statement.revenue, UNIT);
		assert_eq!(statement.owner_earned, UNIT / 2);
		assert_eq!(
			<Runtime as RoyaltiesApi<_, _, _>>::model_statement(DEMO_MODEL).owner_earned,
			210 * UNIT / 1_000
		);

		// Bob claims; the pot pays exactly what the statement said.
		let owed = earnings(&Bob.to_account_id());
		assert_ok!(common::apply_signed(
			RuntimeCall::Royalties(pallet_royalties::Call::claim { dataset: DEMO_DATASET }),
			Bob,
		)
		.unwrap());
		assert!(common::events().contains(&RuntimeEvent::Royalties(
			pallet_royalties::Event::RoyaltiesClaimed {
				dataset: DEMO_DATASET,
				who: Bob.to_account_id(),
				amount: owed
			}
		)));
		assert_eq!(earnings(&Bob.to_account_id()), 0);
		assert_eq!(Balances::balance(&Royalties::pot()), pot_before + UNIT - to_treasury - owed);
		assert_eq!(
			<Runtime as RoyaltiesApi<_, _, _>>::pools_of(Bob.to_account_id()),
			vec![DEMO_DATASET]
		);
	});
}

#[test]
fn contributors_who_joined_after_the_version_used_earn_nothing_from_it() {
	common::ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		common::start_block();
		// Eve contributes to the digits after the demo model was trained on version 2.
		assert_ok!(common::apply_signed(
			RuntimeCall::Datasets(pallet_datasets::Call::propose_contribution {
				dataset: DEMO_DATASET,
				item_root: H256::repeat_byte(1),
				item_count: 203,
			}),
			Eve,
		)
		.unwrap());
		assert_ok!(common::apply_signed(
			RuntimeCall::Datasets(pallet_datasets::Call::accept_contribution {
				// The one just proposed (genesis contributions take ids too).
				contribution: pallet_datasets::NextContributionId::<Runtime>::get() - 1,
				new_root: H256::repeat_byte(2),
			}),
			Alice,
		)
		.unwrap());
		assert_ok!(common::apply_signed(
			RuntimeCall::Royalties(pallet_royalties::Call::pay { model: DEMO_MODEL, amount: UNIT }),
			Ferdie,
		)
		.unwrap());
		assert_eq!(earnings(&Eve.to_account_id()), 0);
		assert!(earnings(&Alice.to_account_id()) > 0);
	});
}
