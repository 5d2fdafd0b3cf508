//! Chain jobs as the node's ML service runs them: the demo assets the genesis records,
//! inference and training with typed failures, and the `run-job` command's SCALE interface.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	reason = "a test that cannot unwrap or index must fail"
)]

use std::{
	io::Write,
	process::{Command, Stdio},
};

mod common;

use codec::{Decode, Encode};
use common::serve_once;
use lineage_ml::{
	backend::Backend,
	blob::BlobStore,
	demo,
	inference::{predicted_class, Inference},
	job,
};
use lineage_primitives::{
	compute::{Backends, JobFailure, TrainingSettings},
	demo::{DEMO_TRAINING, DEMO_WEIGHTS_HASH, DIGITS_CONTRIBUTION_ROOTS, DIGITS_VERSION_ROOTS},
	ml_jobs::{EngineJob, MlOutput, MlResponse},
};
use sp_core::H256;
use sp_runtime::Perbill;

fn seeded() -> (tempfile::TempDir, BlobStore, demo::Seeded) {
	let dir = tempfile::tempdir().unwrap();
	let store = BlobStore::open(dir.path().join("blobs")).unwrap();
	let seeded = demo::seed(&store).unwrap();
	(dir, store, seeded)
}

fn le_bytes(values: &[f32]) -> Vec<u8> {
	values.iter().flat_map(|value| value.to_le_bytes()).collect()
}

#[test]
fn the_demo_assets_are_what_the_genesis_records() {
	let (_dir, store, seeded) = seeded();
	assert_eq!(seeded.roots, DIGITS_VERSION_ROOTS.to_vec());
	assert_eq!(seeded.weights, DEMO_WEIGHTS_HASH);
	let versions = demo::versions(&demo::spec().unwrap()).unwrap();
	assert_eq!(demo::contribution_roots(&versions), DIGITS_CONTRIBUTION_ROOTS.to_vec());
	for root in DIGITS_VERSION_ROOTS {
		assert!(store.contains(store.named(root).unwrap()));
	}
}

#[test]
fn inference_returns_each_samples_fixed_point_row() {
	let (_dir, store, seeded) = seeded();
	let spec = demo::spec().unwrap();
	let digits = demo::versions(&spec).unwrap().pop().unwrap();
	let (first, _) = digits.sample(0).unwrap();
	let (second, _) = digits.sample(1).unwrap();
	let input = le_bytes(&[first, second].concat());
	let request = EngineJob::Inference {
		spec: spec.clone(),
		weights: seeded.weights,
		weights_uri: Vec::new(),
		input,
	};
	let result = job::run(&store, &request, Backend::Flex).unwrap();
	let MlOutput::Inference(values) = result.output else { panic!("an inference output") };
	let expected = Inference::load(&spec, &store.get(seeded.weights).unwrap())
		.unwrap()
		.run(&[first, second].concat())
		.unwrap();
	assert_eq!(values, expected.concat());
	assert_eq!(values.len(), 20);
	assert_eq!(predicted_class(&spec, &values[..10]), predicted_class(&spec, &expected[0]));
	assert_eq!((result.weights_hash, result.backend), (seeded.weights, Backends::CPU));
	assert_eq!(result.engine_version, lineage_ml::ENGINE_VERSION.as_bytes());
}

#[test]
fn what_stops_a_job_is_a_typed_failure() {
	let (_dir, store, seeded) = seeded();
	let spec = demo::spec().unwrap();
	let run = |weights, input: Vec<u8>| {
		job::run(
			&store,
			&EngineJob::Inference { spec: spec.clone(), weights, weights_uri: Vec::new(), input },
			Backend::Flex,
		)
	};
	let absent = H256::repeat_byte(7);
	assert_eq!(run(absent, le_bytes(&[0.0; 64])), Err(JobFailure::MissingBlob { hash: absent }));
	assert_eq!(run(seeded.weights, le_bytes(&[0.0; 63])), Err(JobFailure::BadInput));
	assert_eq!(run(seeded.weights, vec![0, 0, 128]), Err(JobFailure::BadInput));
	assert_eq!(run(seeded.weights, le_bytes(&[f32::NAN; 64])), Err(JobFailure::BadInput));
	let unknown_root = H256::repeat_byte(9);
	let training = EngineJob::Training {
		spec: spec.clone(),
		datasets: vec![unknown_root],
		settings: DEMO_TRAINING,
	};
	assert_eq!(
		job::run(&store, &training, Backend::Flex),
		Err(JobFailure::MissingBlob { hash: unknown_root })
	);
}

