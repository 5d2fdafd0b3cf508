//! Spawning a network definition and watching its nodes' heights.

use std::{
	future::Future,
	path::PathBuf,
	time::{Duration, Instant},
};

use anyhow::{anyhow, bail, Context};
use zombienet_sdk::{LocalFileSystem, Network, NetworkConfig, NetworkConfigExt, NetworkNode};

/// The best block's height in a node's metrics.
pub const BEST: &str = "block_height{status=\"best\"}";
/// The last finalised block's height in a node's metrics.
pub const FINALIZED: &str = "block_height{status=\"finalized\"}";

/// A spawned network; its processes are killed when it is dropped, also when a test fails.
pub type Lineage = Network<LocalFileSystem>;

/// The path of a definition in `networks/`.
pub fn definition(name: &str) -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("networks").join(name)
}

/// Spawns definition `name` (a file in `networks/`) and waits until every node answers.
pub async fn spawn(name: &str) -> anyhow::Result<Lineage> {
	let path = definition(name);
	let path = path.to_str().ok_or_else(|| anyhow!("{} is not UTF-8", path.display()))?;
	let config = NetworkConfig::load_from_toml(path)?;
	let started = Instant::now();
	let network = within(Duration::from_secs(180), "spawning the network", async {
		config.spawn_native().await.map_err(anyhow::Error::from)
	})
	.await?;
	network.wait_until_is_up(60).await?;
	log(&format!("{name}: {} nodes up in {:.1?}", network.nodes().len(), started.elapsed()));
	Ok(network)
}

/// Prints a line the test log keeps (`cargo test -- --nocapture`).
pub fn log(line: &str) {
	println!("[network] {line}");
}

/// Runs `future`, failing with `what` if it takes longer than `limit`.
pub async fn within<T>(
	limit: Duration,
	what: &str,
	future: impl Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
	tokio::time::timeout(limit, future)
		.await
		.map_err(|_| anyhow!("{what}: not done within {limit:?}"))?
}

/// A node's height by `metric` ([`BEST`] or [`FINALIZED`]).
pub async fn height(node: &NetworkNode, metric: &str) -> anyhow::Result<u64> {
	let value = node.reports(metric).await.with_context(|| format!("{}: {metric}", node.name()))?;
	if !(value >= 0.0 && value.fract() == 0.0 && value < 1e15) {
		bail!("{}: {metric} is {value}", node.name());
	}
	// A metric is a float; heights are whole numbers well inside its exact range.
	#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
	Ok(value as u64)
}

/// Waits until `node`'s `metric` reaches `target`; returns how long it took.
pub async fn wait_height(
	node: &NetworkNode,
	metric: &str,
	target: u64,
	limit: Duration,
) -> anyhow::Result<Duration> {
	let started = Instant::now();
	let what = format!("{} reaching {metric} {target}", node.name());
	within(limit, &what, async {
		loop {
			// A restarting node's metrics endpoint refuses connections for a moment.
			if let Ok(current) = height(node, metric).await {
				if current >= target {
					return Ok(started.elapsed());
				}
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	})
	.await
}

/// The named nodes of `network`, in the order asked.
pub fn nodes<'a>(network: &'a Lineage, names: &[&str]) -> anyhow::Result<Vec<&'a NetworkNode>> {
	names.iter().map(|name| network.get_node(*name)).collect()
}
