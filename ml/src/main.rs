//! `lineage-ml`: train, run, evaluate, hash and import models and datasets from the command
//! line, with the same engine the node's ML service uses.
//!
//! ```text
//! lineage-ml train  --spec ml/specs/digits-mlp.json --data ml/data/digits.csv --out weights.bin
//! lineage-ml hash   weights.bin
//! lineage-ml infer  --spec ml/specs/digits-mlp.json --weights weights.bin --input samples.csv
//! lineage-ml eval   --spec ml/specs/digits-mlp.json --weights weights.bin --data ml/data/digits.csv
//! lineage-ml import https://example.org/weights.bin --expect 0x… --store ./blobs
//! lineage-ml import-dataset ml/data/digits.csv --spec ml/specs/digits-mlp.json --store ./blobs
//! lineage-ml seed-demo --store ./blobs
//! lineage-ml run-job --store ./blobs < job.scale > response.scale
//! ```

use std::{
	fs,
	io::{BufReader, Read, Write},
	path::{Path, PathBuf},
	process::ExitCode,
};

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use lineage_ml::{
	backend::Backend,
	blob::{hex_of, parse_hash, BlobStore},
	data::{self, Dataset, Targets},
	import::{import, DEFAULT_LIMIT},
	inference, training, EngineError,
};
use lineage_primitives::models::ModelSpec;

#[derive(Parser)]
#[command(
	name = "lineage-ml",
	version,
	about = "Lineage's ML engine: reproducible training and inference on burn"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum OptimizerArg {
	Sgd,
	Adam,
}

/// A trained model to run: `infer` and `eval` take the same arguments for it.
#[derive(Args)]
struct TrainedModel {
	/// The model spec (JSON, as the chain stores it).
	#[arg(long)]
	spec: PathBuf,
	/// Weights: a file, or a hash in `--store`.
	#[arg(long)]
	weights: String,
	#[arg(long)]
	store: Option<PathBuf>,
	/// Backend: flex (CPU, the reference), wgpu or cuda (if built with that feature).
	#[arg(long, default_value = "flex")]
	device: String,
}

impl TrainedModel {
	fn load(&self) -> Result<(ModelSpec, inference::Inference), String> {
		let spec = read_spec(&self.spec)?;
		let weights = read_weights(&self.weights, self.store.as_deref())?;
		let model = inference::Inference::load_on(&device(&self.device)?, &spec, &weights)
			.map_err(|e| e.to_string())?;
		Ok((spec, model))
	}
}

