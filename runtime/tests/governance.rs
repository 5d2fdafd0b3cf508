//! Governance on the native runtime, block by block through `Executive` on the development
//! preset (its tracks run in blocks): a proposal is noted as a preimage, submitted on a track,
//! given its decision deposit, voted on with conviction, confirmed, and enacted by the
//! scheduler with the track's origin. What each track's origin may and may not do is then
//! read from state.

#![allow(
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects,
	reason = "tests"
)]

mod common;

use codec::{Decode, Encode};
use common::{apply_signed, begin_chain, events, ext_from_preset, next_block};
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, Get, QueryPreimage},
};
use lineage_primitives::{
	apis::runtime_decl_for_dao_api::DaoApi,
	disputes::{DisputeReason, DisputeSubject},
	models::ModelStatus,
};
use lineage_runtime::{
	configs::{dynamic_params, RuntimeParameters, TreasuryAccount, TREASURY_FEE_PERCENT},
	genesis_demo::DEMO_MODEL,
	Balances, OriginCaller, Runtime, RuntimeCall, RuntimeEvent, MILLI_UNIT, UNIT, VERSION,
};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use pallet_referenda::{ReferendumInfo, ReferendumInfoFor};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{traits::Hash as _, DispatchError, MultiAddress};

/// The voters: the six development accounts with funds, each voting 900,000 LIN.
const VOTERS: [Sr25519Keyring; 6] = [Alice, Bob, Charlie, Dave, Eve, Ferdie];
const VOTE: u128 = 900_000 * UNIT;

/// Blocks a referendum may take before the tests give up: the development tracks decide
/// within 22 blocks and enact one block after approval.
const MAX_BLOCKS: u32 = 40;

fn dao(origin: pallet_dao::Origin) -> OriginCaller {
	OriginCaller::Dao(origin)
}

fn root() -> OriginCaller {
	OriginCaller::system(frame_system::RawOrigin::Root)
}

/// Notes `call` as a preimage, submits it on `origin`'s track, places the decision deposit
/// and has every voter vote aye with conviction 1×. Returns the referendum's index.
fn propose_and_vote(origin: OriginCaller, call: RuntimeCall) -> u32 {
	let encoded = call.encode();
	let hash = <Runtime as frame_system::Config>::Hashing::hash(&encoded);
	// The same call proposed again reuses its preimage.
	if <lineage_runtime::Preimage as QueryPreimage>::len(&hash).is_none() {
		assert_ok!(apply_signed(
			RuntimeCall::Preimage(pallet_preimage::Call::note_preimage { bytes: encoded.clone() }),
			Alice,
		)
		.unwrap());
	}
	let proposal =
		frame_support::traits::Bounded::Lookup { hash, len: u32::try_from(encoded.len()).unwrap() };
	let index = pallet_referenda::ReferendumCount::<Runtime>::get();
	assert_ok!(apply_signed(
		RuntimeCall::Referenda(pallet_referenda::Call::submit {
			proposal_origin: Box::new(origin),
			proposal,
			enactment_moment: frame_support::traits::schedule::DispatchTime::After(1),
		}),
		Alice,
	)
	.unwrap());
	assert_ok!(apply_signed(
		RuntimeCall::Referenda(pallet_referenda::Call::place_decision_deposit { index }),
		Alice,
	)
	.unwrap());
	for voter in VOTERS {
		assert_ok!(apply_signed(
			RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::vote {
				poll_index: index,
				vote: AccountVote::Standard {
					vote: Vote { aye: true, conviction: Conviction::Locked1x },
					balance: VOTE,
				},
			}),
			voter,
		)
		.unwrap());
	}
	index
}

