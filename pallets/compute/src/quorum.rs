//! Quorum: which revealed results, if any, a job accepts.
//!
//! Inference results are fixed-point vectors compared within a tolerance
//! (`lineage_primitives::outputs::agree`). Training outcomes agree when their attribution
//! weights are equal (the engine measures attribution on its deterministic CPU backend,
//! whatever trained the model), their metrics are within the tolerance, and, when both were
//! trained on the reference CPU backend, which is bitwise deterministic, their weights hashes
//! are equal; GPU-trained weights differ in their last bits, so those agree by metric.
//!
//! Agreement within a tolerance is not transitive: `a` may agree with `b` and `b` with `c` while `a` and `c` are too far apart.
//! So the accepted result is one of the revealed results, the one agreeing with the most
//! others (the earliest drawn wins a tie), and the workers agreeing are exactly those within
//! tolerance of it. It is accepted when they are a majority of the workers drawn, revealed or
//! not, so a job with silent workers needs the same agreement as one without.

use alloc::vec::Vec;
use lineage_primitives::{compute::Backends, outputs::agree};

use crate::{Config, Output, Reveal};

/// The result a job accepts and who agreed with it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Quorum {
	/// Index of the accepted output among the revealed ones.
	pub accepted: usize,
	/// For each revealed output, whether it agrees with the accepted one.
	pub agreeing: Vec<bool>,
}

/// Why no result was accepted.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct NoQuorum {
	/// Most outputs agreeing with one of them, itself included.
	pub largest_agreement: u32,
}

/// Agreeing results needed among `drawn` workers: a strict majority.
pub(crate) fn majority(drawn: usize) -> usize {
	(drawn / 2).saturating_add(1)
}

/// Whether two revealed results agree, `tolerance` being the job's.
pub(crate) fn reveals_agree<T: Config>(a: &Reveal<T>, b: &Reveal<T>, tolerance: u32) -> bool {
	match (&a.output, &b.output) {
		(Output::Inference(x), Output::Inference(y)) => agree(x, y, tolerance),
		(Output::Training(x), Output::Training(y)) => {
			let reference =
				a.attestation.backend == Backends::CPU && b.attestation.backend == Backends::CPU;
			x.attribution == y.attribution
				&& x.metric.abs_diff(y.metric) <= u64::from(tolerance)
				&& (!reference || x.weights_hash == y.weights_hash)
		},
		_ => false,
	}
}

/// The output among `outputs` that agrees with the most of them, if at least `needed` do.
/// `O(outputs²)` comparisons, with outputs bounded by the replication factor.
pub(crate) fn find<O>(
	outputs: &[O],
	needed: usize,
	agree: impl Fn(&O, &O) -> bool,
) -> Result<Quorum, NoQuorum> {
	let agreeing_with = |reference: &O| -> Vec<bool> {
		outputs.iter().map(|output| agree(reference, output)).collect()
	};
	let mut best: Option<(usize, Vec<bool>, usize)> = None;
	for (index, output) in outputs.iter().enumerate() {
		let agreeing = agreeing_with(output);
		let count = agreeing.iter().filter(|agrees| **agrees).count();
		if best.as_ref().is_none_or(|(_, _, most)| count > *most) {
			best = Some((index, agreeing, count));
		}
	}
	match best {
		Some((accepted, agreeing, count)) if count >= needed && needed > 0 => {
			Ok(Quorum { accepted, agreeing })
		},
		best => Err(NoQuorum {
			largest_agreement: best
				.map_or(0, |(_, _, count)| u32::try_from(count).unwrap_or(u32::MAX)),
		}),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec;

	fn within(tolerance: u32) -> impl Fn(&&[i32], &&[i32]) -> bool {
		move |a, b| agree(a, b, tolerance)
	}

	#[test]
	fn a_majority_within_tolerance_is_accepted_and_the_outlier_named() {
		let outputs: [&[i32]; 3] = [&[100, -5], &[500, 0], &[103, -5]];
		assert_eq!(
			find(&outputs, majority(3), within(3)),
			Ok(Quorum { accepted: 0, agreeing: vec![true, false, true] })
		);
		// Tighter than the difference: nobody agrees with anybody else.
		assert_eq!(find(&outputs, majority(3), within(2)), Err(NoQuorum { largest_agreement: 1 }));
	}

	#[test]
	fn the_majority_counts_silent_workers() {
		// Two of four drawn workers agree: not a majority of four.
		let outputs: [&[i32]; 2] = [&[1], &[1]];
		assert_eq!(find(&outputs, majority(4), within(0)), Err(NoQuorum { largest_agreement: 2 }));
		assert!(find(&outputs, majority(3), within(0)).is_ok());
		assert_eq!(
			find::<&[i32]>(&[], majority(3), within(0)),
			Err(NoQuorum { largest_agreement: 0 })
		);
	}

	#[test]
	fn the_result_agreeing_with_most_is_accepted_even_if_revealed_later() {
		// 0 agrees with 1 only; 1 agrees with 0 and 2; 2 agrees with 1 only (not transitive).
		let outputs: [&[i32]; 3] = [&[0], &[10], &[20]];
		assert_eq!(
			find(&outputs, majority(3), within(10)),
			Ok(Quorum { accepted: 1, agreeing: vec![true, true, true] })
		);
		// Outputs of another length never agree.
		let outputs: [&[i32]; 3] = [&[0], &[0, 0], &[0]];
		assert_eq!(
			find(&outputs, majority(3), within(0)),
			Ok(Quorum { accepted: 0, agreeing: vec![true, false, true] })
		);
	}
}