#[test]
fn training_stores_the_weights_and_attributes_every_dataset() {
	let (_dir, store, _) = seeded();
	let spec = demo::spec().unwrap();
	let settings = TrainingSettings { epochs: 2, ..DEMO_TRAINING };
	let request = EngineJob::Training {
		spec,
		datasets: vec![DIGITS_VERSION_ROOTS[0], DIGITS_VERSION_ROOTS[2]],
		settings,
	};
	let result = job::run(&store, &request, Backend::Flex).unwrap();
	let MlOutput::Training { weights_hash, metric, attribution } = result.output else {
		panic!("a training outcome")
	};
	assert!(store.contains(weights_hash));
	assert_eq!(result.weights_hash, weights_hash);
	assert!(metric > 0 && metric <= 1_000_000, "an accuracy in millionths: {metric}");
	assert_eq!(attribution.len(), 2);
	let total: u64 = attribution.iter().map(|part| u64::from(part.deconstruct())).sum();
	assert_eq!(total, u64::from(Perbill::one().deconstruct()));
	// Deterministic: a second worker reports the same outcome.
	assert_eq!(
		job::run(&store, &request, Backend::Flex).unwrap().output,
		MlOutput::Training { weights_hash, metric, attribution }
	);
}

#[test]
fn run_job_speaks_scale_on_stdin_and_stdout() {
	let (dir, _store, seeded) = seeded();
	let request = EngineJob::Inference {
		spec: demo::spec().unwrap(),
		weights: seeded.weights,
		weights_uri: Vec::new(),
		input: le_bytes(&[0.0; 64]),
	};
	let mut child = Command::new(env!("CARGO_BIN_EXE_lineage-ml"))
		.args(["run-job", "--store"])
		.arg(dir.path().join("blobs"))
		.stdin(Stdio::piped())
		.stdout(Stdio::piped())
		.spawn()
		.unwrap();
	child.stdin.take().unwrap().write_all(&request.encode()).unwrap();
	let output = child.wait_with_output().unwrap();
	assert!(output.status.success());
	let response = MlResponse::decode(&mut output.stdout.as_slice()).unwrap();
	assert!(
		matches!(response, Ok(result) if matches!(&result.output, MlOutput::Inference(v) if v.len() == 10))
	);
}

#[test]
fn weights_the_store_lacks_are_fetched_from_the_models_uri_hash_checked() {
	let (_dir, seeded_store, seeded) = seeded();
	let weights = seeded_store.get(seeded.weights).unwrap();
	let dir = tempfile::tempdir().unwrap();
	let empty = BlobStore::open(dir.path().join("blobs")).unwrap();
	let spec = demo::spec().unwrap();
	let job = |uri: String| EngineJob::Inference {
		spec: spec.clone(),
		weights: seeded.weights,
		weights_uri: uri.into_bytes(),
		input: le_bytes(&[0.0; 64]),
	};
	// Bytes that do not hash to the chain's weights hash are not kept.
	let wrong = job::run(&empty, &job(serve_once(b"not the weights".to_vec())), Backend::Flex);
	assert_eq!(wrong, Err(JobFailure::MissingBlob { hash: seeded.weights }));
	assert!(!empty.contains(seeded.weights));
	// A path from the chain is never read, even where the weights are.
	let path = seeded_store.path_of(seeded.weights).display().to_string();
	let local = job::run(&empty, &job(path), Backend::Flex);
	assert_eq!(local, Err(JobFailure::MissingBlob { hash: seeded.weights }));
	let fetched = job::run(&empty, &job(serve_once(weights)), Backend::Flex).unwrap();
	assert!(empty.contains(seeded.weights));
	assert_eq!(fetched.weights_hash, seeded.weights);
}
