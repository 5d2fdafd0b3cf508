//! The ML worker network (`networks/ml-workers.toml`: four validators and three full nodes
//! running the ML service): each worker node is given its worker's `lnml` key the way an
//! operator would (`author_insertKey` on its own RPC), its ML service picks the key up, and the
//! three register on chain with the least stake, while the validators keep finalising.
//!
//! Run with `scripts/test-network` (it builds the node and puts it on PATH).

use std::{str::FromStr, time::Duration};

use anyhow::{ensure, Context};
use lineage_zombienet::{
	chain::{call, to_hex, Node},
	network::{log, spawn, wait_height, within, FINALIZED},
};
use zombienet_sdk::{
	subxt::dynamic::Value,
	subxt_signer::{sr25519::Keypair, SecretUri},
};

const MINUTE: Duration = Duration::from_secs(60);
/// The runtime's least worker stake: 1,000 LIN.
const MIN_WORKER_STAKE: u128 = 1_000 * 1_000_000_000_000;
/// `Backends::CPU`.
const CPU: u128 = 1;

#[tokio::test(flavor = "multi_thread")]
async fn three_ml_workers_take_their_keys_and_register_beside_four_validators() -> anyhow::Result<()>
{
	let network = spawn("ml-workers.toml").await?;
	for node in network.nodes() {
		wait_height(node, FINALIZED, 2, 2 * MINUTE).await?;
	}
	let alice = Node::connect(network.get_node("alice")?).await?;

	// Each worker's account signs its own transactions, so its account key is its `lnml` key.
	let workers = [("eve", "//Eve"), ("ferdie", "//Ferdie"), ("stash", "//Alice//stash")];
	let mut registered = Vec::new();
	for (name, suri) in workers {
		let node = Node::connect(network.get_node(name)?).await?;
		let key = Keypair::from_uri(&SecretUri::from_str(suri)?)?;
		let public = to_hex(&key.public_key().0);
		node.rpc_call::<()>("author_insertKey", &["lnml".into(), suri.into(), public.into()])
			.await?;
		let status: serde_json::Value = node.rpc_call("lineage_mlStatus", &[]).await?;
		ensure!(status["enabled"] == true, "{name}: ML service off: {status}");
		let served = status["workers"].as_array().context("workers")?.len();
		ensure!(served == 1, "{name} serves {served} workers: {status}");

		let capabilities = Value::named_composite([
			("backends", Value::u128(CPU)),
			("max_model_bytes", Value::u128(64 * 1024 * 1024)),
		]);
		let register = call(
			"Compute",
			"register_worker",
			vec![
				Value::u128(MIN_WORKER_STAKE),
				capabilities,
				Value::from_bytes(key.public_key().0),
			],
		);
		alice.submit(&register, &key).await.with_context(|| format!("{name} registering"))?;
		registered.push(key.public_key().0);
		log(&format!("{name}: its node serves its key; registered as a worker"));
	}

	// The three become the chain's active workers (account, (backends, max model bytes)), in
	// registration order, in a finalised block. Polled: a best block that carried one may
	// still be replaced by a sibling, whose author includes the transaction again.
	within(2 * MINUTE, "the three registrations being finalised", async {
		loop {
			let active: Vec<([u8; 32], (u8, u64))> =
				alice.storage("Compute", "ActiveWorkers").await.unwrap_or_default();
			if active.iter().map(|(account, _)| *account).eq(registered.iter().copied()) {
				return Ok(());
			}
			tokio::time::sleep(Duration::from_secs(2)).await;
		}
	})
	.await?;
	log("the three are the chain's active workers in a finalised block");
	network.destroy().await?;
	Ok(())
}