/// Runs blocks until the scheduler has dispatched referendum `index`'s proposal (the task
/// the referenda pallet names `("assembly", "enactment", index)`; its alarms are anonymous),
/// and returns the dispatch's result.
fn enact(index: u32) -> Result<(), DispatchError> {
	let enactment = (*b"assembly", "enactment", index).using_encoded(sp_io::hashing::blake2_256);
	for _ in 0..MAX_BLOCKS {
		next_block();
		let dispatched = events().into_iter().find_map(|event| match event {
			RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched {
				id: Some(id),
				result,
				..
			}) if id == enactment => Some(result),
			_ => None,
		});
		if let Some(result) = dispatched {
			assert!(
				matches!(
					ReferendumInfoFor::<Runtime>::get(index),
					Some(ReferendumInfo::Approved(..))
				),
				"referendum {index} was approved before its proposal ran"
			);
			return result;
		}
	}
	panic!("referendum {index} was not enacted within {MAX_BLOCKS} blocks");
}

fn pass(origin: OriginCaller, call: RuntimeCall) -> Result<(), DispatchError> {
	let index = propose_and_vote(origin, call);
	enact(index)
}

fn set_compute_fee(fee: u128) -> RuntimeCall {
	RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Compute(dynamic_params::compute::Parameters::ComputeFee(
			dynamic_params::compute::ComputeFee,
			Some(fee),
		)),
	})
}

#[test]
fn the_parameters_track_sets_a_compute_parameter() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		assert_eq!(dynamic_params::compute::ComputeFee::get(), MILLI_UNIT);
		assert_ok!(pass(dao(pallet_dao::Origin::Parameters), set_compute_fee(3 * MILLI_UNIT)));
		assert_eq!(dynamic_params::compute::ComputeFee::get(), 3 * MILLI_UNIT);
	});
}

#[test]
fn the_parameters_track_cannot_raise_the_treasurers_cap() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		let cap = dynamic_params::treasury::TreasurerSpendCap::get();
		let raise = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
			key_value: RuntimeParameters::Treasury(
				dynamic_params::treasury::Parameters::TreasurerSpendCap(
					dynamic_params::treasury::TreasurerSpendCap,
					Some(cap * 100),
				),
			),
		});
		assert_eq!(
			pass(dao(pallet_dao::Origin::Parameters), raise.clone()),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(dynamic_params::treasury::TreasurerSpendCap::get(), cap);
		// The root track can.
		assert_ok!(pass(root(), raise));
		assert_eq!(dynamic_params::treasury::TreasurerSpendCap::get(), cap * 100);
	});
}

#[test]
fn the_model_curator_track_certifies_and_revokes() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		let certify = RuntimeCall::Models(pallet_models::Call::certify { model: DEMO_MODEL });
		// Other tracks' origins are not the curator.
		assert_eq!(
			pass(dao(pallet_dao::Origin::Parameters), certify.clone()),
			Err(DispatchError::BadOrigin)
		);
		assert_ok!(pass(dao(pallet_dao::Origin::ModelCurator), certify));
		let status = |model| pallet_models::Models::<Runtime>::get(model).unwrap().status;
		assert_eq!(status(DEMO_MODEL), ModelStatus::Certified);
		let revoke = RuntimeCall::Models(pallet_models::Call::revoke { model: DEMO_MODEL });
		assert_ok!(pass(dao(pallet_dao::Origin::ModelCurator), revoke));
		assert_eq!(status(DEMO_MODEL), ModelStatus::Revoked);
	});
}

#[test]
fn the_treasurer_track_spends_up_to_its_cap() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		let treasury = TreasuryAccount::get();
		let dave = Dave.to_account_id();
		assert_ok!(apply_signed(
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: MultiAddress::Id(treasury.clone()),
				value: 50_000 * UNIT,
			}),
			Ferdie,
		)
		.unwrap());
		let cap = dynamic_params::treasury::TreasurerSpendCap::get();
		let spend = |amount| {
			RuntimeCall::Treasury(pallet_treasury::Call::spend {
				asset_kind: Box::new(()),
				amount,
				beneficiary: Box::new(MultiAddress::Id(dave.clone())),
				valid_from: None,
			})
		};
		assert_eq!(
			pass(dao(pallet_dao::Origin::Treasurer), spend(cap + 1)),
			Err(pallet_treasury::Error::<Runtime>::InsufficientPermission.into())
		);
		assert_ok!(pass(dao(pallet_dao::Origin::Treasurer), spend(cap)));
		let index = pallet_treasury::SpendCount::<Runtime>::get() - 1;
		let before = Balances::balance(&dave);
		assert_ok!(apply_signed(
			RuntimeCall::Treasury(pallet_treasury::Call::payout { index }),
			Eve,
		)
		.unwrap());
		assert_eq!(Balances::balance(&dave), before + cap);
		// A signed account cannot spend at all.
		assert_eq!(apply_signed(spend(1), Dave).unwrap(), Err(DispatchError::BadOrigin));
	});
}

