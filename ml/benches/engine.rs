//! Criterion benchmarks of the engine on the shipped digits (flex, the CPU reference):
//! inference latency at batch 1 and 64, and one training epoch, for the MLP and the CNN.
//! `scripts/ml-compare-pytorch` runs the same architectures in PyTorch for the ratio.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "benchmark setup"
)]
#![allow(missing_docs, reason = "criterion_main! generates an undocumented `main`")]

use std::{fs, io::BufReader, path::PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use lineage_ml::{
	data::{csv, Targets},
	inference::Inference,
	training::{self, NamedDataset, Optimizer, TrainSettings},
};
use lineage_primitives::models::ModelSpec;

fn crate_file(path: &str) -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn spec(name: &str) -> ModelSpec {
	let text = fs::read_to_string(crate_file(&format!("specs/{name}.json"))).unwrap();
	serde_json::from_str(&text).unwrap()
}

fn digits() -> Vec<NamedDataset> {
	let file = fs::File::open(crate_file("data/digits.csv")).unwrap();
	let data = csv::read(BufReader::new(file), 64, Targets::Class).unwrap();
	vec![NamedDataset { name: "digits".into(), data }]
}

fn settings(epochs: u32) -> TrainSettings {
	TrainSettings {
		optimizer: Optimizer::Adam,
		learning_rate: 0.003,
		epochs,
		batch_size: 32,
		seed: 7,
		held_out_percent: 0,
	}
}

fn engine(c: &mut Criterion) {
	let data = digits();
	for name in ["digits-mlp", "digits-cnn"] {
		let spec = spec(name);
		let trained = training::train(&spec, &data, &settings(1), &mut |_| {}).unwrap();
		let model = Inference::load(&spec, &trained.weights).unwrap();
		let inputs = data[0].data.inputs();
		let mut group = c.benchmark_group(format!("{name}/inference"));
		for batch in [1usize, 64] {
			let slice = &inputs[..64 * batch];
			group.bench_with_input(BenchmarkId::from_parameter(batch), &slice, |b, slice| {
				b.iter(|| model.run(slice).unwrap())
			});
		}
		group.finish();
		let mut group = c.benchmark_group(format!("{name}/training"));
		group.sample_size(10);
		group.bench_function("epoch", |b| {
			b.iter(|| training::train(&spec, &data, &settings(1), &mut |_| {}).unwrap())
		});
		group.finish();
	}
}

criterion_group!(benches, engine);
criterion_main!(benches);
