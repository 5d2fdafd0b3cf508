//! Canonical outputs: a model's `f32` outputs as the fixed-point `i32` values the chain
//! compares (`round(y · output_scale)`, halves away from zero). NaN, infinities and values
//! whose scaled form does not fit an `i32` are refused, never clamped, so a broken model
//! cannot pass for a working one.

use alloc::vec::Vec;

use crate::error::EngineError;

/// `round(value · scale)` as an `i32`, or `None` if `value` is not finite or too large.
pub fn to_fixed(value: f32, scale: u32) -> Option<i32> {
	if !value.is_finite() {
		return None;
	}
	// In f64 every f32 times every u32 scale is exact, so rounding happens once.
	let scaled = libm::round(f64::from(value) * f64::from(scale));
	if scaled < f64::from(i32::MIN) || scaled > f64::from(i32::MAX) {
		return None;
	}
	Some(scaled as i32)
}

/// The fixed-point value back as a float, for display.
pub fn from_fixed(value: i32, scale: u32) -> f64 {
	f64::from(value) / f64::from(scale.max(1))
}

/// Canonicalises a batch of `rows` output vectors of `width` values each.
pub fn canonicalise(
	outputs: &[f32],
	width: usize,
	scale: u32,
) -> Result<Vec<Vec<i32>>, EngineError> {
	outputs
		.chunks(width.max(1))
		.enumerate()
		.map(|(index, row)| {
			row.iter()
				.map(|value| to_fixed(*value, scale))
				.collect::<Option<Vec<i32>>>()
				.ok_or(EngineError::NonFiniteOutput { index })
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn rounds_half_away_from_zero_and_refuses_what_does_not_fit() {
		assert_eq!(to_fixed(1.5, 1), Some(2));
		assert_eq!(to_fixed(-1.5, 1), Some(-2));
		assert_eq!(to_fixed(0.25, 1 << 16), Some(16_384));
		assert_eq!(to_fixed(-0.000_01, 1 << 16), Some(-1));
		assert_eq!(to_fixed(f32::NAN, 1), None);
		assert_eq!(to_fixed(f32::INFINITY, 1), None);
		assert_eq!(to_fixed(-f32::INFINITY, 1), None);
		assert_eq!(to_fixed(128.0, 1 << 24), None);
		assert_eq!(to_fixed(127.0, 1 << 24), Some(127 << 24));
		assert_eq!(from_fixed(16_384, 1 << 16), 0.25);
	}

	#[test]
	fn a_batch_with_one_bad_value_is_refused_with_its_row() {
		let ok = canonicalise(&[0.5, -0.5, 1.0, 2.0], 2, 10).unwrap();
		assert_eq!(ok, vec![vec![5, -5], vec![10, 20]]);
		let bad = canonicalise(&[0.5, -0.5, 1.0, f32::NAN], 2, 10);
		assert!(matches!(bad, Err(EngineError::NonFiniteOutput { index: 1 })));
	}
}
