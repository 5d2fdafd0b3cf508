//! Model outputs as the chain sees them: fixed-point `i32` vectors (a model's output `y` is
//! published as `round(y · output_scale)`, see `ModelSpec::output_scale`), and the tolerance
//! rule by which two workers' results agree. Floating point never reaches the runtime; GPU
//! reductions are not bitwise stable, so results are compared within a tolerance rather than
//! for equality.

/// The largest absolute difference between matching elements of `a` and `b`, or `None` when
/// their lengths differ.
pub fn max_deviation(a: &[i32], b: &[i32]) -> Option<u32> {
	if a.len() != b.len() {
		return None;
	}
	Some(a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0))
}

/// Whether `a` and `b` have the same length and every pair of elements differs by at most
/// `tolerance` units of the output scale.
pub fn agree(a: &[i32], b: &[i32], tolerance: u32) -> bool {
	max_deviation(a, b).is_some_and(|deviation| deviation <= tolerance)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn agreement_is_elementwise_within_tolerance() {
		assert!(agree(&[], &[], 0));
		assert!(agree(&[5, -3], &[5, -3], 0));
		assert!(agree(&[5, -3], &[7, -4], 2));
		assert!(!agree(&[5, -3], &[8, -3], 2));
		assert!(!agree(&[5], &[5, 5], 100));
		assert_eq!(max_deviation(&[i32::MIN], &[i32::MAX]), Some(u32::MAX));
	}
}
