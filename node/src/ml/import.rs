//! `lineage-node ml import`: puts weights or a dataset into the blob store the node's ML
//! service reads (`<base>/chains/<chain>/ml/blobs`), through the engine's own importer, so
//! the hash is checked the way the engine reads it back.

use std::path::{Path, PathBuf};

use super::{engine::Engine, engine_path, store_dir};

/// Subcommands of `lineage-node ml`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum MlCmd {
	/// Puts a model's weights (by blake2-256) or a dataset (by Merkle root, with
	/// `--dataset-spec`) into this node's blob store, for the ML service to serve jobs from.
	Import(ImportCmd),
}

/// Arguments of `lineage-node ml import`.
#[derive(Debug, clap::Parser)]
pub(crate) struct ImportCmd {
	/// A path, or a file://, http:// or https:// URI.
	pub(crate) source: String,

	/// Read the source as a dataset for this model spec (JSON, as the chain stores it):
	/// stored in the engine's binary format and found by the Merkle root of its items, which
	/// is what the chain records for a dataset version.
	#[arg(long, value_name = "SPEC")]
	pub(crate) dataset_spec: Option<PathBuf>,

	/// The blake2-256 the weights must hash to (`0x…`); nothing is stored otherwise.
	#[arg(long, value_name = "HASH", conflicts_with = "dataset_spec")]
	pub(crate) expect: Option<String>,

	/// The `lineage-ml` executable; by default the one next to this node's, else `PATH`'s.
	#[arg(long, value_name = "PATH")]
	pub(crate) ml_engine: Option<PathBuf>,

	#[allow(missing_docs, reason = "documented by sc-cli")]
	#[clap(flatten)]
	pub(crate) shared_params: sc_cli::SharedParams,
}

impl sc_cli::CliConfiguration for ImportCmd {
	fn shared_params(&self) -> &sc_cli::SharedParams {
		&self.shared_params
	}
}

impl ImportCmd {
	/// Imports into the store of the chain whose data lives in `config_dir`.
	pub(crate) fn run(&self, config_dir: &Path) -> sc_cli::Result<()> {
		let engine = Engine {
			executable: engine_path(self.ml_engine.as_ref()),
			store: store_dir(config_dir),
			device: "flex".into(),
		};
		let printed = match (&self.dataset_spec, &self.expect) {
			(Some(spec), _) => engine.command(&[
				"import-dataset".as_ref(),
				self.source.as_ref(),
				"--spec".as_ref(),
				spec.as_os_str(),
			]),
			(None, Some(hash)) => engine.command(&[
				"import".as_ref(),
				self.source.as_ref(),
				"--expect".as_ref(),
				hash.as_ref(),
			]),
			(None, None) => engine.command(&["import".as_ref(), self.source.as_ref()]),
		}
		.map_err(|error| sc_cli::Error::Input(format!("import failed: {error}")))?;
		print!("{printed}");
		Ok(())
	}
}