#[test]
fn fees_pay_the_treasury_its_share() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		let treasury = TreasuryAccount::get();
		let before = Balances::balance(&treasury);
		let issuance = Balances::total_issuance();
		assert_ok!(apply_signed(
			RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 100] }),
			Bob,
		)
		.unwrap());
		let fee = events()
			.into_iter()
			.find_map(|event| match event {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
				) => Some(actual_fee),
				_ => None,
			})
			.unwrap();
		let to_treasury = Balances::balance(&treasury) - before;
		assert_eq!(to_treasury, fee * u128::from(TREASURY_FEE_PERCENT) / 100);
		// The rest is burned.
		assert_eq!(issuance - Balances::total_issuance(), fee - to_treasury);
	});
}

/// The runtime's own WASM with `spec_version` set to `spec_version` in its embedded
/// `runtime_version` section, which is where nodes read a runtime's version from.
fn runtime_with_spec_version(spec_version: u32) -> Vec<u8> {
	let compressed = lineage_runtime::WASM_BINARY
		.expect("the WASM runtime is built (run the tests without SKIP_WASM_BUILD)");
	let mut wasm = sp_maybe_compressed_blob::decompress(compressed, 64 << 20).unwrap().into_owned();
	let (start, len) = custom_section(&wasm, "runtime_version").expect("the section exists");
	let mut version = sp_version::RuntimeVersion::decode(&mut &wasm[start..start + len]).unwrap();
	assert_eq!(version.spec_version, VERSION.spec_version);
	version.spec_version = spec_version;
	let encoded = version.encode();
	assert_eq!(encoded.len(), len, "only a number changed, so the section keeps its size");
	wasm[start..start + len].copy_from_slice(&encoded);
	sp_maybe_compressed_blob::compress_weakly(&wasm, 64 << 20).unwrap()
}

/// The offset and length of custom section `name`'s payload in `wasm`.
fn custom_section(wasm: &[u8], name: &str) -> Option<(usize, usize)> {
	fn leb128(bytes: &[u8], at: &mut usize) -> usize {
		let (mut value, mut shift) = (0usize, 0);
		loop {
			let byte = bytes[*at];
			*at += 1;
			value |= usize::from(byte & 0x7f) << shift;
			if byte & 0x80 == 0 {
				return value;
			}
			shift += 7;
		}
	}
	let mut at = 8; // magic and version
	while at < wasm.len() {
		let id = wasm[at];
		at += 1;
		let size = leb128(wasm, &mut at);
		let end = at + size;
		if id == 0 {
			let mut payload = at;
			let name_len = leb128(wasm, &mut payload);
			if &wasm[payload..payload + name_len] == name.as_bytes() {
				let start = payload + name_len;
				return Some((start, end - start));
			}
		}
		at = end;
	}
	None
}

