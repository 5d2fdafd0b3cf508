//! The validator network (`networks/validators.toml`: Alice, Bob, Charlie and Dave validate
//! the `local` chain, an RPC node follows): every scenario spawns its own network of real
//! `lineage-node` processes, is bounded in time, and leaves no process behind (the network is
//! destroyed at the end, and its processes are killed when it is dropped on a failure).
//!
//! A validator "goes down" with SIGSTOP: the process freezes as a crashed or cut-off machine
//! does, neither authoring nor voting. It "comes back" with zombienet's restart: the frozen
//! process is killed and a new one starts on the same base path, from its database.
//!
//! Run with `scripts/test-network` (it builds the node and puts it on PATH).

use std::{collections::BTreeSet, time::Duration};

use anyhow::{ensure, Context};
use lineage_zombienet::{
	chain::{call, from_hex, to_hex, AuraKey, EncodedCall, Node},
	network::{height, log, nodes, spawn, wait_height, within, Lineage, BEST, FINALIZED},
};
use zombienet_sdk::{
	subxt::{dynamic::Value, ext::codec::Encode, tx::Payload},
	subxt_signer::sr25519::{dev, Keypair},
	AddNodeOptions, NetworkNode,
};

const MINUTE: Duration = Duration::from_secs(60);
/// 10^12 plancks: one LIN.
const LIN: u128 = 1_000_000_000_000;

fn aura_key(keypair: &Keypair) -> AuraKey {
	keypair.public_key().0
}

/// Spawns the network and waits until every node has finalised block `blocks`.
async fn running_network(blocks: u64) -> anyhow::Result<Lineage> {
	let network = spawn("validators.toml").await?;
	// A 6-second slot a block, half as much again for slow starts, and a minute for GRANDPA.
	let limit = MINUTE + Duration::from_secs(9 * blocks);
	for node in network.nodes() {
		wait_height(node, FINALIZED, blocks, limit).await?;
	}
	Ok(network)
}

