//! The engine's own random numbers: SplitMix64, seeded from the training seed. burn's backend
//! RNG is process-global (two trainings in one process would interleave its draws), so the
//! engine never uses it: initial weights, dropout masks and sample order all come from here,
//! which makes a run depend on its seed alone.

/// A SplitMix64 stream (Steele, Lea and Flood, 2014): tiny, and identical on every platform.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
	state: u64,
}

impl SplitMix64 {
	/// The stream for `seed`.
	pub fn new(seed: u64) -> Self {
		Self { state: seed }
	}

	/// A stream derived from this seed for one purpose (`stream`), independent of the others.
	pub fn derive(seed: u64, stream: u64) -> Self {
		let mut mixer = Self::new(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
		Self::new(mixer.next_u64())
	}

	/// The next 64 random bits.
	pub fn next_u64(&mut self) -> u64 {
		self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.state;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}

	/// Uniform in `[0, 1)` with 24 random bits, exactly representable in `f32`.
	pub fn next_unit(&mut self) -> f32 {
		(self.next_u64() >> 40) as f32 / (1u32 << 24) as f32
	}

	/// Uniform in `[-bound, bound)`.
	pub fn next_symmetric(&mut self, bound: f32) -> f32 {
		(self.next_unit() * 2.0 - 1.0) * bound
	}

	/// Uniform in `0..n` (`n > 0`), without modulo bias worth caring about for `n < 2^32`.
	pub fn next_below(&mut self, n: usize) -> usize {
		let wide = u128::from(self.next_u64()).wrapping_mul(n as u128);
		(wide >> 64) as usize
	}

	/// Shuffles `items` in place (Fisher–Yates).
	pub fn shuffle<T>(&mut self, items: &mut [T]) {
		for last in (1..items.len()).rev() {
			let other = self.next_below(last.saturating_add(1));
			items.swap(last, other);
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_stream_is_fixed_by_the_seed() {
		// Reference values of SplitMix64 for seed 0.
		let mut rng = SplitMix64::new(0);
		assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
		assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
		let mut a = SplitMix64::derive(7, 1);
		let mut b = SplitMix64::derive(7, 2);
		assert_ne!(a.next_u64(), b.next_u64());
	}

	#[test]
	fn shuffles_are_permutations_and_units_stay_in_range() {
		let mut rng = SplitMix64::new(42);
		let mut items: Vec<usize> = (0..100).collect();
		rng.shuffle(&mut items);
		let mut sorted = items.clone();
		sorted.sort_unstable();
		assert_eq!(sorted, (0..100).collect::<Vec<_>>());
		assert_ne!(items, sorted);
		for _ in 0..1000 {
			let u = rng.next_unit();
			assert!((0.0..1.0).contains(&u));
			assert!(rng.next_below(3) < 3);
		}
	}
}