#[test]
fn the_root_track_upgrades_the_runtime() {
	let mut ext = ext_from_preset(DEV_RUNTIME_PRESET);
	// `set_code` reads the new runtime's version as a node would.
	ext.register_extension(sp_core::traits::ReadRuntimeVersionExt::new(
		sc_executor::WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build(),
	));
	ext.execute_with(|| {
		begin_chain();
		let next = VERSION.spec_version + 1;
		let code = runtime_with_spec_version(next);
		let code_hash = <Runtime as frame_system::Config>::Hashing::hash(&code);
		let authorize = RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash });

		// Only the root track may authorise an upgrade.
		assert_eq!(
			pass(dao(pallet_dao::Origin::Parameters), authorize.clone()),
			Err(DispatchError::BadOrigin)
		);
		assert_ok!(pass(root(), authorize));
		assert!(events().iter().any(|event| matches!(
			event,
			RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { .. })
		)));

		// Anyone then supplies the code; it is checked against the authorised hash.
		next_block();
		assert_ok!(apply_signed(
			RuntimeCall::System(frame_system::Call::apply_authorized_upgrade {
				code: code.clone()
			}),
			Bob,
		)
		.unwrap());
		assert!(events().iter().any(|event| matches!(
			event,
			RuntimeEvent::System(frame_system::Event::CodeUpdated { .. })
		)));
		let stored = sp_io::storage::get(sp_core::storage::well_known_keys::CODE).unwrap();
		assert_eq!(&stored[..], &code[..]);
		let version = sp_io::misc::runtime_version(&stored).expect("the new code has a version");
		let version = sp_version::RuntimeVersion::decode(&mut &version[..]).unwrap();
		assert_eq!(version.spec_version, next);
	});
}

#[test]
fn votes_lock_the_voters_funds_with_conviction() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		let index =
			propose_and_vote(dao(pallet_dao::Origin::Parameters), set_compute_fee(2 * MILLI_UNIT));
		for voter in VOTERS {
			let locks = pallet_balances::Locks::<Runtime>::get(voter.to_account_id());
			assert!(
				locks.iter().any(|lock| lock.id == *b"pyconvot" && lock.amount == VOTE),
				"{voter:?}'s vote is locked"
			);
		}
		assert_ok!(enact(index));
		// The lock outlives the referendum: with conviction 1× the funds stay locked for one
		// locking period after it ends, even once the vote is removed.
		let alice = Alice.to_account_id();
		assert_ok!(apply_signed(
			RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::remove_vote {
				class: Some(pallet_dao::tracks::PARAMETERS),
				index,
			}),
			Alice,
		)
		.unwrap());
		assert_ok!(apply_signed(
			RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::unlock {
				class: pallet_dao::tracks::PARAMETERS,
				target: MultiAddress::Id(alice.clone()),
			}),
			Alice,
		)
		.unwrap());
		let locked = pallet_balances::Locks::<Runtime>::get(&alice);
		assert!(locked.iter().any(|lock| lock.amount == VOTE), "{locked:?}");
	});
}

fn open_dispute_against_demo_model(opener: Sr25519Keyring) -> u32 {
	let id = pallet_dao::NextDisputeId::<Runtime>::get();
	assert_ok!(apply_signed(
		RuntimeCall::Dao(pallet_dao::Call::open_dispute {
			subject: DisputeSubject::Model(DEMO_MODEL),
			reason: DisputeReason::CopiedModel,
			evidence_uri: b"https://evidence.example/digits-copy".to_vec(),
			evidence_hash: sp_core::H256::repeat_byte(0xee),
		}),
		opener,
	)
	.unwrap());
	id
}

fn dispute_held(who: &lineage_runtime::AccountId) -> u128 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(
		&lineage_runtime::RuntimeHoldReason::Dao(pallet_dao::HoldReason::DisputeDeposit),
		who,
	)
}