/// The first block at or after `from` that `author` authored, on `observer`'s chain.
async fn first_block_by(
	observer: &Node,
	observer_node: &NetworkNode,
	author: AuraKey,
	from: u32,
) -> anyhow::Result<u32> {
	let mut number = from;
	loop {
		wait_height(observer_node, BEST, number.into(), MINUTE).await?;
		if observer.author_of(number).await? == author {
			return Ok(number);
		}
		number = number.saturating_add(1);
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_author_in_turn_and_finalise() -> anyhow::Result<()> {
	let network = running_network(3).await?;
	let rpc_node = network.get_node("rpc")?;
	let rpc = Node::connect(rpc_node).await?;

	// Aura's round robin: each of the four authors within a few slots.
	let expected: BTreeSet<AuraKey> =
		[dev::alice(), dev::bob(), dev::charlie(), dev::dave()].iter().map(aura_key).collect();
	let mut seen = BTreeSet::new();
	within(3 * MINUTE, "every validator authoring a block", async {
		let mut number = 1;
		while seen != expected {
			wait_height(rpc_node, FINALIZED, number.into(), MINUTE).await?;
			let author = rpc.author_of(number).await?;
			ensure!(expected.contains(&author), "block #{number} by a stranger");
			seen.insert(author);
			number += 1;
		}
		log(&format!("all four validators authored within blocks 1..{number}"));
		Ok(())
	})
	.await?;

	// And all four nodes and the RPC node agree on what is final.
	let target = height(rpc_node, FINALIZED).await?.saturating_add(2);
	for node in network.nodes() {
		wait_height(node, FINALIZED, target, MINUTE).await?;
	}
	network.destroy().await?;
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn one_validator_down_is_not_missed_and_a_restart_catches_up_from_its_database(
) -> anyhow::Result<()> {
	let network = running_network(2).await?;
	let [alice, dave] = nodes(&network, &["alice", "dave"])?[..] else { unreachable!() };
	let rpc_node = network.get_node("rpc")?;
	let rpc = Node::connect(rpc_node).await?;

	dave.pause().await?;
	// Three of four are more than two thirds: blocks and finality go on.
	let finalized = height(alice, FINALIZED).await?;
	let best = height(alice, BEST).await?;
	wait_height(alice, BEST, best + 4, 2 * MINUTE).await?;
	wait_height(alice, FINALIZED, finalized + 4, 2 * MINUTE).await?;
	log(&format!("dave down: best {best} → {}", height(alice, BEST).await?));

	let tip = height(alice, FINALIZED).await?;
	dave.restart(None).await?;
	let caught_up = wait_height(dave, FINALIZED, tip, 2 * MINUTE).await?;
	log(&format!("dave restarted: finalised #{tip} (the others' tip) after {caught_up:.1?}"));

	// It is a validator again: it authors a block after its restart.
	let from = u32::try_from(tip)?.saturating_add(1);
	let authored = within(
		2 * MINUTE,
		"dave authoring",
		first_block_by(&rpc, rpc_node, aura_key(&dev::dave()), from),
	)
	.await?;
	log(&format!("dave authored #{authored} after its restart"));
	network.destroy().await?;
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn two_validators_down_stall_finality_not_blocks_until_they_return() -> anyhow::Result<()> {
	let network = running_network(2).await?;
	let [alice, charlie, dave] = nodes(&network, &["alice", "charlie", "dave"])?[..] else {
		unreachable!()
	};

	charlie.pause().await?;
	dave.pause().await?;
	// Let a round that was already voted on complete, then watch three more blocks.
	let best = height(alice, BEST).await?;
	wait_height(alice, BEST, best + 1, 2 * MINUTE).await?;
	let stalled_at = height(alice, FINALIZED).await?;
	let best = height(alice, BEST).await?;
	wait_height(alice, BEST, best + 3, 2 * MINUTE).await?;
	let finalized = height(alice, FINALIZED).await?;
	ensure!(finalized == stalled_at, "finalised #{finalized} with two of four voters down");
	log(&format!("two down: best {best} → {}, finality stalled at #{stalled_at}", best + 3));

	// They come back from their databases; finality catches up with no one's help.
	let best = height(alice, BEST).await?;
	charlie.restart(None).await?;
	dave.restart(None).await?;
	let recovered = wait_height(alice, FINALIZED, best, 3 * MINUTE).await?;
	log(&format!("both restarted: #{best} finalised after {recovered:.1?}"));
	for node in [charlie, dave] {
		wait_height(node, FINALIZED, best, MINUTE).await?;
	}
	network.destroy().await?;
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_validator_added_by_referendum_authors_after_the_session_change() -> anyhow::Result<()> {
	let mut network = running_network(2).await?;
	let options = AddNodeOptions { is_validator: true, ..Default::default() };
	network.add_node("eve", options).await?;
	let rpc_node = network.get_node("rpc")?;
	let rpc = Node::connect(rpc_node).await?;
	let eve_node = network.get_node("eve")?;
	wait_height(eve_node, BEST, height(rpc_node, BEST).await?, 2 * MINUTE).await?;

	// The operator's side: keys generated in Eve's node, registered from her account.
	let eve = dev::eve();
	let owner = to_hex(&eve.public_key().0);
	let generated: serde_json::Value = Node::connect(eve_node)
		.await?
		.rpc_call("author_rotateKeysWithOwner", &[owner.into()])
		.await?;
	let keys = from_hex(generated["keys"].as_str().context("keys")?)?;
	let proof = from_hex(generated["proof"].as_str().context("proof")?)?;
	let eve_aura: AuraKey = keys.get(..32).context("short keys")?.try_into()?;
	let mut arguments = keys.clone();
	proof.encode_to(&mut arguments);
	rpc.submit(&EncodedCall { pallet: "Session", call: "set_keys", arguments }, &eve)
		.await
		.context("Eve's session.set_keys")?;

	// Governance's side: a root-track referendum to add her, passed by five holders' votes.
	let add = call("Validators", "add_validator", vec![Value::from_bytes(eve.public_key().0)]);
	let add = add.encode_call_data(&rpc.client.metadata())?;
	let index: u32 = rpc.storage("Referenda", "ReferendumCount").await.unwrap_or(0);
	let root = Value::unnamed_variant("system", [Value::unnamed_variant("Root", [])]);
	let submit = call(
		"Referenda",
		"submit",
		vec![
			root,
			Value::unnamed_variant("Inline", [Value::from_bytes(&add)]),
			Value::unnamed_variant("After", [Value::u128(1)]),
		],
	);
	rpc.submit(&submit, &dev::alice()).await.context("referenda.submit")?;
	let deposit = call("Referenda", "place_decision_deposit", vec![Value::u128(index.into())]);
	rpc.submit(&deposit, &dev::alice()).await.context("referenda.place_decision_deposit")?;
	let aye = Value::named_variant(
		"Standard",
		[
			// Aye (0x80) with 1x conviction.
			("vote", Value::unnamed_composite([Value::u128(0x81)])),
			("balance", Value::u128(900_000 * LIN)),
		],
	);
	let vote = call("ConvictionVoting", "vote", vec![Value::u128(index.into()), aye]);
	let voters = [dev::alice(), dev::bob(), dev::charlie(), dev::dave(), dev::ferdie()];
	futures::future::try_join_all(voters.iter().map(|voter| rpc.submit(&vote, voter)))
		.await
		.context("conviction_voting.vote")?;
	log(&format!("referendum {index} submitted and voted"));

	let added_at = within(4 * MINUTE, "the referendum adding Eve", async {
		loop {
			let validators: Vec<[u8; 32]> = rpc.storage("Validators", "Validators").await?;
			if validators.contains(&eve.public_key().0) {
				return Ok(u32::try_from(height(rpc_node, BEST).await?)?);
			}
			tokio::time::sleep(Duration::from_secs(2)).await;
		}
	})
	.await?;
	log(&format!("Eve is in the validator set at #{added_at}"));

	// Queued at the next session change, authoring from the one after.
	let authored =
		within(5 * MINUTE, "Eve authoring", first_block_by(&rpc, rpc_node, eve_aura, added_at))
			.await?;
	log(&format!("Eve authored #{authored}, {} blocks after joining", authored - added_at));
	// And the five keep finalising, Eve's block included.
	wait_height(rpc_node, FINALIZED, authored.into(), 2 * MINUTE).await?;
	network.destroy().await?;
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fresh_full_node_syncs_to_the_tip() -> anyhow::Result<()> {
	let mut network = running_network(30).await?;
	let tip = height(network.get_node("rpc")?, BEST).await?;
	let started = std::time::Instant::now();
	network.add_node("ferdie", AddNodeOptions::default()).await?;
	let ferdie = network.get_node("ferdie")?;
	let synced = wait_height(ferdie, BEST, tip, 2 * MINUTE).await?;
	let since_spawn = started.elapsed();
	log(&format!(
		"ferdie synced {tip} blocks in {synced:.1?} after it answered ({since_spawn:.1?} from \
		 spawning): {:.1} blocks/s",
		tip as f64 / since_spawn.as_secs_f64()
	));
	wait_height(ferdie, FINALIZED, tip, MINUTE).await?;
	network.destroy().await?;
	Ok(())
}
