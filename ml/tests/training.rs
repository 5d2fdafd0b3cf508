//! Training and inference on the shipped digits: it learns, saved weights reload to the
//! same outputs, and bad specs, settings and data are refused with typed errors.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	reason = "a test that cannot unwrap or index must fail"
)]

mod common;

use common::*;
use lineage_ml::{
	data::{Dataset, Targets},
	inference::{agree, predicted_class, Inference},
	model::Network,
	training::{self, Metric, NamedDataset, Optimizer},
	DataError, EngineError,
};
use lineage_primitives::models::{Architecture, ModelSpec, SpecError};

#[test]
fn the_mlp_learns_the_digits() {
	let spec = spec("digits-mlp");
	let mut seen = Vec::new();
	let outcome = training::train(&spec, &digits_named(), &quick_settings(15), &mut |epoch| {
		seen.push(epoch.epoch)
	})
	.unwrap();
	assert_eq!(seen, (1..=15).collect::<Vec<_>>());
	let losses: Vec<f32> = outcome.epochs.iter().map(|e| e.loss).collect();
	let (first, last) = (losses[0], losses[14]);
	assert!(last < first / 5.0, "loss went from {first} to {last}");
	assert_eq!(outcome.held_out_samples, 359);
	assert_eq!(outcome.trained_samples, 1797 - 359);
	let Metric::Accuracy(accuracy) = outcome.metric else { panic!("a classifier") };
	assert!(accuracy >= 0.93, "held-out accuracy {accuracy}");
}

#[test]
fn the_cnn_learns_the_digits_with_dropout() {
	let spec = spec("digits-cnn");
	let outcome =
		training::train(&spec, &digits_named(), &quick_settings(10), &mut |_| {}).unwrap();
	let Metric::Accuracy(accuracy) = outcome.metric else { panic!("a classifier") };
	assert!(accuracy >= 0.90, "held-out accuracy {accuracy}");
}

#[test]
fn the_built_module_has_as_many_parameters_as_the_spec_says() {
	let device = lineage_ml::backend::Backend::Flex.device().unwrap();
	for name in ["digits-mlp", "digits-cnn"] {
		let spec = spec(name);
		let network = Network::build(&spec, 1, &device).unwrap();
		assert_eq!(network.layers.parameter_count() as u64, spec.check().unwrap(), "{name}");
	}
}

#[test]
fn saved_weights_reload_to_identical_outputs() {
	let spec = spec("digits-mlp");
	let data = digits();
	let outcome = training::train(&spec, &digits_named(), &quick_settings(3), &mut |_| {}).unwrap();
	let first = Inference::load(&spec, &outcome.weights).unwrap();
	let second = Inference::load(&spec, &outcome.weights).unwrap();
	let inputs = &data.inputs()[..64 * 100];
	let (a, b) = (first.run(inputs).unwrap(), second.run(inputs).unwrap());
	assert_eq!(a.len(), 100);
	assert_eq!(a, b);
	assert!(a.iter().zip(&b).all(|(x, y)| agree(x, y, 0)));
	// The reloaded model scores what training reported on the same held-out samples.
	assert_eq!(training::save(&reload_layers(&spec, &outcome.weights)).unwrap(), outcome.weights);
	// Canonical outputs are the classes the raw outputs say.
	let raw = first.run_raw(&inputs[..64]).unwrap();
	let class = lineage_ml::inference::argmax(&raw).unwrap();
	assert_eq!(predicted_class(&spec, &a[0]), Some(class));
}

fn reload_layers(spec: &ModelSpec, weights: &[u8]) -> lineage_ml::model::Layers {
	let device = lineage_ml::backend::Backend::Flex.device().unwrap();
	let inference = Inference::load_on(&device, spec, weights).unwrap();
	inference.into_network().layers
}

#[test]
fn weights_of_another_architecture_or_garbage_are_refused() {
	let mlp = spec("digits-mlp");
	let cnn = spec("digits-cnn");
	let outcome = training::train(&mlp, &digits_named(), &quick_settings(1), &mut |_| {}).unwrap();
	assert!(matches!(Inference::load(&cnn, &outcome.weights), Err(EngineError::BadWeights(_))));
	assert!(matches!(Inference::load(&mlp, b"not weights"), Err(EngineError::BadWeights(_))));
	let mut truncated = outcome.weights.clone();
	truncated.truncate(truncated.len() / 2);
	assert!(matches!(Inference::load(&mlp, &truncated), Err(EngineError::BadWeights(_))));
}

