//! Attribution: how much each dataset contributed to a model, as the chain records it.
//!
//! For every dataset the model is trained again without it, same seed, same settings, same
//! held-out samples (drawn from all datasets), and the held-out metric is compared with the
//! full model's: the difference is the dataset's leave-one-dataset-out influence. With a
//! single dataset, "without it" is the untrained model. The weights recorded on chain are the
//! positive influences normalised to sum to one, or the sample shares when no dataset helped.
//! Every step is deterministic, so two workers measuring the same run report the same weights.

use lineage_primitives::models::ModelSpec;

use super::{fit, prepare, DatasetAttribution, NamedDataset, TrainSettings};
use crate::{error::EngineError, inference::Inference};

/// One billion: `Perbill`'s whole.
const BILLION: u64 = 1_000_000_000;

/// Measures each dataset's attribution for a model trained on `datasets` with `settings`;
/// costs one training run per dataset plus one.
pub fn attribute(
	spec: &ModelSpec,
	datasets: &[NamedDataset],
	settings: &TrainSettings,
) -> Result<Vec<DatasetAttribution>, EngineError> {
	let device = crate::backend::Backend::Flex.device()?;
	let prepared = prepare(spec, datasets, settings)?;
	let held_out = prepared.data.select(&prepared.held_out);
	let metric_without = |excluded: Option<usize>| -> Result<_, EngineError> {
		let train: Vec<usize> = prepared
			.train
			.iter()
			.copied()
			.filter(|&sample| Some(prepared.origin.get(sample).copied().unwrap_or(0)) != excluded)
			.collect();
		let (network, _) = fit(spec, &prepared.data, &train, settings, &device, &mut |_| {})?;
		Inference::from_network(spec.clone(), network, device.clone()).evaluate(&held_out)
	};
	let full = metric_without(None)?;
	let trained = prepared.train.len().max(1) as f64;
	let mut shares = Vec::with_capacity(datasets.len());
	for (index, dataset) in datasets.iter().enumerate() {
		let samples = prepared
			.train
			.iter()
			.filter(|&&sample| prepared.origin.get(sample) == Some(&index))
			.count();
		let without = metric_without(Some(index))?;
		shares.push(DatasetAttribution {
			name: dataset.name.clone(),
			sample_share: samples as f64 / trained,
			influence: full.improvement_over(&without),
			weight_parts: 0,
		});
	}
	let positive: Vec<f64> = shares.iter().map(|share| share.influence.max(0.0)).collect();
	let basis = if positive.iter().any(|influence| *influence > 0.0) {
		positive
	} else {
		shares.iter().map(|share| share.sample_share).collect()
	};
	for (share, parts) in shares.iter_mut().zip(parts_per_billion(&basis)) {
		share.weight_parts = parts;
	}
	Ok(shares)
}

/// Splits one billion in proportion to `values` (non-negative, not all zero), largest
/// remainders first, ties to the earlier index, so the parts sum to exactly one billion.
pub fn parts_per_billion(values: &[f64]) -> Vec<u32> {
	let total: f64 = values.iter().sum();
	if values.is_empty() {
		return Vec::new();
	}
	if total.partial_cmp(&0.0) != Some(core::cmp::Ordering::Greater) {
		let mut even = vec![0; values.len()];
		if let Some(first) = even.first_mut() {
			*first = BILLION as u32;
		}
		return even;
	}
	let exact: Vec<f64> = values.iter().map(|v| v / total * BILLION as f64).collect();
	let mut parts: Vec<u64> = exact.iter().map(|v| v.floor() as u64).collect();
	let assigned: u64 = parts.iter().sum();
	let mut order: Vec<usize> = (0..values.len()).collect();
	order.sort_by(|&a, &b| {
		let remainder = |i: usize| exact.get(i).map_or(0.0, |v| v - v.floor());
		remainder(b).total_cmp(&remainder(a)).then(a.cmp(&b))
	});
	for index in order.iter().cycle().take(BILLION.saturating_sub(assigned) as usize) {
		if let Some(part) = parts.get_mut(*index) {
			*part = part.saturating_add(1);
		}
	}
	// Float rounding can leave the floors a few parts over one billion: take them back from
	// the smallest remainders among the non-zero parts.
	let mut excess = assigned.saturating_sub(BILLION);
	for index in order.iter().rev().cycle().take(values.len().saturating_mul(2)) {
		if excess == 0 {
			break;
		}
		if let Some(part) = parts.get_mut(*index).filter(|part| **part > 0) {
			*part -= 1;
			excess -= 1;
		}
	}
	parts.into_iter().map(|part| u32::try_from(part).unwrap_or(u32::MAX)).collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parts_sum_to_one_billion() {
		assert_eq!(
			parts_per_billion(&[1.0, 1.0, 1.0]),
			vec![333_333_334, 333_333_333, 333_333_333]
		);
		assert_eq!(parts_per_billion(&[0.0, 2.0]), vec![0, 1_000_000_000]);
		assert_eq!(parts_per_billion(&[0.0, 0.0]), vec![1_000_000_000, 0]);
		let parts = parts_per_billion(&[0.1, 0.7, 0.123, 5.0]);
		assert_eq!(parts.iter().map(|p| u64::from(*p)).sum::<u64>(), BILLION);
	}
}
