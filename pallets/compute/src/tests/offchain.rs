//! The off-chain worker: requests to the ML service in local storage, and the commits,
//! reveals and failure reports it signs and submits for the node's workers.

use codec::Decode;
use frame_support::{assert_ok, traits::Hooks};
use lineage_primitives::{
	compute::{JobFailure, KEY_TYPE},
	ml_jobs::{
		request_key, response_key, MlOutput, MlRequest, MlResponse, MlResult, MlTask, QUEUE_KEY,
	},
};
use sp_core::{
	offchain::{
		testing::{PoolState, TestOffchainExt, TestTransactionPoolExt},
		OffchainDbExt, OffchainWorkerExt, TransactionPoolExt,
	},
	H256,
};
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{generic::Preamble, offchain::storage::StorageValueRef, traits::Dispatchable};
use std::sync::Arc;

use super::*;
use crate::{Call, Commits, Event, Failures, Jobs, NextJobId, Reveals, Workers};

const MODEL: u32 = 3;
const FEE: Balance = 40 + COMPUTE_FEE * REPLICATION as Balance;
const OUTPUT: [i32; 2] = [1_000, -250];

/// A chain whose node holds the `lnml` keys of Alice, Bob and Charlie, registered workers,
/// with off-chain storage and a transaction pool to inspect.
fn node_ext() -> (sp_io::TestExternalities, Arc<parking_lot::RwLock<PoolState>>) {
	let mut ext = new_test_ext();
	let (offchain, _) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	let keystore = MemoryKeystore::new();
	for who in [ALICE, BOB, CHARLIE] {
		let public =
			keystore.sr25519_generate_new(KEY_TYPE, Some(&format!("//worker{who}"))).unwrap();
		bind_key(public, who);
	}
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain));
	ext.register_extension(TransactionPoolExt::new(pool));
	ext.register_extension(KeystoreExt::new(keystore));
	ext.execute_with(|| {
		for who in [ALICE, BOB, CHARLIE] {
			let key = WorkerKey::from(
				sp_io::crypto::sr25519_public_keys(KEY_TYPE)
					.into_iter()
					.find(|public| TestSigner(*public).into_account() == who)
					.unwrap(),
			);
			assert_ok!(Compute::register_worker(RuntimeOrigin::signed(who), MIN_STAKE, cpu(), key));
		}
		add_model(MODEL, 40, true);
	});
	(ext, pool_state)
}

use sp_runtime::traits::IdentifyAccount;

fn submit_job() -> u64 {
	assert_ok!(Compute::submit_inference(
		RuntimeOrigin::signed(DAVE),
		MODEL,
		vec![0, 0, 128, 63],
		FEE
	));
	NextJobId::<Test>::get() - 1
}

fn run_offchain_worker(block: u64) {
	System::set_block_number(block);
	Compute::offchain_worker(block);
}

/// Takes the pool's transactions: each sender with its call.
fn take_pool(pool: &parking_lot::RwLock<PoolState>) -> Vec<(AccountId, RuntimeCall)> {
	std::mem::take(&mut pool.write().transactions)
		.into_iter()
		.map(|bytes| {
			let extrinsic = Extrinsic::decode(&mut &bytes[..]).unwrap();
			let Preamble::Signed(sender, (), ()) = extrinsic.preamble else {
				panic!("the off-chain worker sends signed transactions only")
			};
			(sender, extrinsic.function)
		})
		.collect()
}

fn apply(transactions: Vec<(AccountId, RuntimeCall)>) {
	for (sender, call) in transactions {
		assert_ok!(call.dispatch(RuntimeOrigin::signed(sender)));
	}
}

fn queue() -> Vec<u64> {
	StorageValueRef::persistent(QUEUE_KEY).get().unwrap().unwrap_or_default()
}

/// What the node's ML service does: answers the request and leaves the queue.
fn answer(job: u64, response: MlResponse) {
	StorageValueRef::persistent(&response_key(job)).set(&response);
	let remaining: Vec<u64> = queue().into_iter().filter(|queued| *queued != job).collect();
	StorageValueRef::persistent(QUEUE_KEY).set(&remaining);
}

fn inference_result() -> MlResponse {
	Ok(MlResult {
		output: MlOutput::Inference(OUTPUT.to_vec()),
		weights_hash: H256::repeat_byte(5),
		engine_version: b"0.1.0".to_vec(),
		backend: Backends::CPU,
	})
}