#[derive(Subcommand)]
enum Command {
	/// Trains a model from a spec on one or more datasets and saves its weights.
	Train {
		/// The model spec (JSON, as the chain stores it).
		#[arg(long)]
		spec: PathBuf,
		/// A dataset (CSV, or the binary format); repeat for several. Attribution is per file.
		#[arg(long = "data", required = true)]
		data: Vec<PathBuf>,
		/// Where to write the weights.
		#[arg(long)]
		out: PathBuf,
		/// Also store the weights in this blob store.
		#[arg(long)]
		store: Option<PathBuf>,
		/// Write the training report (losses, metric, attribution) here as JSON.
		#[arg(long)]
		report: Option<PathBuf>,
		#[arg(long, value_enum, default_value = "adam")]
		optimizer: OptimizerArg,
		#[arg(long, default_value_t = 0.001)]
		learning_rate: f64,
		#[arg(long, default_value_t = 30)]
		epochs: u32,
		#[arg(long, default_value_t = 32)]
		batch: u32,
		#[arg(long, default_value_t = 42)]
		seed: u64,
		/// Percentage of the samples held out to measure the model.
		#[arg(long, default_value_t = 20)]
		held_out: u8,
		/// Also measure each dataset's influence (trains once more per dataset).
		#[arg(long)]
		attribution: bool,
		/// Backend: flex (CPU, the reference), wgpu or cuda (if built with that feature).
		#[arg(long, default_value = "flex")]
		device: String,
	},
	/// Runs a model on inputs (CSV, features only) and prints fixed-point outputs.
	Infer {
		#[command(flatten)]
		model: TrainedModel,
		/// Inputs, one sample per line.
		#[arg(long)]
		input: PathBuf,
	},
	/// Measures a model on a labelled dataset.
	Eval {
		#[command(flatten)]
		model: TrainedModel,
		#[arg(long)]
		data: PathBuf,
	},
	/// Prints the blake2-256 of a file; with `--spec`, also the dataset's Merkle root.
	Hash {
		file: PathBuf,
		/// Read `file` as a dataset for this spec and print its item count and Merkle root.
		#[arg(long)]
		spec: Option<PathBuf>,
	},
	/// Stores a dataset (CSV or binary, read for `--spec`) in a blob store in the binary
	/// format, named by its Merkle root: how the node's ML service finds a dataset version.
	ImportDataset {
		file: PathBuf,
		#[arg(long)]
		spec: PathBuf,
		#[arg(long)]
		store: PathBuf,
	},
	/// Puts the development chain's demo dataset versions and model weights into a blob store.
	SeedDemo {
		#[arg(long)]
		store: PathBuf,
	},
	/// Runs one chain job for the node's ML service: a SCALE `EngineJob` on stdin, a SCALE
	/// `MlResponse` (a result or a typed failure) on stdout.
	RunJob {
		#[arg(long)]
		store: PathBuf,
		/// Backend for inference: flex (CPU, the reference), wgpu or cuda. Training always
		/// runs on flex, whose weights hashes agree across machines.
		#[arg(long, default_value = "flex")]
		device: String,
	},
	/// Prints this engine's version and the backends it was built with, as JSON.
	Info,
	/// Prints, as JSON, whether a blob store holds a blob with this hash (`blob`) and a
	/// dataset with this Merkle root (`dataset`).
	Has {
		hash: String,
		#[arg(long)]
		store: PathBuf,
	},
	/// Copies a file or URI into a blob store, checking its hash.
	Import {
		/// A path, file://, http:// or https:// URI.
		uri: String,
		#[arg(long)]
		store: PathBuf,
		/// The hash the content must have.
		#[arg(long)]
		expect: Option<String>,
		#[arg(long, default_value_t = DEFAULT_LIMIT)]
		max_bytes: u64,
	},
}

type CliResult = Result<(), String>;

fn main() -> ExitCode {
	match run(Cli::parse().command) {
		Ok(()) => ExitCode::SUCCESS,
		Err(message) => {
			eprintln!("error: {message}");
			ExitCode::FAILURE
		},
	}
}

fn read_spec(path: &Path) -> Result<ModelSpec, String> {
	let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
	let spec: ModelSpec = serde_json::from_str(&text)
		.map_err(|e| format!("{}: not a model spec: {e}", path.display()))?;
	spec.check().map_err(|e| format!("{}: {}", path.display(), EngineError::from(e)))?;
	Ok(spec)
}

/// Reads a dataset for `spec`, binary if it starts with the binary magic, else CSV.
fn read_dataset(path: &Path, spec: &ModelSpec) -> Result<Dataset, String> {
	let context = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
	let bytes = fs::read(path).map_err(|e| context(&e))?;
	let dataset = if bytes.starts_with(&data::binary::MAGIC) {
		data::binary::read(bytes.as_slice(), u64::MAX).map_err(|e| context(&e))?
	} else {
		let features = usize::try_from(spec.input.len()).map_err(|e| context(&e))?;
		data::csv::read(BufReader::new(bytes.as_slice()), features, Targets::for_spec(spec))
			.map_err(|e| context(&e))?
	};
	dataset.check_fits(spec).map_err(|e| context(&e))?;
	Ok(dataset)
}

fn device(name: &str) -> Result<burn::prelude::Device, String> {
	let backend = Backend::from_name(name)
		.ok_or_else(|| format!("unknown device {name:?}: use flex, wgpu or cuda"))?;
	backend.device().map_err(|e| e.to_string())
}

fn read_weights(weights: &str, store: Option<&Path>) -> Result<Vec<u8>, String> {
	if let (Some(hash), Some(store)) = (parse_hash(weights), store) {
		let store = BlobStore::open(store).map_err(|e| e.to_string())?;
		return store.get(hash).map_err(|e| e.to_string());
	}
	fs::read(weights).map_err(|e| format!("{weights}: {e}"))
}