#[test]
fn bad_inputs_are_refused() {
	let spec = spec("digits-mlp");
	let outcome = training::train(&spec, &digits_named(), &quick_settings(1), &mut |_| {}).unwrap();
	let model = Inference::load(&spec, &outcome.weights).unwrap();
	assert!(matches!(
		model.run(&[0.0; 65]),
		Err(EngineError::BadInput { index: 1, expected: 64, found: 1 })
	));
	let mut inputs = vec![0.0f32; 128];
	inputs[70] = f32::NAN;
	assert!(matches!(model.run(&inputs), Err(EngineError::NonFiniteInput { index: 1 })));
	assert_eq!(model.run(&[]).unwrap(), Vec::<Vec<i32>>::new());
}

#[test]
fn bad_specs_settings_and_data_are_typed_errors() {
	let good = spec("digits-mlp");
	let data = digits_named();
	let settings = quick_settings(1);

	let mut one_class = good.clone();
	one_class.outputs = 1;
	assert!(matches!(
		training::train(&one_class, &data, &settings, &mut |_| {}),
		Err(EngineError::InvalidSpec(SpecError::TooFewClasses))
	));

	let transformer: ModelSpec = serde_json::from_str(
		r#"{"input":{"tokens":{"context":8}},"architecture":{"transformer":{"vocab":16,"dModel":8,"heads":2,"layers":1,"dFf":16}},"outputs":2,"task":"classification","outputScale":256}"#,
	)
	.unwrap();
	assert!(matches!(transformer.architecture, Architecture::Transformer { .. }));
	let device = lineage_ml::backend::Backend::Flex.device().unwrap();
	assert!(matches!(Network::build(&transformer, 0, &device), Err(EngineError::Unsupported(_))));

	for (bad, why) in [
		(training::TrainSettings { learning_rate: f64::NAN, ..settings.clone() }, "rate"),
		(training::TrainSettings { epochs: 0, ..settings.clone() }, "epochs"),
		(training::TrainSettings { batch_size: 0, ..settings.clone() }, "batch"),
		(training::TrainSettings { held_out_percent: 95, ..settings.clone() }, "held out"),
	] {
		assert!(
			matches!(
				training::train(&good, &data, &bad, &mut |_| {}),
				Err(EngineError::InvalidSettings(_))
			),
			"{why}"
		);
	}
	assert!(matches!(
		training::train(&good, &[], &settings, &mut |_| {}),
		Err(EngineError::InvalidSettings(_))
	));

	// Labels beyond the model's ten classes.
	let mut eleven = Dataset::new(64, Targets::Class).unwrap();
	eleven.push(&[0.0; 64], &[10.0]).unwrap();
	let named = vec![NamedDataset { name: "eleven".into(), data: eleven }];
	assert!(matches!(
		training::train(&good, &named, &settings, &mut |_| {}),
		Err(EngineError::Data(DataError::BadLabel { sample: 0, .. }))
	));

	// The wrong number of features.
	let mut narrow = Dataset::new(63, Targets::Class).unwrap();
	narrow.push(&[0.0; 63], &[1.0]).unwrap();
	let named = vec![NamedDataset { name: "narrow".into(), data: narrow }];
	assert!(matches!(
		training::train(&good, &named, &settings, &mut |_| {}),
		Err(EngineError::Data(DataError::SpecMismatch { spec: 64, data: 63, .. }))
	));
}

#[test]
fn a_learning_rate_that_blows_up_is_reported_not_saved() {
	let spec = spec("digits-mlp");
	let settings = training::TrainSettings {
		optimizer: Optimizer::Sgd,
		learning_rate: 1e30,
		..quick_settings(3)
	};
	assert!(matches!(
		training::train(&spec, &digits_named(), &settings, &mut |_| {}),
		Err(EngineError::Diverged { .. })
	));
}