#[test]
fn a_job_is_requested_once_then_committed_revealed_and_forgotten() {
	let (mut ext, pool) = node_ext();
	ext.execute_with(|| {
		let job = submit_job();
		run_offchain_worker(1);
		run_offchain_worker(1);
		let request: MlRequest =
			StorageValueRef::persistent(&request_key(job)).get().unwrap().unwrap();
		assert_eq!(
			request,
			MlRequest {
				job,
				task: MlTask::Inference { model: MODEL, input: vec![0, 0, 128, 63] },
				commit_until: 1 + COMMIT_PERIOD as u32,
			}
		);
		assert_eq!(queue(), vec![job], "queued once");
		assert!(take_pool(&pool).is_empty(), "nothing to send before the result");

		answer(job, inference_result());
		run_offchain_worker(2);
		let commits = take_pool(&pool);
		let mut senders: Vec<AccountId> = commits.iter().map(|(sender, _)| *sender).collect();
		senders.sort();
		assert_eq!(senders, vec![ALICE, BOB, CHARLIE]);
		assert!(commits
			.iter()
			.all(|(_, call)| matches!(call, RuntimeCall::Compute(Call::commit_result { .. }))));
		apply(commits);
		run_offchain_worker(3);
		assert!(take_pool(&pool).is_empty(), "commitments landed: nothing to resend");

		// From the commit period's last block, reveals land after it.
		run_offchain_worker(4);
		let reveals = take_pool(&pool);
		assert_eq!(reveals.len(), 3);
		System::set_block_number(5);
		apply(reveals);
		for who in [ALICE, BOB, CHARLIE] {
			assert!(Reveals::<Test>::contains_key(job, who));
		}

		System::set_block_number(6);
		Compute::on_initialize(6);
		assert!(System::events().iter().any(|record| matches!(
			&record.event,
			RuntimeEvent::Compute(Event::JobCompleted { agreed, .. }) if agreed.len() == 3
		)));
		assert_eq!(Compute::result(job).unwrap().output.inference(), Some(&OUTPUT[..]));
		run_offchain_worker(6);
		assert!(take_pool(&pool).is_empty());
		assert_eq!(StorageValueRef::persistent(&request_key(job)).get::<MlRequest>(), Ok(None));
		assert_eq!(StorageValueRef::persistent(&response_key(job)).get::<MlResponse>(), Ok(None));
	});
}

#[test]
fn a_commitment_that_did_not_land_is_sent_again_with_the_same_salt() {
	let (mut ext, pool) = node_ext();
	ext.execute_with(|| {
		let job = submit_job();
		answer(job, inference_result());
		run_offchain_worker(1);
		let first = take_pool(&pool);
		assert_eq!(first.len(), 3);
		// Dropped from the pool; a restart at the same block sends nothing twice.
		run_offchain_worker(1);
		run_offchain_worker(2);
		assert!(take_pool(&pool).is_empty());
		run_offchain_worker(3);
		let mut second = take_pool(&pool);
		let mut first = first;
		first.sort_by_key(|(sender, _)| *sender);
		second.sort_by_key(|(sender, _)| *sender);
		assert_eq!(first, second, "the same commitments, from the same salt");
		apply(second);
		assert!(Commits::<Test>::contains_key(job, ALICE));
	});
}

#[test]
fn a_failure_of_the_service_is_reported_and_not_slashed() {
	let (mut ext, pool) = node_ext();
	ext.execute_with(|| {
		let job = submit_job();
		let missing = JobFailure::MissingBlob { hash: H256::repeat_byte(5) };
		answer(job, Err(missing));
		run_offchain_worker(1);
		let reports = take_pool(&pool);
		assert_eq!(reports.len(), 3);
		assert!(reports.iter().all(|(_, call)| call
			== &RuntimeCall::Compute(Call::report_failure { job, failure: missing })));
		apply(reports);
		assert_eq!(Failures::<Test>::get(job, ALICE), Some(missing));
		run_offchain_worker(2);
		assert!(take_pool(&pool).is_empty(), "reported once");

		System::set_block_number(6);
		Compute::on_initialize(6);
		assert!(!Jobs::<Test>::contains_key(job));
		assert!(!Failures::<Test>::contains_key(job, ALICE));
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::Compute(Event::WorkerSlashed { .. })
		)));
		let alice = Workers::<Test>::get(ALICE).unwrap();
		assert_eq!((alice.stake, alice.reputation.missed), (MIN_STAKE, 1));
		Compute::do_try_state().unwrap();
	});
}

#[test]
fn a_key_registered_by_another_account_is_not_served() {
	let (mut ext, pool) = node_ext();
	ext.execute_with(|| {
		let alice_key = Workers::<Test>::get(ALICE).unwrap().key;
		bind_key(alice_key.clone().into(), EVE);
		let job = submit_job();
		answer(job, inference_result());
		run_offchain_worker(1);
		let senders: Vec<AccountId> = take_pool(&pool).into_iter().map(|(who, _)| who).collect();
		assert_eq!(senders.len(), 2);
		assert!(!senders.contains(&ALICE) && !senders.contains(&EVE));
	});
}

#[test]
fn jobs_beyond_a_runs_transaction_budget_are_served_in_the_next_block() {
	let (mut ext, pool) = node_ext();
	ext.execute_with(|| {
		let first = [submit_job(), submit_job()];
		System::set_block_number(2);
		let second = [submit_job(), submit_job()];
		for job in first.into_iter().chain(second) {
			answer(job, inference_result());
		}
		run_offchain_worker(2);
		let sent = take_pool(&pool);
		assert_eq!(sent.len(), 3 * crate::offchain::MAX_TRANSACTIONS_PER_WORKER as usize);
		apply(sent);
		run_offchain_worker(3);
		let rest = take_pool(&pool);
		assert_eq!(rest.len(), 3 * 2, "the two jobs left, for each worker");
		apply(rest);
		for job in first.into_iter().chain(second) {
			for who in [ALICE, BOB, CHARLIE] {
				assert!(Commits::<Test>::contains_key(job, who));
			}
		}
	});
}
