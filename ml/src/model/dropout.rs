//! Dropout with masks from the engine's seeded stream instead of burn's global RNG, so a
//! training run's dropout is decided by its seed alone.

use alloc::vec::Vec;
use burn::prelude::*;

use crate::rng::SplitMix64;

/// Draws dropout masks for one training run.
#[derive(Clone, Debug)]
pub struct DropoutMask {
	rng: SplitMix64,
}

impl DropoutMask {
	/// Masks drawn from `rng`.
	pub fn new(rng: SplitMix64) -> Self {
		Self { rng }
	}

	/// Zeroes each element of `x` with probability `probability` and scales the rest by
	/// `1 / (1 - probability)`, so the expected activation is unchanged (inverted dropout).
	pub fn apply<const D: usize>(&mut self, x: Tensor<D>, probability: f32) -> Tensor<D> {
		if probability <= 0.0 {
			return x;
		}
		let shape = x.shape();
		let keep = 1.0 - probability;
		let scale = 1.0 / keep;
		let values: Vec<f32> = (0..shape.num_elements())
			.map(|_| if self.rng.next_unit() < keep { scale } else { 0.0 })
			.collect();
		let mask = Tensor::<D>::from_data(TensorData::new(values, shape), &x.device());
		x * mask
	}
}
