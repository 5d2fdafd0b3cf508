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

#[path = "../tests/common/mod.rs"]
mod common;

use common::{digits_named, quick_settings, spec};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use lineage_ml::{
	inference::Inference,
	training::{self, TrainSettings},
};

/// The tests' short run, on every sample: one epoch is what is timed.
fn settings(epochs: u32) -> TrainSettings {
	TrainSettings { held_out_percent: 0, ..quick_settings(epochs) }
}

fn engine(c: &mut Criterion) {
	let data = digits_named();
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
