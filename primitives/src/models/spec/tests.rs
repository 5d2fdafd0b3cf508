//! `ModelSpec::check`: the parameter counts of the shapes the engine builds, and each error.

#![allow(clippy::unwrap_used, reason = "tests")]

use super::*;
use alloc::{vec, vec::Vec};

fn bounded<T>(items: Vec<T>) -> BoundedVec<T, ConstU32<MAX_SPEC_LAYERS>> {
	BoundedVec::truncate_from(items)
}

fn digits_image() -> InputShape {
	InputShape::Image { channels: 1, height: 8, width: 8 }
}

fn mlp(hidden: Vec<u32>) -> ModelSpec {
	ModelSpec {
		input: digits_image(),
		architecture: Architecture::Mlp {
			hidden: bounded(hidden),
			activation: Activation::Relu,
			dropout: Permill::from_percent(10),
		},
		outputs: 10,
		task: Task::Classification,
		output_scale: 1 << 16,
	}
}

fn cnn(conv: Vec<ConvLayer>) -> ModelSpec {
	ModelSpec {
		architecture: Architecture::Cnn {
			conv: bounded(conv),
			hidden: 32,
			activation: Activation::Relu,
			dropout: Permill::zero(),
		},
		..mlp(vec![])
	}
}

#[test]
fn mlp_counts_weights_and_biases_of_each_layer() {
	// 64 → 32 → 10: (64 + 1)·32 + (32 + 1)·10.
	assert_eq!(mlp(vec![32]).check(), Ok(2_410));
	// No hidden layer: a linear classifier.
	assert_eq!(mlp(vec![]).check(), Ok(650));
	let flat = ModelSpec { input: InputShape::Features { features: 64 }, ..mlp(vec![32]) };
	assert_eq!(flat.check(), Ok(2_410));
}

#[test]
fn cnn_shrinks_by_kernel_and_divides_by_pool() {
	// 1×8×8 → conv 3×3, 8 channels → 8×6×6 → pool 2 → 8×3×3 = 72 → 32 → 10.
	let spec = cnn(vec![ConvLayer { channels: 8, kernel: 3, pool: 2 }]);
	assert_eq!(spec.check(), Ok((9 + 1) * 8 + (72 + 1) * 32 + (32 + 1) * 10));
	// Pooling drops the remainder: 7×7 → pool 2 → 3×3.
	let odd = cnn(vec![ConvLayer { channels: 4, kernel: 2, pool: 2 }]);
	assert_eq!(odd.check(), Ok((4 + 1) * 4 + (36 + 1) * 32 + (32 + 1) * 10));
}

#[test]
fn transformer_needs_tokens_and_divisible_heads() {
	let spec = ModelSpec {
		input: InputShape::Tokens { context: 16 },
		architecture: Architecture::Transformer {
			vocab: 100,
			d_model: 8,
			heads: 2,
			layers: 1,
			d_ff: 16,
		},
		..mlp(vec![])
	};
	// Embeddings (100 + 16)·8, attention 4·(8 + 1)·8, feed-forward (8 + 1)·16 + (16 + 1)·8,
	// norms 4·8, head (8 + 1)·10.
	assert_eq!(spec.check(), Ok(928 + 288 + 144 + 136 + 32 + 90));
	let mut uneven = spec.clone();
	if let Architecture::Transformer { heads, .. } = &mut uneven.architecture {
		*heads = 3;
	}
	assert_eq!(uneven.check(), Err(SpecError::HeadsDoNotDivideWidth));
	assert_eq!(ModelSpec { input: digits_image(), ..spec }.check(), Err(SpecError::InputMismatch));
}

#[test]
fn each_invalid_spec_has_its_error() {
	let cases = [
		(ModelSpec { outputs: 0, ..mlp(vec![32]) }, SpecError::DimensionOutOfRange),
		(mlp(vec![MAX_SPEC_DIMENSION + 1]), SpecError::DimensionOutOfRange),
		(ModelSpec { outputs: 1, ..mlp(vec![32]) }, SpecError::TooFewClasses),
		(ModelSpec { output_scale: 0, ..mlp(vec![32]) }, SpecError::OutputScaleOutOfRange),
		(
			ModelSpec { output_scale: MAX_OUTPUT_SCALE + 1, ..mlp(vec![32]) },
			SpecError::OutputScaleOutOfRange,
		),
		(
			ModelSpec { input: InputShape::Tokens { context: 4 }, ..mlp(vec![32]) },
			SpecError::InputMismatch,
		),
		(
			ModelSpec { input: InputShape::Features { features: 64 }, ..cnn(vec![]) },
			SpecError::InputMismatch,
		),
		(cnn(vec![]), SpecError::LayerCount),
		(cnn(vec![ConvLayer { channels: 8, kernel: 9, pool: 1 }]), SpecError::KernelTooLarge),
		(cnn(vec![ConvLayer { channels: 8, kernel: 3, pool: 7 }]), SpecError::KernelTooLarge),
		(cnn(vec![ConvLayer { channels: 8, kernel: 3, pool: 0 }]), SpecError::DimensionOutOfRange),
		(mlp(vec![MAX_SPEC_DIMENSION, MAX_SPEC_DIMENSION]), SpecError::TooManyParameters),
	];
	for (spec, error) in cases {
		assert_eq!(spec.check(), Err(error), "{spec:?}");
		assert!(!spec.is_well_formed());
	}
	let mut dropout = mlp(vec![32]);
	if let Architecture::Mlp { dropout, .. } = &mut dropout.architecture {
		*dropout = Permill::one();
	}
	assert_eq!(dropout.check(), Err(SpecError::DropoutTooHigh));
}

#[test]
fn a_regression_may_have_one_output() {
	let spec = ModelSpec { outputs: 1, task: Task::Regression, ..mlp(vec![4]) };
	assert_eq!(spec.check(), Ok((64 + 1) * 4 + (4 + 1)));
}
