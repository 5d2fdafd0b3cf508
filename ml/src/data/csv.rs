//! CSV datasets: one sample per line, comma-separated numbers, the features first and the
//! targets last (one class label, or the regression targets). A first line that is not all
//! numbers is taken as a header and skipped; blank lines are skipped. This is the layout of
//! scikit-learn's `digits.csv`, shipped in `ml/data/`.

use std::io::BufRead;

use super::{Dataset, Targets};
use crate::error::DataError;

/// Reads a CSV dataset with `features` values and `targets` per sample.
pub fn read(reader: impl BufRead, features: usize, targets: Targets) -> Result<Dataset, DataError> {
	let mut dataset = Dataset::new(features, targets)?;
	let width = features.saturating_add(targets.width());
	let mut row: Vec<f32> = Vec::with_capacity(width);
	for (index, line) in reader.lines().enumerate() {
		let line = line.map_err(|error| DataError::Io(error.to_string()))?;
		let line_number = index.saturating_add(1);
		let line = line.trim();
		if line.is_empty() {
			continue;
		}
		row.clear();
		let parsed: Result<(), ()> = line.split(',').try_for_each(|field| {
			row.push(field.trim().parse::<f32>().map_err(|_| ())?);
			Ok(())
		});
		if parsed.is_err() {
			if index == 0 {
				continue;
			}
			return Err(DataError::Parse { line: line_number, text: truncated(line) });
		}
		if row.len() != width {
			return Err(DataError::WrongWidth {
				sample: dataset.len(),
				expected: width,
				found: row.len(),
			});
		}
		let (inputs, outputs) = row.split_at(features);
		dataset.push(inputs, outputs)?;
	}
	if dataset.is_empty() {
		return Err(DataError::NoSamples);
	}
	Ok(dataset)
}

/// Writes `dataset` in the layout [`read`] takes, with no header.
pub fn write(dataset: &Dataset, mut writer: impl std::io::Write) -> Result<(), DataError> {
	for index in 0..dataset.len() {
		let Some((inputs, outputs)) = dataset.sample(index) else { break };
		let fields: Vec<String> = inputs.iter().chain(outputs).map(|v| v.to_string()).collect();
		writeln!(writer, "{}", fields.join(","))
			.map_err(|error| DataError::Io(error.to_string()))?;
	}
	Ok(())
}

fn truncated(line: &str) -> String {
	line.chars().take(60).collect()
}
