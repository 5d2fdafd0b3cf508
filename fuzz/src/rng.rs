//! The fuzzer's only source of randomness: SplitMix64, seeded, so a seed replays a run
//! exactly (no thread or clock feeds into it); or a coverage-guided engine's input bytes,
//! so that the engine steers every choice the generators make.

/// A seeded pseudo-random generator (SplitMix64: tiny, fast, and good enough to explore),
/// optionally drawing from given bytes first.
#[derive(Clone, Debug)]
pub struct Rng {
	state: u64,
	input: Vec<u8>,
	read: usize,
}

impl Rng {
	/// A generator that replays the same sequence for the same `seed`.
	pub fn new(seed: u64) -> Self {
		Self { state: seed, input: Vec::new(), read: 0 }
	}

	/// A generator whose numbers are `input`, 8 bytes at a time (little-endian, the last
	/// word zero-padded), then SplitMix64 seeded by the input's length: a libFuzzer input is
	/// the run, byte for byte, and mutating a byte changes one choice.
	pub fn from_input(input: &[u8]) -> Self {
		Self { state: input.len() as u64, input: input.to_vec(), read: 0 }
	}

	/// Whether a generator from input still has input bytes to draw.
	pub fn has_input(&self) -> bool {
		self.read < self.input.len()
	}

	/// The next 64 random bits.
	pub fn next_u64(&mut self) -> u64 {
		if let Some(rest) = self.input.get(self.read..).filter(|rest| !rest.is_empty()) {
			let mut word = [0u8; 8];
			let taken = rest.len().min(8);
			for (to, from) in word.iter_mut().zip(rest) {
				*to = *from;
			}
			self.read = self.read.saturating_add(taken);
			return u64::from_le_bytes(word);
		}
		self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.state;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}

	/// A number in `0..bound` (0 when `bound` is 0).
	pub fn below(&mut self, bound: u64) -> u64 {
		self.next_u64().checked_rem(bound).unwrap_or(0)
	}

	/// An index into a collection of `len` items (0 when empty).
	pub fn index(&mut self, len: usize) -> usize {
		// usize fits in u64 on every target this runs on; the remainder is below `len`.
		usize::try_from(self.below(len as u64)).unwrap_or(0)
	}

	/// True with probability `percent`/100.
	pub fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}

	/// One of `items`, or `None` when there are none.
	pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
		items.get(self.index(items.len()))
	}

	/// 32 random bytes.
	pub fn bytes32(&mut self) -> [u8; 32] {
		let mut out = [0u8; 32];
		for chunk in out.chunks_mut(8) {
			chunk.copy_from_slice(&self.next_u64().to_le_bytes());
		}
		out
	}
}

#[cfg(test)]
mod tests {
	use super::Rng;

	#[test]
	fn a_seed_replays_its_sequence_and_another_seed_does_not() {
		let run = |seed| (0..8).map(|_| Rng::new(seed).next_u64()).collect::<Vec<_>>();
		assert_eq!(run(7), run(7));
		let mut a = Rng::new(7);
		let mut b = Rng::new(8);
		assert_ne!(a.next_u64(), b.next_u64());
	}

	#[test]
	fn input_bytes_are_drawn_first_then_the_generator_continues() {
		let mut rng = Rng::from_input(&[1, 0, 0, 0, 0, 0, 0, 0, 2, 3]);
		assert_eq!(rng.next_u64(), 1);
		assert!(rng.has_input());
		assert_eq!(rng.next_u64(), 0x0302);
		assert!(!rng.has_input());
		let after = rng.next_u64();
		let mut seeded = Rng::new(10);
		assert_eq!(after, seeded.next_u64());
	}

	#[test]
	fn below_stays_in_range() {
		let mut rng = Rng::new(1);
		assert!((0..1000).all(|_| rng.below(10) < 10));
		assert_eq!(rng.below(0), 0);
	}
}