#[test]
fn an_upheld_dispute_revokes_the_model_and_pays_its_deposit_to_the_treasury() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		let bob = Bob.to_account_id();
		let dispute = open_dispute_against_demo_model(Bob);
		let deposit = dynamic_params::dao::DisputeDeposit::get();
		assert_eq!(dispute_held(&bob), deposit);
		let open = <Runtime as DaoApi<_, _>>::open_disputes();
		assert_eq!(open.len(), 1);
		assert_eq!(open[0].1.offender, Dave.to_account_id());

		let rule = RuntimeCall::Dao(pallet_dao::Call::rule { dispute, upheld: true });
		// The curator's track may not rule.
		assert_eq!(
			pass(dao(pallet_dao::Origin::ModelCurator), rule.clone()),
			Err(DispatchError::BadOrigin)
		);
		assert_ok!(pass(dao(pallet_dao::Origin::DataDisputes), rule));
		let model_deposit = lineage_runtime::configs::ModelDeposit::get();
		assert!(events().contains(&RuntimeEvent::Models(
			pallet_models::Event::ModelRevokedOnDispute {
				model: DEMO_MODEL,
				to: TreasuryAccount::get(),
				slashed: model_deposit,
			}
		)));
		assert!(events().contains(&RuntimeEvent::Dao(pallet_dao::Event::DisputeUpheld {
			dispute,
			subject: DisputeSubject::Model(DEMO_MODEL),
			slashed: model_deposit,
			returned: deposit,
		})));
		let status = pallet_models::Models::<Runtime>::get(DEMO_MODEL).unwrap().status;
		assert_eq!(status, ModelStatus::Revoked);
		assert_eq!(dispute_held(&bob), 0);
		assert!(<Runtime as DaoApi<_, _>>::open_disputes().is_empty());
	});
}

#[test]
fn a_rejected_dispute_pays_the_openers_deposit_to_the_treasury() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		let eve = Eve.to_account_id();
		let before = Balances::balance(&eve);
		let dispute = open_dispute_against_demo_model(Eve);
		let deposit = dynamic_params::dao::DisputeDeposit::get();
		let rule = RuntimeCall::Dao(pallet_dao::Call::rule { dispute, upheld: false });
		assert_ok!(pass(dao(pallet_dao::Origin::DataDisputes), rule));
		assert!(events().contains(&RuntimeEvent::Dao(pallet_dao::Event::DisputeRejected {
			dispute,
			subject: DisputeSubject::Model(DEMO_MODEL),
			slashed: deposit,
		})));
		assert_eq!(dispute_held(&eve), 0);
		// Eve lost the deposit (and her fees), and the model stands.
		assert!(before - Balances::balance(&eve) >= deposit);
		let status = pallet_models::Models::<Runtime>::get(DEMO_MODEL).unwrap().status;
		assert_ne!(status, ModelStatus::Revoked);
	});
}

#[test]
fn the_parameters_track_changes_registry_deposits_for_new_registrations_only() {
	use frame_support::traits::fungible::InspectHold;
	use lineage_runtime::{configs::ModelDeposit, RuntimeHoldReason};

	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		let old = ModelDeposit::get();
		let new = old * 3;
		let set_model_deposit = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
			key_value: RuntimeParameters::Registry(
				dynamic_params::registry::Parameters::ModelDeposit(ModelDeposit, Some(new)),
			),
		});
		assert_ok!(pass(dao(pallet_dao::Origin::Parameters), set_model_deposit));
		assert_eq!(ModelDeposit::get(), new);

		// A new version of the demo model, registered now, holds the new deposit.
		let dave = Dave.to_account_id();
		let reason = RuntimeHoldReason::Models(pallet_models::HoldReason::ModelDeposit);
		let held = Balances::balance_on_hold(&reason, &dave);
		let next = pallet_models::NextModelId::<Runtime>::get();
		assert_ok!(apply_signed(
			RuntimeCall::Models(pallet_models::Call::register_version {
				previous: DEMO_MODEL,
				spec: lineage_runtime::genesis_demo::digits_mlp_spec(),
				weights_hash: sp_core::H256::repeat_byte(0x42),
				weights_uri: b"https://models.example/digits-v2".to_vec(),
				parents: vec![],
				datasets: vec![lineage_primitives::models::DatasetUse {
					dataset: lineage_runtime::genesis_demo::DEMO_DATASET,
					version: 2,
					weight: sp_runtime::Perbill::one(),
				}],
			}),
			Dave,
		)
		.unwrap());
		assert_eq!(pallet_models::Models::<Runtime>::get(next).unwrap().deposit, new);
		assert_eq!(Balances::balance_on_hold(&reason, &dave) - held, new);

		// The demo model keeps the deposit it was charged at genesis, and returns exactly that.
		assert_eq!(pallet_models::Models::<Runtime>::get(DEMO_MODEL).unwrap().deposit, old);
		assert_ok!(apply_signed(
			RuntimeCall::Models(pallet_models::Call::deprecate { model: DEMO_MODEL }),
			Dave,
		)
		.unwrap());
		assert_eq!(Balances::balance_on_hold(&reason, &dave) - held, new - old);
	});
}

