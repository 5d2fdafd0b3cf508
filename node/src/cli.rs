//! Command-line arguments: `lineage-node [run options]` or `lineage-node <subcommand>`.

use sc_cli::RunCmd;

/// Arguments of `lineage-node`.
#[derive(Debug, clap::Parser)]
pub(crate) struct Cli {
	/// A subcommand; without one the node runs.
	#[command(subcommand)]
	pub(crate) subcommand: Option<Subcommand>,

	/// Options of the running node (chain, ports, validator, database, …).
	#[clap(flatten)]
	pub(crate) run: RunCmd,

	/// Options of the node's ML service.
	#[clap(flatten)]
	pub(crate) ml: crate::ml::MlArgs,
}

/// Maintenance subcommands, as in every Substrate node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant, reason = "parsed once at start-up; size does not matter")]
pub(crate) enum Subcommand {
	/// Key management: generate, inspect, insert keys into the keystore.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Print a chain specification (add `--raw` for the storage form).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks: runtime pallets (needs `--features runtime-benchmarks`), blocks,
	/// extrinsics, storage and the machine.
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// The ML service's blob store: import model weights and datasets to serve jobs from.
	#[command(subcommand)]
	Ml(crate::ml::import::MlCmd),
}