fn run(command: Command) -> CliResult {
	match command {
		Command::Train {
			spec,
			data,
			out,
			store,
			report,
			optimizer,
			learning_rate,
			epochs,
			batch,
			seed,
			held_out,
			attribution,
			device: device_name,
		} => {
			let device = device(&device_name)?;
			let spec = read_spec(&spec)?;
			let datasets = data
				.iter()
				.map(|path| {
					Ok(training::NamedDataset {
						name: path.display().to_string(),
						data: read_dataset(path, &spec)?,
					})
				})
				.collect::<Result<Vec<_>, String>>()?;
			let settings = training::TrainSettings {
				optimizer: match optimizer {
					OptimizerArg::Sgd => training::Optimizer::Sgd,
					OptimizerArg::Adam => training::Optimizer::Adam,
				},
				learning_rate,
				epochs,
				batch_size: batch,
				seed,
				held_out_percent: held_out,
			};
			let bar = ProgressBar::new(u64::from(epochs));
			bar.set_style(
				ProgressStyle::with_template("{bar:40} epoch {pos}/{len} {msg}")
					.map_err(|e| e.to_string())?,
			);
			let outcome = training::train_on(&device, &spec, &datasets, &settings, &mut |epoch| {
				bar.set_position(u64::from(epoch.epoch));
				bar.set_message(format!("loss {:.4}", epoch.loss));
			})
			.map_err(|e| e.to_string())?;
			bar.finish();
			fs::write(&out, &outcome.weights).map_err(|e| format!("{}: {e}", out.display()))?;
			if let Some(store) = store {
				let store = BlobStore::open(store).map_err(|e| e.to_string())?;
				store.put(&outcome.weights).map_err(|e| e.to_string())?;
			}
			for epoch in &outcome.epochs {
				println!("epoch {:>3}  loss {:.6}", epoch.epoch, epoch.loss);
			}
			println!(
				"held-out {}: {:.4} on {} samples",
				outcome.metric.name(),
				outcome.metric.value(),
				outcome.held_out_samples
			);
			println!(
				"weights 0x{} ({} bytes) -> {}",
				hex_of(outcome.weights_hash),
				outcome.weights.len(),
				out.display()
			);
			let attribution = if attribution {
				let shares =
					training::attribute(&spec, &datasets, &settings).map_err(|e| e.to_string())?;
				for share in &shares {
					println!(
						"dataset {}: {:.1}% of samples, influence {:+.4}, weight {:.1}%",
						share.name,
						share.sample_share * 100.0,
						share.influence,
						share.weight_parts as f64 / 1e7,
					);
				}
				Some(shares)
			} else {
				None
			};
			if let Some(path) = report {
				let json = training::report_json(&outcome, attribution.as_deref());
				fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
			}
			Ok(())
		},
		Command::Infer { model, input } => {
			let (spec, model) = model.load()?;
			let features = usize::try_from(spec.input.len()).map_err(|e| e.to_string())?;
			let text =
				fs::read_to_string(&input).map_err(|e| format!("{}: {e}", input.display()))?;
			let mut inputs = Vec::new();
			for (line, row) in text.lines().enumerate().filter(|(_, row)| !row.trim().is_empty()) {
				let values = row
					.split(',')
					.map(|field| field.trim().parse::<f32>())
					.collect::<Result<Vec<f32>, _>>()
					.map_err(|_| {
						format!(
							"{}: line {} is not a row of numbers",
							input.display(),
							line.saturating_add(1)
						)
					})?;
				// A labelled file works too: the label column is ignored.
				inputs.extend(values.into_iter().take(features));
			}
			let outputs = model.run(&inputs).map_err(|e| e.to_string())?;
			for row in outputs {
				let prediction = inference::predicted_class(&spec, &row)
					.map(|class| format!(" class {class}"))
					.unwrap_or_default();
				println!(
					"{}{}",
					serde_json::to_string(&row).map_err(|e| e.to_string())?,
					prediction
				);
			}
			Ok(())
		},
		Command::Eval { model, data } => {
			let (spec, model) = model.load()?;
			let dataset = read_dataset(&data, &spec)?;
			let metric = model.evaluate(&dataset).map_err(|e| e.to_string())?;
			println!("{}: {:.4} on {} samples", metric.name(), metric.value(), dataset.len());
			Ok(())
		},
		Command::Hash { file, spec } => {
			let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
			println!("blake2-256 0x{}", hex_of(lineage_ml::hash::blake2_256(&bytes)));
			if let Some(spec) = spec {
				let spec = read_spec(&spec)?;
				let dataset = read_dataset(&file, &spec)?;
				println!("items {}", dataset.len());
				println!("merkle-root 0x{}", hex_of(dataset.merkle_root()));
			}
			Ok(())
		},
		Command::ImportDataset { file, spec, store } => {
			let spec = read_spec(&spec)?;
			let dataset = read_dataset(&file, &spec)?;
			let mut bytes = Vec::new();
			data::binary::write(&dataset, &mut bytes).map_err(|e| e.to_string())?;
			let store = BlobStore::open(store).map_err(|e| e.to_string())?;
			let hash = store.put(&bytes).map_err(|e| e.to_string())?;
			let root = dataset.merkle_root();
			store.name(root, hash).map_err(|e| e.to_string())?;
			println!("items {}", dataset.len());
			println!("merkle-root 0x{} -> 0x{}", hex_of(root), hex_of(hash));
			Ok(())
		},
		Command::SeedDemo { store } => {
			let store = BlobStore::open(store).map_err(|e| e.to_string())?;
			let seeded = lineage_ml::demo::seed(&store).map_err(|e| e.to_string())?;
			for (version, root) in seeded.roots.iter().enumerate() {
				println!("digits v{version} merkle-root 0x{}", hex_of(*root));
			}
			println!("digits-mlp weights 0x{}", hex_of(seeded.weights));
			Ok(())
		},
		Command::RunJob { store, device } => {
			use codec::{Decode, Encode};
			let backend = Backend::from_name(&device)
				.ok_or_else(|| format!("unknown device {device:?}: use flex, wgpu or cuda"))?;
			let mut input = Vec::new();
			std::io::stdin().read_to_end(&mut input).map_err(|e| format!("stdin: {e}"))?;
			let job = lineage_primitives::ml_jobs::EngineJob::decode(&mut input.as_slice())
				.map_err(|e| format!("stdin is not a SCALE EngineJob: {e}"))?;
			let store = BlobStore::open(store).map_err(|e| e.to_string())?;
			let response = lineage_ml::job::run(&store, &job, backend);
			std::io::stdout().write_all(&response.encode()).map_err(|e| format!("stdout: {e}"))?;
			Ok(())
		},
		Command::Info => {
			let backends: Vec<&str> =
				Backend::ALL.iter().filter(|b| b.is_built()).map(|b| b.name()).collect();
			let info =
				serde_json::json!({ "version": lineage_ml::ENGINE_VERSION, "backends": backends });
			println!("{info}");
			Ok(())
		},
		Command::Has { hash, store } => {
			let hash =
				parse_hash(&hash).ok_or_else(|| format!("{hash:?} is not a 32-byte hex hash"))?;
			let store = BlobStore::open(store).map_err(|e| e.to_string())?;
			let dataset = store.named(hash).is_some_and(|blob| store.contains(blob));
			println!("{}", serde_json::json!({ "blob": store.contains(hash), "dataset": dataset }));
			Ok(())
		},
		Command::Import { uri, store, expect, max_bytes } => {
			let expected = match expect {
				Some(text) => Some(
					parse_hash(&text)
						.ok_or_else(|| format!("{text:?} is not a 32-byte hex hash"))?,
				),
				None => None,
			};
			let store = BlobStore::open(store).map_err(|e| e.to_string())?;
			let hash = import(&store, &uri, expected, max_bytes).map_err(|e| e.to_string())?;
			println!("0x{} -> {}", hex_of(hash), store.path_of(hash).display());
			Ok(())
		},
	}
}