#[test]
fn an_upheld_dispute_cancels_a_contributions_shares_and_later_payments_skip_them() {
	use lineage_primitives::datasets::DatasetInspect;
	use lineage_runtime::{genesis_demo::DEMO_DATASET, Datasets, Royalties};

	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		begin_chain();
		// The demo dataset's second genesis contribution: Charlie's 297 digits, version 2.
		let charlies = 1;
		let subject = DisputeSubject::Contribution(charlies);
		let dispute = pallet_dao::NextDisputeId::<Runtime>::get();
		assert_ok!(apply_signed(
			RuntimeCall::Dao(pallet_dao::Call::open_dispute {
				subject,
				reason: DisputeReason::StolenData,
				evidence_uri: b"https://evidence.example/digits-scraped".to_vec(),
				evidence_hash: sp_core::H256::repeat_byte(0xdd),
			}),
			Bob,
		)
		.unwrap());
		assert_eq!(
			<Runtime as DaoApi<_, _>>::dispute(dispute).unwrap().offender,
			Charlie.to_account_id()
		);
		assert_eq!(Datasets::shares_at(DEMO_DATASET, 2), Some(1_797));

		let rule = RuntimeCall::Dao(pallet_dao::Call::rule { dispute, upheld: true });
		assert_ok!(pass(dao(pallet_dao::Origin::DataDisputes), rule));
		assert!(events().contains(&RuntimeEvent::Datasets(
			pallet_datasets::Event::ContributionCancelled {
				contribution: charlies,
				dataset: DEMO_DATASET,
				contributor: Charlie.to_account_id(),
				version: 2,
				shares: 297,
			}
		)));
		assert!(events().contains(&RuntimeEvent::Dao(pallet_dao::Event::DisputeUpheld {
			dispute,
			subject,
			slashed: 0,
			returned: dynamic_params::dao::DisputeDeposit::get(),
		})));
		// Version 1 never had Charlie's digits; version 2 counts Alice's 1,000 and Bob's 500.
		assert_eq!(Datasets::shares_at(DEMO_DATASET, 1), Some(1_500));
		assert_eq!(Datasets::shares_at(DEMO_DATASET, 2), Some(1_500));
		assert_eq!(
			pallet_datasets::ContributorShares::<Runtime>::get(
				DEMO_DATASET,
				Charlie.to_account_id()
			),
			None
		);

		// A payment for the demo model (trained on version 2, a fifth to its data) reaches
		// Alice and Bob only.
		assert_ok!(apply_signed(
			RuntimeCall::Royalties(pallet_royalties::Call::pay { model: DEMO_MODEL, amount: UNIT }),
			Eve,
		)
		.unwrap());
		let earned = |who: Sr25519Keyring| {
			Royalties::dataset_earnings(&who.to_account_id(), DEMO_DATASET).earned
		};
		let data = UNIT / 5;
		assert_eq!(earned(Charlie), 0);
		let close = |earned: u128, naive: u128| earned <= naive && naive - earned <= 1;
		assert!(close(earned(Bob), data * 500 / 1_500), "Bob earned {}", earned(Bob));
		assert!(close(earned(Alice), data * 1_000 / 1_500), "Alice earned {}", earned(Alice));
		// A cancelled contribution cannot be disputed again.
		assert!(apply_signed(
			RuntimeCall::Dao(pallet_dao::Call::open_dispute {
				subject,
				reason: DisputeReason::StolenData,
				evidence_uri: Vec::new(),
				evidence_hash: sp_core::H256::zero(),
			}),
			Eve,
		)
		.unwrap()
		.is_err());
	});
}
