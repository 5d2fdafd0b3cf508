//! Backends other than the flex reference. With the `wgpu` feature, a model trained on flex
//! runs on wgpu (here Mesa's lavapipe, a CPU Vulkan driver, which scripts/setup installs) and
//! its canonical outputs agree with flex's within the tolerance the chain would apply.
//! Without a feature, asking for its backend is a typed error.

#![allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	reason = "a test that cannot unwrap or index must fail"
)]

#[cfg(feature = "wgpu")]
mod common;

use lineage_ml::{backend::Backend, EngineError};

#[test]
fn backends_this_build_lacks_are_refused() {
	for backend in Backend::ALL {
		assert_eq!(Backend::from_name(backend.name()), Some(backend));
		if !backend.is_built() {
			assert!(
				matches!(backend.device(), Err(EngineError::BackendNotBuilt(name)) if name == backend.name())
			);
		}
	}
	assert!(Backend::Flex.is_built());
	assert_eq!(Backend::from_name("tpu"), None);
}

#[cfg(feature = "wgpu")]
#[test]
fn wgpu_outputs_agree_with_flex_within_the_tolerance() {
	use common::*;
	use lineage_ml::{
		inference::{agree, max_deviation, Inference},
		training,
	};

	let data = digits();
	let inputs = &data.inputs()[..64 * 256];
	for name in ["digits-mlp", "digits-cnn"] {
		let spec = spec(name);
		let trained =
			training::train(&spec, &digits_named(), &quick_settings(3), &mut |_| {}).unwrap();
		let flex = Inference::load(&spec, &trained.weights).unwrap().run(inputs).unwrap();
		let device = Backend::Wgpu.device().unwrap();
		let wgpu =
			Inference::load_on(&device, &spec, &trained.weights).unwrap().run(inputs).unwrap();
		// One thousandth of an output unit.
		let tolerance = spec.output_scale / 1000;
		let worst = flex.iter().zip(&wgpu).filter_map(|(a, b)| max_deviation(a, b)).max().unwrap();
		println!(
			"{name}: largest wgpu/flex difference {worst} (scale {}, tolerance {tolerance})",
			spec.output_scale
		);
		assert_eq!(flex.len(), wgpu.len());
		assert!(flex.iter().zip(&wgpu).all(|(a, b)| agree(a, b, tolerance)), "{name}: {worst}");
	}
}
